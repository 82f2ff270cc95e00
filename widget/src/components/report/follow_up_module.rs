//! The follow-up view in the form's place, from its own module (`tryggve_follow`): loaded when a
//! resident opens their follow-up link, so that the form's download does not carry it.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use tryggve_core::i18n::I18n;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::follow_up::FollowUpOpening;
use crate::lazy_module;

/// The module's view while it is shown: what takes it down again, and the "back" the module
/// calls (which must live as long as the view does).
#[derive(Default)]
struct Mounted {
    unmount: Option<Function>,
    on_back: Option<Closure<dyn Fn()>>,
    /// The form's module drew something else before the module was ready.
    gone: bool,
}

impl Mounted {
    fn take_down(&mut self) {
        self.gone = true;
        if let Some(unmount) = self.unmount.take() {
            let _ = unmount.call0(&JsValue::NULL);
        }
        self.on_back = None;
    }
}

#[component]
pub fn FollowUpModule(opening: FollowUpOpening, on_back: Callback<()>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let place = NodeRef::<Div>::new();
    let failed = RwSignal::new(false);
    let mounted = SendWrapper::new(Rc::new(RefCell::new(Mounted::default())));
    let started = StoredValue::new(false);
    {
        let mounted = mounted.clone();
        Effect::new(move || {
            let Some(place) = place.get() else { return };
            if started.get_value() {
                return;
            }
            started.set_value(true);
            let (mounted, opening) = (mounted.clone(), opening.clone());
            spawn_local(async move {
                if !open(&place, &opening, &mounted, on_back).await {
                    // Not "loading" any more: what went wrong, and the way back, instead.
                    place.replace_children_with_node_0();
                    failed.set(true);
                }
            });
        });
    }
    on_cleanup(move || mounted.borrow_mut().take_down());

    view! {
        <div node_ref=place>
            <p role="status">{i18n.t("loading")}</p>
        </div>
        {move || failed.get().then(|| view! {
            <p role="alert">{i18n.t("followup-failed")}</p>
            <button type="button" on:click=move |_| on_back.run(())>{i18n.t("report-another")}</button>
        })}
    }
}

/// Loads the module and draws its view in `place`; false if it could not be had.
async fn open(
    place: &web_sys::HtmlDivElement,
    opening: &FollowUpOpening,
    mounted: &Rc<RefCell<Mounted>>,
    on_back: Callback<()>,
) -> bool {
    let Some(mount) = lazy_module::function("tryggve_follow", "mount_follow_up").await else {
        return false;
    };
    let Some(opening) = crate::json::to_value(opening) else { return false };
    if mounted.borrow().gone {
        return true;
    }
    let back = Closure::<dyn Fn()>::new(move || on_back.run(()));
    let Ok(mounting) = mount.call3(&JsValue::NULL, place, &opening, back.as_ref()) else {
        return false;
    };
    mounted.borrow_mut().on_back = Some(back);
    let Ok(unmount) = JsFuture::from(Promise::from(mounting)).await else {
        return false;
    };
    let mut mounted = mounted.borrow_mut();
    mounted.unmount = unmount.dyn_into().ok();
    if mounted.gone {
        mounted.take_down();
    }
    true
}
