use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human_local;
use tryggve_core::walk::{Walk, WalkState};
use tryggve_core::TenantConfig;

use super::walk_form::WalkForm;
use super::walk_review::WalkReview;
use crate::api;
use crate::components::table_box::TableBox;

/// The key of the button that moves a walk from `from` to `to`.
fn move_key(from: WalkState, to: WalkState) -> String {
    match (from, to) {
        (WalkState::ProtocolPublished, WalkState::Done) => "console-walk-move-unpublish".to_string(),
        (_, to) => format!("console-walk-move-{}", to.id().replace('_', "-")),
    }
}

/// The municipality's walks, the soonest first, each with its state and what it can do next;
/// a form plans one or changes the one chosen.
#[component]
pub fn WalksPage(session: SessionInfo, config: TenantConfig) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let walks = RwSignal::new(Vec::<Walk>::new());
    let notice = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<Walk>);
    // The walk whose points and protocol are open below the table.
    let reviewing = RwSignal::new(None::<Walk>);
    let (tenant, csrf) =
        (StoredValue::new(session.tenant.clone()), StoredValue::new(session.csrf_token.clone()));
    // Also called when an answer comes: the page may be gone by then.
    let reload = move || {
        let Some(tenant) = tenant.try_get_value() else { return };
        spawn_local(async move {
            match api::walks(&tenant).await {
                Ok(list) => walks.set(list),
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    reload();
    let move_to = move |walk: Walk, to: WalkState| {
        spawn_local(async move {
            match api::move_walk(&tenant.get_value(), &csrf.get_value(), walk.id, to).await {
                Ok(now) => {
                    let state = i18n.t(&now.state.label_key());
                    notice.set(
                        i18n.t_with("console-walk-moved", &[("title", &now.draft.title), ("state", &state)]),
                    );
                    reload();
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    let areas = StoredValue::new(config.areas.clone());
    let area_name = move |id: &str| {
        areas.with_value(|all| all.iter().find(|a| a.id == id).map_or(id.to_string(), |a| a.name.clone()))
    };

    let (review_session, review_config) = (session.clone(), config.clone());
    view! {
        <h1 class="no-print">{i18n.t("console-walks-title")}</h1>
        <p class="lead no-print">{i18n.t("console-walks-lead")}</p>
        <p class="notice no-print" role="status" aria-live="polite">{move || notice.get()}</p>
        <div class="no-print">
        <TableBox label=i18n.t("console-walks-title")>
            <table class="reports walks">
                <caption>{i18n.t("console-walks")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("console-walk-title")}</th>
                    <th scope="col">{i18n.t("console-area")}</th>
                    <th scope="col">{i18n.t("console-walk-starts")}</th>
                    <th scope="col">{i18n.t("console-walk-state")}</th>
                    <th scope="col">{i18n.t("console-walk-code")}</th>
                    <th scope="col"><span class="visually-hidden">{i18n.t("console-account-actions")}</span></th>
                </tr></thead>
                <tbody>
                    {move || {
                        let list = walks.get();
                        if list.is_empty() {
                            return view! { <tr><td colspan="6">{i18n.t("console-walks-empty")}</td></tr> }.into_any();
                        }
                        list.into_iter().map(|w| {
                            let title = w.draft.title.clone();
                            let nexts: Vec<WalkState> = WalkState::ALL.into_iter().filter(|s| w.state.can_move_to(*s)).collect();
                            let chosen = StoredValue::new(w.clone());
                            view! {
                                <tr>
                                    <th scope="row">{title.clone()}</th>
                                    <td>{area_name(&w.draft.area)}</td>
                                    <td>{human_local(&w.draft.starts_at, &i18n)}</td>
                                    <td class="walk-state">{i18n.t(&w.state.label_key())}</td>
                                    <td>{i18n.t(if w.has_code { "console-walk-code-set" } else { "console-walk-code-unset" })}</td>
                                    <td class="actions">
                                        <button type="button" aria-label=i18n.t_with("console-walk-edit-named", &[("title", &title)])
                                            on:click=move |_| {
                                                editing.set(Some(chosen.get_value()));
                                                crate::focus::focus_by_id("walk-title");
                                            }>{i18n.t("console-unit-edit")}</button>
                                        <button type="button" aria-label=i18n.t_with("console-walk-review-named", &[("title", &title)])
                                            on:click=move |_| {
                                                reviewing.set(Some(chosen.get_value()));
                                                crate::focus::focus_by_id("walk-review-title");
                                            }>{i18n.t("console-walk-review")}</button>
                                        {nexts.into_iter().map(|to| {
                                            let key = move_key(w.state, to);
                                            let named = i18n.t_with(&format!("{key}-named"), &[("title", &title)]);
                                            view! {
                                                <button type="button" aria-label=named on:click=move |_| move_to(chosen.get_value(), to)>{i18n.t(&key)}</button>
                                            }
                                        }).collect_view()}
                                    </td>
                                </tr>
                            }
                        }).collect_view().into_any()
                    }}
                </tbody>
            </table>
        </TableBox>
        </div>
        {move || reviewing.get().map(|walk| view! { <WalkReview session=review_session.clone() config=review_config.clone() walk /> })}
        <div class="no-print">
            <WalkForm session editing config on_saved=Callback::new(move |_| reload()) />
        </div>
    }
}
