//! A walk's published protocol as residents read it: how many places were found and how many
//! of them dark, then area by area the places by category with how unsafe they felt. No
//! participant's note and no name is in it (the edge leaves them out).

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::walk_protocol::{PublicPlace, WalkProtocol};
use tryggve_core::MapConfig;

use super::protocol_map::ProtocolMap;
use crate::api::Edge;

#[component]
pub fn ProtocolView(edge: Edge, tenant: String, map: MapConfig, walk: i64) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // None while loading; Some(Err) if it failed.
    let protocol = RwSignal::new(None::<Result<WalkProtocol<PublicPlace>, ()>>);
    spawn_local(async move { protocol.set(Some(edge.walk_protocol(&tenant, walk).await.map_err(|_| ()))) });
    move || match protocol.get() {
        None => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
        Some(Err(())) => view! { <p role="alert">{i18n.t("walk-protocol-failed")}</p> }.into_any(),
        Some(Ok(p)) => {
            let summary = i18n.t_with(
                "walk-protocol-summary",
                &[("points", &p.points.to_string()), ("dark", &p.dark_spots.to_string())],
            );
            let drawn = view! { <ProtocolMap config=map.clone() protocol=p.clone() /> };
            view! {
                <div class="walk-protocol">
                    <p class="walk-when">{summary}</p>
                    {drawn}
                    {p.areas.into_iter().map(|area| {
                        let name = match area.area.is_empty() {
                            true => i18n.t("walk-protocol-outside"),
                            false => area.area_name.clone(),
                        };
                        view! {
                            <h4>{name}</h4>
                            <ul>
                                {area.categories.into_iter().map(|section| {
                                    let what = i18n.t(&section.category.label_key("walk-category"));
                                    let levels: Vec<String> = section.points.iter().filter_map(|p| p.unsafe_level).map(|l| l.to_string()).collect();
                                    let level = (!levels.is_empty())
                                        .then(|| i18n.t_with("walk-protocol-levels", &[("levels", &levels.join(", "))]));
                                    view! {
                                        <li>{format!("{what}: {}", section.points.len())}{level.map(|l| format!(" ({l})"))}</li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
    }
}
