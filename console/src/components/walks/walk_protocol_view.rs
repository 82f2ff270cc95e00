use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::{human, human_local};
use tryggve_core::walk_protocol::WalkProtocol;
use tryggve_core::MapConfig;

use super::walk_protocol_map::WalkProtocolMap;

/// A walk's protocol as it is read and printed (A4, without the console around it): the walk's
/// facts, then its points area by area and, within each, category by category with the dark
/// spots first. Participants' notes are shown as text; no person is named.
#[component]
pub fn WalkProtocolView(map: MapConfig, protocol: WalkProtocol) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let walk = protocol.walk.clone();
    let summary = i18n.t_with(
        "console-walk-protocol-summary",
        &[("points", &protocol.points.to_string()), ("dark", &protocol.dark_spots.to_string())],
    );
    let optional = |key: &'static str, value: String| {
        (!value.is_empty()).then(|| view! { <dt>{i18n.t(key)}</dt><dd>{value}</dd> })
    };
    view! {
        <article class="walk-protocol" aria-labelledby="walk-protocol-title">
            <h2 id="walk-protocol-title">{i18n.t_with("console-walk-protocol-of", &[("title", &walk.title)])}</h2>
            <dl class="facts">
                <dt>{i18n.t("console-walk-starts")}</dt><dd>{human_local(&walk.starts_at, &i18n)}</dd>
                <dt>{i18n.t("console-area")}</dt><dd>{walk.area_name.clone()}</dd>
                {optional("console-walk-organiser", walk.organiser.clone())}
                {optional("console-walk-organisations", walk.organisations.clone())}
            </dl>
            <p class="summary">{summary}</p>
            <WalkProtocolMap config=map protocol=protocol.clone() />
            {(protocol.points == 0).then(|| view! { <p>{i18n.t("console-walk-protocol-empty")}</p> })}
            {protocol.areas.into_iter().map(|area| {
                let name = match area.area.is_empty() {
                    true => i18n.t("console-walk-outside-areas"),
                    false => area.area_name.clone(),
                };
                view! {
                    <section class="protocol-area">
                        <h3>{name}" "<span class="count">{i18n.t_with("console-walk-protocol-area-dark", &[("dark", &area.dark_spots.to_string())])}</span></h3>
                        {area.categories.into_iter().map(|section| view! {
                            <h4>{i18n.t(&section.category.label_key("console-walk-category"))}" ("{section.points.len()}")"</h4>
                            <ol>
                                {section.points.into_iter().map(|p| {
                                    let mut facts = Vec::new();
                                    if let Some(level) = p.point.unsafe_level {
                                        facts.push(i18n.t_with("console-walk-protocol-level", &[("level", &level.to_string())]));
                                    }
                                    if p.marked_by > 1 {
                                        facts.push(i18n.t_with("console-walk-protocol-marked-by", &[("count", &p.marked_by.to_string())]));
                                    }
                                    facts.push(human(&p.point.logged_at, &i18n));
                                    if let Some(case) = &p.report {
                                        facts.push(i18n.t_with("console-walk-point-reported", &[("case", case)]));
                                    }
                                    view! {
                                        <li>
                                            {(!p.point.note.is_empty()).then(|| view! { <span class="note">{p.point.note.clone()}</span>" " })}
                                            <span class="hint">{format!("({}, {})", facts.join(", "), i18n.t_with("console-walk-protocol-point", &[("number", &p.point.id.to_string())]))}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }).collect_view()}
                    </section>
                }
            }).collect_view()}
        </article>
    }
}
