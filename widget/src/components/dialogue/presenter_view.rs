//! The big screen in the room (`<tryggve-dialog … view="presenter">`): the question the panel is
//! answering now, large enough to read from the back of a hall, and the next ones by votes,
//! kept up to date through the live line. Only what every participant sees: published
//! questions, never the moderation queue.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use tryggve_core::dialogue::{LiveDialogue, LiveEvent, PublicQuestion};
use tryggve_core::i18n::I18n;

use crate::api::{ApiError, Edge};
use crate::components::ConnectionStatus;
use crate::live::{Connection, LiveLine};

/// How many waiting questions fit below the current one at a size readable across a room.
const NEXT_ON_SCREEN: usize = 5;

#[component]
pub fn PresenterView(edge: Edge, tenant: String, id: i64) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let live = RwSignal::new(None::<LiveDialogue>);
    let missing = RwSignal::new(false);
    let connection = RwSignal::new(Connection::Connecting);
    let source = StoredValue::new((edge.clone(), tenant.clone()));

    // Loads the dialogue (again) and merges it with what is shown: whatever is newer wins.
    let refresh = move || {
        spawn_local(async move {
            let (edge, tenant) = source.get_value();
            match edge.dialogue(&tenant, id).await {
                Ok(snapshot) => live.update(|l| match l {
                    Some(shown) => shown.merge_snapshot(snapshot),
                    None => *l = Some(LiveDialogue::new(snapshot)),
                }),
                Err(ApiError::Rejected { .. }) => missing.set(true),
                Err(ApiError::Network) => {}
            }
        });
    };
    refresh();
    let on_events = move |events: Vec<LiveEvent>| {
        live.update(|l| {
            if let Some(l) = l {
                for event in events {
                    l.apply(event);
                }
            }
        })
    };
    let first_opening = std::cell::Cell::new(true);
    let line = LiveLine::open(
        edge.live_url(&tenant, id),
        edge.live_http_url(&tenant, id),
        on_events,
        move |state| {
            connection.set(state);
            // After a drop, catch up on what was missed.
            if state == Connection::Live && !first_opening.replace(false) {
                refresh();
            }
        },
    );
    let line = SendWrapper::new(line);
    on_cleanup(move || line.stop());

    let screen = Memo::new(move |_| live.with(|l| l.as_ref().map(|l| l.on_the_big_screen(NEXT_ON_SCREEN))));
    let title = move || live.with(|l| l.as_ref().map(|l| l.dialogue.details.title.clone()));
    let asker = move |q: &PublicQuestion| q.display_name.clone().unwrap_or_else(|| i18n.t("anonymous"));
    let votes = move |q: &PublicQuestion| i18n.t_with("votes-count", &[("count", &q.votes.to_string())]);

    view! {
        <div class="presenter">
            {move || missing.get().then(|| view! { <p role="alert">{i18n.t("dialogue-missing")}</p> })}
            {move || (live.with(Option::is_none) && !missing.get())
                .then(|| view! { <p role="status">{i18n.t("loading")}</p> })}
            <Show when=move || screen.with(Option::is_some)>
                <header class="presenter-head">
                    <h2>{title}</h2>
                    <ConnectionStatus connection live_key="dialogue-connected" />
                </header>
                <section class="presenter-now" aria-labelledby="presenter-now-title">
                    <h3 id="presenter-now-title">{i18n.t("now-answering")}</h3>
                    // Announced when it changes, for anyone in the room following with a screen reader.
                    <div aria-live="polite">
                        {move || match screen.get().and_then(|s| s.now) {
                            Some(q) => view! {
                                <p class="presenter-question">{q.text.clone()}</p>
                                <p class="presenter-meta">{asker(&q)}" · "{votes(&q)}</p>
                            }.into_any(),
                            None => view! { <p class="presenter-none">{i18n.t("presenter-none")}</p> }.into_any(),
                        }}
                    </div>
                </section>
                <section class="presenter-next" aria-labelledby="presenter-next-title">
                    <h3 id="presenter-next-title">{i18n.t("presenter-next")}</h3>
                    {move || screen.with(|s| s.as_ref().is_some_and(|s| s.next.is_empty()))
                        .then(|| view! { <p class="presenter-none">{i18n.t("presenter-next-empty")}</p> })}
                    <ol>
                        {move || screen.get().map(|s| s.next).unwrap_or_default().into_iter().map(|q| view! {
                            <li><span class="presenter-text">{q.text.clone()}</span>
                                " "<span class="presenter-votes">{votes(&q)}</span></li>
                        }).collect_view()}
                    </ol>
                    {move || screen.get().filter(|s| s.more > 0).map(|s| view! {
                        <p class="presenter-more">{i18n.t_with("presenter-more", &[("count", &s.more.to_string())])}</p>
                    })}
                </section>
            </Show>
        </div>
    }
}
