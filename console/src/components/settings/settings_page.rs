use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::questionnaire::Question;
use tryggve_core::reporter::ReporterGroup;
use tryggve_core::settings::TenantSettings;
use tryggve_core::settings_section::{untranslated_questions, SettingsSection};
use tryggve_core::TenantConfig;
use wasm_bindgen::JsCast;

use super::areas_editor::AreasEditor;
use super::categories_editor::CategoriesEditor;
use super::integrations_editor::IntegrationsEditor;
use super::not_published_editor::NotPublishedEditor;
use super::questionnaire_editor::QuestionnaireEditor;
use super::reporter_groups_editor::ReporterGroupsEditor;
use super::webhooks_editor::WebhooksEditor;
use crate::api::{self, ApiError};
use crate::components::map_layers::LayersEditor;

/// Loads the settings, lets an admin edit them and saves them whole. The edge checks
/// everything again and names the first problem; the page then moves focus to that field.
#[component]
pub fn SettingsPage(session: SessionInfo, #[prop(into)] on_saved: Callback<TenantConfig>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let settings = RwSignal::new(None::<TenantSettings>);
    let notice = RwSignal::new(String::new());
    let tenant = StoredValue::new(session.tenant.clone());
    let csrf = StoredValue::new(session.csrf_token.clone());
    spawn_local(async move {
        match api::settings(&tenant.get_value()).await {
            Ok(s) => settings.set(Some(s)),
            Err(e) => notice.set(i18n.t(&e.message_key())),
        }
    });

    view! {
        <h1>{i18n.t("console-settings-title")}</h1>
        <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
        {move || settings.get().map(|loaded| view! { <SettingsForm loaded tenant csrf notice on_saved /> })}
    }
}

#[component]
fn SettingsForm(
    loaded: TenantSettings,
    tenant: StoredValue<String>,
    csrf: StoredValue<String>,
    notice: RwSignal<String>,
    on_saved: Callback<TenantConfig>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // One owner of what is being edited; the questionnaire and the areas have their own
    // editors. `stored` is what the edge holds: each part is saved on its own on top of it, so
    // an edit in another part is neither sent by accident nor lost (see `SettingsSection`).
    let stored = RwSignal::new(loaded.clone());
    let config = RwSignal::new(loaded.config.clone());
    let origins = RwSignal::new(loaded.origins.join("\n"));
    let questions = RwSignal::new(loaded.config.questionnaire.clone());
    let saved_questions = RwSignal::new(loaded.config.questionnaire.clone());
    let areas = RwSignal::new(loaded.config.areas.clone());
    let section = RwSignal::new(SettingsSection::General);
    let saving = RwSignal::new(false);
    // What became of a save, said beside the button that saves (the page's notice at the top is
    // for the editors that act at once: access codes).
    let save_outcome = RwSignal::new(String::new());

    // The settings as edited now, all parts together.
    let edited = move || {
        let mut config = config.get();
        config.questionnaire = questions.get();
        config.areas = areas.get();
        let origins =
            origins.get().lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
        TenantSettings { config, origins }
    };
    let number_fields = StoredValue::new(number_fields(config));

    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let part = section.get_untracked();
        let unreadable = number_fields
            .with_value(|all| all.iter().find(|n| n.section == part && n.value().is_none()).map(|n| n.id));
        if let Some(id) = unreadable {
            let label = focus_control(id, false).unwrap_or_else(|| id.to_string());
            let reason = i18n.t("console-settings-error-not-a-number");
            save_outcome
                .set(i18n.t_with("console-settings-invalid", &[("field", &label), ("reason", &reason)]));
            return;
        }
        let wanted = part.to_save(&untrack(edited), &stored.get_untracked());
        saving.set(true);
        save_outcome.set(i18n.t("console-settings-saving"));
        spawn_local(async move {
            let outcome = api::save_settings(&tenant.get_value(), &csrf.get_value(), &wanted).await;
            saving.set(false);
            // Another page chosen meanwhile: the form's values went with it; what was saved is
            // the workspace's all the same.
            if stored.is_disposed() {
                if let Ok(answer) = outcome {
                    on_saved.try_run(answer.config);
                }
                return;
            }
            match outcome {
                Ok(answer) => {
                    // This part as the edge stored it (cleaned); the other parts as they are edited.
                    let mut now = untrack(edited);
                    part.copy(&answer, &mut now);
                    origins.set(now.origins.join("\n"));
                    questions.set(now.config.questionnaire.clone());
                    saved_questions.set(answer.config.questionnaire.clone());
                    areas.set(now.config.areas.clone());
                    number_fields.with_value(|all| {
                        all.iter().filter(|n| n.section == part).for_each(|n| n.show(&answer.config))
                    });
                    config.set(now.config);
                    stored.set(answer.clone());
                    on_saved.try_run(answer.config);
                    save_outcome.set(i18n.t("console-settings-saved"));
                }
                Err(ApiError::Refused { code, field: Some(path), .. }) => {
                    let label = questions.with_untracked(|qs| focus_field(&path, qs)).unwrap_or(path);
                    let reason = i18n.t(&code.message_key("console-settings-error"));
                    let message =
                        i18n.t_with("console-settings-invalid", &[("field", &label), ("reason", &reason)]);
                    say_at_refused_field(&message);
                    save_outcome.set(message);
                }
                Err(e) => save_outcome.set(i18n.t(&e.message_key())),
            }
        });
    };

    let text = move |get: fn(&TenantConfig) -> String, set: fn(&mut TenantConfig, String)| {
        (move || config.with(get), move |ev| config.update(|c| set(c, event_target_value(&ev))))
    };
    // The number fields of a part's fieldset.
    let numbers_in = move |part: SettingsSection, fieldset: Fieldset| {
        number_fields.with_value(|all| {
            let shown = |n: &&NumberField| n.section == part && n.fieldset == fieldset;
            all.iter().filter(shown).map(|n| n.view(config, i18n)).collect_view()
        })
    };
    let number_input = move |part: SettingsSection| numbers_in(part, Fieldset::Main);
    let police_numbers = move || numbers_in(SettingsSection::Map, Fieldset::PoliceFeed);
    // A memo: the question editors redraw only when the languages change, not on every keystroke
    // elsewhere in the form.
    let languages = Memo::new(move |_| config.with(|c| c.languages.clone()));
    // Languages offered in which the municipality's questions have no words yet.
    let untranslated = move || {
        let now = edited();
        languages
            .get()
            .into_iter()
            .filter(|lang| lang != "sv")
            .filter_map(|lang| {
                let missing = untranslated_questions(&now, &lang);
                let language = Locale::from_tag(&lang).map_or(lang.clone(), |l| l.native_name().to_string());
                let questions = missing.iter().map(|q| format!("”{q}”")).collect::<Vec<_>>().join(", ");
                (!missing.is_empty()).then(|| {
                    i18n.t_with(
                        "console-settings-untranslated",
                        &[("language", &language), ("questions", &questions)],
                    )
                })
            })
            .collect::<Vec<_>>()
    };

    let general = move || {
        let (name, set_name) = text(|c| c.name.clone(), |c, v| c.name = v);
        let (rules, set_rules) = text(|c| c.dialogue_rules.clone(), |c, v| c.dialogue_rules = v);
        view! {
            <fieldset>
                <legend>{i18n.t("console-settings-general")}</legend>
                <label for="settings-name">{i18n.t("console-settings-name")}</label>
                <input id="settings-name" prop:value=name on:input=set_name />
                <fieldset id="settings-languages" class="checks" tabindex="-1">
                    <legend>{i18n.t("console-settings-languages")}</legend>
                    {Locale::ALL.map(|locale| {
                        let tag = locale.tag();
                        let id = format!("settings-language-{tag}");
                        view! {
                            <label for=id.clone()>
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || config.with(|c| c.languages.iter().any(|l| l == tag))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        config.update(|c| {
                                            c.languages.retain(|l| l != tag);
                                            if on {
                                                c.languages.push(tag.to_string());
                                                // Keep the switcher's order stable: Swedish first.
                                                c.languages.sort_by_key(|l| Locale::ALL.iter().position(|x| x.tag() == l));
                                            }
                                        })
                                    } />
                                {locale.native_name()}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                // Said when a language is switched on, and as long as it lacks words.
                <div class="untranslated" aria-live="polite">
                    {move || untranslated().into_iter().map(|warning| view! { <p class="warning">{warning}</p> }).collect_view()}
                </div>
                <label for="settings-rules">{i18n.t("console-settings-rules")}</label>
                <textarea id="settings-rules" rows="4" prop:value=rules on:input=set_rules></textarea>
            </fieldset>
            <fieldset>
                <legend>{i18n.t("console-settings-embedding")}</legend>
                <label for="settings-origins">{i18n.t("console-settings-origins")}</label>
                <p id="settings-origins-hint" class="hint">{i18n.t("console-settings-origins-hint")}</p>
                <textarea id="settings-origins" rows="4" aria-describedby="settings-origins-hint"
                    prop:value=move || origins.get() on:input=move |ev| origins.set(event_target_value(&ev))></textarea>
            </fieldset>
        }
    };
    let map = move || {
        let (police_url, set_police_url) = text(|c| c.police.url.clone(), |c, v| c.police.url = v);
        let (geocoder, set_geocoder) = text(|c| c.geocoder.url.clone(), |c, v| c.geocoder.url = v);
        let (tiles, set_tiles) = text(|c| c.map.tile_url.clone(), |c, v| c.map.tile_url = v);
        let (attribution, set_attribution) =
            text(|c| c.map.attribution.clone(), |c, v| c.map.attribution = v);
        view! {
            <fieldset>
                <legend>{i18n.t("console-settings-map")}</legend>
                <div class="grid">{number_input(SettingsSection::Map)}</div>
                <label for="settings-tiles">{i18n.t("console-settings-tiles")}</label>
                <input id="settings-tiles" prop:value=tiles on:input=set_tiles />
                <label for="settings-attribution">{i18n.t("console-settings-attribution")}</label>
                <input id="settings-attribution" prop:value=attribution on:input=set_attribution />
            </fieldset>
            <fieldset class="police-feed">
                <legend>{i18n.t("console-settings-police")}</legend>
                <p class="hint" id="settings-police-hint">{i18n.t("console-settings-police-hint")}</p>
                <label for="settings-police-locations">{i18n.t("console-settings-police-locations")}</label>
                <textarea id="settings-police-locations" rows="2" aria-describedby="settings-police-hint"
                    prop:value=move || config.with(|c| c.police.locations.join("\n"))
                    on:change=move |ev| config.update(|c| c.police.locations = event_target_value(&ev).lines().map(String::from).collect())></textarea>
                <div class="grid">{police_numbers()}</div>
                <label for="settings-police-url">{i18n.t("console-settings-police-url")}</label>
                <input id="settings-police-url" type="url" prop:value=police_url on:input=set_police_url />
                <label class="check" for="settings-police-public">
                    <input type="checkbox" id="settings-police-public"
                        prop:checked=move || config.with(|c| c.police.public)
                        on:change=move |ev| config.update(|c| c.police.public = event_target_checked(&ev)) />
                    {i18n.t("console-settings-police-public")}
                </label>
            </fieldset>
            <fieldset class="geocoder">
                <legend>{i18n.t("console-settings-geocoder")}</legend>
                <p class="hint" id="settings-geocoder-hint">{i18n.t("console-settings-geocoder-hint")}</p>
                <label for="settings-geocoder-url">{i18n.t("console-settings-geocoder-url")}</label>
                <input id="settings-geocoder-url" type="url" aria-describedby="settings-geocoder-hint"
                    prop:value=geocoder on:input=set_geocoder />
            </fieldset>
            <LayersEditor tenant csrf />
        }
    };
    let moderation = move || {
        view! {
            <fieldset>
                <legend>{i18n.t("console-settings-moderation")}</legend>
                <label class="check" for="settings-public-map">
                    <input type="checkbox" id="settings-public-map"
                        prop:checked=move || config.with(|c| c.public_map)
                        on:change=move |ev| config.update(|c| c.public_map = event_target_checked(&ev)) />
                    {i18n.t("console-settings-public-map")}
                </label>
                <p class="hint">{i18n.t("console-settings-public-map-hint")}</p>
                <NotPublishedEditor config languages=languages.into() />
            </fieldset>
            <ReporterGroupsEditor
                groups=Signal::derive(move || config.with(|c| c.reporter_groups.clone()))
                on_toggle=Callback::new(move |(group, on): (ReporterGroup, bool)| config.update(|c| {
                    c.reporter_groups.retain(|g| *g != group);
                    if on {
                        c.reporter_groups.push(group);
                        c.reporter_groups.sort_by_key(|g| ReporterGroup::ALL.iter().position(|x| x == g));
                    }
                }))
                tenant csrf notice
            />
            <IntegrationsEditor tenant csrf />
            <WebhooksEditor tenant csrf />
        }
    };
    let theme = move || {
        let (accent, set_accent) = text(
            |c| c.theme.accent.clone().unwrap_or_default(),
            |c, v| c.theme.accent = Some(v).filter(|v| !v.trim().is_empty()),
        );
        let (font, set_font) = text(
            |c| c.theme.font.clone().unwrap_or_default(),
            |c, v| c.theme.font = Some(v).filter(|v| !v.trim().is_empty()),
        );
        let radius = move || config.with(|c| c.theme.radius_px.map(|r| r.to_string()).unwrap_or_default());
        // A radius that is not a number becomes 255, which the edge refuses with a clear message.
        let set_radius = move |ev| {
            let value = event_target_value(&ev);
            config.update(|c| {
                c.theme.radius_px =
                    (!value.trim().is_empty()).then(|| value.trim().parse().unwrap_or(u8::MAX))
            })
        };
        view! {
            <fieldset>
                <legend>{i18n.t("console-settings-theme")}</legend>
                <p class="hint">{i18n.t("console-settings-theme-hint")}</p>
                <div class="grid">
                    <div>
                        <label for="settings-accent">{i18n.t("console-settings-accent")}</label>
                        <input id="settings-accent" prop:value=accent on:input=set_accent />
                    </div>
                    <div>
                        <label for="settings-font">{i18n.t("console-settings-font")}</label>
                        <input id="settings-font" prop:value=font on:input=set_font />
                    </div>
                    <div>
                        <label for="settings-radius">{i18n.t("console-settings-radius")}</label>
                        <input id="settings-radius" inputmode="numeric" prop:value=radius on:input=set_radius />
                    </div>
                </div>
            </fieldset>
        }
    };
    let map_config = loaded.config.map.clone();

    view! {
        // The parts, one shown at a time; a part with edits not yet saved says so.
        <nav class="sections" aria-label=i18n.t("console-settings-sections")>
            {SettingsSection::ALL.map(|part| {
                let unsaved = move || stored.with(|s| part.is_changed(&edited(), s));
                view! {
                    <button type="button" class="tab" aria-current=move || (section.get() == part).then_some("page")
                        on:click=move |_| { section.set(part); save_outcome.set(String::new()); }>
                        {i18n.t(&part.title_key())}
                        {move || unsaved().then(|| view! { <span class="unsaved">{format!(" – {}", i18n.t("console-settings-unsaved"))}</span> })}
                    </button>
                }
            }).collect_view()}
        </nav>
        <form class="settings" novalidate on:submit=save on:input=clear_refusal>
            <h2>{move || i18n.t(&section.get().title_key())}</h2>
            {move || match section.get() {
                SettingsSection::General => general().into_any(),
                SettingsSection::Map => map().into_any(),
                SettingsSection::Categories => view! { <CategoriesEditor config languages=languages.into() /> }.into_any(),
                SettingsSection::Questions => view! { <QuestionnaireEditor questions saved=saved_questions languages=languages.into() /> }.into_any(),
                SettingsSection::Areas => view! { <AreasEditor areas map=map_config.clone() /> }.into_any(),
                SettingsSection::Moderation => moderation().into_any(),
                SettingsSection::Limits => view! {
                    <fieldset>
                        <legend>{i18n.t("console-settings-limits")}</legend>
                        <div class="grid">{number_input(SettingsSection::Limits)}</div>
                    </fieldset>
                }.into_any(),
                SettingsSection::Theme => theme().into_any(),
            }}
            <div class="save-row">
                <button type="submit" class="primary" aria-disabled=move || saving.get().then_some("true")>
                    {i18n.t("console-settings-save")}
                </button>
                <p class="save-outcome" role="status" aria-live="polite">{move || save_outcome.get()}</p>
            </div>
        </form>
    }
}

/// The fieldset of a part that a number field is drawn in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fieldset {
    /// The part's own.
    Main,
    /// Inställningar → Karta → Polisens händelser.
    PoliceFeed,
}

/// A number field of the settings form: where it is, what is typed in it, and where its value
/// is. It keeps what is typed ("58," on the way to "58,5"); the configuration takes each value
/// that reads as a number.
struct NumberField {
    id: &'static str,
    key: &'static str,
    section: SettingsSection,
    fieldset: Fieldset,
    typed: RwSignal<String>,
    get: fn(&TenantConfig) -> f64,
    set: fn(&mut TenantConfig, f64),
}

impl NumberField {
    fn value(&self) -> Option<f64> {
        read_number(&self.typed.get_untracked())
    }

    /// Shows the value as stored (after a save, which may have cleaned it).
    fn show(&self, config: &TenantConfig) {
        self.typed.set((self.get)(config).to_string());
    }

    fn view(&self, config: RwSignal<TenantConfig>, i18n: I18n) -> impl IntoView {
        let (typed, set, id) = (self.typed, self.set, self.id);
        let input = move |ev| {
            typed.set(event_target_value(&ev));
            if let Some(value) = read_number(&typed.get_untracked()) {
                config.update(|c| set(c, value));
            }
        };
        let unreadable = move || read_number(&typed.get()).is_none().then_some("true");
        view! {
            <div>
                <label for=id>{i18n.t(self.key)}</label>
                <input id=id type="text" inputmode="decimal" prop:value=move || typed.get() on:input=input
                    aria-invalid=unreadable />
            </div>
        }
    }
}

/// The settings' number fields, as first read from `config`.
fn number_fields(config: RwSignal<TenantConfig>) -> Vec<NumberField> {
    type Get = fn(&TenantConfig) -> f64;
    type Set = fn(&mut TenantConfig, f64);
    let field = |id, key, section, get: Get, set: Set| NumberField {
        id,
        key,
        section,
        fieldset: Fieldset::Main,
        typed: RwSignal::new(config.with_untracked(get).to_string()),
        get,
        set,
    };
    use SettingsSection::{Limits, Map};
    vec![
        field(
            "settings-lat",
            "console-settings-centre-lat",
            Map,
            |c| c.map.center.lat,
            |c, v| c.map.center.lat = v,
        ),
        field(
            "settings-lng",
            "console-settings-centre-lng",
            Map,
            |c| c.map.center.lng,
            |c, v| c.map.center.lng = v,
        ),
        field(
            "settings-zoom",
            "console-settings-zoom",
            Map,
            |c| c.map.zoom.into(),
            |c, v| c.map.zoom = v.clamp(0.0, 255.0) as u8,
        ),
        field(
            "settings-south",
            "console-settings-south",
            Map,
            |c| c.map.bounds.south,
            |c, v| c.map.bounds.south = v,
        ),
        field(
            "settings-west",
            "console-settings-west",
            Map,
            |c| c.map.bounds.west,
            |c, v| c.map.bounds.west = v,
        ),
        field(
            "settings-north",
            "console-settings-north",
            Map,
            |c| c.map.bounds.north,
            |c, v| c.map.bounds.north = v,
        ),
        field(
            "settings-east",
            "console-settings-east",
            Map,
            |c| c.map.bounds.east,
            |c, v| c.map.bounds.east = v,
        ),
        NumberField {
            fieldset: Fieldset::PoliceFeed,
            ..field(
                "settings-police-days",
                "console-settings-police-days",
                Map,
                |c| c.police.days.into(),
                |c, v| c.police.days = if (0.0..=f64::from(u16::MAX)).contains(&v) { v as u16 } else { 0 },
            )
        },
        field(
            "settings-retention",
            "console-settings-retention",
            Limits,
            |c| c.retention_days.into(),
            |c, v| c.retention_days = whole(v),
        ),
        field(
            "settings-limit-reports",
            "console-settings-limit-reports",
            Limits,
            |c| c.limits.reports_per_hour.into(),
            |c, v| c.limits.reports_per_hour = whole(v),
        ),
        field(
            "settings-limit-questions",
            "console-settings-limit-questions",
            Limits,
            |c| c.limits.questions_per_hour.into(),
            |c, v| c.limits.questions_per_hour = whole(v),
        ),
        field(
            "settings-limit-votes",
            "console-settings-limit-votes",
            Limits,
            |c| c.limits.votes_per_hour.into(),
            |c, v| c.limits.votes_per_hour = whole(v),
        ),
        field(
            "settings-limit-participants",
            "console-settings-limit-participants",
            Limits,
            |c| c.limits.participants_per_hour.into(),
            |c, v| c.limits.participants_per_hour = whole(v),
        ),
        field(
            "settings-limit-live-connections",
            "console-settings-limit-live-connections",
            Limits,
            |c| c.limits.live_connections_per_client.into(),
            |c, v| c.limits.live_connections_per_client = whole(v),
        ),
        field(
            "settings-limit-live-joins",
            "console-settings-limit-live-joins",
            Limits,
            |c| c.limits.live_joins_per_hour.into(),
            |c, v| c.limits.live_joins_per_hour = whole(v),
        ),
    ]
}

/// A number as typed in Sweden or elsewhere: "58,5" and "58.5" alike; nothing else.
fn read_number(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Whole numbers out of range become 0, which the edge refuses with a clear message.
fn whole(v: f64) -> u32 {
    if v.is_finite() && v >= 0.0 && v <= f64::from(u32::MAX) {
        v as u32
    } else {
        0
    }
}

/// Moves focus to the field the edge named (`config.map.zoom`, `config.questionnaire[1].text.sv`)
/// and returns its label, so that the message says which field in the admin's own words.
fn focus_field(path: &str, questions: &[Question]) -> Option<String> {
    focus_control(&field_id(path, questions), true)
}

/// Moves focus to the control `id` and returns its label.
fn focus_control(id: &str, mark: bool) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let element = document.get_element_by_id(id)?;
    let label = match element.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(input) => input.labels().and_then(|l| l.item(0)).and_then(|l| l.text_content()),
        None => document
            .query_selector(&format!("label[for='{id}'], #{id} > legend"))
            .ok()
            .flatten()
            .and_then(|l| l.text_content()),
    };
    if mark {
        mark_refused(&document, &element);
    }
    if let Some(el) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
    label.map(|l| l.trim().to_string())
}

/// Marks the field the edge refused (`aria-invalid`, styled as an error), and only that one: a
/// field marked by an earlier save is unmarked. A group (fieldset) is not marked: only controls.
fn mark_refused(document: &web_sys::Document, element: &web_sys::Element) {
    if let Ok(marked) = document.query_selector_all("[data-refused]") {
        for i in 0..marked.length() {
            if let Some(old) = marked.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                unmark(&old);
            }
        }
    }
    if matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") {
        let _ = element.set_attribute("aria-invalid", "true");
        let _ = element.set_attribute("data-refused", "");
    }
}

fn unmark(element: &web_sys::Element) {
    let _ = element.remove_attribute("aria-invalid");
    let _ = element.remove_attribute("data-refused");
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_custom_validity("");
    }
}

/// The reason, at the marked field too (the browser's own message beside it), not only beside
/// the save button, which may be a screen further down.
fn say_at_refused_field(message: &str) {
    let document = web_sys::window().and_then(|w| w.document());
    let marked = document.and_then(|d| d.query_selector("input[data-refused]").ok().flatten());
    if let Some(input) = marked.and_then(|m| m.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        input.set_custom_validity(message);
        input.report_validity();
    }
}

/// A refused field is unmarked as soon as it is changed (the next save checks it again). Fields
/// that check themselves as typed (the numbers) keep their own marking.
fn clear_refusal(ev: web_sys::Event) {
    if let Some(element) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
        if element.has_attribute("data-refused") {
            unmark(&element);
        }
    }
}

/// The id of the control for a settings path.
fn field_id(path: &str, questions: &[Question]) -> String {
    let index = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
    };
    if let Some(q) = index("config.questionnaire[").and_then(|i| questions.get(i)) {
        // `config.questionnaire[1].text.sv`, `….options[2].text.en`, `….options`, `….kind`
        let rest = path.split_once("].").map_or("", |(_, r)| r);
        let lang = |r: &str| format!(".{r}").rsplit_once(".text.").map(|(_, l)| l.to_string());
        let option = rest
            .strip_prefix("options[")
            .and_then(|r| r.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|j| q.options.get(j));
        return match (option, lang(rest)) {
            (Some(o), Some(l)) => format!("option-{}-{l}", o.id),
            (None, Some(l)) => format!("question-{}-text-{l}", q.id),
            _ if rest.starts_with("options") => format!("question-{}-options", q.id),
            _ if rest.starts_with("kind") => format!("question-{}-kind", q.id),
            _ => format!("question-{}-text-sv", q.id),
        };
    }
    // `config.category_names.{id}.{lang}`: the name's field.
    if let Some(rest) = path.strip_prefix("config.category_names.") {
        if let Some((id, lang)) = rest.rsplit_once('.') {
            return format!("category-{id}-{lang}");
        }
    }
    let simple = [
        ("config.name", "settings-name"),
        ("config.languages", "settings-languages"),
        ("config.dialogue_rules", "settings-rules"),
        ("origins", "settings-origins"),
        ("config.map.center", "settings-lat"),
        ("config.map.zoom", "settings-zoom"),
        ("config.map.bounds", "settings-south"),
        ("config.map.tile_url", "settings-tiles"),
        ("config.map.attribution", "settings-attribution"),
        ("config.categories", "settings-categories"),
        ("config.retention_days", "settings-retention"),
        ("config.limits.reports_per_hour", "settings-limit-reports"),
        ("config.limits.questions_per_hour", "settings-limit-questions"),
        ("config.limits.votes_per_hour", "settings-limit-votes"),
        ("config.limits.participants_per_hour", "settings-limit-participants"),
        ("config.limits.live_connections_per_client", "settings-limit-live-connections"),
        ("config.limits.live_joins_per_hour", "settings-limit-live-joins"),
        ("config.areas", "settings-areas"),
        ("config.reporter_groups", "settings-reporter-groups"),
        ("config.police.locations", "settings-police-locations"),
        ("config.police.days", "settings-police-days"),
        ("config.police.url", "settings-police-url"),
        ("config.geocoder.url", "settings-geocoder-url"),
        ("config.theme.accent", "settings-accent"),
        ("config.theme.font", "settings-font"),
        ("config.theme.radius_px", "settings-radius"),
    ];
    simple
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        // A path without a control of its own (`config.id`) is named as it is, not as another field.
        .map_or_else(|| path.to_string(), |(_, id)| id.to_string())
}
