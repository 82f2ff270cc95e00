//! The frame the dialogue and walk elements share: the municipality's configuration loaded
//! (its theme applied), the chosen language spoken (`lang`, `dir`), the language switcher where
//! more than one is offered, and then the element's own content for that configuration.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::TenantConfig;

use super::LanguageSwitcher;
use crate::api::Edge;
use crate::embed::ThemeTarget;

#[component]
pub fn ConfiguredFrame(
    edge: Edge,
    tenant: String,
    locale: RwSignal<Locale>,
    theme: ThemeTarget,
    /// The section's class, which the stylesheet styles the element by.
    class: &'static str,
    /// Whether people may switch the language here (not on the big screen in a room).
    #[prop(default = true)]
    switcher: bool,
    /// The element's content, drawn again in the language chosen.
    content: UnsyncCallback<TenantConfig, AnyView>,
) -> impl IntoView {
    // None while loading; Some(None) if it failed.
    let config = RwSignal::new(None::<Option<TenantConfig>>);
    spawn_local(async move {
        let loaded = edge.tenant_config(&tenant).await.ok();
        if let Some(c) = &loaded {
            theme.apply(&c.theme);
        }
        config.set(Some(loaded))
    });
    move || {
        let i18n = I18n::new(locale.get());
        provide_context(i18n);
        view! {
            <section class=class lang=i18n.locale.tag() dir=if i18n.locale.is_rtl() { "rtl" } else { "ltr" }>
                {move || match config.get() {
                    None => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
                    Some(None) => view! { <p role="alert">{i18n.t("config-failed")}</p> }.into_any(),
                    Some(Some(c)) => {
                        let switcher = (switcher && c.languages.len() > 1)
                            .then(|| view! { <LanguageSwitcher locale offered=c.languages.clone() /> });
                        view! { {switcher} {content.run(c)} }.into_any()
                    }
                }}
            </section>
        }
    }
}
