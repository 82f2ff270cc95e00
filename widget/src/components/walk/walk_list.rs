//! The municipality's announced walks, the soonest first: when and where, who walks, a calendar
//! file, and for a participant the way in with the walk's code.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::walk::{JoinedWalk, PublicWalk, WalkState};
use tryggve_core::MapConfig;

use super::join_form::JoinForm;
use super::protocol_view::ProtocolView;
use crate::api::Edge;
use crate::format;

#[component]
pub fn WalkList(
    edge: Edge,
    tenant: String,
    map: MapConfig,
    on_joined: Callback<JoinedWalk>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // None while loading; Some(Err) if it failed.
    let walks = RwSignal::new(None::<Result<Vec<PublicWalk>, ()>>);
    spawn_local({
        let (edge, tenant) = (edge.clone(), tenant.clone());
        async move { walks.set(Some(edge.walks(&tenant).await.map_err(|_| ()))) }
    });
    // The walk whose code field is open.
    let joining = RwSignal::new(None::<i64>);
    view! {
        <h2>{i18n.t("walk-list-title")}</h2>
        <p class="intro">{i18n.t("walk-list-intro")}</p>
        {move || match walks.get() {
            None => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
            Some(Err(())) => view! { <p role="alert">{i18n.t("walk-list-failed")}</p> }.into_any(),
            Some(Ok(all)) => {
                let (list, published): (Vec<PublicWalk>, Vec<PublicWalk>) = all.into_iter().partition(|w| w.state.is_public());
                let upcoming = match list.is_empty() {
                    true => view! { <p>{i18n.t("walk-list-empty")}</p> }.into_any(),
                    false => upcoming_list(list, edge.clone(), tenant.clone(), joining, on_joined, i18n).into_any(),
                };
                let protocols = (!published.is_empty()).then(|| {
                    protocol_list(published, edge.clone(), tenant.clone(), map.clone(), i18n)
                });
                view! { {upcoming} {protocols} }.into_any()
            }
        }}
    }
}

/// Walks whose protocol is published, the latest first, each opened on request.
fn protocol_list(
    mut published: Vec<PublicWalk>,
    edge: Edge,
    tenant: String,
    map: MapConfig,
    i18n: I18n,
) -> impl IntoView {
    published.reverse();
    let open = RwSignal::new(None::<i64>);
    view! {
        <h3 class="walk-protocols-title">{i18n.t("walk-protocols-title")}</h3>
        <ul class="walk-list">
            {published.into_iter().map(|walk| {
                let (edge, tenant, map, id) = (edge.clone(), tenant.clone(), map.clone(), walk.id);
                view! {
                    <li class="walk-item">
                        <h4>{walk.title.clone()}</h4>
                        <p class="walk-when">{format::local_moment(i18n.locale, &walk.starts_at)}</p>
                        <p>{i18n.t_with("walk-area", &[("area", &walk.area_name)])}</p>
                        <button type="button" aria-expanded=move || (open.get() == Some(id)).to_string()
                            on:click=move |_| open.update(|o| *o = if *o == Some(id) { None } else { Some(id) })>
                            {i18n.t("walk-protocol-show")}
                        </button>
                        {move || (open.get() == Some(id)).then(|| view! { <ProtocolView edge=edge.clone() tenant=tenant.clone() map=map.clone() walk=id /> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The walks planned or under way, the soonest first.
fn upcoming_list(
    list: Vec<PublicWalk>,
    edge: Edge,
    tenant: String,
    joining: RwSignal<Option<i64>>,
    on_joined: Callback<JoinedWalk>,
    i18n: I18n,
) -> impl IntoView {
    view! {
                <ul class="walk-list">
                    {list.into_iter().map(|walk| {
                        let (edge, tenant) = (edge.clone(), tenant.clone());
                        let calendar = edge.walk_calendar_url(&tenant, walk.id);
                        let id = walk.id;
                        let under_way = (walk.state == WalkState::UnderWay)
                            .then(|| view! { <span class="badge now">{i18n.t("walk-under-way")}</span> });
                        let organiser = (!walk.organiser.is_empty())
                            .then(|| view! { <p>{i18n.t_with("walk-organiser", &[("name", &walk.organiser)])}</p> });
                        let organisations = (!walk.organisations.is_empty())
                            .then(|| view! { <p>{i18n.t_with("walk-organisations", &[("names", &walk.organisations)])}</p> });
                        let description = (!walk.description.is_empty())
                            .then(|| view! { <p class="walk-description">{walk.description.clone()}</p> });
                        view! {
                            <li class="walk-item">
                                <h3>{walk.title.clone()}" "{under_way}</h3>
                                <p class="walk-when">{format::local_moment(i18n.locale, &walk.starts_at)}</p>
                                <p>{i18n.t_with("walk-area", &[("area", &walk.area_name)])}</p>
                                {organiser}
                                {organisations}
                                {description}
                                <div class="walk-actions">
                                    <a class="button-link" href=calendar download=format!("trygghetsvandring-{id}.ics")>
                                        {i18n.t("walk-calendar")}
                                    </a>
                                    <button
                                        type="button"
                                        aria-expanded=move || (joining.get() == Some(id)).to_string()
                                        on:click=move |_| joining.update(|j| *j = if *j == Some(id) { None } else { Some(id) })
                                    >
                                        {i18n.t("walk-join")}
                                    </button>
                                </div>
                                {move || (joining.get() == Some(id)).then(|| {
                                    view! { <JoinForm edge=edge.clone() tenant=tenant.clone() walk=id on_joined /> }
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
    }
}
