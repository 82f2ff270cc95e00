//! The municipality's own questions, after the built-in ones. Each question is a fieldset (or a
//! labelled text box) with its error below it; the first control's id is `answer-<question>`,
//! so that the form can move focus to the first unanswered question.

use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::questionnaire::{
    text_and_language, AnswerError, AnswerValue, Answers, Question, QuestionKind,
};
use tryggve_core::questionnaire::{SCALE_MAX, SCALE_MIN, SHORT_TEXT_MAX_CHARS};

/// The id of a question's first control (the target of focus on an error).
pub fn first_control_id(question: &str) -> String {
    format!("answer-{question}")
}

#[component]
pub fn QuestionnaireFields(
    questions: Vec<Question>,
    answers: RwSignal<Answers>,
    errors: RwSignal<Vec<AnswerError>>,
) -> impl IntoView {
    questions.into_iter().map(|question| view! { <QuestionField question answers errors /> }).collect_view()
}

#[component]
fn QuestionField(
    question: Question,
    answers: RwSignal<Answers>,
    errors: RwSignal<Vec<AnswerError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let lang = i18n.locale.tag();
    let id = question.id.clone();
    let error_id = format!("answer-{id}-error");
    let error = {
        let id = id.clone();
        move || {
            errors.with(|all| all.iter().find(|e| e.question == id).map(|e| i18n.t(&e.code.message_key())))
        }
    };
    // A question not written in the reader's language is shown in Swedish, marked as such.
    let (text, text_lang) = text_and_language(&question.text, lang);
    let text_lang = (text_lang != lang).then(|| text_lang.to_string());
    let text_dir = text_lang.as_deref().map(direction);
    let title = view! {
        <span lang=text_lang dir=text_dir>{text.to_string()}</span>
        {(!question.required).then(|| format!(" {}", i18n.t("answer-optional")))}
    };

    if question.kind == QuestionKind::ShortText {
        let input_id = first_control_id(&id);
        let current = {
            let id = id.clone();
            move || match answers.with(|a| a.get(&id).cloned()) {
                Some(AnswerValue::Text(t)) => t,
                _ => String::new(),
            }
        };
        let set = {
            let id = id.clone();
            move |ev| {
                let text = event_target_value(&ev);
                answers.update(|a| {
                    a.insert(id.clone(), AnswerValue::Text(text));
                })
            }
        };
        // No `maxlength`: it counts UTF-16 units and silently cuts what is pasted. As for the
        // description, the count is shown, and one character too many is an error, not lost.
        let count_id = format!("answer-{id}-count");
        let count = {
            let current = current.clone();
            move || {
                let count = tryggve_core::text::char_len(&crate::typed::nfc(&current())).to_string();
                i18n.t_with(
                    "description-count",
                    &[("count", &count), ("max", &SHORT_TEXT_MAX_CHARS.to_string())],
                )
            }
        };
        let (label_for, described_by) = (input_id.clone(), format!("{count_id} {error_id}"));
        return view! {
            <div class="field">
                <label for=label_for>{title}</label>
                <input
                    type="text"
                    id=input_id
                    aria-required=question.required.then_some("true")
                    aria-invalid={
                        let id = id.clone();
                        move || errors.with(|all| all.iter().any(|e| e.question == id)).then_some("true")
                    }
                    aria-describedby=described_by
                    prop:value=current
                    on:input=set
                />
                <p id=count_id class="hint counter">{count}</p>
                <p id=error_id class="field-error">{error}</p>
            </div>
        }
        .into_any();
    }

    // Choices as (value, label): the options, or the steps of the scale.
    let choices: Vec<(String, String, Option<String>)> = match question.kind {
        QuestionKind::Scale => {
            (SCALE_MIN..=SCALE_MAX).map(|n| (n.to_string(), n.to_string(), None)).collect()
        }
        _ => question
            .options
            .iter()
            .map(|o| {
                let (text, text_lang) = text_and_language(&o.text, lang);
                (o.id.clone(), text.to_string(), (text_lang != lang).then(|| text_lang.to_string()))
            })
            .collect(),
    };
    let kind = question.kind;
    let controls = choices
        .into_iter()
        .enumerate()
        .map(|(i, (value, label, label_lang))| {
            let control_id = if i == 0 { first_control_id(&id) } else { format!("answer-{id}-{i}") };
            let chosen = {
                let (id, value) = (id.clone(), value.clone());
                move || {
                    answers.with(|a| match a.get(&id) {
                        Some(AnswerValue::Text(t)) => *t == value,
                        Some(AnswerValue::Choices(c)) => c.contains(&value),
                        Some(AnswerValue::Number(n)) => n.to_string() == value,
                        None => false,
                    })
                }
            };
            let toggle = {
                let (id, value) = (id.clone(), value.clone());
                move |ev| {
                    let on = event_target_checked(&ev);
                    answers.update(|a| match kind {
                        QuestionKind::MultipleChoice => {
                            // Copied, not removed: removing from the map would bring
                            // BTreeMap's rebalancing into the download for this one place.
                            let mut chosen = match a.get(&id) {
                                Some(AnswerValue::Choices(c)) => c.clone(),
                                _ => Vec::new(),
                            };
                            chosen.retain(|c| *c != value);
                            if on {
                                chosen.push(value.clone());
                            }
                            a.insert(id.clone(), AnswerValue::Choices(chosen));
                        }
                        QuestionKind::Scale => {
                            a.insert(id.clone(), AnswerValue::Number(value.parse().unwrap_or(SCALE_MIN)));
                        }
                        _ => {
                            a.insert(id.clone(), AnswerValue::Text(value.clone()));
                        }
                    })
                }
            };
            let label_for = control_id.clone();
            let input_type = if kind == QuestionKind::MultipleChoice { "checkbox" } else { "radio" };
            view! {
                <label class="choice" for=label_for>
                    <input
                        type=input_type
                        id=control_id
                        name=format!("answer-{id}")
                        value=value
                        prop:checked=chosen
                        on:change=toggle
                    />
                    <span dir=label_lang.as_deref().map(direction) lang=label_lang>{label}</span>
                </label>
            }
        })
        .collect_view();
    let described_by = error_id.clone();
    let class = if kind == QuestionKind::Scale { "choices scale" } else { "choices" };
    view! {
        <fieldset class="field" aria-describedby=described_by>
            <legend>{title}</legend>
            <div class=class>{controls}</div>
            <p id=error_id class="field-error">{error}</p>
        </fieldset>
    }
    .into_any()
}

/// The writing direction of a text in language `tag`: a Swedish question inside an Arabic form
/// keeps its punctuation where Swedish puts it (an element with `dir` is isolated from the text
/// around it).
fn direction(tag: &str) -> &'static str {
    match tryggve_core::i18n::Locale::from_tag(tag) {
        Some(locale) if locale.is_rtl() => "rtl",
        _ => "ltr",
    }
}
