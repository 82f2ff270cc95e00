use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::category::CategoryNames;
use tryggve_core::charts::Direction;
use tryggve_core::console::SessionInfo;
use tryggve_core::geo::LatLng;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::{human_day, human_month};
use tryggve_core::review::ReportFilter;
use tryggve_core::stats::{area_key, DashboardAnswer, OUTSIDE_AREAS};
use tryggve_core::time_to_fix::human_hours;
use tryggve_core::TenantConfig;

use crate::api;
use crate::components::dashboard::{unit_label, CountChart, CountTable, EffectTable, HandlingTable};

/// The council report: what residents reported over a period and in an area, where, how fast it
/// was fixed and what the municipality did, for the safety council and the politicians. Printed
/// from the browser (A4): the municipality, the period and the filters head every page; the
/// console's navigation, filters and buttons are not printed.
#[component]
pub fn CouncilReportPage(
    session: SessionInfo,
    filter: RwSignal<ReportFilter>,
    config: TenantConfig,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = expect_context::<CategoryNames>();
    let answer = RwSignal::new(None::<DashboardAnswer>);
    let notice = RwSignal::new(String::new());
    Effect::new({
        let tenant = session.tenant.clone();
        move |_| {
            let current = filter.get();
            let tenant = tenant.clone();
            spawn_local(async move {
                match api::dashboard(&tenant, &current, "dark-spot", false).await {
                    Ok(a) => {
                        notice.set(String::new());
                        answer.set(Some(a));
                    }
                    Err(e) => notice.set(i18n.t(&e.message_key())),
                }
            });
        }
    });
    let areas = StoredValue::new(config.areas.clone());
    let area_name = move |key: &str| match key {
        OUTSIDE_AREAS => i18n.t("console-outside-areas"),
        _ => areas.with_value(|a| {
            a.iter().find(|a| a.id == key).map_or_else(|| key.to_string(), |a| a.name.clone())
        }),
    };
    let category_name = {
        let names = names.clone();
        move |key: &str| names.name(key, &i18n)
    };
    // What the report covers, in words: on every printed page.
    let scope = {
        let category_name = category_name.clone();
        move || {
            let f = filter.get();
            let period = match (&f.from, &f.to) {
                (None, None) => i18n.t("console-council-period-all"),
                (from, to) => format!(
                    "{} – {}",
                    from.as_deref().map_or_else(String::new, |d| human_day(d, &i18n)),
                    to.as_deref().map_or_else(String::new, |d| human_day(d, &i18n)),
                ),
            };
            let mut parts = vec![i18n.t_with("console-council-period", &[("period", &period)])];
            parts.push(
                i18n.t_with(
                    "console-council-area",
                    &[(
                        "area",
                        &f.area
                            .as_deref()
                            .map_or_else(|| i18n.t("console-council-whole-municipality"), area_name),
                    )],
                ),
            );
            if let Some(c) = &f.category {
                parts.push(i18n.t_with("console-council-category", &[("category", &category_name(c))]));
            }
            if f.status.is_some()
                || f.visibility.is_some()
                || f.group.is_some()
                || f.unit.is_some()
                || f.q.is_some()
            {
                parts.push(i18n.t("console-council-more-filters"));
            }
            parts.join(" · ")
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let municipality = config.name.clone();

    view! {
        <div class="council-controls">
            <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            <button type="button" on:click=print>{i18n.t("console-council-print")}</button>
        </div>
        // A table's head is repeated on every printed page: the frame carries what the report is
        // of. It lays out, it holds no data.
        <table class="council-frame" role="presentation">
            <thead>
                <tr><td>
                    <p class="council-running-head">
                        <span>{municipality.clone()}</span>
                        " · "
                        <span>{i18n.t("console-council-title")}</span>
                        " · "
                        <span>{scope}</span>
                    </p>
                </td></tr>
            </thead>
            <tbody><tr><td>
                <h1>{i18n.t("console-council-title")}</h1>
                <p class="council-lead">{i18n.t_with("console-council-lead", &[("municipality", &municipality)])}</p>
                {move || answer.get().map(|a| {
                    let category_name = category_name.clone();
                    view! { <ReportBody answer=a area_name category_name /> }
                })}
            </td></tr></tbody>
        </table>
    }
}

/// The report's sections, from one answer of the lägesbild.
#[component]
fn ReportBody(
    answer: DashboardAnswer,
    area_name: impl Fn(&str) -> String + Copy + Send + Sync + 'static,
    category_name: impl Fn(&str) -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let d = &answer.dashboard;
    let t = &answer.time_to_fix;
    let months: Vec<(String, u32)> =
        d.by_month.iter().map(|c| (human_month(&c.key, &i18n), c.count)).collect();
    let categories: Vec<(String, u32)> =
        d.by_category.iter().map(|c| (category_name(&c.key), c.count)).collect();
    let areas: Vec<(String, u32)> = d.by_area.iter().map(|c| (area_name(&c.key), c.count)).collect();
    // Hot spots named by the area their cell's centre is in.
    let hotspots: Vec<(String, u32)> = d
        .hotspots
        .iter()
        .take(10)
        .map(|h| {
            let area = area_key(&answer.areas, LatLng::new(h.lat, h.lng));
            (format!("{} ({:.4}, {:.4})", area_name(area), h.lat, h.lng), h.count)
        })
        .collect();
    let unit_name = unit_label(answer.units.clone(), i18n);
    let within: Vec<(String, u32)> =
        t.by_unit.iter().filter_map(|h| Some((unit_name(&h.key), h.within_target_percent()?))).collect();
    let fixed: u32 = t.by_category.iter().map(|h| h.fixed.count).sum();
    let open: u32 = t.by_category.iter().map(|h| h.open).sum();
    let done = answer.measures.iter().find(|c| c.key == "done").map_or(0, |c| c.count);
    let summary = i18n.t_with(
        "console-council-summary",
        &[
            ("reports", &d.total.to_string()),
            ("fixed", &fixed.to_string()),
            ("open", &open.to_string()),
            ("done", &done.to_string()),
        ],
    );
    let slowest = t
        .by_category
        .iter()
        .filter_map(|h| Some((h.fixed.median_hours?, h.key.clone())))
        .max_by_key(|(hours, _)| *hours);
    let measures: Vec<(String, u32)> =
        answer.measures.iter().map(|c| (i18n.t(&format!("measure-status-{}", c.key)), c.count)).collect();
    view! {
        <p class="council-summary">{summary}</p>
        {slowest.map(|(h, key)| {
            let words = i18n.t_with("console-council-slowest", &[("category", &category_name(&key)), ("hours", &human_hours(h, &i18n))]);
            view! { <p>{words}</p> }
        })}
        <section>
            <h2>{i18n.t("console-council-over-time")}</h2>
            <CountChart caption=i18n.t("console-by-month") label_header=i18n.t("console-month") rows=months direction=Direction::Up />
        </section>
        <section>
            <h2>{i18n.t("console-council-what-and-where")}</h2>
            <CountChart caption=i18n.t("console-by-category") label_header=i18n.t("console-category") rows=categories />
            <CountChart caption=i18n.t("console-by-area") label_header=i18n.t("console-area") rows=areas />
            <CountTable caption=i18n.t("console-council-hotspots") label_header=i18n.t("console-council-hotspot-place") rows=hotspots bars=false />
        </section>
        <section>
            <h2>{i18n.t("console-council-time-to-fix")}</h2>
            {(!within.is_empty()).then(|| view! {
                <CountChart caption=i18n.t("console-council-within-target-by-unit") label_header=i18n.t("console-unit") rows=within most=100 count_header=i18n.t("console-council-within-target-percent") />
            })}
            <HandlingTable caption=i18n.t("console-handling-by-unit") header=i18n.t("console-unit") rows=t.by_unit.clone() name=unit_name />
            <HandlingTable caption=i18n.t("console-handling-by-category") header=i18n.t("console-category") rows=t.by_category.clone() name=category_name.clone() />
        </section>
        <section>
            <h2>{i18n.t("console-council-measures")}</h2>
            <CountChart caption=i18n.t("console-measures-by-status") label_header=i18n.t("console-status") rows=measures />
            <EffectTable effects=answer.measure_effects.clone() />
        </section>
    }
}
