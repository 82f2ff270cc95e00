//! `<tryggve-dialog>`: loads the tenant's configuration, then shows one dialogue, or the list
//! of published dialogues to choose from; with `view="presenter"`, one dialogue on the big
//! screen in the room.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::TenantConfig;

use super::ask_form::AskFields;
use super::dialogue_list::DialogueList;
use super::dialogue_room::DialogueRoom;
use super::presenter_view::PresenterView;
use crate::api::Edge;
use crate::components::LanguageSwitcher;
use crate::embed::ThemeTarget;

#[component]
pub fn DialogueWidget(
    edge: Edge,
    tenant: String,
    dialogue: Option<i64>,
    presenter: bool,
    locale: RwSignal<Locale>,
    theme: ThemeTarget,
) -> impl IntoView {
    // None while loading; Some(None) if it failed.
    let config = RwSignal::new(None::<Option<TenantConfig>>);
    let chosen = RwSignal::new(dialogue);
    // The question being typed lives here, above the language: switching keeps it.
    let fields = AskFields::new();
    spawn_local({
        let (edge, tenant) = (edge.clone(), tenant.clone());
        async move {
            let loaded = edge.tenant_config(&tenant).await.ok();
            if let Some(c) = &loaded {
                theme.apply(&c.theme);
            }
            config.set(Some(loaded))
        }
    });
    // Back to the list only when the page did not name a dialogue.
    let on_back = dialogue.is_none().then(|| Callback::new(move |()| chosen.set(None)));

    move || {
        let i18n = I18n::new(locale.get());
        provide_context(i18n);
        let (edge, tenant) = (edge.clone(), tenant.clone());
        view! {
            <section class="dialogue" lang=i18n.locale.tag() dir=if i18n.locale.is_rtl() { "rtl" } else { "ltr" }>
                {move || match config.get() {
                    None => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
                    Some(None) => view! { <p role="alert">{i18n.t("config-failed")}</p> }.into_any(),
                    Some(Some(c)) => {
                        let (edge, tenant) = (edge.clone(), tenant.clone());
                        // The big screen has nobody at a keyboard to switch languages.
                        let switcher = (c.languages.len() > 1 && !presenter)
                            .then(|| view! { <LanguageSwitcher locale offered=c.languages.clone() /> });
                        let rules = c.dialogue_rules.clone();
                        let site_key = c.turnstile_site_key.clone();
                        view! {
                            {switcher}
                            {move || match chosen.get() {
                                Some(id) if presenter => view! { <PresenterView edge=edge.clone() tenant=tenant.clone() id /> }.into_any(),
                                None => view! { <DialogueList edge=edge.clone() tenant=tenant.clone() chosen /> }.into_any(),
                                Some(id) => view! {
                                    <DialogueRoom edge=edge.clone() tenant=tenant.clone() id rules=rules.clone() site_key=site_key.clone() fields on_back />
                                }.into_any(),
                            }}
                        }.into_any()
                    }
                }}
            </section>
        }
    }
}
