//! A logged-in moderator's workspace: the shared filters, and the review or the lägesbild.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::moderation::{Permission, Role};
use tryggve_core::unit::Unit;
use tryggve_core::TenantConfig;

use super::admin::{AccountPage, AccountsPage, AuditPage};
use super::council_report::CouncilReportPage;
use super::dashboard::{DashboardPage, SharedReportsPage};
use super::dialogue::DialoguesPage;
use super::measures::MeasuresPage;
use super::report_filters::ReportFilters;
use super::review::ReviewPage;
use super::settings::SettingsPage;
use super::survey::SurveyPage;
use super::units::{UnitQueuePage, Units, UnitsPage};
use super::walks::WalksPage;
use crate::address::{on_back_or_forward, Address};
use crate::api;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Review,
    /// The units' queues of open reports.
    Queues,
    /// The register of measures.
    Measures,
    /// Safety walks: planned, walked, followed up.
    Walks,
    /// The safety survey's rounds: planned, and their results before and after measures.
    Survey,
    Dashboard,
    /// The lägesbild and its follow-up as a document to print.
    CouncilReport,
    /// The approved reports as observers see them: their list, instead of the review.
    Shared,
    Dialogues,
    Accounts,
    Units,
    Settings,
    Audit,
    Account,
}

impl Page {
    /// Whether `role` has this page.
    fn shown_to(self, role: Role) -> bool {
        match self {
            // Those who review have every report in the review already.
            Self::Shared => role.allows(Permission::ViewSituation) && !role.allows(Permission::ReviewReports),
            _ => self.permission().is_none_or(|needed| role.allows(needed)),
        }
    }

    /// What the page needs; `None` for pages every moderator has.
    fn permission(self) -> Option<Permission> {
        match self {
            Self::Review | Self::Measures | Self::Walks | Self::Survey => Some(Permission::ReviewReports),
            Self::Queues => Some(Permission::HandleCases),
            Self::Dashboard | Self::CouncilReport | Self::Shared => Some(Permission::ViewSituation),
            Self::Dialogues => Some(Permission::AnswerQuestions),
            Self::Accounts => Some(Permission::ManageModerators),
            Self::Units | Self::Settings => Some(Permission::ConfigureTenant),
            Self::Audit => Some(Permission::ReadAudit),
            Self::Account => None,
        }
    }

    const ALL: [Page; 14] = [
        Page::Review,
        Page::Queues,
        Page::Measures,
        Page::Walks,
        Page::Survey,
        Page::Dashboard,
        Page::CouncilReport,
        Page::Shared,
        Page::Dialogues,
        Page::Accounts,
        Page::Units,
        Page::Settings,
        Page::Audit,
        Page::Account,
    ];

    /// The page's name in the console's address.
    fn id(self) -> &'static str {
        match self {
            Self::Review => "review",
            Self::Queues => "queues",
            Self::Measures => "measures",
            Self::Walks => "walks",
            Self::Survey => "survey",
            Self::Dashboard => "dashboard",
            Self::CouncilReport => "council-report",
            Self::Shared => "shared",
            Self::Dialogues => "dialogues",
            Self::Accounts => "accounts",
            Self::Units => "units",
            Self::Settings => "settings",
            Self::Audit => "audit",
            Self::Account => "account",
        }
    }

    fn title_key(self) -> &'static str {
        match self {
            Self::Review => "console-review-title",
            Self::Queues => "console-queues-title",
            Self::Measures => "console-measures-title",
            Self::Walks => "console-walks-title",
            Self::Survey => "console-survey-title",
            Self::Dashboard => "console-dashboard-title",
            Self::CouncilReport => "console-council-title",
            Self::Shared => "console-shared-title",
            Self::Dialogues => "console-dialogues-title",
            Self::Accounts => "console-accounts-title",
            Self::Units => "console-units-title",
            Self::Settings => "console-settings-title",
            Self::Audit => "console-audit-title",
            Self::Account => "console-account-title",
        }
    }
}

#[component]
pub fn Workspace(session: SessionInfo) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // Only the pages this role may use.
    let role = session.role;
    let pages: Vec<Page> = Page::ALL.into_iter().filter(|p| p.shown_to(role)).collect();
    // Reviewers start on the review, a unit's members on their queue, observers on the
    // lägesbild, responders (who answer in dialogues) on the dialogues.
    let first = [Page::Review, Page::Queues, Page::Dashboard, Page::Dialogues]
        .into_iter()
        .find(|p| p.shown_to(role))
        .unwrap_or(Page::Account);
    let page_of = {
        let pages = pages.clone();
        move |address: &Address| pages.iter().copied().find(|p| p.id() == address.view).unwrap_or(first)
    };
    // The page, filter and case come from the address (a link, a reload, back and forward) and
    // are written back to it when they change.
    let opened_with = Address::current();
    let page = RwSignal::new(page_of(&opened_with));
    // Only reviewers search the reports' texts: the edge refuses a search from anyone else
    // (also one in a link someone else sent).
    let may_search = role.allows(Permission::ReviewReports);
    // Reviewers open a case in the review; a unit's member, beneath their queue.
    let case_page = if may_search { Page::Review } else { Page::Queues };
    let mut opened_filter = opened_with.filter.clone();
    opened_filter.q = opened_filter.q.filter(|_| may_search);
    let filter = RwSignal::new(opened_filter);
    let case = RwSignal::new(opened_with.case.clone());
    on_back_or_forward(move |address| {
        // Only what changed: setting the same page would draw it anew (and drop its state).
        set_if_changed(page, page_of(&address));
        set_if_changed(filter, address.filter);
        set_if_changed(case, address.case);
    });
    let tenant = session.tenant.clone();
    Effect::new(move |written: Option<()>| {
        let address = Address {
            tenant: tenant.clone(),
            view: page.get().id().to_string(),
            filter: filter.get(),
            case: case.get().filter(|_| page.get() == case_page),
        };
        address.show(written.is_none());
    });
    let config = RwSignal::new(None::<TenantConfig>);
    spawn_local({
        let tenant = session.tenant.clone();
        async move {
            if let Ok(c) = api::tenant_config(&tenant).await {
                config.set(Some(c));
            }
        }
    });
    // The units, for those who route reports (the review's filter and each case) or work on
    // a unit's cases (their own unit); none for the others, or when they cannot be read (the
    // review still works, without them).
    let units = RwSignal::new(None::<Vec<Unit>>);
    if role.allows(Permission::HandleCases) {
        let tenant = session.tenant.clone();
        spawn_local(async move { units.set(Some(api::units(&tenant).await.unwrap_or_default())) });
    } else {
        units.set(Some(Vec::new()));
    }
    let loaded = Memo::new(move |_| config.with(Option::is_some) && units.with(Option::is_some));
    let saved = move |c: TenantConfig| config.set(Some(c));

    view! {
        <nav class="pages" aria-label=i18n.t("console-pages")>
            {pages.into_iter().map(|target| view! {
                <button type="button" class="tab" aria-current=move || (page.get() == target).then_some("page")
                    on:click=move |_| page.set(target)>{i18n.t(target.title_key())}</button>
            }).collect_view()}
        </nav>
        // Pages are drawn when chosen, with the configuration as it is then (after the settings
        // page saved a change, the next page shows it).
        {move || loaded.get().then(|| {
            let session = session.clone();
            move || {
            let Some(config) = config.get_untracked() else { return ().into_any() };
            // The municipality's names of its categories, for every page that shows one.
            provide_context(config.category_names.clone());
            let units = units.get_untracked().unwrap_or_default();
            provide_context(Units(units.clone()));
            match page.get() {
                Page::Review => view! {
                    <ReportFilters filter categories=config.all_categories() areas=config.areas.clone() units />
                    <ReviewPage session=session.clone() filter selected=case config=config.clone() />
                }.into_any(),
                Page::Queues => {
                    // A case opens in the review, whatever its filter was (the case is shown
                    // beside it); a unit's member's beneath the queue.
                    let open_case = Callback::new(move |c: String| {
                        case.set(Some(c));
                        set_if_changed(page, case_page);
                    });
                    view! { <UnitQueuePage session=session.clone() config=config.clone() case open_case /> }.into_any()
                }
                Page::Measures => view! { <MeasuresPage session=session.clone() config=config.clone() /> }.into_any(),
                Page::Walks => view! { <WalksPage session=session.clone() config=config.clone() /> }.into_any(),
                Page::Survey => view! { <SurveyPage session=session.clone() config=config.clone() /> }.into_any(),
                Page::Dashboard => view! {
                    <ReportFilters filter categories=config.all_categories() areas=config.areas.clone() may_search />
                    <DashboardPage session=session.clone() filter config=config.clone() />
                }.into_any(),
                Page::CouncilReport => view! {
                    <ReportFilters filter categories=config.all_categories() areas=config.areas.clone() may_search=false by_visibility=false />
                    <CouncilReportPage session=session.clone() filter config=config.clone() />
                }.into_any(),
                Page::Shared => view! {
                    <ReportFilters filter categories=config.all_categories() areas=config.areas.clone() may_search by_visibility=false by_group=false />
                    <SharedReportsPage session=session.clone() filter config=config.clone() />
                }.into_any(),
                Page::Dialogues => view! { <DialoguesPage session=session.clone() /> }.into_any(),
                Page::Accounts => view! { <AccountsPage session=session.clone() /> }.into_any(),
                Page::Units => view! { <UnitsPage session=session.clone() config=config.clone() /> }.into_any(),
                Page::Settings => view! { <SettingsPage session=session.clone() on_saved=saved /> }.into_any(),
                Page::Audit => view! { <AuditPage session=session.clone() /> }.into_any(),
                Page::Account => view! { <AccountPage session=session.clone() /> }.into_any(),
            }
            }
        })}
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|now| *now != value) {
        signal.set(value);
    }
}
