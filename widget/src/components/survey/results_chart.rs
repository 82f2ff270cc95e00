//! A round's share who would feel unsafe out alone late in the evening, per area, as bars. The
//! bars are drawn for the eye only; each row says its area and figure in words, which is what a
//! screen reader reads (the table below has every figure too).

use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::survey::RoundResults;

use super::survey_results::AreaNames;

#[component]
pub fn ResultsChart(results: RoundResults, names: AreaNames) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // Bars grow from the side the reader starts from.
    let rtl = i18n.locale.is_rtl();
    let bars = results
        .results
        .iter()
        .map(|r| {
            let share = r.figures.as_ref().and_then(|f| f.unsafe_share);
            let value = match (&r.figures, share) {
                (None, _) => i18n.t("survey-too-few"),
                (Some(_), share) => format!("{} %", i18n.decimal_or_dash(share)),
            };
            // An SVG bar: its size is an attribute, which no page's style policy forbids.
            let width = share.unwrap_or(0.0).clamp(0.0, 100.0);
            let x = if rtl { 100.0 - width } else { 0.0 };
            view! {
                <li>
                    <span class="bar-label">{names.name(i18n, &r.area)}</span>
                    <svg class="bar" aria-hidden="true" focusable="false">
                        <rect class="bar-track" x="0" y="0" width="100%" height="100%" />
                        <rect class="bar-fill" x=format!("{x}%") y="0" width=format!("{width}%") height="100%" />
                    </svg>
                    <span class="bar-value">{value}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="survey-chart">
            <figcaption>{i18n.t_with("survey-chart-caption", &[("round", &results.round.draft.name)])}</figcaption>
            <ul>{bars}</ul>
        </figure>
    }
}
