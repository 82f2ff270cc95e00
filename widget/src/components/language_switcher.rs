//! Choosing the widget's language among those the municipality offers. The draft stays.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::{I18n, Locale};

use crate::locales::LocaleFiles;

#[component]
pub fn LanguageSwitcher(locale: RwSignal<Locale>, offered: Vec<String>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let files = expect_context::<LocaleFiles>();
    let languages: Vec<Locale> = offered.iter().filter_map(|tag| Locale::from_tag(tag)).collect();
    let failed = RwSignal::new(false);
    let choose = move |ev: leptos::ev::Event| {
        let Some(chosen) = Locale::from_tag(&event_target_value(&ev)) else {
            return;
        };
        let select = event_target::<web_sys::HtmlSelectElement>(&ev);
        let files = files.clone();
        // The language's words are fetched first (unless at hand); the widget switches once
        // they are here, and stays as it is if they cannot be.
        spawn_local(async move {
            if files.fetch(chosen).await {
                locale.set(chosen);
            } else {
                select.set_value(i18n.locale.tag());
                failed.set(true);
            }
        });
    };
    view! {
        <div class="language">
            <label for="language">{i18n.t("language-label")}</label>
            <select id="language" aria-describedby="language-status" on:change=choose>
                {languages.into_iter().map(|l| view! {
                    <option value=l.tag() lang=l.tag() selected=l == i18n.locale>{l.native_name()}</option>
                }).collect_view()}
            </select>
            <p id="language-status" class="field-error" role="alert">
                {move || failed.get().then(|| i18n.t("language-failed"))}
            </p>
        </div>
    }
}
