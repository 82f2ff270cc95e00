use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::category::CategoryNames;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::{human, human_local};
use tryggve_core::moderation::{Permission, RejectionReason};
use tryggve_core::questionnaire::{text_in, AnswerValue, Answers, Question, QuestionKind};
use tryggve_core::review::{ModeratedReport, ReviewAction};
use tryggve_core::ReportStatus;

use super::report_measures::ReportMeasures;
use super::report_notes::ReportNotes;
use crate::api;
use crate::components::units::Units;

/// Where on a case an action was taken: its message is shown there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Publish,
    Reject,
    Status,
    Redact,
    Merge,
    Route,
    Category,
    Assignee,
    EventTime,
}

impl Section {
    fn id(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Reject => "reject",
            Self::Status => "status",
            Self::Redact => "redact",
            Self::Merge => "merge",
            Self::Route => "route",
            Self::Category => "category",
            Self::Assignee => "assignee",
            Self::EventTime => "event-time",
        }
    }
}

/// What the last action on a case came to, shown beside the button that took it. Kept by the
/// review page: a stored action redraws the case.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionOutcome {
    case: String,
    section: Section,
    text: String,
    failed: bool,
}

/// The message of `section` on this case: always in the page (so that a screen reader hears
/// it change), focused when it is written (the button that was pressed may have been redrawn).
fn outcome_line(case: String, section: Section, outcome: RwSignal<Option<ActionOutcome>>) -> impl IntoView {
    let mine =
        move || outcome.with(|o| o.as_ref().filter(|o| o.case == case && o.section == section).cloned());
    let shown = mine.clone();
    view! {
        <p id=format!("outcome-{}", section.id()) class="outcome" class:failed=move || mine().is_some_and(|o| o.failed)
            role="status" tabindex="-1">{move || shown().map(|o| o.text)}</p>
    }
}

fn focus_outcome(section: Section) {
    crate::focus::focus_by_id(&format!("outcome-{}", section.id()));
}

/// One report with everything moderators may see, and what they can do with it.
#[component]
pub fn ReportDetail(
    report: ModeratedReport,
    session: SessionInfo,
    on_changed: Callback<ModeratedReport>,
    /// The current questions, for the words of the report's answers.
    questionnaire: Vec<Question>,
    /// The categories residents can choose now: a case can be given one of them.
    categories: Vec<String>,
    outcome: RwSignal<Option<ActionOutcome>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let case = report.case_number.clone();
    let review = report.review.clone();

    let run = {
        let (tenant, csrf, case) = (session.tenant.clone(), session.csrf_token.clone(), case.clone());
        move |section: Section, action: ReviewAction| {
            let (tenant, csrf, case) = (tenant.clone(), csrf.clone(), case.clone());
            spawn_local(async move {
                let (text, failed, updated) = match api::act(&tenant, &case, &csrf, &action).await {
                    Ok(updated) => (i18n.t_with("console-saved", &[("case", &case)]), false, Some(updated)),
                    Err(e) => (i18n.t(&e.message_key()), true, None),
                };
                outcome.set(Some(ActionOutcome { case, section, text, failed }));
                if let Some(updated) = updated {
                    on_changed.try_run(updated);
                }
                // After the redraw.
                request_animation_frame(move || focus_outcome(section));
            });
        }
    };
    let line = {
        let case = case.clone();
        move |section: Section| outcome_line(case.clone(), section, outcome)
    };
    // What a case still offers: a merged one only its status; a closed one is not published,
    // turned down or merged any more.
    let merged = review.merged_into.is_some();
    let closed = review.status == ReportStatus::Closed;
    // A unit's member handles the case (its status, who does it, notes); the rest is review.
    let reviews = session.role.allows(Permission::ReviewReports);

    let publish_text = RwSignal::new(review.description_public);
    let reason = RwSignal::new(RejectionReason::PersonalData.id().to_string());
    let next_statuses: Vec<ReportStatus> =
        ReportStatus::ALL.into_iter().filter(|s| review.status.can_move_to(*s)).collect();
    let next_status = RwSignal::new(next_statuses.first().map(|s| s.id().to_string()).unwrap_or_default());
    let comment = RwSignal::new(String::new());
    let redacted = RwSignal::new(review.description.clone());
    // Short-text answers, editable like the description: (question id, its words, the text).
    let lang = i18n.locale.tag();
    let redacted_answers: Vec<(String, String, RwSignal<String>)> = review
        .answer_texts
        .iter()
        .map(|(id, value)| {
            let question = questionnaire
                .iter()
                .find(|q| &q.id == id)
                .map_or(id.clone(), |q| text_in(&q.text, lang).to_string());
            let text = match value {
                AnswerValue::Text(t) => t.clone(),
                other => serde_json::to_string(other).unwrap_or_default(),
            };
            (id.clone(), question, RwSignal::new(text))
        })
        .collect();
    let answer_signals: Vec<(String, RwSignal<String>)> =
        redacted_answers.iter().map(|(id, _, text)| (id.clone(), *text)).collect();
    let merge_target = RwSignal::new(String::new());
    let units = expect_context::<Units>();
    let names = expect_context::<CategoryNames>();
    let category_choice = RwSignal::new(review.category.clone());
    let assignee = RwSignal::new(review.assignee.clone());
    let event_at = RwSignal::new(review.event_at.clone().unwrap_or_default());
    let unit_choice = RwSignal::new(review.unit.map(|id| id.to_string()).unwrap_or_default());

    let approve = {
        let run = run.clone();
        move |_| {
            run(Section::Publish, ReviewAction::Approve { publish_description: publish_text.get_untracked() })
        }
    };
    let reject = {
        let run = run.clone();
        move |_| {
            if let Some(reason) = RejectionReason::from_id(&reason.get_untracked()) {
                run(Section::Reject, ReviewAction::Reject { reason })
            }
        }
    };
    let set_status = {
        let run = run.clone();
        move |_| {
            if let Some(status) = ReportStatus::from_id(&next_status.get_untracked()) {
                run(
                    Section::Status,
                    ReviewAction::SetStatus { status, public_comment: comment.get_untracked() },
                )
            }
        }
    };
    let redact = {
        let run = run.clone();
        move |_| {
            let answer_texts =
                answer_signals.iter().map(|(id, text)| (id.clone(), text.get_untracked())).collect();
            run(Section::Redact, ReviewAction::Redact { description: redacted.get_untracked(), answer_texts })
        }
    };
    let route = {
        let run = run.clone();
        move |_| run(Section::Route, ReviewAction::Route { unit: unit_choice.get_untracked().parse().ok() })
    };
    let recategorise = {
        let run = run.clone();
        move |_| {
            run(Section::Category, ReviewAction::Recategorise { category: category_choice.get_untracked() })
        }
    };
    let assign = {
        let run = run.clone();
        move |_| run(Section::Assignee, ReviewAction::Assign { assignee: assignee.get_untracked() })
    };
    let set_event_time = {
        let run = run.clone();
        move |_| {
            let at = Some(event_at.get_untracked()).filter(|at| !at.is_empty());
            run(Section::EventTime, ReviewAction::SetEventTime { at })
        }
    };
    let merge = move |_| {
        run(
            Section::Merge,
            ReviewAction::MergeInto { case_number: merge_target.get_untracked().trim().to_string() },
        )
    };

    let times = report.times.iter().map(|t| i18n.t(&t.label_key())).collect::<Vec<_>>().join(", ");
    let dash = || "–".to_string();
    let answers = answer_lines(&questionnaire, &report.all_answers(), i18n.locale.tag());
    view! {
        <section class="detail" aria-labelledby="detail-title">
            <h2 id="detail-title" tabindex="-1">{i18n.t_with("console-case-title", &[("case", &case)])}</h2>
            <dl>
                <dt>{i18n.t("console-category")}</dt><dd class="category">{names.name(&review.category, &i18n)}</dd>
                {review.original_category.clone().map(|first| view! {
                    <dt>{i18n.t("console-original-category")}</dt><dd class="original-category">{names.name(&first, &i18n)}</dd>
                })}
                {review.event_at.clone().map(|at| view! {
                    <dt>{i18n.t("console-event-at")}</dt><dd class="event-at">{human_local(&at, &i18n)}</dd>
                })}
                <dt>{i18n.t("console-times")}</dt><dd>{if times.is_empty() { dash() } else { times }}</dd>
                <dt>{i18n.t("console-received")}</dt><dd>{human(&report.created_at, &i18n)}</dd>
                {report.place.clone().map(|place| view! {
                    <dt>{i18n.t("console-place")}</dt><dd class="place">{place}</dd>
                })}
                <dt>{i18n.t("console-position")}</dt><dd>{format!("{:.5}, {:.5}", report.lat, report.lng)}</dd>
                <dt>{i18n.t("console-status")}</dt><dd class="status">{i18n.t(&review.status.label_key())}</dd>
                <dt>{i18n.t("console-unit")}</dt><dd class="unit">{review.unit.map_or_else(|| i18n.t("console-unit-none"), |id| units.name(id))}</dd>
                <dt>{i18n.t("console-assignee")}</dt><dd class="assignee">{if review.assignee.is_empty() { dash() } else { review.assignee.clone() }}</dd>
                <dt>{i18n.t("console-visibility")}</dt><dd class="visibility">{i18n.t(&review.visibility.label_key())}</dd>
                <dt>{i18n.t("console-description")}</dt><dd class="description">{if review.description.is_empty() { dash() } else { review.description.clone() }}</dd>
                // A unit's member is not given the resident's address (the edge leaves it out).
                {reviews.then(|| view! {
                    <dt>{i18n.t("console-contact")}</dt><dd>{report.contact_email.clone().unwrap_or_else(dash)}</dd>
                })}
                <dt>{i18n.t("console-reporter-group")}</dt><dd class="reporter-group">{i18n.t(&report.reporter_group.label_key())}</dd>
                {answers.into_iter().map(|(question, answer)| view! { <dt>{question}</dt><dd class="answer">{answer}</dd> }).collect_view()}
                <dt>{i18n.t("console-public-comment")}</dt><dd class="public-comment">{if review.public_comment.is_empty() { dash() } else { review.public_comment.clone() }}</dd>
                {review.merged_into.clone().map(|target| view! { <dt>{i18n.t("console-merged-into")}</dt><dd>{target}</dd> })}
            </dl>

            {(reviews && !merged && !closed).then(|| view! {
            <fieldset>
                <legend>{i18n.t("console-publish")}</legend>
                <label class="choice"><input type="checkbox" id="publish-text" prop:checked=move || publish_text.get()
                    on:change=move |ev| publish_text.set(event_target_checked(&ev)) />{i18n.t("console-publish-text")}</label>
                <button type="button" on:click=approve>{i18n.t("console-approve")}</button>
                {line(Section::Publish)}
            </fieldset>

            <fieldset>
                <legend>{i18n.t("console-reject")}</legend>
                <label for="reject-reason">{i18n.t("console-reason")}</label>
                <select id="reject-reason" on:change=move |ev| reason.set(event_target_value(&ev))>
                    {RejectionReason::ALL.map(|r| view! { <option value=r.id()>{i18n.t(&r.label_key())}</option> }).collect_view()}
                </select>
                <button type="button" on:click=reject>{i18n.t("console-reject-button")}</button>
                {line(Section::Reject)}
            </fieldset>
            })}

            {(!next_statuses.is_empty()).then(|| view! {
            <fieldset>
                <legend>{i18n.t("console-set-status")}</legend>
                <label for="next-status">{i18n.t("console-new-status")}</label>
                <select id="next-status" on:change=move |ev| next_status.set(event_target_value(&ev))>
                    // Shown as the signal holds it: a select drawn anew keeps no choice of the last case's.
                    {next_statuses.iter().map(|s| {
                        let id = s.id();
                        view! { <option value=id prop:selected=move || next_status.get() == id>{i18n.t(&s.label_key())}</option> }
                    }).collect_view()}
                </select>
                <label for="public-comment">{i18n.t("console-public-comment-label")}</label>
                <textarea id="public-comment" rows="3" on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                <button type="button" on:click=set_status>{i18n.t("console-save-status")}</button>
                {line(Section::Status)}
            </fieldset>
            })}

            {(reviews && !units.0.is_empty()).then(|| view! {
            <fieldset>
                <legend>{i18n.t("console-route")}</legend>
                <label for="route-unit">{i18n.t("console-unit")}</label>
                <select id="route-unit" on:change=move |ev| unit_choice.set(event_target_value(&ev))>
                    {units.0.iter().map(|u| view! {
                        <option value=u.id.to_string() selected=review.unit == Some(u.id)>{u.draft.name.clone()}</option>
                    }).collect_view()}
                    <option value="" selected=review.unit.is_none()>{i18n.t("console-unit-none")}</option>
                </select>
                <button type="button" on:click=route>{i18n.t("console-route-button")}</button>
                {line(Section::Route)}
            </fieldset>
            })}

            <fieldset>
                <legend>{i18n.t("console-handling")}</legend>
                {reviews.then(|| view! {
                <label for="new-category">{i18n.t("console-new-category")}</label>
                <select id="new-category" on:change=move |ev| category_choice.set(event_target_value(&ev))>
                    {categories.iter().map(|id| view! {
                        <option value=id.clone() selected=*id == review.category>{names.name(id, &i18n)}</option>
                    }).collect_view()}
                </select>
                <button type="button" on:click=recategorise>{i18n.t("console-recategorise")}</button>
                {line(Section::Category)}
                })}
                <label for="assignee">{i18n.t("console-assignee-label")}</label>
                <input id="assignee" maxlength="100" prop:value=move || assignee.get()
                    on:input=move |ev| assignee.set(event_target_value(&ev)) />
                <button type="button" on:click=assign>{i18n.t("console-assign")}</button>
                {line(Section::Assignee)}
                {reviews.then(|| view! {
                <label for="event-at">{i18n.t("console-event-at-label")}</label>
                <input id="event-at" type="datetime-local" prop:value=move || event_at.get()
                    on:input=move |ev| event_at.set(event_target_value(&ev)) />
                <button type="button" on:click=set_event_time>{i18n.t("console-set-event-at")}</button>
                {line(Section::EventTime)}
                })}
            </fieldset>

            {reviews.then(|| view! {
            <fieldset>
                <legend>{i18n.t("console-redact")}</legend>
                <label for="redacted-text">{i18n.t("console-redact-label")}</label>
                <textarea id="redacted-text" rows="3" prop:value=move || redacted.get()
                    on:input=move |ev| redacted.set(event_target_value(&ev))></textarea>
                {redacted_answers.into_iter().enumerate().map(|(i, (_, question, text))| {
                    let id = format!("redacted-answer-{i}");
                    view! {
                        <label for=id.clone()>{i18n.t_with("console-redact-answer-label", &[("question", &question)])}</label>
                        <input id=id.clone() prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
                    }
                }).collect_view()}
                <button type="button" on:click=redact>{i18n.t("console-redact-button")}</button>
                {line(Section::Redact)}
            </fieldset>
            })}

            {(reviews && !merged && !closed).then(|| view! {
            <fieldset>
                <legend>{i18n.t("console-merge")}</legend>
                <label for="merge-target">{i18n.t("console-merge-label")}</label>
                <input id="merge-target" on:input=move |ev| merge_target.set(event_target_value(&ev)) />
                <button type="button" on:click=merge>{i18n.t("console-merge-button")}</button>
                {line(Section::Merge)}
            </fieldset>
            })}
            <ReportMeasures case=case.clone() session=session.clone() />
            <ReportNotes case=case.clone() session=session.clone() />
        </section>
    }
}

/// Each answer as (question, answer) in words: options by their current text, in the
/// questionnaire's order; answers to questions removed since, by their ids.
fn answer_lines(questionnaire: &[Question], answers: &Answers, lang: &str) -> Vec<(String, String)> {
    let option = |q: Option<&Question>, id: &str| {
        q.and_then(|q| q.options.iter().find(|o| o.id == id))
            .map_or(id.to_string(), |o| text_in(&o.text, lang).to_string())
    };
    let mut ids: Vec<&String> =
        questionnaire.iter().map(|q| &q.id).filter(|id| answers.contains_key(*id)).collect();
    ids.extend(answers.keys().filter(|id| !questionnaire.iter().any(|q| &q.id == *id)));
    ids.into_iter()
        .filter_map(|id| {
            let question = questionnaire.iter().find(|q| &q.id == id);
            let value = match answers.get(id)? {
                AnswerValue::Number(n) => n.to_string(),
                AnswerValue::Text(t) if question.is_some_and(|q| q.kind == QuestionKind::SingleChoice) => {
                    option(question, t)
                }
                AnswerValue::Text(t) => t.clone(),
                AnswerValue::Choices(c) => {
                    c.iter().map(|o| option(question, o)).collect::<Vec<_>>().join(", ")
                }
            };
            Some((question.map_or(id.clone(), |q| text_in(&q.text, lang).to_string()), value))
        })
        .collect()
}
