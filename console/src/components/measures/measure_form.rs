use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::measure::{Measure, MeasureDraft, MeasureKind, MeasureStatus};
use tryggve_core::{Area, LatLng, MapConfig};

use crate::api;
use crate::components::place_picker::PlacePicker;
use crate::components::units::Units;

/// Adds a measure, or changes the one being edited. The reports it answers are typed as case
/// numbers, separated by commas or spaces.
#[component]
pub fn MeasureForm(
    session: SessionInfo,
    editing: RwSignal<Option<Measure>>,
    areas: Vec<Area>,
    map: MapConfig,
    on_saved: Callback<Measure>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let units = expect_context::<Units>().0;
    let text = || RwSignal::new(String::new());
    let (title, kind, status, area, unit) = (text(), text(), text(), text(), text());
    let (planned, started, done, cost, public_text, reports) =
        (text(), text(), text(), text(), text(), text());
    let place = RwSignal::new(None::<LatLng>);
    let notice = RwSignal::new(String::new());
    // The fields show the measure chosen for editing, or a new planned one.
    Effect::new(move |_| {
        let d = editing.get().map(|m| m.draft);
        let or_empty = |v: Option<String>| v.unwrap_or_default();
        title.set(or_empty(d.as_ref().map(|d| d.title.clone())));
        kind.set(d.as_ref().map_or(MeasureKind::Lighting, |d| d.kind).id().to_string());
        status.set(d.as_ref().map_or(MeasureStatus::Planned, |d| d.status).id().to_string());
        area.set(or_empty(d.as_ref().and_then(|d| d.area.clone())));
        place.set(d.as_ref().and_then(|d| d.place));
        unit.set(or_empty(d.as_ref().and_then(|d| d.unit.map(|u| u.to_string()))));
        planned.set(or_empty(d.as_ref().and_then(|d| d.planned_on.clone())));
        started.set(or_empty(d.as_ref().and_then(|d| d.started_on.clone())));
        done.set(or_empty(d.as_ref().and_then(|d| d.done_on.clone())));
        cost.set(or_empty(d.as_ref().and_then(|d| d.cost_sek.map(|c| c.to_string()))));
        public_text.set(or_empty(d.as_ref().map(|d| d.public_text.clone())));
        reports.set(or_empty(d.map(|d| d.reports.join(", "))));
    });
    let (tenant, csrf) =
        (StoredValue::new(session.tenant.clone()), StoredValue::new(session.csrf_token.clone()));
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let optional =
            |s: RwSignal<String>| Some(s.get_untracked().trim().to_string()).filter(|v| !v.is_empty());
        let draft = MeasureDraft {
            title: title.get_untracked(),
            kind: MeasureKind::from_id(&kind.get_untracked()).unwrap_or(MeasureKind::Other),
            status: MeasureStatus::from_id(&status.get_untracked()).unwrap_or(MeasureStatus::Planned),
            area: optional(area),
            place: place.get_untracked(),
            unit: optional(unit).and_then(|u| u.parse().ok()),
            planned_on: optional(planned),
            started_on: optional(started),
            done_on: optional(done),
            cost_sek: optional(cost).and_then(|c| c.parse().ok()),
            public_text: public_text.get_untracked(),
            reports: reports
                .get_untracked()
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect(),
        };
        let id = editing.get_untracked().map(|m| m.id);
        spawn_local(async move {
            let (tenant, csrf) = (tenant.get_value(), csrf.get_value());
            let saved = match id {
                Some(id) => api::update_measure(&tenant, &csrf, id, &draft).await,
                None => api::add_measure(&tenant, &csrf, &draft).await,
            };
            match saved {
                Ok(measure) => {
                    let key = if id.is_some() { "console-measure-saved" } else { "console-measure-added" };
                    notice.set(i18n.t_with(key, &[("title", &measure.draft.title)]));
                    editing.set(None);
                    on_saved.try_run(measure);
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    let heading = move || match editing.get() {
        Some(m) => i18n.t_with("console-measure-editing", &[("title", &m.draft.title)]),
        None => i18n.t("console-measure-new"),
    };
    let field = move |id: &'static str, key: &'static str, kind: &'static str, value: RwSignal<String>| {
        view! {
            <div>
                <label for=id>{i18n.t(key)}</label>
                <input id=id type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <form class="unit-form measure-form" aria-labelledby="measure-form-title" on:submit=save>
            <h2 id="measure-form-title">{heading}</h2>
            <label for="measure-title">{i18n.t("console-measure-title")}</label>
            <input id="measure-title" required maxlength="120" prop:value=move || title.get()
                on:input=move |ev| title.set(event_target_value(&ev)) />
            <fieldset>
                <legend>{i18n.t("console-measure-what")}</legend>
                <div class="choices">
                    <div>
                        <label for="measure-kind">{i18n.t("console-measure-kind")}</label>
                        <select id="measure-kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                            {MeasureKind::ALL.map(|k| view! { <option value=k.id()>{i18n.t(&k.label_key())}</option> }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="measure-status">{i18n.t("console-status")}</label>
                        <select id="measure-status" prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                            {MeasureStatus::ALL.map(|s| view! { <option value=s.id()>{i18n.t(&s.label_key())}</option> }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="measure-area">{i18n.t("console-area")}</label>
                        <select id="measure-area" prop:value=move || area.get() on:change=move |ev| area.set(event_target_value(&ev))>
                            <option value="">{i18n.t("console-measure-no-area")}</option>
                            {areas.iter().map(|a| view! { <option value=a.id.clone()>{a.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="measure-unit">{i18n.t("console-unit")}</label>
                        <select id="measure-unit" prop:value=move || unit.get() on:change=move |ev| unit.set(event_target_value(&ev))>
                            <option value="">{i18n.t("console-unit-none")}</option>
                            {units.iter().map(|u| view! { <option value=u.id.to_string()>{u.draft.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
            </fieldset>
            <PlacePicker config=map place legend=i18n.t("console-measure-place") hint=i18n.t("console-measure-place-hint")
                map_label=i18n.t("console-measure-place-map") />
            <fieldset>
                <legend>{i18n.t("console-measure-when")}</legend>
                <div class="choices">
                    {field("measure-planned", "console-measure-planned", "date", planned)}
                    {field("measure-started", "console-measure-started", "date", started)}
                    {field("measure-done", "console-measure-done", "date", done)}
                    {field("measure-cost", "console-measure-cost", "number", cost)}
                </div>
            </fieldset>
            <label for="measure-reports">{i18n.t("console-measure-reports-label")}</label>
            <input id="measure-reports" prop:value=move || reports.get() on:input=move |ev| reports.set(event_target_value(&ev)) />
            <label for="measure-text">{i18n.t("console-measure-public-text")}</label>
            <textarea id="measure-text" rows="3" maxlength="2000" prop:value=move || public_text.get()
                on:input=move |ev| public_text.set(event_target_value(&ev))></textarea>
            <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            <div class="buttons">
                <button type="submit" class="primary">{move || i18n.t(if editing.with(Option::is_some) { "console-measure-save" } else { "console-measure-add" })}</button>
                {move || editing.with(Option::is_some).then(|| view! {
                    <button type="button" on:click=move |_| editing.set(None)>{i18n.t("console-unit-cancel")}</button>
                })}
            </div>
        </form>
    }
}
