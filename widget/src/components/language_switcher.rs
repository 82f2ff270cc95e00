//! Choosing the widget's language among those the municipality offers. The draft stays.

use leptos::prelude::*;
use tryggve_core::i18n::{I18n, Locale};

#[component]
pub fn LanguageSwitcher(locale: RwSignal<Locale>, offered: Vec<String>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let languages: Vec<Locale> = offered.iter().filter_map(|tag| Locale::from_tag(tag)).collect();
    view! {
        <div class="language">
            <label for="language">{i18n.t("language-label")}</label>
            <select id="language" on:change=move |ev| {
                if let Some(chosen) = Locale::from_tag(&event_target_value(&ev)) {
                    locale.set(chosen);
                }
            }>
                {languages.into_iter().map(|l| view! {
                    <option value=l.tag() lang=l.tag() selected=l == i18n.locale>{l.native_name()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
