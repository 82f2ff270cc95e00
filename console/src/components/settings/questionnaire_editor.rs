use leptos::prelude::*;
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::questionnaire::{AnswerOption, Question, QuestionKind, Texts};

/// A new id for a question or option: never one used before, so that answers stored under an
/// old question are never counted for a new one.
fn fresh_id(prefix: &str) -> String {
    thread_local!(static COUNTER: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let n = COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    format!("{prefix}{:x}{n}", js_sys::Date::now() as u64)
}

fn edit(questions: RwSignal<Vec<Question>>, id: &str, change: impl FnOnce(&mut Question)) {
    questions.update(|qs| {
        if let Some(q) = qs.iter_mut().find(|q| q.id == id) {
            change(q);
        }
    });
}

fn position(questions: RwSignal<Vec<Question>>, id: &str) -> usize {
    questions.with(|qs| qs.iter().position(|q| q.id == id).unwrap_or(0))
}

/// The questions residents answer after the pin. A saved question keeps its kind (its stored
/// answers depend on it); its words, options and order may change.
#[component]
pub fn QuestionnaireEditor(
    questions: RwSignal<Vec<Question>>,
    saved: RwSignal<Vec<Question>>,
    languages: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let add = move |_| {
        questions.update(|qs| {
            qs.push(Question {
                id: fresh_id("q"),
                text: Texts::new(),
                kind: QuestionKind::SingleChoice,
                required: false,
                options: vec![
                    AnswerOption { id: fresh_id("o"), text: Texts::new() },
                    AnswerOption { id: fresh_id("o"), text: Texts::new() },
                ],
            })
        })
    };
    view! {
        <fieldset class="questionnaire">
            <legend>{i18n.t("console-settings-questionnaire")}</legend>
            <p class="hint">{i18n.t("console-settings-questionnaire-hint")}</p>
            <ol class="questions">
                <For each=move || questions.get() key=|q| q.id.clone() let:question>
                    <QuestionEditor id=question.id questions saved languages />
                </For>
            </ol>
            <button type="button" on:click=add>{i18n.t("console-question-add")}</button>
        </fieldset>
    }
}

#[component]
fn QuestionEditor(
    id: String,
    questions: RwSignal<Vec<Question>>,
    saved: RwSignal<Vec<Question>>,
    languages: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = StoredValue::new(id);
    let question = move || questions.with(|qs| qs.iter().find(|q| q.id == id.get_value()).cloned());
    let number = move || (position(questions, &id.get_value()) + 1).to_string();
    let is_saved = move || saved.with(|s| s.iter().any(|q| q.id == id.get_value()));
    let kind = move || question().map_or(QuestionKind::SingleChoice, |q| q.kind);
    // A memo, so that typing in an option does not redraw (and unfocus) the options.
    let has_options = Memo::new(move |_| kind().has_options());

    let set_kind = move |ev| {
        let Some(kind) = QuestionKind::from_id(&event_target_value(&ev)) else { return };
        edit(questions, &id.get_value(), |q| {
            q.kind = kind;
            if !kind.has_options() {
                q.options.clear();
            } else if q.options.len() < 2 {
                q.options.resize_with(2, || AnswerOption { id: fresh_id("o"), text: Texts::new() });
            }
        });
    };
    let shift = move |by: isize| {
        questions.update(|qs| {
            let from = qs.iter().position(|q| q.id == id.get_value()).unwrap_or(0);
            let to = from as isize + by;
            if (0..qs.len() as isize).contains(&to) {
                qs.swap(from, to as usize);
            }
        })
    };
    let remove = move |_| questions.update(|qs| qs.retain(|q| q.id != id.get_value()));
    let add_option = move |_| {
        edit(questions, &id.get_value(), |q| {
            q.options.push(AnswerOption { id: fresh_id("o"), text: Texts::new() })
        })
    };
    let named = move |key: &str| i18n.t_with(key, &[("number", &number())]);

    view! {
        <li class="question">
            <h2>{move || named("console-question-number")}</h2>
            {move || languages.get().into_iter().map(|lang| {
                // Ids follow the question's own id, so that they stay while questions move.
                let input_id = format!("question-{}-text-{lang}", id.get_value());
                let language = Locale::from_tag(&lang).map_or(lang.clone(), |l| l.native_name().to_string());
                let value = {
                    let lang = lang.clone();
                    move || question().and_then(|q| q.text.get(&lang).cloned()).unwrap_or_default()
                };
                let set = move |ev| {
                    let text = event_target_value(&ev);
                    edit(questions, &id.get_value(), |q| {
                        q.text.insert(lang.clone(), text);
                    })
                };
                let label = move || i18n.t_with("console-questionnaire-text", &[("number", &number()), ("language", &language)]);
                view! {
                    <label for=input_id.clone()>{label}</label>
                    <input id=input_id.clone() prop:value=value on:input=set />
                }
            }).collect_view()}
            <label for=format!("question-{}-kind", id.get_value())>{i18n.t("console-question-kind")}</label>
            <select id=format!("question-{}-kind", id.get_value()) on:change=set_kind
                disabled=is_saved aria-describedby=format!("question-{}-kind-hint", id.get_value())>
                {QuestionKind::ALL.map(|k| view! {
                    <option value=k.id() selected=move || kind() == k>{i18n.t(&format!("console-question-kind-{}", k.id().replace('_', "-")))}</option>
                }).collect_view()}
            </select>
            <p id=format!("question-{}-kind-hint", id.get_value()) class="hint">
                {move || is_saved().then(|| i18n.t("console-question-kind-locked"))}
            </p>
            <label class="check" for=format!("question-{}-required", id.get_value())>
                <input type="checkbox" id=format!("question-{}-required", id.get_value())
                    prop:checked=move || question().is_some_and(|q| q.required)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit(questions, &id.get_value(), |q| q.required = on)
                    } />
                {i18n.t("console-question-required")}
            </label>
            {move || has_options.get().then(|| view! {
                <fieldset id=format!("question-{}-options", id.get_value()) tabindex="-1">
                    <legend>{i18n.t("console-question-options")}</legend>
                    <ol>
                        <For each=move || question().map(|q| q.options).unwrap_or_default() key=|o| o.id.clone() let:option>
                            <OptionEditor question=id option=option.id questions languages />
                        </For>
                    </ol>
                    <button type="button" on:click=add_option>{move || named("console-option-add")}</button>
                </fieldset>
            })}
            <div class="actions">
                <button type="button" on:click=move |_| shift(-1) aria-label=move || named("console-question-up")>"↑"</button>
                <button type="button" on:click=move |_| shift(1) aria-label=move || named("console-question-down")>"↓"</button>
                <button type="button" on:click=remove>{move || named("console-question-remove")}</button>
            </div>
        </li>
    }
}

#[component]
fn OptionEditor(
    question: StoredValue<String>,
    option: String,
    questions: RwSignal<Vec<Question>>,
    languages: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let option = StoredValue::new(option);
    // The option's place in its question, for its label ("Alternativ 2").
    let number = move || {
        questions.with(|qs| {
            qs.iter()
                .find(|q| q.id == question.get_value())
                .and_then(|q| q.options.iter().position(|o| o.id == option.get_value()))
                .map_or(1, |i| i + 1)
                .to_string()
        })
    };
    let remove =
        move |_| edit(questions, &question.get_value(), |q| q.options.retain(|o| o.id != option.get_value()));
    view! {
        <li class="option">
            {move || languages.get().into_iter().map(|lang| {
                let input_id = format!("option-{}-{lang}", option.get_value());
                let language = Locale::from_tag(&lang).map_or(lang.clone(), |l| l.native_name().to_string());
                let label = move || i18n.t_with("console-option-text", &[("number", &number()), ("language", &language)]);
                let value = {
                    let lang = lang.clone();
                    move || {
                        questions.with(|qs| {
                            qs.iter()
                                .find(|q| q.id == question.get_value())
                                .and_then(|q| q.options.iter().find(|o| o.id == option.get_value()))
                                .and_then(|o| o.text.get(&lang).cloned())
                                .unwrap_or_default()
                        })
                    }
                };
                let set = move |ev| {
                    let text = event_target_value(&ev);
                    edit(questions, &question.get_value(), |q| {
                        if let Some(o) = q.options.iter_mut().find(|o| o.id == option.get_value()) {
                            o.text.insert(lang.clone(), text);
                        }
                    })
                };
                view! {
                    <label for=input_id.clone()>{label}</label>
                    <input id=input_id.clone() prop:value=value on:input=set />
                }
            }).collect_view()}
            <button type="button" on:click=remove aria-label=move || {
                i18n.t_with("console-option-remove", &[("number", &number())])
            }>{i18n.t("console-remove")}</button>
        </li>
    }
}
