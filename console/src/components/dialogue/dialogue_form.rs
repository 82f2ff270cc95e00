//! A dialogue's details: title, description, place, times, stream link and panel. Used to create
//! a dialogue and to edit one.

use leptos::prelude::*;
use tryggve_core::dialogue::{DialogueDetails, Panelist};
use tryggve_core::i18n::I18n;

/// The panel is typed one member per line: "Name, title".
fn panel_from_text(text: &str) -> Vec<Panelist> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| match line.split_once(',') {
            Some((name, title)) => Panelist { name: name.trim().into(), title: title.trim().into() },
            None => Panelist { name: line.trim().into(), title: String::new() },
        })
        .collect()
}

fn panel_to_text(panel: &[Panelist]) -> String {
    panel
        .iter()
        .map(|p| if p.title.is_empty() { p.name.clone() } else { format!("{}, {}", p.name, p.title) })
        .collect::<Vec<_>>()
        .join("\n")
}

#[component]
pub fn DialogueForm(
    heading: String,
    submit: String,
    initial: DialogueDetails,
    on_submit: Callback<DialogueDetails>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let title = RwSignal::new(initial.title.clone());
    let description = RwSignal::new(initial.description.clone());
    let place = RwSignal::new(initial.place.clone());
    let starts_at = RwSignal::new(initial.starts_at.clone());
    let ends_at = RwSignal::new(initial.ends_at.clone());
    let stream_url = RwSignal::new(initial.stream_url.clone().unwrap_or_default());
    let panel = RwSignal::new(panel_to_text(&initial.panel));

    let send = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let url = stream_url.get_untracked();
        on_submit.run(DialogueDetails {
            title: title.get_untracked(),
            description: description.get_untracked(),
            place: place.get_untracked(),
            starts_at: starts_at.get_untracked(),
            ends_at: ends_at.get_untracked(),
            stream_url: (!url.trim().is_empty()).then_some(url),
            panel: panel_from_text(&panel.get_untracked()),
        });
    };
    let field = |id: &'static str,
                 label: &'static str,
                 value: RwSignal<String>,
                 kind: &'static str,
                 required: bool| {
        view! {
            <label for=id>{i18n.t(label)}</label>
            <input id=id type=kind required=required prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <form class="login dialogue-form" on:submit=send>
            <h2>{heading}</h2>
            {field("dialogue-title", "console-dialogue-title-field", title, "text", true)}
            <label for="dialogue-description">{i18n.t("console-dialogue-description")}</label>
            <textarea id="dialogue-description" rows="3" prop:value=move || description.get()
                on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            {field("dialogue-place", "console-dialogue-place", place, "text", false)}
            {field("dialogue-starts", "console-dialogue-starts", starts_at, "datetime-local", true)}
            {field("dialogue-ends", "console-dialogue-ends", ends_at, "datetime-local", true)}
            {field("dialogue-stream", "console-dialogue-stream", stream_url, "url", false)}
            <label for="dialogue-panel">{i18n.t("console-dialogue-panel")}</label>
            <textarea id="dialogue-panel" rows="3" aria-describedby="dialogue-panel-hint" prop:value=move || panel.get()
                on:input=move |ev| panel.set(event_target_value(&ev))></textarea>
            <p class="hint" id="dialogue-panel-hint">{i18n.t("console-dialogue-panel-hint")}</p>
            <button type="submit" class="primary">{submit}</button>
        </form>
    }
}
