//! The survey's published results: a round's figures per area as a chart and a table, how big
//! each problem is, and an area's trend across rounds. An area with fewer than ten answers in a
//! round shows no figures, and says so.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::questionnaire::text_and_language;
use tryggve_core::survey::{RoundResults, MIN_ANSWERS_SHOWN, WHOLE_MUNICIPALITY};
use tryggve_core::Area;

use super::results_chart::ResultsChart;
use super::table_region::TableRegion;
use super::trend_table::TrendTable;
use crate::api::Edge;

/// An area's name by id, the whole municipality for `*`.
#[derive(Clone)]
pub struct AreaNames(Vec<Area>);

impl AreaNames {
    pub fn name(&self, i18n: I18n, id: &str) -> String {
        match id {
            WHOLE_MUNICIPALITY => i18n.t("survey-whole"),
            id => self.0.iter().find(|a| a.id == id).map_or_else(|| id.to_string(), |a| a.name.clone()),
        }
    }

    /// Every area's id, the whole municipality first.
    pub fn ids(&self) -> Vec<String> {
        std::iter::once(WHOLE_MUNICIPALITY.to_string()).chain(self.0.iter().map(|a| a.id.clone())).collect()
    }
}

#[component]
pub fn SurveyResults(
    edge: Edge,
    tenant: String,
    areas: Vec<Area>,
    /// Whether these results are the element's whole content (then their heading is its first).
    heading_first: bool,
    /// Changes when this device's answers are in: the results are asked for again, with them.
    answered: Signal<u32>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // None while loading; Some(Err) if it failed. The newest round first.
    let rounds = RwSignal::new(None::<Result<Vec<RoundResults>, ()>>);
    let (edge, tenant) = (StoredValue::new(edge), StoredValue::new(tenant));
    Effect::new(move |_| {
        answered.track();
        let (edge, tenant) = (edge.get_value(), tenant.get_value());
        spawn_local(async move {
            let found = edge.survey_results(&tenant).await.map_err(|_| ());
            rounds.try_set(Some(found));
        });
    });
    let names = AreaNames(areas);
    // The round shown, by id (the newest until the reader chooses another).
    let chosen = RwSignal::new(None::<i64>);
    let class = if heading_first { "survey-results" } else { "survey-results below" };
    view! {
        <div class=class>
            <h2>{i18n.t("survey-results-title")}</h2>
            {move || match rounds.get() {
                None => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
                Some(Err(())) => view! { <p role="alert">{i18n.t("survey-results-failed")}</p> }.into_any(),
                Some(Ok(all)) if all.is_empty() => view! { <p>{i18n.t("survey-results-none")}</p> }.into_any(),
                Some(Ok(all)) => {
                    let names = names.clone();
                    let choice = (all.len() > 1).then(|| round_choice(&all, chosen, i18n));
                    let all = StoredValue::new(all);
                    let round = move || {
                        all.with_value(|all| {
                            let id = chosen.get();
                            all.iter().find(|r| Some(r.round.id) == id).unwrap_or(&all[0]).clone()
                        })
                    };
                    view! {
                        {choice}
                        <p class="hint">{i18n.t_with("survey-suppressed", &[("min", &MIN_ANSWERS_SHOWN.to_string())])}</p>
                        {
                            let names = names.clone();
                            move || round_figures(round(), names.clone(), i18n)
                        }
                        <TrendTable rounds=all.get_value() names=names.clone() />
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// Which round's figures are shown, the newest first.
fn round_choice(all: &[RoundResults], chosen: RwSignal<Option<i64>>, i18n: I18n) -> impl IntoView {
    view! {
        <div class="field">
            <label for="survey-round">{i18n.t("survey-round")}</label>
            <select id="survey-round" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                {all.iter().map(|r| {
                    let id = r.round.id;
                    view! { <option value=id.to_string() selected=move || chosen.get() == Some(id)>{r.round.draft.name.clone()}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// One round: the chart of the unsafe share, the table per area, and the problems' sizes in
/// the whole municipality.
fn round_figures(results: RoundResults, names: AreaNames, i18n: I18n) -> impl IntoView {
    let round_name = results.round.draft.name.clone();
    let lang = i18n.locale.tag();
    let rows = results
        .results
        .iter()
        .map(|r| {
            let f = r.figures.as_ref();
            let cells = match f {
                Some(f) => [
                    i18n.decimal_or_dash(f.unsafe_share),
                    i18n.decimal_or_dash(f.worried_share),
                    i18n.decimal_or_dash(f.problem_index),
                ],
                None => [i18n.t("survey-too-few"), "–".into(), "–".into()],
            };
            view! {
                <tr>
                    <th scope="row">{names.name(i18n, &r.area)}</th>
                    <td class="count">{i18n.number(u64::from(r.answers))}</td>
                    {cells.into_iter().map(|c| view! { <td class="count">{c}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let whole = results.results.iter().find(|r| r.area == WHOLE_MUNICIPALITY).and_then(|r| r.figures.clone());
    let problems = whole.map(|figures| {
        let items = results.round.draft.questions.problems.clone();
        view! {
            <TableRegion id="survey-problems-caption" caption=i18n.t_with("survey-problems-caption", &[("round", &round_name)])>
                <thead><tr>
                    <th scope="col">{i18n.t("survey-problem")}</th>
                    <th scope="col" class="count">{i18n.t("survey-index")}</th>
                </tr></thead>
                <tbody>
                    {figures.problems.into_iter().map(|score| {
                        let item = items.iter().find(|i| i.id == score.item);
                        let (text, text_lang) = item.map_or((score.item.as_str(), lang), |i| text_and_language(&i.text, lang));
                        let marked = (text_lang != lang).then(|| text_lang.to_string());
                        view! {
                            <tr>
                                <th scope="row" lang=marked>{text.to_string()}</th>
                                <td class="count">{i18n.decimal_or_dash(score.index)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </TableRegion>
        }
    });
    view! {
        <ResultsChart results=results.clone() names=names.clone() />
        <TableRegion id="survey-table-caption" caption=i18n.t_with("survey-table-caption", &[("round", &round_name)])>
            <thead><tr>
                <th scope="col">{i18n.t("survey-area-column")}</th>
                <th scope="col" class="count">{i18n.t("survey-answers")}</th>
                <th scope="col" class="count">{i18n.t("survey-unsafe")}</th>
                <th scope="col" class="count">{i18n.t("survey-worried")}</th>
                <th scope="col" class="count">{i18n.t("survey-index")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </TableRegion>
        {problems}
    }
}
