use leptos::prelude::*;
use tryggve_core::i18n::I18n;

/// Counts as a table whose rows carry a bar: the numbers are always there as text, so the chart
/// needs neither colour nor sight to be read.
#[component]
pub fn CountTable(
    caption: String,
    label_header: String,
    rows: Vec<(String, u32)>,
    /// Whether each row draws its bar (not when a chart above draws them).
    #[prop(default = true)]
    bars: bool,
    /// The numbers' column, if they are not counts ("Antal").
    #[prop(default = None)]
    count_header: Option<String>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    view! {
        <table class="counts">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{label_header}</th>
                    <th scope="col">{count_header.unwrap_or_else(|| i18n.t("console-count-header"))}</th>
                    {bars.then(|| view! { <th scope="col"><span class="visually-hidden">{i18n.t("console-chart")}</span></th> })}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|(label, count)| {
                    // SVG attributes, not inline styles: the console's CSP forbids inline styles.
                    let width = format!("{:.1}%", f64::from(count) * 100.0 / f64::from(max));
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td class="count">{count}</td>
                            {bars.then(|| view! {
                                <td class="bar" aria-hidden="true">
                                    <svg width="100%" height="14" role="presentation"><rect x="0" y="0" height="14" width=width></rect></svg>
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
