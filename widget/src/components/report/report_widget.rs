//! `<tryggve-report>`: loads the tenant's configuration, then shows the form or the receipt.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::{ReportReceipt, TenantConfig};

use super::follow_up::{self, FollowUpOpening};
use super::follow_up_module::FollowUpModule;
use super::receipt::Receipt;
use super::report_form::{DraftFields, ReportForm};
use crate::api::Edge;
use crate::components::LanguageSwitcher;
use crate::embed::{Frame, PreloadedConfig, ThemeTarget};
use tryggve_core::i18n::{I18n, Locale};

#[derive(Debug, Clone, PartialEq)]
enum ConfigState {
    Loading,
    Ready(Box<TenantConfig>),
    Failed,
}

fn load_config(
    edge: Edge,
    tenant: String,
    state: RwSignal<ConfigState>,
    theme: ThemeTarget,
    preloaded: Option<PreloadedConfig>,
) {
    state.set(ConfigState::Loading);
    spawn_local(async move {
        let loaded = edge.tenant_config_from(&tenant, preloaded.map(|p| p.take())).await;
        if let Ok(config) = &loaded {
            theme.apply(&config.theme);
        }
        state.set(loaded.map(|c| ConfigState::Ready(Box::new(c))).unwrap_or(ConfigState::Failed));
    });
}

#[component]
pub fn ReportWidget(
    edge: Edge,
    tenant: String,
    locale: RwSignal<Locale>,
    theme: ThemeTarget,
    /// The configuration the loader asked for while the widget was still downloading.
    preloaded: Option<PreloadedConfig>,
    /// The loader's frame, replaced once the form (or why it cannot be shown) is drawn.
    frame: Frame,
) -> impl IntoView {
    let config = RwSignal::new(ConfigState::Loading);
    Effect::new(move || {
        if config.with(|c| *c != ConfigState::Loading) {
            frame.reveal();
        }
    });
    let receipt = RwSignal::new(None::<ReportReceipt>);
    // The draft lives here, above the language: switching language keeps what was typed.
    let fields = DraftFields::new();
    // A follow-up link in the page address opens the author's view of their case first.
    let following = RwSignal::new(follow_up::from_address());
    let on_back = Callback::new(move |()| following.set(None));
    // The receipt's link only changes the fragment: follow it without a reload.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(link) = follow_up::from_address() {
            following.set(Some(link));
        }
    });
    load_config(edge.clone(), tenant.clone(), config, theme.clone(), preloaded);

    let retry = {
        let (edge, tenant) = (edge.clone(), tenant.clone());
        move |_| load_config(edge.clone(), tenant.clone(), config, theme.clone(), None)
    };
    let on_sent = Callback::new(move |r| receipt.set(Some(r)));
    let on_another = Callback::new(move |()| {
        fields.clear();
        receipt.set(None)
    });

    // Everything below is drawn in the current language, and drawn again when it changes.
    move || {
        let i18n = I18n::new(locale.get());
        provide_context(i18n);
        let (edge, retry) = (edge.clone(), retry.clone());
        view! {
            <section
                class="report"
                aria-labelledby="report-title"
                lang=i18n.locale.tag()
                dir=if i18n.locale.is_rtl() { "rtl" } else { "ltr" }
            >
                // The heading's row keeps the language choice's place whether or not there is
                // one (tryggve.css): the loader's frame draws it before it knows.
                <div class="report-head">
                    {move || config.with(|c| match c {
                        ConfigState::Ready(c) if c.languages.len() > 1 => {
                            Some(view! { <LanguageSwitcher locale offered=c.languages.clone() /> })
                        }
                        _ => None,
                    })}
                    <h2 id="report-title">{i18n.t("report-title")}</h2>
                </div>
                <p class="intro">{i18n.t("report-intro")}</p>
                {move || {
                    let (state, receipt) = (config.get(), receipt.get());
                    // The municipality's names of its categories, for the form, the public
                    // reports and the follow-up.
                    if let ConfigState::Ready(c) = &state {
                        provide_context(c.category_names.clone());
                    }
                    match (state, receipt) {
                    (ConfigState::Ready(c), _) if following.with(Option::is_some) => {
                        let opening = FollowUpOpening::new(&edge, &c, following.get().unwrap_or_default(), i18n);
                        view! { <FollowUpModule opening on_back /> }.into_any()
                    }
                    (ConfigState::Loading, _) => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
                    (ConfigState::Failed, _) => {
                        view! {
                            <p role="alert">{i18n.t("config-failed")}</p>
                            <button type="button" on:click=retry.clone()>{i18n.t("retry")}</button>
                        }
                            .into_any()
                    }
                    (ConfigState::Ready(_), Some(r)) => view! { <Receipt receipt=r on_another /> }.into_any(),
                    (ConfigState::Ready(c), None) => {
                        view! { <ReportForm edge=edge.clone() config=*c fields on_sent /> }.into_any()
                    }
                    }
                }}
            </section>
        }
    }
}
