//! What the dialogue is: title, state, time, place, description, the stream link and the panel.

use leptos::prelude::*;
use tryggve_core::dialogue::PublicDialogue;
use tryggve_core::i18n::I18n;

use crate::format;

#[component]
pub fn DialogueHeader(dialogue: Signal<PublicDialogue>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let details = move || dialogue.with(|d| d.details.clone());
    view! {
        <header class="dialogue-header">
            <h2 id="dialogue-title">{move || details().title}</h2>
            <p class=move || format!("state state-{}", dialogue.with(|d| d.state.id()))>
                {move || i18n.t(&format!("dialogue-state-{}", dialogue.with(|d| d.state.id())))}
            </p>
            <dl class="facts">
                <dt>{i18n.t("dialogue-when")}</dt>
                <dd>{move || { let d = details(); format::time_range(i18n.locale, &d.starts_at, &d.ends_at) }}</dd>
                {move || { let place = details().place; (!place.is_empty()).then(|| view! {
                    <dt>{i18n.t("dialogue-where")}</dt>
                    <dd>{place}</dd>
                }) }}
            </dl>
            {move || { let text = details().description; (!text.is_empty()).then(|| view! { <p class="description">{text}</p> }) }}
            // A link only, never an embedded player: no third-party content in the widget.
            {move || details().stream_url.map(|url| view! {
                <p><a href=url target="_blank" rel="noopener noreferrer">{i18n.t("dialogue-stream")}</a></p>
            })}
            {move || { let panel = details().panel; (!panel.is_empty()).then(|| view! {
                <h3>{i18n.t("dialogue-panel")}</h3>
                <ul class="panel">
                    {panel.into_iter().map(|p| view! {
                        <li>{p.name}{(!p.title.is_empty()).then(|| format!(", {}", p.title))}</li>
                    }).collect_view()}
                </ul>
            }) }}
        </header>
    }
}
