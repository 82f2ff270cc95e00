use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human_day;
use tryggve_core::measure::Measure;
use tryggve_core::survey::{before_and_after, RoundResults};
use tryggve_core::walk::Walk;
use tryggve_core::Area;

use crate::components::table_box::TableBox;

/// What the municipality did in an area (a measure done, a safety walk walked), and how the
/// area felt in the last round before it and the first round after it. Only what has an area
/// and a day; "no round yet" where either round is missing or had too few answers.
#[component]
pub fn BeforeAfter(
    results: RwSignal<Vec<RoundResults>>,
    measures: RwSignal<Vec<Measure>>,
    walks: RwSignal<Vec<Walk>>,
    areas: Vec<Area>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let areas = StoredValue::new(areas);
    move || {
        let rounds: Vec<_> = results.get().into_iter().map(|r| (r.round, r.results)).collect();
        if rounds.is_empty() {
            return None;
        }
        // (what, area id, day), the latest first.
        let mut done: Vec<(String, String, String)> = measures.with(|all| {
            all.iter()
                .filter_map(|m| {
                    let d = &m.draft;
                    Some((
                        i18n.t_with("console-survey-measure", &[("title", &d.title)]),
                        d.area.clone()?,
                        d.done_on.clone()?,
                    ))
                })
                .collect()
        });
        walks.with(|all| {
            done.extend(all.iter().filter(|w| w.state.is_walked()).map(|w| {
                let day = w.draft.starts_at.get(..10).unwrap_or_default().to_string();
                (i18n.t_with("console-survey-walk", &[("title", &w.draft.title)]), w.draft.area.clone(), day)
            }))
        });
        done.sort_by(|a, b| b.2.cmp(&a.2));
        let name_of = |id: &str| {
            areas.with_value(|all| {
                all.iter().find(|a| a.id == id).map_or_else(|| id.to_string(), |a| a.name.clone())
            })
        };
        let share = |v: Option<f64>| i18n.decimal_or_dash(v);
        let rows = done
            .into_iter()
            .map(|(what, area, day)| {
                let compared = before_and_after(&rounds, &area, &day);
                let cells = match compared {
                    Some((before, after)) => view! {
                        <td>{format!("{}: {}", before.name, share(before.unsafe_share))}</td>
                        <td>{format!("{}: {}", after.name, share(after.unsafe_share))}</td>
                    }
                    .into_any(),
                    None => {
                        view! { <td colspan="2">{i18n.t("console-survey-no-comparison")}</td> }.into_any()
                    }
                };
                view! {
                    <tr>
                        <th scope="row">{what}</th>
                        <td>{name_of(&area)}</td>
                        <td>{human_day(&day, &i18n)}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        let caption = i18n.t("console-survey-before-after");
        Some(view! {
            <TableBox label=caption.clone()>
                <table class="effects survey-before-after">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("console-survey-done")}</th>
                        <th scope="col">{i18n.t("console-area")}</th>
                        <th scope="col">{i18n.t("console-survey-day")}</th>
                        <th scope="col">{i18n.t("console-survey-unsafe-before")}</th>
                        <th scope="col">{i18n.t("console-survey-unsafe-after")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableBox>
        })
    }
}
