//! An area's figures round by round, the oldest first: how it has changed. The whole
//! municipality until the reader chooses an area.

use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::survey::{trend, RoundResults, WHOLE_MUNICIPALITY};

use super::survey_results::AreaNames;
use super::table_region::TableRegion;

#[component]
pub fn TrendTable(rounds: Vec<RoundResults>, names: AreaNames) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    if rounds.len() < 2 {
        return None;
    }
    let rounds: Vec<_> = rounds.into_iter().map(|r| (r.round, r.results)).collect();
    let area = RwSignal::new(WHOLE_MUNICIPALITY.to_string());
    let choices = names
        .ids()
        .into_iter()
        .map(|id| {
            let name = names.name(i18n, &id);
            let value = id.clone();
            view! { <option value=value selected=move || area.with(|a| *a == id)>{name}</option> }
        })
        .collect_view();
    let rows = move || {
        trend(&rounds, &area.get())
            .into_iter()
            .map(|point| {
                let (unsafe_share, index) = match point.answers >= tryggve_core::survey::MIN_ANSWERS_SHOWN {
                    true => {
                        (i18n.decimal_or_dash(point.unsafe_share), i18n.decimal_or_dash(point.problem_index))
                    }
                    false => (i18n.t("survey-too-few"), "–".to_string()),
                };
                view! {
                    <tr>
                        <th scope="row">{point.name}</th>
                        <td class="count">{i18n.number(u64::from(point.answers))}</td>
                        <td class="count">{unsafe_share}</td>
                        <td class="count">{index}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let caption = move || i18n.t_with("survey-trend-caption", &[("area", &names.name(i18n, &area.get()))]);
    Some(view! {
        <h3>{i18n.t("survey-trend")}</h3>
        <div class="field">
            <label for="survey-trend-area">{i18n.t("survey-area-column")}</label>
            <select id="survey-trend-area" on:change=move |ev| area.set(event_target_value(&ev))>{choices}</select>
        </div>
        <TableRegion id="survey-trend-caption" caption=Signal::derive(caption)>
            <thead><tr>
                <th scope="col">{i18n.t("survey-round")}</th>
                <th scope="col" class="count">{i18n.t("survey-answers")}</th>
                <th scope="col" class="count">{i18n.t("survey-unsafe")}</th>
                <th scope="col" class="count">{i18n.t("survey-index")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </TableRegion>
    })
}
