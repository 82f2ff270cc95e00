//! `<tryggve-survey tenant="…">`: the open round's questions (or thanks, once this device has
//! answered) above the published results; with `view="results"`, the results alone, for a
//! municipality's results page.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use tryggve_core::i18n::Locale;
use tryggve_core::TenantConfig;

use super::survey_form::SurveyForm;
use super::survey_results::SurveyResults;
use crate::api::Edge;
use crate::components::ConfiguredFrame;
use crate::embed::ThemeTarget;

#[component]
pub fn SurveyWidget(
    edge: Edge,
    tenant: String,
    locale: RwSignal<Locale>,
    theme: ThemeTarget,
    /// Only the results (no questions), for a page that publishes them.
    results_only: bool,
) -> impl IntoView {
    // How many times this device's answers went in here; the results follow it.
    let answered = RwSignal::new(0u32);
    let on_answered = Callback::new(move |()| answered.update(|n| *n += 1));
    let content = UnsyncCallback::new({
        let (edge, tenant) = (edge.clone(), tenant.clone());
        move |c: TenantConfig| {
            let form = (!results_only).then(|| {
                view! { <SurveyForm edge=edge.clone() tenant=tenant.clone() areas=c.areas.clone() on_answered /> }
            });
            view! {
                {form}
                <SurveyResults edge=edge.clone() tenant=tenant.clone() areas=c.areas.clone() heading_first=results_only
                    answered=answered.into() />
            }
            .into_any()
        }
    });
    view! { <ConfiguredFrame edge tenant locale theme class="survey" content /> }
}
