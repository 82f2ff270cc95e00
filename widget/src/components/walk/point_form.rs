//! A new point in two taps: the place (chosen above, on the map or "here I stand"), then what
//! it is. How unsafe it feels and a short note are optional and come before the category,
//! whose buttons log the point at once: big targets for a phone held in one hand in the dark.

use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::walk_point::{WalkCategory, UNSAFE_LEVELS, WALK_NOTE_MAX_CHARS};

/// What the participant chose for the point, besides its place.
#[derive(Debug, Clone, PartialEq)]
pub struct PointChoice {
    pub category: WalkCategory,
    pub note: String,
    pub unsafe_level: Option<u8>,
}

#[component]
pub fn PointForm(
    /// Logs the point (the logger knows its place); whether it was taken (then the form is
    /// emptied for the next one).
    on_log: Callback<PointChoice, bool>,
    /// Why the point could not be logged yet (no place), if that was the last try.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let note = RwSignal::new(String::new());
    let level = RwSignal::new(None::<u8>);
    let log = move |category: WalkCategory| {
        // The browser normalises what was typed, so that both sides count the same characters.
        let typed: String = js_sys::JsString::from(note.get_untracked()).normalize("NFC").into();
        if on_log.run(PointChoice { category, note: typed, unsafe_level: level.get_untracked() }) {
            note.set(String::new());
            level.set(None);
        }
    };

    view! {
        <div class="walk-point-form">
            <fieldset class="unsafe-level">
                <legend>{i18n.t("walk-level-legend")}</legend>
                <div class="level-choices">
                    {UNSAFE_LEVELS.map(|n| {
                        let id = format!("walk-level-{n}");
                        view! {
                            <span class="level-choice">
                                <input
                                    type="radio"
                                    name="walk-level"
                                    id=id.clone()
                                    prop:checked=move || level.get() == Some(n)
                                    on:change=move |_| level.set(Some(n))
                                />
                                <label for=id>{n.to_string()}</label>
                            </span>
                        }
                    }).collect_view()}
                </div>
                <p class="hint">{i18n.t("walk-level-hint")}</p>
            </fieldset>
            <label for="walk-note">{i18n.t("walk-note-label")}</label>
            <textarea
                id="walk-note"
                rows="2"
                maxlength=WALK_NOTE_MAX_CHARS.to_string()
                prop:value=move || note.get()
                on:input=move |ev| note.set(event_target_value(&ev))
            ></textarea>
            <fieldset class="walk-categories" aria-describedby="walk-point-error">
                <legend>{i18n.t("walk-category-legend")}</legend>
                {WalkCategory::ALL.into_iter().map(|category| view! {
                    <button
                        type="button"
                        class=if category == WalkCategory::DarkSpot { "category dark" } else { "category" }
                        on:click=move |_| log(category)
                    >
                        {i18n.t(&category.label_key("walk-category"))}
                    </button>
                }).collect_view()}
            </fieldset>
            <p id="walk-point-error" class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}
