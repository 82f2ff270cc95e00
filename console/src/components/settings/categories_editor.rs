//! The municipality's categories: which the form offers and in what order, their names (ours
//! renamed, or its own added), and those it no longer offers, which stay named so that old
//! reports and statistics still read. A category is never deleted: reports keep its id.

use crate::focus::focus_by_id as focus;
use leptos::prelude::*;
use tryggve_core::category::{self, CategoryNames};
use tryggve_core::i18n::{translate, I18n, Locale};
use tryggve_core::TenantConfig;

#[component]
pub fn CategoriesEditor(config: RwSignal<TenantConfig>, languages: Signal<Vec<String>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let name_of = move |id: &str| config.with(|c| c.category_names.name(id, &i18n));
    let offered = move || config.with(|c| c.categories.clone());
    let retired = move || {
        config
            .with(|c| c.all_categories().into_iter().filter(|id| !c.offers_category(id)).collect::<Vec<_>>())
    };
    let notice = RwSignal::new(String::new());

    let move_by = move |id: String, step: isize| {
        config.update(|c| {
            let Some(at) = c.categories.iter().position(|x| *x == id) else { return };
            let to = at as isize + step;
            if (0..c.categories.len() as isize).contains(&to) {
                c.categories.swap(at, to as usize);
            }
        });
        // The row was drawn anew: focus follows the category (down, if it reached the top).
        let (up, down) = (format!("category-up-{id}"), format!("category-down-{id}"));
        request_animation_frame(move || {
            if !focus(&up) {
                focus(&down);
            }
        });
    };
    let retire = move |id: String| {
        config.update(|c| c.categories.retain(|x| *x != id));
        request_animation_frame(move || {
            focus(&format!("category-restore-{id}"));
        });
    };
    let restore = move |id: String| {
        config.update(|c| c.categories.push(id.clone()));
        request_animation_frame(move || {
            focus(&format!("category-retire-{id}"));
        });
    };
    let new_name = RwSignal::new(String::new());
    let add = move |_| {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            notice.set(i18n.t("console-category-empty-name"));
            focus("new-category");
            return;
        }
        config.update(|c| {
            let id = CategoryNames::new_id(&name, &c.all_categories());
            c.category_names.0.insert(id.clone(), [("sv".to_string(), name.clone())].into());
            c.categories.push(id);
        });
        new_name.set(String::new());
        notice.set(i18n.t_with("console-category-added", &[("name", &name)]));
    };

    // One name field per language offered; for ours, empty means our name.
    let name_fields = move |id: String| {
        let ours = category::is_ours(&id);
        languages
            .get()
            .into_iter()
            .map(|lang| {
                let field = format!("category-{id}-{lang}");
                // Named by what the category was called when drawn: a label that changed
                // with each letter typed would be read anew by a screen reader.
                let called = config.with_untracked(|c| c.category_names.name(&id, &i18n));
                let language = Locale::from_tag(&lang).map_or(lang.clone(), |l| l.native_name().to_string());
                let value = {
                    let (id, lang) = (id.clone(), lang.clone());
                    move || {
                        config.with(|c| c.category_names.0.get(&id).and_then(|t| t.get(&lang)).cloned()).unwrap_or_default()
                    }
                };
                // What an empty field means: our name, or (for its own) the Swedish one.
                let hint = if ours {
                    let ours_name = Locale::from_tag(&lang)
                        .map_or_else(String::new, |l| translate(l, &category::label_key(&id)));
                    Some(i18n.t_with("console-category-ours", &[("name", &ours_name)]))
                } else {
                    (lang != "sv").then(|| i18n.t("console-category-own-fallback"))
                };
                let set = {
                    let id = id.clone();
                    move |ev| {
                        let text = event_target_value(&ev);
                        config.update(|c| {
                            let texts = c.category_names.0.entry(id.clone()).or_default();
                            texts.insert(lang.clone(), text);
                            texts.retain(|_, t| !t.trim().is_empty());
                            // Ours with no name of the municipality's: our names again.
                            if texts.is_empty() && ours {
                                c.category_names.0.remove(&id);
                            }
                        })
                    }
                };
                let hint_id = format!("{field}-hint");
                view! {
                    <label for=field.clone()>{i18n.t_with("console-category-name", &[("language", &language), ("name", &called)])}</label>
                    <input id=field maxlength="60" prop:value=value on:input=set
                        aria-describedby=hint.is_some().then(|| hint_id.clone()) />
                    {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
                }
            })
            .collect_view()
    };

    view! {
        <fieldset id="settings-categories" class="categories" tabindex="-1">
            <legend>{i18n.t("console-settings-categories")}</legend>
            <p class="hint">{i18n.t("console-categories-hint")}</p>
            <ol class="category-list">
                // Keyed by place, category and length: typing a name keeps its field; a move,
                // a new or a retired category draws the rows anew (focus is put back).
                <For each=move || { let all = offered(); let len = all.len(); all.into_iter().enumerate().map(move |(at, id)| (at, id, len)).collect::<Vec<_>>() }
                    key=|row| row.clone()
                    let((at, id, len))>
                    {
                        let said = {
                            let id = id.clone();
                            move |key: &'static str| {
                                let id = id.clone();
                                move || i18n.t_with(key, &[("name", &name_of(&id))])
                            }
                        };
                        let renamed = config.with_untracked(|c| c.category_names.0.contains_key(&id));
                        let (up, down, off, shown) = (id.clone(), id.clone(), id.clone(), id.clone());
                        view! {
                            <li>
                                <span class="category-name">{move || name_of(&shown)}</span>
                                <span class="category-actions">
                                    {(at > 0).then(|| view! {
                                        <button type="button" id=format!("category-up-{id}")
                                            aria-label=said("console-category-up")
                                            on:click=move |_| move_by(up.clone(), -1)>"↑"</button>
                                    })}
                                    {(at + 1 < len).then(|| view! {
                                        <button type="button" id=format!("category-down-{id}")
                                            aria-label=said("console-category-down")
                                            on:click=move |_| move_by(down.clone(), 1)>"↓"</button>
                                    })}
                                    <button type="button" id=format!("category-retire-{id}")
                                        on:click=move |_| retire(off.clone())>{said("console-category-retire")}</button>
                                </span>
                                <details class="category-names" open=renamed>
                                    <summary>{said("console-category-rename")}</summary>
                                    {name_fields(id.clone())}
                                </details>
                            </li>
                        }
                    }
                </For>
            </ol>
            {move || {
                let retired = retired();
                (!retired.is_empty()).then(|| view! {
                    <h3 class="retired-title">{i18n.t("console-categories-retired")}</h3>
                    <ul class="category-list retired">
                        {retired.into_iter().map(|id| {
                            let name = name_of(&id);
                            let back = id.clone();
                            view! {
                                <li>
                                    <span class="category-name">{name.clone()}</span>
                                    <button type="button" id=format!("category-restore-{id}")
                                        on:click=move |_| restore(back.clone())>
                                        {i18n.t_with("console-category-restore", &[("name", &name)])}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
            <div class="add-category">
                <label for="new-category">{i18n.t("console-category-new")}</label>
                <span class="search-row">
                    <input id="new-category" maxlength="60" prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev)) />
                    <button type="button" on:click=add>{i18n.t("console-category-add")}</button>
                </span>
                <p class="hint" role="status" aria-live="polite">{move || notice.get()}</p>
            </div>
        </fieldset>
    }
}
