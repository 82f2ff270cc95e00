use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human_day;
use tryggve_core::measure::Measure;

use crate::api;

/// The measures that answer a case: what was decided for its place, and how far it has come.
/// They are added and changed on the measures page; the resident following the report sees them.
#[component]
pub fn ReportMeasures(case: String, session: SessionInfo) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let measures = RwSignal::new(None::<Vec<Measure>>);
    let message = RwSignal::new(String::new());
    spawn_local(async move {
        match api::report_measures(&session.tenant, &case).await {
            Ok(list) => measures.set(Some(list)),
            Err(e) => message.set(i18n.t(&e.message_key())),
        }
    });
    let line = move |m: &Measure| {
        let d = &m.draft;
        let state = match &d.done_on {
            // As the resident's follow-up says it: "Klar 14 dec. 2026".
            Some(done) => format!("{} {}", i18n.t(&d.status.label_key()), human_day(done, &i18n)),
            None => i18n.t(&d.status.label_key()),
        };
        format!("{} · {state}", i18n.t(&d.kind.label_key()))
    };
    view! {
        <section class="report-measures" aria-labelledby="report-measures-title">
            <h3 id="report-measures-title">{i18n.t("console-report-measures")}</h3>
            {move || measures.get().map(|list| match list.is_empty() {
                true => view! { <p class="hint">{i18n.t("console-report-measures-none")}</p> }.into_any(),
                false => view! {
                    <ul class="measure-list">
                        {list.iter().map(|m| view! {
                            <li><span class="measure-title">{m.draft.title.clone()}</span>" – "{line(m)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
            <p class="error" role="alert">{move || message.get()}</p>
        </section>
    }
}
