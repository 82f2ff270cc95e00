//! Whether the page is following a dialogue or a walk live, said in words (and to screen
//! readers).

use leptos::prelude::*;
use tryggve_core::i18n::I18n;

use crate::live::Connection;

#[component]
pub fn ConnectionStatus(
    connection: RwSignal<Connection>,
    /// What following live means here (`dialogue-connected`, `walk-connected`).
    live_key: &'static str,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let class = move || match connection.get() {
        Connection::Live => "connection live",
        _ => "connection waiting",
    };
    view! {
        <p class=class role="status" aria-live="polite">
            <span class="dot" aria-hidden="true"></span>
            {move || connection.get().message(&i18n, live_key)}
        </p>
    }
}
