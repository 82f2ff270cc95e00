use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;
use tryggve_core::note::{ReportNote, NOTE_MAX_CHARS};

use crate::api;

/// The staff's internal notes on a case, oldest first, and a field to add one. Never shown to
/// residents; said so beside the field.
#[component]
pub fn ReportNotes(case: String, session: SessionInfo) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let notes = RwSignal::new(Vec::<ReportNote>::new());
    let draft = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let (tenant, csrf, case) =
        (StoredValue::new(session.tenant), StoredValue::new(session.csrf_token), StoredValue::new(case));
    spawn_local(async move {
        match api::notes(&tenant.get_value(), &case.get_value()).await {
            Ok(list) => notes.set(list),
            Err(e) => message.set(i18n.t(&e.message_key())),
        }
    });
    let add = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        spawn_local(async move {
            match api::add_note(&tenant.get_value(), &case.get_value(), &csrf.get_value(), text).await {
                Ok(note) => {
                    notes.update(|n| n.push(note));
                    draft.set(String::new());
                    message.set(i18n.t("console-note-added"));
                }
                Err(e) => message.set(i18n.t(&e.message_key())),
            }
        });
    };
    view! {
        <section class="notes" aria-labelledby="notes-title">
            <h3 id="notes-title">{i18n.t("console-notes")}</h3>
            <p class="hint">{i18n.t("console-notes-hint")}</p>
            {move || {
                let list = notes.get();
                (!list.is_empty()).then(|| view! {
                    <ol class="note-list">
                        {list.into_iter().map(|note| view! {
                            <li>
                                <p class="note-meta">{format!("{} · {}", note.author, human(&note.at, &i18n))}</p>
                                <p class="note-text">{note.text}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                })
            }}
            <form on:submit=add>
                <label for="new-note">{i18n.t("console-note-label")}</label>
                <textarea id="new-note" rows="3" maxlength=NOTE_MAX_CHARS.to_string() prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                <button type="submit">{i18n.t("console-note-add")}</button>
                <p class="outcome" role="status">{move || message.get()}</p>
            </form>
        </section>
    }
}
