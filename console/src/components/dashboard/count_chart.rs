use leptos::prelude::*;
use tryggve_core::charts::{self, Direction};
use tryggve_core::i18n::I18n;

use super::count_table::CountTable;

/// Counts as a bar chart drawn from the numbers of the table beneath it: the picture for the
/// eye, the table for everyone (and for the screen reader, which the image's words point to).
#[component]
pub fn CountChart(
    caption: String,
    label_header: String,
    rows: Vec<(String, u32)>,
    #[prop(default = Direction::Along)] direction: Direction,
    /// The scale's end, for shares in percent (else the largest count).
    #[prop(optional)]
    most: Option<u32>,
    #[prop(optional)] count_header: Option<String>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // An image, not inline SVG: it cannot run scripts or fetch, whatever a label says.
    // Nothing to draw when every count is zero: the table says so.
    let drawn = rows.iter().any(|(_, n)| *n > 0);
    let src =
        drawn.then(|| charts::bars(&rows, direction, most).ok()).flatten().map(|svg| charts::data_url(&svg));
    let alt = i18n.t_with("console-chart-alt", &[("caption", &caption)]);
    view! {
        <figure class="chart">
            {src.map(|src| view! { <img src=src alt=alt /> })}
            <CountTable caption label_header rows bars=false count_header />
        </figure>
    }
}
