use leptos::prelude::*;

/// A secret answered once (an integration's key, a webhook's secret): what it is for, the
/// secret itself, and what to do with it. It is never shown again after the page is left.
#[component]
pub fn ShownOnce(intro: String, secret: String, hint: String, code_class: &'static str) -> impl IntoView {
    view! {
        <div class="temporary-password" role="status">
            <p>{intro}</p>
            <p><code class=code_class>{secret}</code></p>
            <p class="hint">{hint}</p>
        </div>
    }
}
