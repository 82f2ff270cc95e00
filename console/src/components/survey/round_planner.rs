use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::questionnaire::Texts;
use tryggve_core::survey::{
    new_problem_id, ProblemItem, RoundDraft, SurveyQuestions, SurveyRound, MAX_PROBLEMS,
};

use crate::api::{self, ApiError};
use crate::focus::focus_by_id;

/// A problem as the planner edits it: its id (empty for a new one, made from its words when
/// the round is saved), its Swedish and English words.
#[derive(Debug, Clone, PartialEq)]
struct EditedProblem {
    id: String,
    sv: String,
    en: String,
}

impl EditedProblem {
    fn from_item(item: &ProblemItem) -> Self {
        let words = |lang: &str| item.text.get(lang).cloned().unwrap_or_default();
        Self { id: item.id.clone(), sv: words("sv"), en: words("en") }
    }
}

/// The problems as a round keeps them: a new one gets an id from its Swedish words; the
/// languages other than Swedish and English that an item had are kept as they were.
fn problem_items(edited: &[EditedProblem], before: &SurveyQuestions) -> Vec<ProblemItem> {
    let mut taken: Vec<String> = edited.iter().map(|p| p.id.clone()).filter(|id| !id.is_empty()).collect();
    edited
        .iter()
        .map(|p| {
            let id = if p.id.is_empty() {
                let made = new_problem_id(&p.sv, &taken.iter().map(String::as_str).collect::<Vec<_>>());
                taken.push(made.clone());
                made
            } else {
                p.id.clone()
            };
            let mut text: Texts =
                before.problems.iter().find(|b| b.id == id).map(|b| b.text.clone()).unwrap_or_default();
            text.insert("sv".into(), p.sv.clone());
            match p.en.trim().is_empty() {
                true => text.remove("en"),
                false => text.insert("en".into(), p.en.clone()),
            };
            ProblemItem { id, text }
        })
        .collect()
}

/// The field that shows an error in `field` of a round.
fn focus_target(field: &str) -> &'static str {
    match field {
        "name" => "round-name",
        "opens_on" => "round-opens",
        "closes_on" => "round-closes",
        _ => "round-problem-0",
    }
}

/// Plans the next round (admins): its name and days, and its problems, which start as the latest
/// round's (their ids kept, so that the rounds stay comparable; their words may change); a new
/// problem is a new item, a removed one is simply not asked.
#[component]
pub fn RoundPlanner(
    session: SessionInfo,
    rounds: RwSignal<Vec<SurveyRound>>,
    on_planned: Callback<()>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let (name, opens, closes) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problems = RwSignal::new(Vec::<EditedProblem>::new());
    let ask_age = RwSignal::new(true);
    let notice = RwSignal::new(String::new());
    // What the plan starts from, each time the rounds are read again.
    let start = Memo::new(move |_| rounds.with(|all| SurveyQuestions::for_next_round(all)));
    Effect::new(move |_| {
        let questions = start.get();
        problems.set(questions.problems.iter().map(EditedProblem::from_item).collect());
        ask_age.set(questions.ask_age);
    });
    let (tenant, csrf) =
        (StoredValue::new(session.tenant.clone()), StoredValue::new(session.csrf_token.clone()));
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let questions = SurveyQuestions {
            problems: problem_items(&problems.get_untracked(), &start.get_untracked()),
            ask_age: ask_age.get_untracked(),
        };
        let draft = RoundDraft {
            name: name.get_untracked(),
            opens_on: opens.get_untracked(),
            closes_on: closes.get_untracked(),
            questions,
        };
        spawn_local(async move {
            match api::add_survey_round(&tenant.get_value(), &csrf.get_value(), &draft).await {
                Ok(round) => {
                    notice.try_set(
                        i18n.t_with("console-survey-planned-named", &[("round", &round.draft.name)]),
                    );
                    name.try_set(String::new());
                    opens.try_set(String::new());
                    closes.try_set(String::new());
                    on_planned.try_run(());
                }
                Err(e) => {
                    // Two good days in the wrong order are said as such, not as a bad date.
                    let backwards = matches!(&e, ApiError::Refused { field: Some(f), .. } if f == "closes_on")
                        && draft.closes_on.len() == 10
                        && draft.closes_on < draft.opens_on;
                    let key =
                        if backwards { "console-survey-closes-before-opens".into() } else { e.message_key() };
                    notice.try_set(i18n.t(&key));
                    if let ApiError::Refused { field: Some(field), .. } = &e {
                        focus_by_id(focus_target(field));
                    }
                }
            }
        });
    };
    let text_field = move |id: &'static str,
                           key: &'static str,
                           kind: &'static str,
                           value: RwSignal<String>| {
        view! {
            <div>
                <label for=id>{i18n.t(key)}</label>
                <input id=id type=kind required prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    let problem_rows = move || {
        problems
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let n = (i + 1).to_string();
                // Typing changes the plan without drawing the list again (which would take the
                // field being typed in away); adding and removing draw it again.
                let set = move |sv: bool| {
                    move |ev| {
                        let value = event_target_value(&ev);
                        problems.update_untracked(|all| {
                            if let Some(p) = all.get_mut(i) {
                                if sv { p.sv = value } else { p.en = value }
                            }
                        })
                    }
                };
                let remove_label = i18n.t_with("console-survey-problem-remove", &[("n", &n)]);
                view! {
                    <li class="survey-problem">
                        <div>
                            <label for=format!("round-problem-{i}")>{i18n.t_with("console-survey-problem-sv", &[("n", &n)])}</label>
                            <input id=format!("round-problem-{i}") required maxlength="120" prop:value=p.sv.clone() on:input=set(true) />
                        </div>
                        <div>
                            <label for=format!("round-problem-{i}-en")>{i18n.t_with("console-survey-problem-en", &[("n", &n)])}</label>
                            <input id=format!("round-problem-{i}-en") maxlength="120" prop:value=p.en.clone() on:input=set(false) />
                        </div>
                        <button type="button" aria-label=remove_label on:click=move |_| {
                            problems.update(|all| { all.remove(i); });
                            request_animation_frame(|| _ = focus_by_id("round-add-problem"));
                        }>{i18n.t("console-survey-problem-remove-short")}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <form class="unit-form round-planner" aria-labelledby="round-planner-title" on:submit=save>
            <h2 id="round-planner-title">{i18n.t("console-survey-plan")}</h2>
            <p class="hint">{i18n.t("console-survey-plan-hint")}</p>
            <div class="choices">
                {text_field("round-name", "console-survey-round-name", "text", name)}
                {text_field("round-opens", "console-survey-opens", "date", opens)}
                {text_field("round-closes", "console-survey-closes", "date", closes)}
            </div>
            <fieldset>
                <legend>{i18n.t("console-survey-problems-legend")}</legend>
                <ol class="survey-problems">{problem_rows}</ol>
                <button type="button" id="round-add-problem"
                    disabled=move || problems.with(|all| all.len() >= MAX_PROBLEMS)
                    on:click=move |_| {
                        let next = problems.with_untracked(Vec::len);
                        problems.update(|all| all.push(EditedProblem { id: String::new(), sv: String::new(), en: String::new() }));
                        request_animation_frame(move || _ = focus_by_id(&format!("round-problem-{next}")));
                    }>{i18n.t("console-survey-problem-add")}</button>
            </fieldset>
            <label class="choice">
                <input type="checkbox" prop:checked=move || ask_age.get() on:change=move |ev| ask_age.set(event_target_checked(&ev)) />
                {i18n.t("console-survey-ask-age")}
            </label>
            <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            <div class="buttons">
                <button type="submit" class="primary">{i18n.t("console-survey-plan-save")}</button>
            </div>
        </form>
    }
}
