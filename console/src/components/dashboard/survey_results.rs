use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::survey::{AreaResult, RoundResults, WHOLE_MUNICIPALITY};
use tryggve_core::Area;

use crate::api;
use crate::components::table_box::TableBox;

/// The perceived-safety survey's latest round beside the reports: per area the answers, the
/// share who feel unsafe and who worry, the problem index, and the share unsafe in the round
/// before. An area with too few answers shows dashes, as the public results do. Nothing until
/// a round has opened.
#[component]
pub fn SurveyResults(tenant: String, areas: Vec<Area>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let rounds = RwSignal::new(Vec::<RoundResults>::new());
    spawn_local(async move {
        if let Ok(found) = api::survey_results(&tenant).await {
            rounds.try_set(found);
        }
    });
    let name_of = move |id: &str| match id {
        WHOLE_MUNICIPALITY => i18n.t("console-survey-whole"),
        id => areas.iter().find(|a| a.id == id).map_or_else(|| id.to_string(), |a| a.name.clone()),
    };
    move || {
        let all = rounds.get();
        let (latest, before) = (all.first()?, all.get(1));
        let unsafe_before = |area: &str| {
            let result = before.and_then(|b| b.results.iter().find(|r| r.area == area));
            i18n.decimal_or_dash(result.and_then(|r| r.figures.as_ref()).and_then(|f| f.unsafe_share))
        };
        // Every cell as the text it shows, so that the view owns what it draws.
        let rows: Vec<(String, Vec<String>)> = latest
            .results
            .iter()
            .map(|r: &AreaResult| {
                let f = r.figures.as_ref();
                let mut cells = vec![
                    i18n.number(u64::from(r.answers)),
                    i18n.decimal_or_dash(f.and_then(|f| f.unsafe_share)),
                    i18n.decimal_or_dash(f.and_then(|f| f.worried_share)),
                    i18n.decimal_or_dash(f.and_then(|f| f.problem_index)),
                ];
                if before.is_some() {
                    cells.push(unsafe_before(&r.area));
                }
                (name_of(&r.area), cells)
            })
            .collect();
        let caption = i18n.t_with("console-survey-caption", &[("round", &latest.round.draft.name)]);
        let before_header =
            before.map(|b| i18n.t_with("console-survey-before", &[("round", &b.round.draft.name)]));
        Some(view! {
            <h2>{i18n.t("console-survey")}</h2>
            <TableBox label=caption.clone()>
                <table class="effects survey-results">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.t("console-area")}</th>
                            <th scope="col">{i18n.t("console-survey-answers")}</th>
                            <th scope="col">{i18n.t("console-survey-unsafe")}</th>
                            <th scope="col">{i18n.t("console-survey-worried")}</th>
                            <th scope="col">{i18n.t("console-survey-index")}</th>
                            {before_header.map(|header| view! { <th scope="col">{header}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|(name, cells)| view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {cells.into_iter().map(|cell| view! { <td class="count">{cell}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
            <p class="hint">{i18n.t("console-survey-suppressed")}</p>
        })
    }
}
