//! `<tryggve-walk>`: the municipality's announced walks or, once this phone has joined one with
//! its code, the walk logger.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use tryggve_core::i18n::Locale;
use tryggve_core::walk::JoinedWalk;
use tryggve_core::TenantConfig;

use super::joined;
use super::walk_list::WalkList;
use super::walk_logger::WalkLogger;
use crate::api::Edge;
use crate::components::ConfiguredFrame;
use crate::embed::ThemeTarget;

#[component]
pub fn WalkWidget(edge: Edge, tenant: String, locale: RwSignal<Locale>, theme: ThemeTarget) -> impl IntoView {
    // The walk this phone takes part in, kept over a reload.
    let current = RwSignal::new(joined::load(&tenant));
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
    let content = UnsyncCallback::new({
        let (edge, tenant) = (edge.clone(), tenant.clone());
        move |c: TenantConfig| {
            let (edge, tenant) = (edge.clone(), tenant.clone());
            (move || match current.get() {
                None => view! { <WalkList edge=edge.clone() tenant=tenant.clone() map=c.map.clone() on_joined /> }.into_any(),
                Some(walk) => view! {
                    <WalkLogger edge=edge.clone() tenant=tenant.clone() config=c.clone() joined=walk on_joined on_left />
                }
                .into_any(),
            })
            .into_any()
        }
    });
    view! { <ConfiguredFrame edge tenant locale theme class="walks" content /> }
}
