use leptos::prelude::*;
use tryggve_core::category::label_key;
use tryggve_core::i18n::I18n;
use tryggve_core::moderation::Visibility;
use tryggve_core::review::{is_iso_day, ReportFilter};
use tryggve_core::stats::OUTSIDE_AREAS;
use tryggve_core::{Area, ReportStatus};

/// Filters by status, publication, category and date; each change reloads the list.
#[component]
pub fn ReportFilters(
    filter: RwSignal<ReportFilter>,
    categories: Vec<String>,
    areas: Vec<Area>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();

    let day = |value: String| (is_iso_day(&value)).then_some(value);

    view! {
        <form class="filters" aria-label=i18n.t("console-filters") on:submit=|ev| ev.prevent_default()>
            <div>
                <label for="filter-status">{i18n.t("console-status")}</label>
                <select id="filter-status" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.status = ReportStatus::from_id(&value));
                }>
                    <option value="">{i18n.t("console-all")}</option>
                    {ReportStatus::ALL.map(|s| view! { <option value=s.id()>{i18n.t(&s.label_key())}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-visibility">{i18n.t("console-visibility")}</label>
                <select id="filter-visibility" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.visibility = Visibility::from_id(&value));
                }>
                    <option value="">{i18n.t("console-all")}</option>
                    {Visibility::ALL.map(|v| view! { <option value=v.id()>{i18n.t(&v.label_key())}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-category">{i18n.t("category-label")}</label>
                <select id="filter-category" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.category = (!value.is_empty()).then_some(value));
                }>
                    <option value="">{i18n.t("console-all")}</option>
                    {categories.into_iter().map(|id| view! { <option value=id.clone()>{i18n.t(&label_key(&id))}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-area">{i18n.t("console-area")}</label>
                <select id="filter-area" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.area = (!value.is_empty()).then_some(value));
                }>
                    <option value="">{i18n.t("console-all")}</option>
                    {areas.into_iter().map(|a| view! { <option value=a.id.clone()>{a.name.clone()}</option> }).collect_view()}
                    <option value=OUTSIDE_AREAS>{i18n.t("console-outside-areas")}</option>
                </select>
            </div>
            <div>
                <label for="filter-from">{i18n.t("console-from")}</label>
                <input id="filter-from" type="date" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.from = day(value));
                } />
            </div>
            <div>
                <label for="filter-to">{i18n.t("console-to")}</label>
                <input id="filter-to" type="date" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.to = day(value));
                } />
            </div>
        </form>
    }
}
