//! A search for an address or place that moves the map there: a combobox in the WAI-ARIA
//! pattern (a text field that controls a list of options), so that the keyboard and screen
//! readers use it as they use any other: type, hear how many were found, arrow down through
//! them, Enter to choose, Escape to close. Focus stays in the field throughout.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::place_name::{FoundPlace, MIN_QUERY_CHARS};

use crate::outbox::sleep;
use crate::place_names::PlaceNames;

/// How long typing must pause before the edge is asked: one question per word, not per key.
const PAUSE_MS: i32 = 350;

fn option_id(index: usize) -> String {
    format!("place-option-{index}")
}

#[component]
pub fn PlaceSearch(
    names: PlaceNames,
    /// Called with the place the resident chose.
    on_chosen: Callback<FoundPlace>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = StoredValue::new(names);
    let typed = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<FoundPlace>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let status = RwSignal::new(String::new());
    // Each search's number: an answer to an older one (typing went on) is dropped.
    let asked = StoredValue::new(0u32);

    let search_now = move |query: String| {
        let ask = asked.get_value() + 1;
        asked.set_value(ask);
        if query.trim().chars().count() < MIN_QUERY_CHARS {
            found.set(Vec::new());
            open.set(false);
            status.set(String::new());
            return;
        }
        let names = names.get_value();
        spawn_local(async move {
            let answer = names.search(&query).await;
            // Typing went on, or the form is gone (drawn again in another language).
            if asked.try_get_value() != Some(ask) {
                return;
            }
            active.set(None);
            match answer {
                Ok(places) => {
                    status.set(match places.len() {
                        0 => i18n.t("place-search-none"),
                        n => i18n.t_count("place-search-found", n as u64, &[]),
                    });
                    open.set(!places.is_empty());
                    found.set(places);
                }
                Err(_) => {
                    found.set(Vec::new());
                    open.set(false);
                    status.set(i18n.t("place-search-failed"));
                }
            }
        });
    };

    let on_input = move |ev| {
        let query = event_target_value(&ev);
        typed.set(query.clone());
        let ask = asked.get_value() + 1;
        asked.set_value(ask);
        spawn_local(async move {
            sleep(PAUSE_MS).await;
            if asked.try_get_value() == Some(ask) {
                search_now(query);
            }
        });
    };

    let choose = move |index: usize| {
        let Some(place) = found.with_untracked(|f| f.get(index).cloned()) else {
            return;
        };
        typed.set(place.name.clone());
        open.set(false);
        active.set(None);
        status.set(String::new());
        on_chosen.run(place);
    };

    let on_keydown = move |ev: KeyboardEvent| {
        let count = found.with_untracked(Vec::len);
        let step = |forward: bool| {
            if count == 0 {
                return;
            }
            open.set(true);
            active.update(|a| {
                *a = Some(match (*a, forward) {
                    (None, true) => 0,
                    (None, false) => count - 1,
                    (Some(i), true) => (i + 1) % count,
                    (Some(i), false) => (i + count - 1) % count,
                })
            });
        };
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                step(true);
            }
            "ArrowUp" => {
                ev.prevent_default();
                step(false);
            }
            // Never sends the report form this field is in.
            "Enter" => {
                ev.prevent_default();
                match (open.get_untracked(), active.get_untracked()) {
                    (true, Some(index)) => choose(index),
                    _ => search_now(typed.get_untracked()),
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                open.set(false);
                active.set(None);
            }
            "Escape" => typed.set(String::new()),
            _ => {}
        }
    };

    view! {
        <div class="place-search">
            <label for="place-search">{i18n.t("place-search-label")}</label>
            <div class="combo">
                <input
                    id="place-search"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    aria-autocomplete="list"
                    aria-controls="place-search-options"
                    aria-describedby="place-search-hint"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().map(option_id)
                    prop:value=move || typed.get()
                    on:input=on_input
                    on:keydown=on_keydown
                    on:blur=move |_| open.set(false)
                />
                <ul id="place-search-options" role="listbox" aria-label=i18n.t("place-search-options") hidden=move || !open.get()>
                    {move || found.get().into_iter().enumerate().map(|(index, place)| view! {
                        <li
                            id=option_id(index)
                            role="option"
                            aria-selected=move || if active.get() == Some(index) { "true" } else { "false" }
                            // Keeps focus in the field, so the click chooses and nothing blurs.
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| choose(index)
                        >
                            {place.name}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
            <p id="place-search-hint" class="visually-hidden">{i18n.t("place-search-hint")}</p>
            <p class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</p>
        </div>
    }
}
