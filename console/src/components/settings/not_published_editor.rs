//! The municipality's own words to a resident whose report is kept off the public map, one
//! text per reason and language offered (shown in the follow-up beside the standard sentence).

use leptos::prelude::*;
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::moderation::RejectionReason;
use tryggve_core::TenantConfig;

#[component]
pub fn NotPublishedEditor(config: RwSignal<TenantConfig>, languages: Signal<Vec<String>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <div class="not-published">
            <h2>{i18n.t("console-not-published-title")}</h2>
            <p class="hint">{i18n.t("console-not-published-hint")}</p>
            {RejectionReason::ALL.map(|reason| {
                let has_words = move || config.with(|c| c.not_published_texts.contains_key(&reason));
                let reason_label = i18n.t(&reason.label_key());
                view! {
                    // Open from the start where the municipality has written something.
                    <details open=has_words()>
                        <summary>
                            {reason_label.clone()}
                            {move || has_words().then(|| format!(" – {}", i18n.t("console-not-published-own")))}
                        </summary>
                        {move || languages.get().into_iter().map(|lang| {
                            let id = format!("not-published-{}-{lang}", reason.id());
                            let language = Locale::from_tag(&lang).map_or(lang.clone(), |l| l.native_name().to_string());
                            let label = i18n.t_with("console-not-published-text", &[("reason", &reason_label), ("language", &language)]);
                            let value = {
                                let lang = lang.clone();
                                move || config.with(|c| c.not_published_texts.get(&reason).and_then(|t| t.get(&lang)).cloned()).unwrap_or_default()
                            };
                            let set = move |ev| {
                                let text = event_target_value(&ev);
                                config.update(|c| {
                                    let texts = c.not_published_texts.entry(reason).or_default();
                                    texts.insert(lang.clone(), text);
                                    // Emptied: no words of its own (the edge drops them as well).
                                    texts.retain(|_, t| !t.trim().is_empty());
                                    if texts.is_empty() {
                                        c.not_published_texts.remove(&reason);
                                    }
                                })
                            };
                            view! {
                                <label for=id.clone()>{label}</label>
                                <textarea id=id rows="2" maxlength="500" prop:value=value on:input=set></textarea>
                            }
                        }).collect_view()}
                    </details>
                }
            }).collect_view()}
        </div>
    }
}
