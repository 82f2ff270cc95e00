//! The round open now: how safe one would feel out alone late in the evening, how often one
//! worries about crime, the area one lives in, how big the round's problems are there, and the
//! age band if the round asks it. Sent once per device (see `device_key`); what could not be
//! sent stays in the form, and sending it again cannot count it twice.

use leptos::html::{Form, H3};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::api::ErrorCode;
use tryggve_core::field_error::FieldErrorCode;
use tryggve_core::i18n::I18n;
use tryggve_core::questionnaire::text_and_language;
use tryggve_core::survey::{AgeBand, Problem, Safety, SurveyAnswerDraft, SurveyRound, Worry};
use tryggve_core::Area;
use wasm_bindgen::JsCast;

use super::choice_group::ChoiceGroup;
use super::device_key;
use crate::api::{ApiError, Edge};

/// Loads the open round and shows its form, or says that none is open.
#[component]
pub fn SurveyForm(edge: Edge, tenant: String, areas: Vec<Area>, on_answered: Callback<()>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // None while loading; Some(Err) if it failed.
    let open = RwSignal::new(None::<Result<Option<SurveyRound>, ()>>);
    spawn_local({
        let (edge, tenant) = (edge.clone(), tenant.clone());
        async move {
            let found = edge.open_survey(&tenant).await.map(|o| o.round).map_err(|_| ());
            open.try_set(Some(found));
        }
    });
    move || {
        match open.get() {
        None => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
        Some(Err(())) => view! { <p role="alert">{i18n.t("survey-failed")}</p> }.into_any(),
        Some(Ok(None)) => view! {
            <h2>{i18n.t("survey-title")}</h2>
            <p class="intro">{i18n.t("survey-none-open")}</p>
        }
        .into_any(),
        Some(Ok(Some(round))) => {
            view! { <RoundForm edge=edge.clone() tenant=tenant.clone() round areas=areas.clone() on_answered /> }
                .into_any()
        }
    }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Answering,
    Sending,
    /// This device's answers are in (now, or before a reload).
    Answered,
    /// The edge already had an answer from this device (another tab, or storage was cleared).
    AnsweredBefore,
}

/// An error the form shows at a field: the field and its words.
type ShownError = (String, String);

/// The control that receives focus for an error in `field`, in form order.
fn focus_target(field: &str) -> &'static str {
    match field {
        "safety" => "survey-safety-0",
        "worry" => "survey-worry-0",
        "area" => "survey-area",
        "age" => "survey-age",
        _ => "survey-send",
    }
}

#[component]
fn RoundForm(
    edge: Edge,
    tenant: String,
    round: SurveyRound,
    areas: Vec<Area>,
    on_answered: Callback<()>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let key = device_key::for_round(&tenant, round.id);
    let phase = RwSignal::new(if key.answered { Phase::Answered } else { Phase::Answering });
    // The one owner of what is being answered; the questions below change only their part.
    let draft = RwSignal::new(SurveyAnswerDraft {
        round: round.id,
        area: String::new(),
        safety: None,
        worry: None,
        problems: Default::default(),
        age: None,
        device: key.key,
    });
    let error = RwSignal::new(None::<ShownError>);
    let alert = RwSignal::new(None::<String>);
    // Whether this page has sent the answers before without hearing back: then the edge may
    // have them already, and its "this device has answered" is this try's own answer arriving.
    let tried = StoredValue::new(false);
    let form = NodeRef::<Form>::new();
    // A question's error goes as soon as it is answered.
    Effect::new(move |_| {
        let answered = draft.with(|d| {
            error.with_untracked(|e| match e.as_ref().map(|(field, _)| field.as_str()) {
                Some("area") => !d.area.is_empty(),
                Some("safety") => d.safety.is_some(),
                _ => false,
            })
        });
        if answered {
            error.set(None);
        }
    });
    let error_at = move |field: &'static str| {
        Signal::derive(move || error.with(|e| e.as_ref().filter(|(f, _)| f == field).map(|(_, m)| m.clone())))
    };
    let show_error = move |field: String, message: String| {
        let target = focus_target(&field);
        error.set(Some((field, message)));
        let found = form.get_untracked().and_then(|f| f.query_selector(&format!("#{target}")).ok().flatten());
        if let Some(el) = found.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    };

    let (edge, tenant, round) = (StoredValue::new(edge), StoredValue::new(tenant), StoredValue::new(round));
    let areas = StoredValue::new(areas);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if phase.get_untracked() != Phase::Answering {
            return;
        }
        alert.set(None);
        let answer = draft.get_untracked();
        // The same check as the edge's, so that a missing answer is said at once.
        if let Err(e) = round.with_value(|r| areas.with_value(|a| answer.checked(r, a))) {
            show_error(e.field.to_string(), i18n.t(&e.code.message_key()));
            return;
        }
        error.set(None);
        phase.set(Phase::Sending);
        spawn_local(async move {
            let (Some(edge), Some(tenant)) = (edge.try_get_value(), tenant.try_get_value()) else { return };
            let sent = edge.answer_survey(&tenant, &answer).await;
            match sent {
                Ok(_) => {
                    device_key::mark_answered(&tenant, answer.round);
                    phase.try_set(Phase::Answered);
                    on_answered.try_run(());
                }
                Err(ApiError::Rejected { code: ErrorCode::Field(FieldErrorCode::AlreadyExists), .. }) => {
                    device_key::mark_answered(&tenant, answer.round);
                    let ours = tried.try_get_value().unwrap_or(false);
                    phase.try_set(if ours { Phase::Answered } else { Phase::AnsweredBefore });
                    on_answered.try_run(());
                }
                Err(ApiError::Rejected { code: ErrorCode::Field(code), field: Some(field), .. })
                    if ["area", "safety", "worry", "age"].contains(&field.as_str()) =>
                {
                    phase.try_set(Phase::Answering);
                    show_error(field, i18n.t(&code.message_key()));
                }
                // The round closed (or another opened) while the form was open.
                Err(ApiError::Rejected { field: Some(field), .. }) if field == "round" => {
                    phase.try_set(Phase::Answering);
                    alert.try_set(Some(i18n.t("survey-round-closed")));
                }
                Err(ApiError::Rejected { .. }) => {
                    phase.try_set(Phase::Answering);
                    alert.try_set(Some(i18n.t("survey-rejected")));
                }
                Err(ApiError::Network) => {
                    tried.try_set_value(true);
                    phase.try_set(Phase::Answering);
                    alert.try_set(Some(i18n.t("survey-send-failed")));
                }
            }
        });
    };

    let name = round.with_value(|r| r.draft.name.clone());
    // The form is drawn once; sending changes only its button.
    let answered = Memo::new(move |_| matches!(phase.get(), Phase::Answered | Phase::AnsweredBefore));
    move || {
        match answered.get() {
        true => {
            let heading = NodeRef::<H3>::new();
            // Said at once by screen readers: the form they were in is gone.
            heading.on_load(|h| {
                let _ = h.focus();
            });
            let words = match phase.get_untracked() {
                Phase::AnsweredBefore => i18n.t_with("survey-answered-before", &[("round", &name)]),
                _ => i18n.t_with("survey-answered", &[("round", &name)]),
            };
            view! {
                <h2>{i18n.t("survey-title")}</h2>
                <h3 tabindex="-1" node_ref=heading>{i18n.t("survey-thanks")}</h3>
                <p>{words}</p>
            }
            .into_any()
        }
        false => view! {
            <h2>{i18n.t_with("survey-round-title", &[("round", &name)])}</h2>
            <p class="intro">{i18n.t("survey-intro")}</p>
            <form node_ref=form novalidate on:submit=submit>
                <Questions draft round=round.get_value() areas=areas.get_value() error_at />
                <p class="privacy">{i18n.t("survey-privacy")}</p>
                <p class="alert" role="alert">{move || alert.get()}</p>
                <button type="submit" id="survey-send" class="primary"
                    aria-disabled=move || (phase.get() == Phase::Sending).then_some("true")>
                    {move || i18n.t(if phase.get() == Phase::Sending { "survey-sending" } else { "survey-send" })}
                </button>
            </form>
        }
        .into_any(),
    }
    }
}

/// The questions, each writing its part of `draft`.
#[component]
fn Questions(
    draft: RwSignal<SurveyAnswerDraft>,
    round: SurveyRound,
    areas: Vec<Area>,
    error_at: impl Fn(&'static str) -> Signal<Option<String>> + Copy + 'static,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let lang = i18n.locale.tag();
    let words = move |prefix: &str, id: &str| i18n.t(&format!("{prefix}-{}", id.replace('_', "-")));

    let safety = view! {
        <ChoiceGroup
            name="survey-safety".to_string()
            legend=i18n.t("survey-safety")
            choices=Safety::ALL.iter().map(|s| (s.id(), words("survey-safety", s.id()))).collect()
            chosen=Signal::derive(move || draft.with(|d| d.safety.map(Safety::id)))
            on_choose=Callback::new(move |id: &'static str| draft.update(|d| d.safety = Safety::from_id(id)))
            error=error_at("safety")
        />
    };
    let worry = view! {
        <ChoiceGroup
            name="survey-worry".to_string()
            legend=format!("{} {}", i18n.t("survey-worry"), i18n.t("answer-optional"))
            choices=Worry::ALL.iter().map(|w| (w.id(), words("survey-worry", w.id()))).collect()
            chosen=Signal::derive(move || draft.with(|d| d.worry.map(Worry::id)))
            on_choose=Callback::new(move |id: &'static str| draft.update(|d| d.worry = Worry::from_id(id)))
            error=error_at("worry")
        />
    };
    let area_error = error_at("area");
    let area = view! {
        <div class="field">
            <label for="survey-area">{i18n.t("survey-area")}</label>
            <select id="survey-area" aria-describedby="survey-area-error"
                aria-invalid=move || area_error.with(Option::is_some).then_some("true")
                on:change=move |ev| draft.update(|d| d.area = event_target_value(&ev))>
                <option value="" selected=move || draft.with(|d| d.area.is_empty())>{i18n.t("survey-area-choose")}</option>
                {areas.into_iter().map(|a| {
                    let id = a.id.clone();
                    view! { <option value=a.id selected=move || draft.with(|d| d.area == id)>{a.name}</option> }
                }).collect_view()}
            </select>
            <p id="survey-area-error" class="field-error">{move || area_error.get()}</p>
        </div>
    };
    let problems = round.draft.questions.problems.iter().enumerate().map(|(i, item)| {
        // An item not written in the reader's language is shown in Swedish, marked as such.
        let (text, text_lang) = text_and_language(&item.text, lang);
        let item_id = StoredValue::new(item.id.clone());
        view! {
            <ChoiceGroup
                name=format!("survey-problem-{i}")
                legend=text.to_string()
                legend_lang=(text_lang != lang).then(|| text_lang.to_string())
                choices=Problem::ALL.iter().map(|p| (p.id(), words("survey-problem", p.id()))).collect()
                chosen=Signal::derive(move || draft.with(|d| item_id.with_value(|id| d.problems.get(id).map(|p| p.id()))))
                on_choose=Callback::new(move |id: &'static str| draft.update(|d| {
                    if let Some(problem) = Problem::from_id(id) {
                        d.problems.insert(item_id.get_value(), problem);
                    }
                }))
                error=Signal::derive(|| None::<String>)
            />
        }
    }).collect_view();
    let age = round.draft.questions.ask_age.then(|| view! {
        <div class="field">
            <label for="survey-age">{format!("{} {}", i18n.t("survey-age"), i18n.t("answer-optional"))}</label>
            <select id="survey-age" on:change=move |ev| draft.update(|d| d.age = AgeBand::from_id(&event_target_value(&ev)))>
                <option value="">{i18n.t("survey-age-none")}</option>
                {AgeBand::ALL.into_iter().map(|band| view! { <option value=band.id()>{age_words(i18n, band)}</option> }).collect_view()}
            </select>
        </div>
    });
    view! {
        {area}
        {safety}
        {worry}
        <fieldset class="field problems">
            <legend>{format!("{} {}", i18n.t("survey-problems"), i18n.t("answer-optional"))}</legend>
            {problems}
        </fieldset>
        {age}
    }
}

/// An age band in words: "16–24 år", "80 år eller äldre".
fn age_words(i18n: I18n, band: AgeBand) -> String {
    match band.id().split_once('-') {
        Some((from, "")) => i18n.t_with("survey-age-from", &[("from", from)]),
        Some((from, to)) => i18n.t_with("survey-age-band", &[("from", from), ("to", to)]),
        None => band.id().to_string(),
    }
}
