//! A file the console downloads for the moderator (an export, the minutes). It is fetched with
//! the session's CSRF token, since every download is audited in the moderator's name and a
//! plain link could be followed from another page; a failure is said beside the button.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;

use crate::api;

#[component]
pub fn FileDownload(
    /// The file's address (with the current filters).
    #[prop(into)]
    href: Signal<String>,
    csrf: String,
    label: String,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let csrf = StoredValue::new(csrf);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let download = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(None);
        let url = href.get_untracked();
        spawn_local(async move {
            let outcome = api::download(&url, &csrf.get_value()).await;
            // The page may have been left meanwhile.
            _ = busy.try_set(false);
            if let Err(e) = outcome {
                _ = failed.try_set(Some(i18n.t(&e.message_key())));
            }
        });
    };
    view! {
        <button type="button" class=class aria-busy=move || busy.get().then_some("true") on:click=download>
            {label}
        </button>
        <span class="download-error" role="alert">{move || failed.get()}</span>
    }
}
