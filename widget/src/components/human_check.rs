//! The human check's box (Cloudflare Turnstile), shown only when the municipality asks for it.
//! The token it yields goes with the submission; clearing the token starts the check over.

use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use tryggve_core::i18n::I18n;

use crate::turnstile;

#[component]
pub fn HumanCheck(
    site_key: String,
    token: RwSignal<Option<String>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    let widget = RwSignal::new(None::<SendWrapper<wasm_bindgen::JsValue>>);
    container.on_load(move |div| {
        spawn_local(async move {
            let on_token = move |t: Option<String>| token.set(t);
            if let Ok(id) = turnstile::render(&div, &site_key, i18n.locale.tag(), on_token).await {
                widget.set(Some(SendWrapper::new(id)));
            }
        });
    });
    // A used or refused token is gone: the box asks again.
    Effect::new(move |_| {
        if token.get().is_none() {
            widget.with_untracked(|w| {
                if let Some(w) = w {
                    turnstile::reset(w)
                }
            });
        }
    });
    view! {
        <div class="field human-check">
            <p class="label" id="human-check-label">{i18n.t("human-check-label")}</p>
            <div id="human-token" tabindex="-1" node_ref=container aria-labelledby="human-check-label"
                aria-describedby="human-check-error"></div>
            <p class="field-error" id="human-check-error">{move || error.get()}</p>
        </div>
    }
}
