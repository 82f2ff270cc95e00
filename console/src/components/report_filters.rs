use leptos::prelude::*;
use tryggve_core::category::CategoryNames;
use tryggve_core::i18n::I18n;
use tryggve_core::moderation::Visibility;
use tryggve_core::reporter::ReporterGroup;
use tryggve_core::review::{is_iso_day, ReportFilter, UnitFilter};
use tryggve_core::stats::OUTSIDE_AREAS;
use tryggve_core::unit::Unit;
use tryggve_core::{Area, ReportStatus};

/// Filters by status, publication, category, area, sender, unit, date and a search; each change reloads the
/// list. The fields show the filter as it is, also when it came from a link or the browser's
/// back button.
#[component]
pub fn ReportFilters(
    filter: RwSignal<ReportFilter>,
    categories: Vec<String>,
    areas: Vec<Area>,
    /// Whether the search in the reports' texts is offered (only to those who may read them).
    #[prop(default = true)]
    may_search: bool,
    /// Whether publication is a choice (not on a list of approved reports only).
    #[prop(default = true)]
    by_visibility: bool,
    /// Whether the sender's group is a choice (not for observers' list, which does not name it).
    #[prop(default = true)]
    by_group: bool,
    /// The units to choose among (none: no unit filter).
    #[prop(default = Vec::new())]
    units: Vec<Unit>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = expect_context::<CategoryNames>();

    let day = |value: String| (is_iso_day(&value)).then_some(value);
    // An option is chosen when the filter holds its value ("" for "all").
    let chosen = move |read: fn(&ReportFilter) -> Option<String>, value: String| {
        move || filter.with(|f| read(f).unwrap_or_default() == value)
    };
    let option = move |read: fn(&ReportFilter) -> Option<String>, value: String, label: String| {
        view! { <option value=value.clone() prop:selected=chosen(read, value)>{label}</option> }
    };
    let all = move |read| option(read, String::new(), i18n.t("console-all"));
    let search = NodeRef::<leptos::html::Input>::new();
    // A search reloads the list only when it changed (Enter also leaves the field).
    let set_search = move |q: String| {
        let q = (!q.trim().is_empty()).then(|| q.trim().to_string());
        if filter.with(|f| f.q != q) {
            filter.update(|f| f.q = q);
        }
    };

    view! {
        <form class="filters" aria-label=i18n.t("console-filters") on:submit=move |ev| {
            ev.prevent_default();
            // Enter in the search field searches.
            if let Some(input) = search.get() {
                set_search(input.value());
            }
        }>
            {may_search.then(|| view! {
                <div class="search">
                    <label for="filter-q">{i18n.t("console-search")}</label>
                    <span class="search-row">
                        <input id="filter-q" type="search" node_ref=search maxlength="100"
                            prop:value=move || filter.with(|f| f.q.clone().unwrap_or_default())
                            on:change=move |ev| set_search(event_target_value(&ev)) />
                        <button type="submit">{i18n.t("console-search-button")}</button>
                    </span>
                </div>
            })}
            <div>
                <label for="filter-status">{i18n.t("console-status")}</label>
                <select id="filter-status" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.status = ReportStatus::from_id(&value));
                }>
                    {all(|f| f.status.map(|s| s.id().to_string()))}
                    {ReportStatus::ALL.map(|s| option(|f| f.status.map(|s| s.id().to_string()), s.id().into(), i18n.t(&s.label_key()))).collect_view()}
                </select>
            </div>
            {by_visibility.then(|| view! {
                <div>
                    <label for="filter-visibility">{i18n.t("console-visibility")}</label>
                    <select id="filter-visibility" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.visibility = Visibility::from_id(&value));
                    }>
                        {all(|f| f.visibility.map(|v| v.id().to_string()))}
                        {Visibility::ALL.map(|v| option(|f| f.visibility.map(|v| v.id().to_string()), v.id().into(), i18n.t(&v.label_key()))).collect_view()}
                    </select>
                </div>
            })}
            <div>
                <label for="filter-category">{i18n.t("console-category")}</label>
                <select id="filter-category" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.category = (!value.is_empty()).then_some(value));
                }>
                    {all(|f| f.category.clone())}
                    {categories.into_iter().map(|id| option(|f| f.category.clone(), id.clone(), names.name(&id, &i18n))).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-area">{i18n.t("console-area")}</label>
                <select id="filter-area" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.area = (!value.is_empty()).then_some(value));
                }>
                    {all(|f| f.area.clone())}
                    {areas.into_iter().map(|a| option(|f| f.area.clone(), a.id.clone(), a.name.clone())).collect_view()}
                    {option(|f| f.area.clone(), OUTSIDE_AREAS.into(), i18n.t("console-outside-areas"))}
                </select>
            </div>
            {by_group.then(|| view! {
                <div>
                    <label for="filter-group">{i18n.t("console-reporter-group")}</label>
                    <select id="filter-group" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.group = ReporterGroup::from_id(&value));
                    }>
                        {all(|f| f.group.map(|g| g.id().to_string()))}
                        {ReporterGroup::ALL.map(|g| option(|f| f.group.map(|g| g.id().to_string()), g.id().into(), i18n.t(&format!("reporter-group-{}", g.id())))).collect_view()}
                    </select>
                </div>
            })}
            {(!units.is_empty()).then(|| view! {
                <div>
                    <label for="filter-unit">{i18n.t("console-unit")}</label>
                    <select id="filter-unit" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.unit = UnitFilter::from_id(&value));
                    }>
                        {all(|f| f.unit.map(UnitFilter::id))}
                        {units.into_iter().map(|u| option(|f| f.unit.map(UnitFilter::id), u.id.to_string(), u.draft.name)).collect_view()}
                        {option(|f| f.unit.map(UnitFilter::id), UnitFilter::Unrouted.id(), i18n.t("console-unit-none"))}
                    </select>
                </div>
            })}
            <div>
                <label for="filter-from">{i18n.t("console-from")}</label>
                <input id="filter-from" type="date" prop:value=move || filter.with(|f| f.from.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.from = day(value));
                    } />
            </div>
            <div>
                <label for="filter-to">{i18n.t("console-to")}</label>
                <input id="filter-to" type="date" prop:value=move || filter.with(|f| f.to.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.to = day(value));
                    } />
            </div>
        </form>
    }
}
