//! The phone as a walk logger: the map with the route and the group's points, "here I stand"
//! and following one's own position (only when asked, never stored as a track), a new point in
//! two taps, and the group's points kept up to date through the walk's live room. Points logged
//! without a connection wait on the phone and are sent once it returns (see `walk_outbox`).

use std::rc::Rc;

use js_sys::Promise;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use tryggve_core::api::ErrorCode;
use tryggve_core::i18n::I18n;
use tryggve_core::walk::{JoinedWalk, WalkState};
use tryggve_core::walk_point::{WalkLiveEvent, WalkPoint, WalkPointDraft};
use tryggve_core::{LatLng, TenantConfig};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::join_form::JoinForm;
use super::point_form::{PointChoice, PointForm};
use super::point_list::PointList;
use super::walk_map::{rounded, WalkMap};
use crate::api::{ApiError, Edge};
use crate::components::ConnectionStatus;
use crate::format;
use crate::live::{Connection, LiveLine};
use crate::walk_outbox::{self, Delivered};

/// The browser's position once, if the participant allows it.
async fn current_position() -> Option<LatLng> {
    let geolocation = web_sys::window()?.navigator().geolocation().ok()?;
    let promise = Promise::new(&mut |resolve, reject| {
        let _ = geolocation.get_current_position_with_error_callback(&resolve, Some(&reject));
    });
    let position: web_sys::Position = JsFuture::from(promise).await.ok()?.unchecked_into();
    Some(LatLng::new(position.coords().latitude(), position.coords().longitude()))
}

/// Following the participant's position: a geolocation watch, ended with [`Watch::stop`] (and
/// when the logger goes). Positions are shown, never sent or kept.
struct Watch {
    id: i32,
    _on_position: Closure<dyn FnMut(web_sys::Position)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl Watch {
    fn start(own: RwSignal<Option<LatLng>>, on_error: impl Fn() + 'static) -> Option<Self> {
        let geolocation = web_sys::window()?.navigator().geolocation().ok()?;
        let on_position = Closure::<dyn FnMut(web_sys::Position)>::new(move |p: web_sys::Position| {
            own.set(Some(rounded(LatLng::new(p.coords().latitude(), p.coords().longitude()))));
        });
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| on_error());
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(true);
        let id = geolocation
            .watch_position_with_error_callback_and_options(
                on_position.as_ref().unchecked_ref(),
                Some(on_error.as_ref().unchecked_ref()),
                &options,
            )
            .ok()?;
        Some(Self { id, _on_position: on_position, _on_error: on_error })
    }

    fn stop(&self) {
        if let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) {
            geolocation.clear_watch(self.id);
        }
    }
}

#[component]
pub fn WalkLogger(
    edge: Edge,
    tenant: String,
    config: TenantConfig,
    joined: JoinedWalk,
    on_joined: Callback<JoinedWalk>,
    on_left: Callback<()>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let JoinedWalk { walk, pass } = joined;
    let id = walk.id;
    let slot = walk_outbox::slot(&tenant, id);
    let stored = RwSignal::new(Vec::<WalkPoint>::new());
    let waiting = RwSignal::new(walk_outbox::waiting(&slot));
    let place = RwSignal::new(None::<LatLng>);
    let own = RwSignal::new(None::<LatLng>);
    let announcement = RwSignal::new(String::new());
    // What became of the last point, said in a live region.
    let message = RwSignal::new(String::new());
    let place_error = RwSignal::new(None::<String>);
    let connection = RwSignal::new(Connection::Connecting);
    // The walk's code was changed since this phone joined: it joins again, its points waiting.
    let pass_refused = RwSignal::new(false);
    let watch: StoredValue<Option<SendWrapper<Watch>>, LocalStorage> = StoredValue::new_local(None);
    let following = RwSignal::new(false);

    // Whether the walk has started (or ended) since this phone joined.
    let state = RwSignal::new(walk.state);
    // The group's points, read again whenever the room says they changed, and the walk's state.
    let refresh = {
        let (edge, tenant, pass) = (edge.clone(), tenant.clone(), pass.clone());
        Rc::new(move || {
            let (edge, tenant, pass) = (edge.clone(), tenant.clone(), pass.clone());
            spawn_local(async move {
                match edge.walk_points(&tenant, id, &pass).await {
                    Ok(points) => stored.set(points),
                    Err(ApiError::Rejected { code: ErrorCode::MissingToken, .. }) => pass_refused.set(true),
                    Err(_) => {}
                }
                if let Ok(announced) = edge.walks(&tenant).await {
                    // No longer announced: it has ended (or was cancelled).
                    state.set(announced.iter().find(|w| w.id == id).map_or(WalkState::Done, |w| w.state));
                }
            });
        })
    };
    refresh();

    // Sends what waits on this phone; started when a point is logged, when the logger opens
    // and when the browser comes back online (one sender at a time, see `walk_outbox`).
    let send_waiting = {
        let (edge, tenant, pass, slot) = (edge.clone(), tenant.clone(), pass.clone(), slot.clone());
        Rc::new(move || {
            let (edge, tenant, pass, slot) = (edge.clone(), tenant.clone(), pass.clone(), slot.clone());
            spawn_local(async move {
                let send = |point: WalkPointDraft| {
                    let (edge, tenant, pass) = (edge.clone(), tenant.clone(), pass.clone());
                    async move { edge.log_walk_point(&tenant, id, &pass, &point).await }
                };
                let on_delivered = |delivered: Delivered| {
                    waiting.set(walk_outbox::waiting(&slot));
                    match delivered {
                        Delivered::Stored(point) => {
                            stored.update(|all| {
                                if !all.iter().any(|p| p.id == point.id) {
                                    all.push(point.clone());
                                }
                            });
                            let what = i18n.t(&point.category.label_key("walk-category"));
                            message.set(i18n.t_with("walk-point-saved", &[("category", &what)]));
                        }
                        Delivered::Refused(point, ApiError::Rejected { code, .. }) => {
                            let why = match code {
                                ErrorCode::WalkNotUnderWay => i18n.t("walk-point-not-under-way"),
                                ErrorCode::Field(field) => {
                                    i18n.t(&ErrorCode::Field(field).message_key("error"))
                                }
                                _ => i18n.t("walk-point-refused-other"),
                            };
                            let what = i18n.t(&point.category.label_key("walk-category"));
                            message.set(
                                i18n.t_with("walk-point-refused", &[("category", &what), ("reason", &why)]),
                            );
                        }
                        Delivered::Refused(_, ApiError::Network) => {}
                        Delivered::PassRefused => pass_refused.set(true),
                    }
                };
                let on_waiting = || {
                    waiting.set(walk_outbox::waiting(&slot));
                    message.set(i18n.t("walk-point-waiting-signal"));
                };
                walk_outbox::send_waiting(&slot, send, on_delivered, on_waiting).await;
            });
        })
    };
    send_waiting();
    let online = Closure::<dyn FnMut()>::new({
        let send_waiting = send_waiting.clone();
        move || send_waiting()
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
    }
    let online = SendWrapper::new(online);

    let (http, websocket) = edge.walk_live_urls(&tenant, id);
    let first_opening = std::cell::Cell::new(true);
    let line = LiveLine::open(
        websocket,
        http,
        {
            let refresh = refresh.clone();
            move |_: Vec<WalkLiveEvent>| refresh()
        },
        {
            let refresh = refresh.clone();
            move |state| {
                connection.set(state);
                // After a drop, catch up on what was missed.
                if state == Connection::Live && !first_opening.replace(false) {
                    refresh();
                }
            }
        },
    );
    let line = SendWrapper::new(line);
    // A walk that has ended has no room to follow: the line stops instead of trying again.
    let ended = line.clone();
    Effect::new(move |_| {
        if !state.get().is_public() {
            ended.stop();
        }
    });
    on_cleanup(move || {
        line.stop();
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        }
        watch.try_with_value(|w| w.as_ref().map(|w| w.stop()));
    });

    let here = move |_| {
        // Following already: where the participant was last seen.
        if let Some(at) = own.get_untracked() {
            place.set(Some(at));
            announcement.set(i18n.t("walk-place-here"));
            return;
        }
        announcement.set(i18n.t("locating"));
        spawn_local(async move {
            match current_position().await {
                Some(at) if config.map.bounds.contains(at) => {
                    place.set(Some(rounded(at)));
                    announcement.set(i18n.t("walk-place-here"));
                }
                Some(_) => announcement.set(i18n.t("location-outside")),
                None => announcement.set(i18n.t("walk-location-failed")),
            }
        });
    };
    let toggle_follow = move |_| {
        if watch.with_value(Option::is_some) {
            watch.with_value(|w| w.as_ref().map(|w| w.stop()));
            watch.set_value(None);
            following.set(false);
            own.set(None);
            announcement.set(i18n.t("walk-follow-stopped"));
            return;
        }
        let started = Watch::start(own, move || announcement.set(i18n.t("walk-location-failed")));
        following.set(started.is_some());
        watch.set_value(started.map(SendWrapper::new));
        announcement.set(i18n.t(if following.get_untracked() {
            "walk-follow-started"
        } else {
            "walk-location-failed"
        }));
    };

    let slot_for_log = slot.clone();
    // A callback crosses threads in Leptos' types; this one never leaves the browser's.
    let send_after_log = SendWrapper::new(send_waiting.clone());
    let on_log = Callback::new(move |choice: PointChoice| {
        let Some(at) = place.get_untracked().or_else(|| own.get_untracked()) else {
            place_error.set(Some(i18n.t("walk-place-required")));
            return false;
        };
        place_error.set(None);
        let point = WalkPointDraft {
            idempotency_key: walk_outbox::new_key(),
            position: at,
            category: choice.category,
            note: choice.note,
            unsafe_level: choice.unsafe_level,
        };
        walk_outbox::add(&slot_for_log, point);
        waiting.set(walk_outbox::waiting(&slot_for_log));
        place.set(None);
        announcement.set(String::new());
        message.set(i18n.t("walk-point-sending"));
        send_after_log();
        true
    });

    let leave = move |_| on_left.run(());
    let state_text = move || match state.get() {
        WalkState::Planned => i18n.t("walk-not-started"),
        WalkState::UnderWay => i18n.t("walk-under-way"),
        _ => i18n.t("walk-ended"),
    };
    let map_walk = walk.clone();
    view! {
        <div class="walk-logger">
            <h2>{walk.title.clone()}</h2>
            <p class="hint">
                {format::local_moment(i18n.locale, &walk.starts_at)}" · "{walk.area_name.clone()}" · "{state_text}
            </p>
            <ConnectionStatus connection live_key="walk-connected" />
            {move || pass_refused.get().then(|| view! {
                <div class="notice" role="alert">
                    <p>{i18n.t("walk-pass-refused")}</p>
                    <JoinForm edge=edge.clone() tenant=tenant.clone() walk=id on_joined />
                </div>
            })}
            <WalkMap config=config.map.clone() walk=map_walk stored waiting place own announcement />
            <div class="walk-place-actions">
                <button type="button" class="primary big" on:click=here>{i18n.t("walk-place-here-button")}</button>
                <button type="button" class="secondary" on:click=toggle_follow>
                    {move || i18n.t(if following.get() { "walk-follow-stop" } else { "walk-follow-start" })}
                </button>
            </div>
            <p class="pin-status" role="status" aria-live="polite">{move || announcement.get()}</p>
            <PointForm on_log error=place_error />
            <p class="walk-message" role="status" aria-live="polite">{move || message.get()}</p>
            <PointList stored waiting />
            <p>
                <button type="button" class="link" on:click=leave disabled=move || !waiting.with(Vec::is_empty)>
                    {i18n.t("walk-leave")}
                </button>
            </p>
        </div>
    }
}
