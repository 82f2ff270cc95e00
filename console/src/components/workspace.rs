//! A logged-in moderator's workspace: the shared filters, and the review or the lägesbild.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::review::ReportFilter;
use tryggve_core::TenantConfig;

use super::dashboard::DashboardPage;
use super::report_filters::ReportFilters;
use super::review::ReviewPage;
use crate::api;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Review,
    Dashboard,
}

#[component]
pub fn Workspace(session: SessionInfo) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let page = RwSignal::new(Page::Review);
    let filter = RwSignal::new(ReportFilter::default());
    let config = RwSignal::new(None::<TenantConfig>);
    spawn_local({
        let tenant = session.tenant.clone();
        async move {
            if let Ok(c) = api::tenant_config(&tenant).await {
                config.set(Some(c));
            }
        }
    });
    let tab = move |target: Page, key: &'static str| {
        view! {
            <button type="button" class="tab" aria-current=move || (page.get() == target).then_some("page")
                on:click=move |_| page.set(target)>{i18n.t(key)}</button>
        }
    };

    view! {
        <nav class="pages" aria-label=i18n.t("console-pages")>
            {tab(Page::Review, "console-review-title")}
            {tab(Page::Dashboard, "console-dashboard-title")}
        </nav>
        {move || config.get().map(|config| {
            let session = session.clone();
            view! {
                <ReportFilters filter categories=config.categories.clone() areas=config.areas.clone() />
                {move || match page.get() {
                    Page::Review => view! { <ReviewPage session=session.clone() filter map=config.map.clone() /> }.into_any(),
                    Page::Dashboard => view! { <DashboardPage session=session.clone() filter config=config.clone() /> }.into_any(),
                }}
            }
        })}
    }
}
