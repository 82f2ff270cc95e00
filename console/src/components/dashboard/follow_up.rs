use leptos::prelude::*;
use tryggve_core::category::CategoryNames;
use tryggve_core::i18n::I18n;
use tryggve_core::measure_effect::MeasureEffect;
use tryggve_core::stats::{DashboardAnswer, OUTSIDE_AREAS};
use tryggve_core::time_to_fix::{human_hours, Handling, Spread};
use tryggve_core::unit::UnitName;

use super::count_table::CountTable;
use crate::components::table_box::TableBox;

/// What was done with the reports: how fast they were answered and fixed per category and unit,
/// the open backlog by age, the measures by status and what followed the done ones.
#[component]
pub fn FollowUp(answer: DashboardAnswer) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = expect_context::<CategoryNames>();
    let t = &answer.time_to_fix;
    let category = move |key: &str| names.name(key, &i18n);
    let unit = unit_label(answer.units.clone(), i18n);
    let backlog: Vec<(String, u32)> =
        t.backlog.iter().map(|c| (i18n.t(&format!("console-backlog-{}", c.key)), c.count)).collect();
    let measures: Vec<(String, u32)> =
        answer.measures.iter().map(|c| (i18n.t(&format!("measure-status-{}", c.key)), c.count)).collect();
    view! {
        <h2 id="follow-up">{i18n.t("console-follow-up")}</h2>
        <p class="lead">{i18n.t("console-follow-up-lead")}</p>
        <HandlingTable caption=i18n.t("console-handling-by-category") header=i18n.t("console-category") rows=t.by_category.clone() name=category />
        <HandlingTable caption=i18n.t("console-handling-by-unit") header=i18n.t("console-unit") rows=t.by_unit.clone() name=unit />
        <div class="charts">
            <CountTable caption=i18n.t("console-backlog") label_header=i18n.t("console-backlog-age") rows=backlog />
            <CountTable caption=i18n.t("console-measures-by-status") label_header=i18n.t("console-status") rows=measures />
        </div>
        <EffectTable effects=answer.measure_effects.clone() />
    }
}

/// A unit's name from the key the follow-up counts it under (its id, or "-" for none).
pub fn unit_label(
    units: Vec<UnitName>,
    i18n: I18n,
) -> impl Fn(&str) -> String + Clone + Send + Sync + 'static {
    move |key: &str| match key {
        OUTSIDE_AREAS => i18n.t("console-unit-none"),
        _ => {
            units.iter().find(|u| u.id.to_string() == key).map_or_else(|| key.to_string(), |u| u.name.clone())
        }
    }
}

/// One row per category or unit: first response and fixed (how many, median, 90th percentile),
/// the share within target, and the open backlog.
#[component]
pub fn HandlingTable(
    caption: String,
    header: String,
    rows: Vec<Handling>,
    name: impl Fn(&str) -> String + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let hours = move |h: Option<u32>| h.map_or_else(|| "–".to_string(), |h| human_hours(h, &i18n));
    let spread = move |s: &Spread| {
        view! {
            <td class="count">{s.count}</td>
            <td class="count">{hours(s.median_hours)}</td>
            <td class="count">{hours(s.p90_hours)}</td>
        }
    };
    let within = move |h: &Handling| {
        h.within_target_percent().map_or_else(
            || "–".to_string(),
            |p| {
                i18n.t_with(
                    "console-within-target-share",
                    &[("percent", &p.to_string()), ("of", &h.with_target.to_string())],
                )
            },
        )
    };
    view! {
        <TableBox label=caption.clone()>
            <table class="handling">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" rowspan="2">{header}</th>
                        <th scope="colgroup" colspan="3">{i18n.t("console-first-response")}</th>
                        <th scope="colgroup" colspan="3">{i18n.t("console-fixed")}</th>
                        <th scope="col" rowspan="2">{i18n.t("console-within-target")}</th>
                        <th scope="col" rowspan="2">{i18n.t("console-open")}</th>
                        <th scope="col" rowspan="2">{i18n.t("console-queue-overdue")}</th>
                    </tr>
                    <tr>
                        {(0..2).map(|_| view! {
                            <th scope="col">{i18n.t("console-count-header")}</th>
                            <th scope="col">{i18n.t("console-median")}</th>
                            <th scope="col">{i18n.t("console-p90")}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.iter().map(|h| view! {
                        <tr>
                            <th scope="row">{name(&h.key)}</th>
                            {spread(&h.first_response)}
                            {spread(&h.fixed)}
                            <td class="count">{within(h)}</td>
                            <td class="count">{h.open}</td>
                            <td class="count">{h.overdue}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
}

/// Reports around each recently done measure, before it was begun and after it was done.
#[component]
pub fn EffectTable(effects: Vec<MeasureEffect>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let caption = i18n.t("console-measure-effects");
    if effects.is_empty() {
        return view! { <h3>{caption}</h3><p>{i18n.t("console-measure-effects-none")}</p> }.into_any();
    }
    view! {
        <TableBox label=caption.clone()>
            <table class="effects">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("console-measure-title")}</th>
                        <th scope="col">{i18n.t("console-measure-done")}</th>
                        <th scope="col">{i18n.t("console-effect-days")}</th>
                        <th scope="col">{i18n.t("console-effect-before")}</th>
                        <th scope="col">{i18n.t("console-effect-after")}</th>
                    </tr>
                </thead>
                <tbody>
                    {effects.into_iter().map(|e| view! {
                        <tr>
                            <th scope="row">{e.title}</th>
                            <td>{e.done_on}</td>
                            <td class="count">{e.days}</td>
                            <td class="count">{e.before}</td>
                            <td class="count">{e.after}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableBox>
        <p class="hint">{i18n.t("console-measure-effects-hint")}</p>
    }
    .into_any()
}
