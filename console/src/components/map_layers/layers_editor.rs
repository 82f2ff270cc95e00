use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::api::ErrorCode;
use tryggve_core::field_error::FieldErrorCode;
use tryggve_core::i18n::I18n;
use tryggve_core::map_layer::{
    LayerColour, LayerUpload, MapLayer, ShapeCounts, MAX_NAME_CHARS, MAX_UPLOAD_BYTES,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiError};
use crate::components::table_box::TableBox;
use crate::first_read::merge_first_read;
use crate::focus::focus_by_id;

/// The municipality's layers (admins): a GeoJSON file from its GIS program with a name, a
/// colour from the palette and whether residents see it; the list with each layer's content and
/// its removal. Saved at once, not with the settings. The file is checked here by the same rules
/// the edge applies, so a mistake is named before anything is sent.
#[component]
pub fn LayersEditor(tenant: StoredValue<String>, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let list = RwSignal::new(Vec::<MapLayer>::new());
    let file = RwSignal::new(None::<send_wrapper::SendWrapper<web_sys::File>>);
    let name = RwSignal::new(String::new());
    let colour = RwSignal::new(LayerColour::Blue);
    let public = RwSignal::new(false);
    let sending = RwSignal::new(false);
    // Said beside the button, where the admin is looking.
    let message = RwSignal::new(String::new());
    spawn_local(async move {
        match api::map_layers(&tenant.get_value()).await {
            // A layer uploaded on this page before this answer came stays as it is.
            Ok(found) => list.update(|kept| merge_first_read(kept, found, |l| l.id)),
            Err(e) => message.set(i18n.t(&e.message_key())),
        }
    });

    let choose_file = move |ev: web_sys::Event| {
        let chosen = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        // The file's name is the layer's first name ("gatubelysning.geojson" → "gatubelysning").
        if let Some(chosen) = &chosen {
            if name.with_untracked(|n| n.trim().is_empty()) {
                let stem = chosen.name();
                let stem = stem.rsplit_once('.').map_or(stem.as_str(), |(s, _)| s);
                name.set(stem.replace(['_', '-'], " ").chars().take(MAX_NAME_CHARS).collect());
            }
        }
        file.set(chosen.map(send_wrapper::SendWrapper::new));
        message.set(String::new());
    };

    let upload = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let Some(chosen) = file.get_untracked() else {
            message.set(i18n.t("console-layer-no-file"));
            focus_by_id("layer-file");
            return;
        };
        if chosen.size() > MAX_UPLOAD_BYTES as f64 {
            message.set(i18n.t("console-layer-file-too-large"));
            focus_by_id("layer-file");
            return;
        }
        sending.set(true);
        message.set(i18n.t("console-layer-uploading"));
        spawn_local(async move {
            let outcome = send(
                &chosen,
                name.get_untracked(),
                colour.get_untracked(),
                public.get_untracked(),
                (tenant.get_value(), csrf.get_value()),
            )
            .await;
            sending.set(false);
            match outcome {
                Ok(added) => {
                    let content = content(&i18n, added.draft.shape_counts());
                    message.set(i18n.t_with(
                        "console-layer-added",
                        &[("name", &added.draft.name), ("content", &content)],
                    ));
                    list.update(|l| l.push(added));
                    // The next layer starts as the console's alone, until the admin says otherwise.
                    name.set(String::new());
                    public.set(false);
                    file.set(None);
                    clear_file_field();
                }
                Err(refusal) => {
                    message.set(refusal.message(&i18n));
                    focus_by_id(refusal.field());
                }
            }
        });
    };

    let remove = move |layer: MapLayer| {
        spawn_local(async move {
            match api::remove_map_layer(&tenant.get_value(), &csrf.get_value(), layer.id).await {
                Ok(()) => {
                    list.update(|l| l.retain(|x| x.id != layer.id));
                    message.set(i18n.t_with("console-layer-removed", &[("name", &layer.draft.name)]));
                    focus_by_id("layer-file");
                }
                Err(e) => message.set(i18n.t(&e.message_key())),
            }
        });
    };

    view! {
        <fieldset class="map-layers-editor">
            <legend>{i18n.t("console-layers")}</legend>
            <p class="hint">{i18n.t("console-layers-hint")}</p>
            {move || (!list.with(Vec::is_empty)).then(|| view! {
                <TableBox label=i18n.t("console-layers")>
                    <table class="reports">
                        <caption class="visually-hidden">{i18n.t("console-layers")}</caption>
                        <thead><tr>
                            <th scope="col">{i18n.t("console-layer-name")}</th>
                            <th scope="col">{i18n.t("console-layer-content")}</th>
                            <th scope="col">{i18n.t("console-layer-public")}</th>
                            <th scope="col"><span class="visually-hidden">{i18n.t("console-account-actions")}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.get().into_iter().map(|layer| {
                                let counts = layer.draft.shape_counts();
                                let symbol = format!("layer-symbol layer-{} layer-colour-{}", counts.main_kind().id(), layer.draft.colour.id());
                                let named = i18n.t_with("console-layer-remove-named", &[("name", &layer.draft.name)]);
                                let public = if layer.draft.public { "console-layer-public-yes" } else { "console-layer-public-no" };
                                let name = layer.draft.name.clone();
                                view! {
                                    <tr>
                                        <th scope="row"><span class=symbol aria-hidden="true"></span>" "{name}</th>
                                        <td>{content(&i18n, counts)}</td>
                                        <td>{i18n.t(public)}</td>
                                        <td><button type="button" aria-label=named on:click=move |_| remove(layer.clone())>
                                            {i18n.t("console-layer-remove")}
                                        </button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableBox>
            })}
            <form class="layer-form" novalidate on:submit=upload>
                <label for="layer-file">{i18n.t("console-layer-file")}</label>
                <input id="layer-file" type="file" accept=".geojson,.json,application/geo+json,application/json"
                    on:change=choose_file />
                <label for="layer-name">{i18n.t("console-layer-name")}</label>
                <input id="layer-name" maxlength=MAX_NAME_CHARS.to_string()
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <fieldset class="choices colours">
                    <legend>{i18n.t("console-layer-colour")}</legend>
                    {LayerColour::ALL.map(|c| view! {
                        <label class="choice">
                            <input type="radio" name="layer-colour" id=format!("layer-colour-{}", c.id())
                                prop:checked=move || colour.get() == c on:change=move |_| colour.set(c) />
                            <span class=format!("swatch layer-colour-{}", c.id()) aria-hidden="true"></span>
                            {i18n.t(&format!("console-layer-colour-{}", c.id()))}
                        </label>
                    }).collect_view()}
                </fieldset>
                <label class="choice"><input type="checkbox" id="layer-public" prop:checked=move || public.get()
                    on:change=move |ev| public.set(event_target_checked(&ev)) />
                    {i18n.t("console-layer-public-label")}</label>
                <button type="submit" aria-disabled=move || sending.get().then_some("true")>{i18n.t("console-layer-add")}</button>
            </form>
            <p class="notice" role="status" aria-live="polite">{move || message.get()}</p>
        </fieldset>
    }
}

/// Why a layer was not added.
enum Refusal {
    NotJson,
    /// The rules refused the upload here or at the edge, at `path` (`name`,
    /// `geojson.features[3].geometry`).
    Invalid {
        path: String,
        code: FieldErrorCode,
    },
    Other(ApiError),
}

impl Refusal {
    fn message(&self, i18n: &I18n) -> String {
        match self {
            Self::NotJson => i18n.t("console-layer-not-geojson"),
            Self::Invalid { path, code } => {
                let reason = i18n.t(&ErrorCode::Field(*code).message_key("console-layer-error"));
                match path.strip_prefix("geojson") {
                    Some(place) => {
                        let place = place.trim_start_matches('.');
                        let place = if place.is_empty() {
                            i18n.t("console-layer-whole-file")
                        } else {
                            place.to_string()
                        };
                        i18n.t_with("console-layer-invalid", &[("reason", &reason), ("where", &place)])
                    }
                    None => i18n.t_with("console-layer-invalid-field", &[("reason", &reason)]),
                }
            }
            Self::Other(e) => i18n.t(&e.message_key()),
        }
    }

    /// The field to go back to.
    fn field(&self) -> &'static str {
        match self {
            Self::Invalid { path, .. } if path == "name" => "layer-name",
            Self::Invalid { path, .. } if path == "colour" => "layer-colour-blue",
            _ => "layer-file",
        }
    }
}

/// Reads the file, checks the upload as the edge will and sends it.
async fn send(
    file: &web_sys::File,
    name: String,
    colour: LayerColour,
    public: bool,
    // Read before the file is: the settings may be gone by the time it has been.
    (tenant, csrf): (String, String),
) -> Result<MapLayer, Refusal> {
    let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
    let geojson = serde_json::from_str(&text).map_err(|_| Refusal::NotJson)?;
    let upload = LayerUpload { name, colour, public, geojson };
    upload.validated().map_err(|e| Refusal::Invalid { path: e.path, code: e.code })?;
    match api::add_map_layer(&tenant, &csrf, &upload).await {
        Ok(added) => Ok(added),
        Err(ApiError::Refused { code: ErrorCode::Field(code), field: Some(path), .. }) => {
            Err(Refusal::Invalid { path, code })
        }
        Err(e) => Err(Refusal::Other(e)),
    }
}

/// "120 punkter, 1 linje": what the layer holds, the kinds it has.
fn content(i18n: &I18n, counts: ShapeCounts) -> String {
    [
        ("console-layer-points", counts.points),
        ("console-layer-lines", counts.lines),
        ("console-layer-areas", counts.areas),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(key, n)| i18n.t_count(key, n as u64, &[]))
    .collect::<Vec<_>>()
    .join(", ")
}

/// Empties the file field after an upload, so the same file is not sent twice by mistake.
fn clear_file_field() {
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("layer-file"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = field {
        input.set_value("");
    }
}
