//! The municipality's dialogues: a list to open one, and (for moderators) a form for a new one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::dialogue::{DialogueDetails, PublicDialogue};
use tryggve_core::i18n::I18n;
use tryggve_core::local_time;
use tryggve_core::moderation::Permission;

use super::dialogue_form::DialogueForm;
use super::dialogue_page::DialoguePage;
use crate::api;
use crate::components::table_box::TableBox;

#[component]
pub fn DialoguesPage(session: SessionInfo) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let dialogues = RwSignal::new(Vec::<PublicDialogue>::new());
    let open = RwSignal::new(None::<i64>);
    let notice = RwSignal::new(String::new());
    let tenant = StoredValue::new(session.tenant.clone());
    let csrf = StoredValue::new(session.csrf_token.clone());
    let moderates = session.role.allows(Permission::ModerateDialogues);

    let reload = move || {
        spawn_local(async move {
            match api::dialogues(&tenant.get_value()).await {
                Ok(list) => dialogues.set(list),
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        })
    };
    reload();
    let on_create = Callback::new(move |details: DialogueDetails| {
        spawn_local(async move {
            match api::create_dialogue(&tenant.get_value(), &csrf.get_value(), &details).await {
                Ok(created) => {
                    notice.set(i18n.t_with("console-dialogue-created", &[("title", &created.details.title)]));
                    open.set(Some(created.id));
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        })
    });
    let on_back = Callback::new(move |()| {
        open.set(None);
        reload();
    });

    move || {
        match open.get() {
        Some(id) => view! { <DialoguePage session=session.clone() id on_back /> }.into_any(),
        None => view! {
            <h1>{i18n.t("console-dialogues-title")}</h1>
            <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            <TableBox label=i18n.t("console-dialogues-title")>
                <table class="reports">
                    <caption>{i18n.t("console-dialogues")}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("console-dialogue-title-field")}</th>
                        <th scope="col">{i18n.t("console-dialogue-starts")}</th>
                        <th scope="col">{i18n.t("console-dialogue-state")}</th>
                    </tr></thead>
                    <tbody>
                        {move || dialogues.get().into_iter().map(|d| view! {
                            <tr>
                                <th scope="row">
                                    <button type="button" class="link" on:click=move |_| open.set(Some(d.id))>{d.details.title.clone()}</button>
                                </th>
                                <td>{local_time::human_local(&d.details.starts_at, &i18n)}</td>
                                <td>{i18n.t(&format!("dialogue-state-{}", d.state.id()))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
            {moderates.then(|| view! {
                <DialogueForm heading=i18n.t("console-new-dialogue") submit=i18n.t("console-create-dialogue")
                    initial=DialogueDetails::default() on_submit=on_create />
            })}
        }.into_any(),
    }
    }
}
