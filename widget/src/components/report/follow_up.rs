//! The resident's private follow-up: status and the municipality's reply, reached through the
//! link on the receipt. The code travels in the URL fragment, which browsers never send to any
//! server (nor in a Referer). The view is a module of its own (`tryggve_follow`, see
//! [`crate::lazy_module`]), opened by the form's module with a [`FollowUpOpening`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::category::CategoryNames;
use tryggve_core::follow_up::{Outcome, FRAGMENT_KEY};
use tryggve_core::i18n::I18n;
use tryggve_core::measure::MeasureStatus;
use tryggve_core::moderation::RejectionReason;
use tryggve_core::questionnaire::{text_and_language, Texts};
use tryggve_core::{ReportView, TenantConfig};

use crate::api::{ApiError, Edge};

/// The fragment that opens the follow-up of `case` (e.g. `#tryggve-followup=2026-0007.3f…`).
pub fn fragment(case: &str, code: &str) -> String {
    format!("#{FRAGMENT_KEY}{case}.{code}")
}

/// The case number and code in the page address, if it is a follow-up link.
pub fn from_address() -> Option<(String, String)> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let value = hash.trim_start_matches('#').strip_prefix(FRAGMENT_KEY)?;
    let (case, code) = value.split_once('.')?;
    Some((case.to_string(), code.to_string()))
}

/// What the form's module gives the follow-up's module (as a JavaScript object): whose case it
/// is, where the edge and the widget's files are, the language, and the municipality's words
/// from its configuration, which the form has already read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FollowUpOpening {
    /// The edge's origin ([`Edge::origin`]).
    pub edge: String,
    pub assets: String,
    pub tenant: String,
    pub case: String,
    pub code: String,
    /// The language's tag (`sv`, `en`, …).
    pub locale: String,
    pub category_names: CategoryNames,
    /// The municipality's own words on why a report is not published, by reason.
    pub explanations: BTreeMap<RejectionReason, Texts>,
}

impl FollowUpOpening {
    /// The follow-up of `case` with `code`, as the form in `i18n`'s language opens it, with the
    /// municipality's words from its configuration.
    pub fn new(edge: &Edge, config: &TenantConfig, (case, code): (String, String), i18n: I18n) -> Self {
        Self {
            edge: edge.origin().to_string(),
            assets: crate::lazy_module::assets().unwrap_or_default(),
            tenant: config.id.clone(),
            case,
            code,
            locale: i18n.locale.tag().to_string(),
            category_names: config.category_names.clone(),
            explanations: config.not_published_texts.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    Loading,
    Found(ReportView),
    NotFound,
    Failed,
}

#[component]
pub fn FollowUp(
    edge: Edge,
    tenant: String,
    case: String,
    code: String,
    /// The municipality's own words on why a report is not published, by reason.
    explanations: BTreeMap<RejectionReason, Texts>,
    on_back: Callback<()>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let loaded = RwSignal::new(Loaded::Loading);
    spawn_local(async move {
        loaded.set(match edge.follow_up(&tenant, &case, &code).await {
            Ok(view) => Loaded::Found(view),
            Err(ApiError::Rejected { .. }) => Loaded::NotFound,
            Err(ApiError::Network) => Loaded::Failed,
        });
    });

    view! {
        <div class="follow-up">
            {move || match loaded.get() {
                Loaded::Loading => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
                Loaded::NotFound => view! { <p role="alert">{i18n.t("followup-not-found")}</p> }.into_any(),
                Loaded::Failed => view! { <p role="alert">{i18n.t("followup-failed")}</p> }.into_any(),
                Loaded::Found(report) => {
                    // A merged report is handled as the earlier one: its status and reply count.
                    let (status, comment, outcome) = match &report.outcome {
                        Some(Outcome::Merged { case_number, status, public_comment }) => (
                            *status,
                            public_comment.clone(),
                            Some(i18n.t_with("followup-merged", &[("case", case_number)])),
                        ),
                        Some(Outcome::NotPublished { reason }) => (
                            report.status,
                            report.public_comment.clone(),
                            Some(i18n.t_with("followup-not-published", &[("reason", &i18n.t(&reason.label_key()))])),
                        ),
                        None => (report.status, report.public_comment.clone(), None),
                    };
                    // In the resident's language if the municipality wrote it so, else as written
                    // (marked with its language, for screen readers).
                    let explained = match &report.outcome {
                        Some(Outcome::NotPublished { reason }) => explanations.get(reason).map(|texts| {
                            let (text, lang) = text_and_language(texts, i18n.locale.tag());
                            (text.to_string(), lang.to_string())
                        }),
                        _ => None,
                    };
                    let status = i18n.t(&status.label_key());
                    let comment = if comment.is_empty() { i18n.t("followup-no-comment") } else { comment };
                    view! {
                        <h3>{i18n.t_with("followup-title", &[("case", &report.case_number)])}</h3>
                        {outcome.map(|text| view! { <p class="followup-outcome">{text}</p> })}
                        {explained.map(|(text, lang)| view! { <p class="followup-explained" lang=lang dir="auto">{text}</p> })}
                        <dl>
                            <dt>{i18n.t("followup-status")}</dt>
                            <dd class="followup-status">{status}</dd>
                            <dt>{i18n.t("followup-comment")}</dt>
                            <dd class="followup-comment">{comment}</dd>
                            <dt>{i18n.t("category-label")}</dt>
                            <dd>{expect_context::<CategoryNames>().name(&report.category, &i18n)}</dd>
                            <dt>{i18n.t("followup-received")}</dt>
                            <dd>{local_date(&report.created_at, i18n.locale.tag())}</dd>
                        </dl>
                        {(!report.measures.is_empty()).then(|| view! {
                            <section class="followup-measures" aria-labelledby="followup-measures-title">
                                <h4 id="followup-measures-title">{i18n.t("followup-measures")}</h4>
                                <ul>
                                    {report.measures.iter().map(|m| {
                                        // A measure done says when ("Klar 14 dec. 2026"), else its status.
                                        let status = match (m.status, m.done_on.as_deref()) {
                                            (MeasureStatus::Done, Some(day)) => i18n.t_with("followup-measure-done", &[("date", &local_date(day, i18n.locale.tag()))]),
                                            (status, _) => i18n.t(&status.label_key()),
                                        };
                                        let state = i18n.t_with("followup-measure-state", &[("kind", &i18n.t(&m.kind.label_key())), ("status", &status)]);
                                        view! {
                                            <li>
                                                <p class="measure-title"><strong>{m.title.clone()}</strong></p>
                                                <p class="measure-state">{state}</p>
                                                {(!m.public_text.is_empty()).then(|| view! { <p class="measure-text">{m.public_text.clone()}</p> })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                        })}
                    }
                        .into_any()
                }
            }}
            <button type="button" on:click=move |_| on_back.run(())>{i18n.t("report-another")}</button>
        </div>
    }
}

/// A timestamp's date in the language's own format (e.g. "22 nov. 2026", "22.11.2026").
fn local_date(timestamp: &str, tag: &str) -> String {
    let date = js_sys::Date::new(&timestamp.into());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    date.to_locale_date_string(tag, &options).into()
}
