//! `<tryggve-walk>`: loads the municipality's configuration, then shows its announced walks or,
//! once this phone has joined one with its code, the walk logger.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::walk::JoinedWalk;
use tryggve_core::TenantConfig;

use super::joined;
use super::walk_list::WalkList;
use super::walk_logger::WalkLogger;
use crate::api::Edge;
use crate::components::LanguageSwitcher;
use crate::embed::ThemeTarget;

#[component]
pub fn WalkWidget(edge: Edge, tenant: String, locale: RwSignal<Locale>, theme: ThemeTarget) -> impl IntoView {
    // None while loading; Some(None) if it failed.
    let config = RwSignal::new(None::<Option<TenantConfig>>);
    // The walk this phone takes part in, kept over a reload.
    let current = RwSignal::new(joined::load(&tenant));
    spawn_local({
        let (edge, tenant) = (edge.clone(), tenant.clone());
        async move {
            let loaded = edge.tenant_config(&tenant).await.ok();
            if let Some(c) = &loaded {
                theme.apply(&c.theme);
            }
            config.set(Some(loaded))
        }
    });
    let on_joined = Callback::new({
        let tenant = tenant.clone();
        move |walk: JoinedWalk| {
            joined::keep(&tenant, &walk);
            current.set(Some(walk));
        }
    });
    let on_left = Callback::new({
        let tenant = tenant.clone();
        move |()| {
            joined::forget(&tenant);
            current.set(None);
        }
    });

    move || {
        let i18n = I18n::new(locale.get());
        provide_context(i18n);
        let (edge, tenant) = (edge.clone(), tenant.clone());
        view! {
            <section class="walks" lang=i18n.locale.tag() dir=if i18n.locale.is_rtl() { "rtl" } else { "ltr" }>
                {move || match config.get() {
                    None => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
                    Some(None) => view! { <p role="alert">{i18n.t("config-failed")}</p> }.into_any(),
                    Some(Some(c)) => {
                        let (edge, tenant) = (edge.clone(), tenant.clone());
                        let switcher = (c.languages.len() > 1)
                            .then(|| view! { <LanguageSwitcher locale offered=c.languages.clone() /> });
                        view! {
                            {switcher}
                            {move || match current.get() {
                                None => view! { <WalkList edge=edge.clone() tenant=tenant.clone() on_joined /> }.into_any(),
                                Some(walk) => view! {
                                    <WalkLogger edge=edge.clone() tenant=tenant.clone() config=c.clone() joined=walk on_joined on_left />
                                }.into_any(),
                            }}
                        }.into_any()
                    }
                }}
            </section>
        }
    }
}
