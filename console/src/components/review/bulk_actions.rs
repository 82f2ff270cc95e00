//! Approve or reject the reports ticked in the list, in one go; what became of each is said
//! beside the buttons (and to screen readers), naming any report that could not be changed.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::api::ErrorCode;
use tryggve_core::bulk_review::{BulkAction, BulkOutcome, BulkReview};
use tryggve_core::i18n::I18n;
use tryggve_core::moderation::RejectionReason;

use crate::api;

#[component]
pub fn BulkActions(
    tenant: String,
    csrf: String,
    checked: RwSignal<BTreeSet<String>>,
    /// Asks for the list again after an action: under its filter the changed reports may leave
    /// it (a queue of unreviewed reports empties), and a refused one shows what it is now.
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let reason = RwSignal::new(RejectionReason::OffTopic.id().to_string());
    let message = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let session = StoredValue::new((tenant, csrf));
    let count = Memo::new(move |_| checked.with(BTreeSet::len));

    let run = move |action: BulkAction| {
        let case_numbers: Vec<String> = checked.get_untracked().into_iter().collect();
        if case_numbers.is_empty() {
            message.set(i18n.t("console-bulk-none"));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let (tenant, csrf) = session.get_value();
            let bulk = BulkReview { case_numbers, action };
            match api::act_on_many(&tenant, &csrf, &bulk).await {
                Ok(outcome) => {
                    message.set(said(&outcome, action, i18n));
                    // What was done leaves the selection; what was refused stays ticked.
                    checked
                        .update(|c| c.retain(|case| outcome.refused.iter().any(|r| &r.case_number == case)));
                    reload.try_run(());
                }
                Err(e) => message.set(i18n.t(&e.message_key())),
            }
            busy.set(false);
        });
    };
    let approve = move |_| run(BulkAction::Approve);
    let reject = move |_| {
        if let Some(reason) = RejectionReason::from_id(&reason.get_untracked()) {
            run(BulkAction::Reject { reason });
        }
    };

    view! {
        <div class="bulk" role="group" aria-labelledby="bulk-count">
            <div class="bulk-part">
                <p id="bulk-count" class="bulk-count">{move || i18n.t_count("console-bulk-selected", count.get() as u64, &[])}</p>
                <button type="button" on:click=approve disabled=move || busy.get() || count.get() == 0>{i18n.t("console-bulk-approve")}</button>
            </div>
            <div class="bulk-part">
                <label for="bulk-reason">{i18n.t("console-bulk-reason")}</label>
                <select id="bulk-reason" prop:value=move || reason.get() on:change=move |ev| reason.set(event_target_value(&ev))>
                    {RejectionReason::ALL.map(|r| view! { <option value=r.id()>{i18n.t(&r.label_key())}</option> }).collect_view()}
                </select>
                <button type="button" on:click=reject disabled=move || busy.get() || count.get() == 0>{i18n.t("console-bulk-reject")}</button>
            </div>
            <p class="bulk-message" role="status" aria-live="polite">{move || message.get()}</p>
        </div>
    }
}

/// "3 reports approved." and, if any were left alone, which and why.
fn said(outcome: &BulkOutcome, action: BulkAction, i18n: I18n) -> String {
    let key = match action {
        BulkAction::Approve => "console-bulk-done-approve",
        BulkAction::Reject { .. } => "console-bulk-done-reject",
    };
    let mut text = i18n.t_count(key, outcome.done.len() as u64, &[]);
    for refusal in &outcome.refused {
        let why = i18n.t(&ErrorCode::from_id(&refusal.error).message_key("console-error"));
        text.push(' ');
        text.push_str(&i18n.t_with("console-bulk-refused", &[("case", &refusal.case_number), ("why", &why)]));
    }
    text
}
