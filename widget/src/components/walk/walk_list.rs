//! The municipality's announced walks, the soonest first: when and where, who walks, a calendar
//! file, and for a participant the way in with the walk's code.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::walk::{JoinedWalk, PublicWalk, WalkState};

use super::join_form::JoinForm;
use crate::api::Edge;
use crate::format;

#[component]
pub fn WalkList(edge: Edge, tenant: String, on_joined: Callback<JoinedWalk>) -> impl IntoView {
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
            Some(Ok(list)) if list.is_empty() => view! { <p>{i18n.t("walk-list-empty")}</p> }.into_any(),
            Some(Ok(list)) => view! {
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
            }.into_any(),
        }}
    }
}
