use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human_month;
use tryggve_core::police_event::{counts_by_area_and_month, within_filter, PoliceEvent};
use tryggve_core::review::ReportFilter;
use tryggve_core::Area;

use super::count_table::CountTable;

/// The police's events the municipality keeps, counted per area and month beside the reports'
/// figures, within the lägesbild's period and area (its other filters are the reports' own).
/// Nothing while there are none.
#[component]
pub fn PoliceCounts(
    events: Signal<Vec<PoliceEvent>>,
    filter: Signal<ReportFilter>,
    areas: Vec<Area>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
        let events = events.get();
        (!events.is_empty()).then(|| {
            let shown = filter.with(|f| within_filter(&events, f, &areas));
            let rows = counts_by_area_and_month(shown, &areas)
                .into_iter()
                .map(|c| {
                    let area = c.area.as_deref().and_then(|id| areas.iter().find(|a| a.id == id));
                    let place = area.map_or_else(|| i18n.t("console-outside-areas"), |a| a.name.clone());
                    (format!("{place}, {}", human_month(&c.month, &i18n)), c.count)
                })
                .collect::<Vec<_>>();
            view! {
                <CountTable caption=i18n.t("console-police-events-by-area") label_header=i18n.t("console-police-events-where") rows />
                <p class="hint">{i18n.t("console-police-events-filtered")}</p>
            }
        })
    }
}
