//! The honeypot: a field people never see (off screen, hidden from assistive technology, out of
//! the tab order), so only programs that fill in every field fill it in. The edge refuses those.

use leptos::prelude::*;

#[component]
pub fn Honeypot(value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="trap" aria-hidden="true">
            <label for="website">"Website"</label>
            <input id="website" name="website" type="text" tabindex="-1" autocomplete="off"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
}
