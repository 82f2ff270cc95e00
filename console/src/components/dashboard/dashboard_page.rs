use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::api::operations::{ExportCsv, ExportExcelCsv, ExportGeoJson, ExportXlsx};
use tryggve_core::api::Endpoint;
use tryggve_core::charts::Direction;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::{human_day, human_month};
use tryggve_core::moderation::Permission;
use tryggve_core::review::ReportFilter;
use tryggve_core::stats::{AreaCompilation, Count, DashboardAnswer, OUTSIDE_AREAS};
use tryggve_core::TenantConfig;

use super::answer_tables::AnswerTables;
use super::count_chart::CountChart;
use super::count_table::CountTable;
use super::follow_up::FollowUp;
use super::hotspot_map::HotspotMap;
use super::police_counts::PoliceCounts;
use super::survey_results::SurveyResults;
use crate::api;
use crate::components::file_download::FileDownload;
use crate::components::map_layers::{LayerToggles, ShownLayers};

/// The lägesbild under the current filters.
#[component]
pub fn DashboardPage(
    session: SessionInfo,
    filter: RwSignal<ReportFilter>,
    config: TenantConfig,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let answer = RwSignal::new(None::<DashboardAnswer>);
    let notice = RwSignal::new(String::new());
    let compile = RwSignal::new("dark-spot".to_string());
    let rejected_included = RwSignal::new(false);
    let tenant = session.tenant.clone();
    let layers = ShownLayers::load(tenant.clone(), i18n.t("console-police-events"));
    let (survey_tenant, survey_areas) = (tenant.clone(), config.areas.clone());

    Effect::new({
        let tenant = tenant.clone();
        move |_| {
            let (current, category, rejected) = (filter.get(), compile.get(), rejected_included.get());
            let tenant = tenant.clone();
            spawn_local(async move {
                match api::dashboard(&tenant, &current, &category, rejected).await {
                    Ok(a) => {
                        notice.set(i18n.t_count("console-count", a.dashboard.total as u64, &[]));
                        answer.set(Some(a));
                    }
                    Err(e) => notice.set(i18n.t(&e.message_key())),
                }
            });
        }
    });

    // Exports carry texts and answers; observers see the lägesbild without them.
    let may_export = session.role.allows(Permission::ExportReports);
    // For people first (words, local times), then for GIS and scripts (codes, ISO times).
    let exports = [
        (ExportXlsx::OPERATION, "console-export-xlsx"),
        (ExportExcelCsv::OPERATION, "console-export-excel-csv"),
        (ExportCsv::OPERATION, "console-export-csv"),
        (ExportGeoJson::OPERATION, "console-export-geojson"),
    ];
    let export_links = exports
        .into_iter()
        .map(|(operation, label)| {
            let tenant = tenant.clone();
            let href = Signal::derive(move || api::export_url(&tenant, &operation, &filter.get()));
            let csrf = session.csrf_token.clone();
            view! { <li><FileDownload href csrf label=i18n.t(label) /></li> }
        })
        .collect_view();

    let area_name = move |areas: &[tryggve_core::Area], key: &str| {
        if key == OUTSIDE_AREAS {
            i18n.t("console-outside-areas")
        } else {
            areas.iter().find(|a| a.id == key).map_or_else(|| key.to_string(), |a| a.name.clone())
        }
    };
    let labelled = |counts: &[Count], label: &dyn Fn(&str) -> String| -> Vec<(String, u32)> {
        counts.iter().map(|c| (label(&c.key), c.count)).collect()
    };
    let categories = config.all_categories();
    let names = StoredValue::new(config.category_names.clone());

    view! {
        <h1>{i18n.t("console-dashboard-title")}</h1>
        <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
        <p class="switch">
            <input type="checkbox" id="rejected-included"
                prop:checked=move || rejected_included.get()
                on:change=move |ev| rejected_included.set(event_target_checked(&ev)) />
            <label for="rejected-included">{i18n.t("console-rejected-included")}</label>
        </p>
        {may_export.then(|| view! {
            <nav class="exports" aria-labelledby="exports-label">
                <h2 id="exports-label" class="exports-label">{i18n.t("console-exports-label")}</h2>
                <ul>{export_links}</ul>
            </nav>
        })}
        {move || answer.get().map(|a| {
            let d = &a.dashboard;
            let status = |k: &str| i18n.t(&format!("status-{}", k.replace('_', "-")));
            let time = |k: &str| i18n.t(&format!("time-{k}"));
            let category = |k: &str| names.with_value(|n| n.name(k, &i18n));
            let area = |k: &str| area_name(&a.areas, k);
            let plain = |k: &str| k.to_string();
            let month = |k: &str| human_month(k, &i18n);
            let group = |k: &str| i18n.t(&format!("reporter-group-{k}"));
            let hotspot_rows: Vec<(String, u32)> = d.hotspots.iter().take(10)
                .map(|h| (h.place.clone().unwrap_or_else(|| format!("{:.4}, {:.4}", h.lat, h.lng)), h.count)).collect();
            view! {
                <div class="chart-grid">
                    <CountChart caption=i18n.t("console-by-category") label_header=i18n.t("console-category") rows=labelled(&d.by_category, &category) />
                    <CountChart caption=i18n.t("console-by-area") label_header=i18n.t("console-area") rows=labelled(&d.by_area, &area) />
                    <CountChart caption=i18n.t("console-by-month") label_header=i18n.t("console-month") rows=labelled(&d.by_month, &month) direction=Direction::Up />
                </div>
                <div class="charts">
                    <CountTable caption=i18n.t("console-by-time") label_header=i18n.t("console-times") rows=labelled(&d.by_time_of_day, &time) />
                    <CountTable caption=i18n.t("console-by-status") label_header=i18n.t("console-status") rows=labelled(&d.by_status, &status) />
                    <CountTable caption=i18n.t("console-by-reporter-group") label_header=i18n.t("console-reporter-group") rows=labelled(&d.by_reporter_group, &group) />
                    <CountTable caption=i18n.t("console-by-week") label_header=i18n.t("console-week") rows=labelled(&d.by_week, &plain) />
                </div>
                {(!a.questionnaire.is_empty()).then(|| view! {
                    <AnswerTables questionnaire=a.questionnaire.clone() answers=a.answers.clone() />
                })}
                <h2>{i18n.t("console-hotspots")}</h2>
                <LayerToggles shown=layers />
                <div class="hotspots">
                    <HotspotMap config=config.map.clone() hotspots=d.hotspots.clone() layers />
                    <CountTable caption=i18n.t("console-hotspots-table") label_header=i18n.t("console-place") rows=hotspot_rows />
                </div>
                <PoliceCounts events=layers.police_events.into() filter=filter.into() areas=a.areas.clone() />
                <h2>{i18n.t("console-compilation")}</h2>
                <label for="compile-category">{i18n.t("console-category")}</label>
                <select id="compile-category" on:change=move |ev| compile.set(event_target_value(&ev))>
                    {categories.iter().map(|id| {
                        let chosen = *id == a.compilation_category;
                        view! { <option value=id.clone() selected=chosen>{names.with_value(|n| n.name(id, &i18n))}</option> }
                    }).collect_view()}
                </select>
                <table class="compilation">
                    <caption>{i18n.t_with("console-compilation-caption", &[("category", &names.with_value(|n| n.name(&a.compilation_category, &i18n)))])}</caption>
                    <thead><tr><th scope="col">{i18n.t("console-area")}</th><th scope="col">{i18n.t("console-count-header")}</th><th scope="col">{i18n.t("console-cases")}</th></tr></thead>
                    <tbody>
                        {a.compilation.iter().map(|g| view! {
                            <tr>
                                <th scope="row">{area_name(&a.areas, &g.area)}</th>
                                <td class="count">{i18n.number(u64::from(g.total))}</td>
                                <td>{listed_cases(g, &i18n)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <h3>{i18n.t("console-walk-spots")}</h3>
                <table class="compilation walk-spots">
                    <caption>{i18n.t("console-walk-spots-caption")}</caption>
                    <thead><tr><th scope="col">{i18n.t("console-area")}</th><th scope="col">{i18n.t("console-count-header")}</th><th scope="col">{i18n.t("console-walk-spots-source")}</th></tr></thead>
                    <tbody>
                        {a.walk_dark_spots.iter().map(|g| {
                            let sources: Vec<String> = g.spots.iter().map(|s| {
                                let source = i18n.t_with("console-walk-spots-point", &[
                                    ("walk", &s.walk_title),
                                    ("day", &human_day(s.walk_starts_at.get(..10).unwrap_or_default(), &i18n)),
                                    ("point", &s.point.to_string()),
                                ]);
                                match &s.report {
                                    Some(case) => format!("{source} ({})", i18n.t_with("console-walk-point-reported", &[("case", case)])),
                                    None => source,
                                }
                            }).collect();
                            view! {
                                <tr>
                                    <th scope="row">{area_name(&a.areas, &g.area)}</th>
                                    <td class="count">{g.spots.len()}</td>
                                    <td>{if sources.is_empty() { "–".to_string() } else { sources.join("; ") }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <FollowUp answer=a.clone() />
            }
        })}
        // Not under the reports' filters: the survey is its own measurement.
        <SurveyResults tenant=survey_tenant areas=survey_areas />
    }
}

/// An area's listed cases, and how many earlier ones are not listed (the review list, filtered
/// by the category and the area, has them all).
fn listed_cases(group: &AreaCompilation, i18n: &I18n) -> String {
    if group.cases.is_empty() {
        return "–".to_string();
    }
    let listed = group.cases.join(", ");
    match group.not_listed() {
        0 => listed,
        earlier => i18n.t_with(
            "console-compilation-earlier",
            &[("cases", &listed), ("count", &i18n.number(u64::from(earlier)))],
        ),
    }
}
