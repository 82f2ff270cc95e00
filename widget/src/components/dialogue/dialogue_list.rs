//! The municipality's published dialogues, coming ones first, to choose one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::dialogue::PublicDialogue;
use tryggve_core::i18n::I18n;

use crate::api::Edge;
use crate::format;

#[component]
pub fn DialogueList(edge: Edge, tenant: String, chosen: RwSignal<Option<i64>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // None while loading; Some(Err) if it failed.
    let dialogues = RwSignal::new(None::<Result<Vec<PublicDialogue>, ()>>);
    spawn_local(async move { dialogues.set(Some(edge.dialogues(&tenant).await.map_err(|_| ()))) });
    view! {
        <h2>{i18n.t("dialogue-list-title")}</h2>
        {move || match dialogues.get() {
            None => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
            Some(Err(())) => view! { <p role="alert">{i18n.t("dialogue-failed")}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p>{i18n.t("dialogue-list-empty")}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="dialogue-list">
                    {list.into_iter().map(|d| {
                        let when = format::time_range(i18n.locale, &d.details.starts_at, &d.details.ends_at);
                        let state = i18n.t(&format!("dialogue-state-{}", d.state.id()));
                        view! {
                            <li>
                                <button type="button" class="link" on:click=move |_| chosen.set(Some(d.id))>
                                    {d.details.title.clone()}
                                </button>
                                <p class="hint">{when}" · "{state}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
