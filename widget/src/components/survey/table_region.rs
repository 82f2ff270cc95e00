//! A table that may be wider than a phone: it scrolls sideways inside a region of its own (which
//! the keyboard can reach and scroll), with its caption above the region so that the caption
//! stays readable while the table scrolls.

use leptos::prelude::*;

#[component]
pub fn TableRegion(
    /// The caption's id, unique in the element: it names both the region and the table.
    id: &'static str,
    #[prop(into)] caption: Signal<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <p class="table-caption" id=id>{move || caption.get()}</p>
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby=id>
            <table class="survey-table" aria-labelledby=id>{children()}</table>
        </div>
    }
}
