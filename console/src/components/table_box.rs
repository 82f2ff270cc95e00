//! A wide table's own scrolling box: on a narrow screen the table scrolls sideways within it,
//! never the page. The box is a named region that takes focus, so it scrolls by keyboard too.

use leptos::prelude::*;

#[component]
pub fn TableBox(label: String, children: Children) -> impl IntoView {
    view! { <div class="table-box" role="region" aria-label=label tabindex="0">{children()}</div> }
}
