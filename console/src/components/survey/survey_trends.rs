use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::survey::{trend, RoundResults, WHOLE_MUNICIPALITY};
use tryggve_core::Area;

use crate::components::table_box::TableBox;

/// Each area's share who feel unsafe, round by round (the oldest first): one row per area, one
/// column per round that has opened. A dash where a round had fewer than 10 answers there.
#[component]
pub fn SurveyTrends(results: RwSignal<Vec<RoundResults>>, areas: Vec<Area>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let areas = StoredValue::new(areas);
    move || {
        let all = results.get();
        if all.is_empty() {
            return None;
        }
        let rounds: Vec<_> = all.into_iter().map(|r| (r.round, r.results)).collect();
        let whole = trend(&rounds, WHOLE_MUNICIPALITY);
        let mut rows = vec![(i18n.t("console-survey-whole"), whole.clone())];
        areas.with_value(|areas| {
            rows.extend(areas.iter().map(|a| (a.name.clone(), trend(&rounds, &a.id))));
        });
        let caption = i18n.t("console-survey-trend-caption");
        Some(view! {
            <TableBox label=caption.clone()>
                <table class="effects survey-trends">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("console-area")}</th>
                        {whole.iter().map(|p| view! { <th scope="col" class="count">{p.name.clone()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(name, points)| view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {points.into_iter().map(|p| {
                                    let shown = i18n.decimal_or_dash(p.unsafe_share);
                                    view! { <td class="count">{shown}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
            <p class="hint">{i18n.t("console-survey-suppressed")}</p>
        })
    }
}
