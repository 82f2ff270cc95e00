//! One question answered by choosing one of its answers: radio buttons in a fieldset whose
//! legend is the question, with the question's error below it.

use leptos::prelude::*;
use tryggve_core::i18n::Locale;

#[component]
pub fn ChoiceGroup(
    /// The radios' name and the start of their ids (`{name}-0` is the first, which an error
    /// focuses).
    name: String,
    legend: String,
    /// The legend's language, when it is not the reader's (a municipality's item in Swedish).
    #[prop(default = None)]
    legend_lang: Option<String>,
    /// Each answer's id and words.
    choices: Vec<(&'static str, String)>,
    chosen: Signal<Option<&'static str>>,
    on_choose: Callback<&'static str>,
    /// The question's error in words, if it has one.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    let legend_dir = legend_lang.as_deref().map(|tag| match Locale::from_tag(tag) {
        Some(locale) if locale.is_rtl() => "rtl",
        _ => "ltr",
    });
    let controls = choices
        .into_iter()
        .enumerate()
        .map(|(i, (value, words))| {
            let id = format!("{name}-{i}");
            view! {
                <label class="choice" for=id.clone()>
                    <input
                        type="radio"
                        id=id.clone()
                        name=name.clone()
                        value=value
                        prop:checked=move || chosen.get() == Some(value)
                        on:change=move |_| on_choose.run(value)
                    />
                    <span>{words}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" aria-describedby=error_id.clone() aria-invalid=move || error.with(Option::is_some).then_some("true")>
            <legend lang=legend_lang dir=legend_dir>{legend}</legend>
            <div class="choices stacked">{controls}</div>
            <p id=error_id.clone() class="field-error">{move || error.get()}</p>
        </fieldset>
    }
}
