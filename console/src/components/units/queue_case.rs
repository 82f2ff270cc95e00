use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::review::ModeratedReport;
use tryggve_core::TenantConfig;

use crate::api;
use crate::components::review::{ActionOutcome, ReportDetail};
use crate::focus::focus_by_id;

/// A case a unit's member opened from their queue (they have no review to open it in): read on
/// its own and shown beneath the queue, with what they may do with it. `on_changed` is told
/// after each change, for the queue to be read again (a fixed case leaves it).
#[component]
pub fn QueueCase(
    session: SessionInfo,
    case: String,
    config: TenantConfig,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let report = RwSignal::new(None::<ModeratedReport>);
    let failed = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(None::<ActionOutcome>);
    {
        let (tenant, case) = (session.tenant.clone(), case.clone());
        spawn_local(async move {
            let answer = api::report(&tenant, &case).await;
            if report.is_disposed() {
                return;
            }
            match answer {
                Ok(r) => {
                    report.set(Some(r));
                    // The case is drawn beneath the queue: a keyboard user reads on there.
                    request_animation_frame(|| _ = focus_by_id("detail-title"));
                }
                Err(e) => failed.set(Some(i18n.t(&e.message_key()))),
            }
        });
    }
    let changed = Callback::new(move |updated: ModeratedReport| {
        report.set(Some(updated));
        on_changed.run(());
    });
    let (questionnaire, categories) = (config.questionnaire.clone(), config.categories.clone());
    view! {
        {move || failed.get().map(|text| view! { <p class="case-missing" role="alert">{text}</p> })}
        {move || report.get().map(|r| view! {
            <ReportDetail report=r session=session.clone() on_changed=changed outcome
                questionnaire=questionnaire.clone() categories=categories.clone() />
        })}
    }
}
