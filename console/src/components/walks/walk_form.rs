use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::walk::{Walk, WalkDraft, WALK_DESCRIPTION_MAX_CHARS, WALK_TITLE_MAX_CHARS};
use tryggve_core::{LatLng, TenantConfig};

use super::route_picker::RoutePicker;
use crate::api;
use crate::components::place_picker::PlacePicker;

/// Plans a walk, or changes the one being edited; for a walk already planned, its
/// participants' code is set here too (shown never again once saved).
#[component]
pub fn WalkForm(
    session: SessionInfo,
    editing: RwSignal<Option<Walk>>,
    config: TenantConfig,
    on_saved: Callback<Walk>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let text = || RwSignal::new(String::new());
    let (title, area, starts_at, organiser, organisations, description, code) =
        (text(), text(), text(), text(), text(), text(), text());
    let meeting = RwSignal::new(None::<LatLng>);
    let route = RwSignal::new(Vec::<LatLng>::new());
    let notice = RwSignal::new(String::new());
    let first_area = config.areas.first().map(|a| a.id.clone()).unwrap_or_default();
    // The fields show the walk chosen for editing, or a new one in the first area.
    Effect::new(move |_| {
        let d = editing.get().map(|w| w.draft);
        title.set(d.as_ref().map(|d| d.title.clone()).unwrap_or_default());
        area.set(d.as_ref().map_or_else(|| first_area.clone(), |d| d.area.clone()));
        starts_at.set(d.as_ref().map(|d| d.starts_at.clone()).unwrap_or_default());
        meeting.set(d.as_ref().map(|d| d.meeting_point));
        route.set(d.as_ref().map(|d| d.route.clone()).unwrap_or_default());
        organiser.set(d.as_ref().map(|d| d.organiser.clone()).unwrap_or_default());
        organisations.set(d.as_ref().map(|d| d.organisations.clone()).unwrap_or_default());
        description.set(d.map(|d| d.description).unwrap_or_default());
        code.set(String::new());
    });
    let (tenant, csrf) =
        (StoredValue::new(session.tenant.clone()), StoredValue::new(session.csrf_token.clone()));
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(meeting_point) = meeting.get_untracked() else {
            notice.set(i18n.t("console-walk-meeting-needed"));
            return;
        };
        let before = editing.get_untracked();
        let draft = WalkDraft {
            title: title.get_untracked(),
            area: area.get_untracked(),
            starts_at: starts_at.get_untracked(),
            meeting_point,
            route: route.get_untracked(),
            organiser: organiser.get_untracked(),
            organisations: organisations.get_untracked(),
            description: description.get_untracked(),
        };
        let id = before.map(|w| w.id);
        spawn_local(async move {
            let (tenant, csrf) = (tenant.get_value(), csrf.get_value());
            let saved = match id {
                Some(id) => api::update_walk(&tenant, &csrf, id, &draft).await,
                None => api::add_walk(&tenant, &csrf, &draft).await,
            };
            match saved {
                Ok(walk) => {
                    let key = if id.is_some() { "console-walk-saved" } else { "console-walk-added" };
                    notice.set(i18n.t_with(key, &[("title", &walk.draft.title)]));
                    // A new walk stays open, for its code.
                    editing.set(Some(walk.clone()));
                    on_saved.try_run(walk);
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    let set_code = move |_| {
        let Some(walk) = editing.get_untracked() else { return };
        let typed = code.get_untracked();
        spawn_local(async move {
            match api::set_walk_code(&tenant.get_value(), &csrf.get_value(), walk.id, typed).await {
                Ok(now) => {
                    notice.set(i18n.t_with("console-walk-code-saved", &[("title", &now.draft.title)]));
                    editing.set(Some(now.clone()));
                    on_saved.try_run(now);
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    let heading = move || match editing.get() {
        Some(w) => i18n.t_with("console-walk-editing", &[("title", &w.draft.title)]),
        None => i18n.t("console-walk-new"),
    };
    let areas = config.areas.clone();
    view! {
        <form class="unit-form walk-form" aria-labelledby="walk-form-title" on:submit=save>
            <h2 id="walk-form-title">{heading}</h2>
            <label for="walk-title">{i18n.t("console-walk-title")}</label>
            <input id="walk-title" required maxlength=WALK_TITLE_MAX_CHARS.to_string() prop:value=move || title.get()
                on:input=move |ev| title.set(event_target_value(&ev)) />
            <fieldset>
                <legend>{i18n.t("console-walk-when-where")}</legend>
                <div class="choices">
                    <div>
                        <label for="walk-area">{i18n.t("console-area")}</label>
                        <select id="walk-area" prop:value=move || area.get() on:change=move |ev| area.set(event_target_value(&ev))>
                            {areas.iter().map(|a| view! { <option value=a.id.clone()>{a.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="walk-starts">{i18n.t("console-walk-starts")}</label>
                        <input id="walk-starts" type="datetime-local" required prop:value=move || starts_at.get()
                            on:input=move |ev| starts_at.set(event_target_value(&ev)) />
                    </div>
                </div>
            </fieldset>
            <PlacePicker config=config.map.clone() place=meeting required=true legend=i18n.t("console-walk-meeting")
                hint=i18n.t("console-walk-meeting-hint") map_label=i18n.t("console-walk-meeting-map") />
            <RoutePicker config=config.map.clone() route />
            <label for="walk-organiser">{i18n.t("console-walk-organiser")}</label>
            <input id="walk-organiser" maxlength="100" prop:value=move || organiser.get()
                on:input=move |ev| organiser.set(event_target_value(&ev)) />
            <label for="walk-organisations">{i18n.t("console-walk-organisations")}</label>
            <input id="walk-organisations" maxlength="500" prop:value=move || organisations.get()
                on:input=move |ev| organisations.set(event_target_value(&ev)) />
            <label for="walk-description">{i18n.t("console-walk-description")}</label>
            <textarea id="walk-description" rows="3" maxlength=WALK_DESCRIPTION_MAX_CHARS.to_string() prop:value=move || description.get()
                on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            <div class="buttons">
                <button type="submit" class="primary">{move || i18n.t(if editing.with(Option::is_some) { "console-walk-save" } else { "console-walk-add" })}</button>
                {move || editing.with(Option::is_some).then(|| view! {
                    <button type="button" on:click=move |_| editing.set(None)>{i18n.t("console-walk-new-button")}</button>
                })}
            </div>
            {move || editing.get().map(|w| view! {
                <fieldset class="walk-code">
                    <legend>{i18n.t("console-walk-code")}</legend>
                    <p class="hint">{i18n.t(if w.has_code { "console-walk-code-hint-set" } else { "console-walk-code-hint" })}</p>
                    <label for="walk-code">{i18n.t("console-walk-code-label")}</label>
                    <input id="walk-code" autocomplete="off" minlength="10" maxlength="100" prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev)) />
                    <button type="button" on:click=set_code>{i18n.t("console-walk-code-save")}</button>
                </fieldset>
            })}
        </form>
    }
}
