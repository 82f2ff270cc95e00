//! `<tryggve-dialog>`: one dialogue, or the list of published dialogues to choose from; with
//! `view="presenter"`, one dialogue on the big screen in the room.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use tryggve_core::i18n::Locale;
use tryggve_core::TenantConfig;

use super::ask_form::AskFields;
use super::dialogue_list::DialogueList;
use super::dialogue_room::DialogueRoom;
use super::presenter_view::PresenterView;
use crate::api::Edge;
use crate::components::ConfiguredFrame;
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
    let chosen = RwSignal::new(dialogue);
    // The question being typed lives here, above the language: switching keeps it.
    let fields = AskFields::new();
    // Back to the list only when the page did not name a dialogue.
    let on_back = dialogue.is_none().then(|| Callback::new(move |()| chosen.set(None)));
    let content = UnsyncCallback::new({
        let (edge, tenant) = (edge.clone(), tenant.clone());
        move |c: TenantConfig| {
            let (edge, tenant) = (edge.clone(), tenant.clone());
            let rules = c.dialogue_rules.clone();
            let site_key = c.turnstile_site_key.clone();
            (move || match chosen.get() {
                Some(id) if presenter => view! { <PresenterView edge=edge.clone() tenant=tenant.clone() id /> }.into_any(),
                None => view! { <DialogueList edge=edge.clone() tenant=tenant.clone() chosen /> }.into_any(),
                Some(id) => view! {
                    <DialogueRoom edge=edge.clone() tenant=tenant.clone() id rules=rules.clone() site_key=site_key.clone() fields on_back />
                }
                .into_any(),
            })
            .into_any()
        }
    });
    // The big screen has nobody at a keyboard to switch languages.
    view! { <ConfiguredFrame edge tenant locale theme class="dialogue" switcher=!presenter content /> }
}
