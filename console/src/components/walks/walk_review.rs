use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::api::operations::{Endpoint, ExportWalkProtocolCsv, ExportWalkProtocolGeoJson};
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;
use tryggve_core::walk::Walk;
use tryggve_core::walk_point::WalkCategory;
use tryggve_core::walk_protocol::WalkProtocol;
use tryggve_core::walk_review::{ReviewedWalkPoint, WalkPointAction, WalkPointState};
use tryggve_core::TenantConfig;

use super::walk_point_editor::WalkPointEditor;
use super::walk_protocol_view::WalkProtocolView;
use crate::api;
use crate::components::file_download::FileDownload;
use crate::components::table_box::TableBox;

/// After a walk: the points its participants logged, to correct, reject or merge (two phones
/// marked the same place), and the protocol they make, to print or download.
#[component]
pub fn WalkReview(session: SessionInfo, config: TenantConfig, walk: Walk) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let points = RwSignal::new(Vec::<ReviewedWalkPoint>::new());
    let protocol = RwSignal::new(None::<WalkProtocol>);
    let notice = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<ReviewedWalkPoint>);
    let (tenant, csrf) =
        (StoredValue::new(session.tenant.clone()), StoredValue::new(session.csrf_token.clone()));
    let id = walk.id;
    // Also called when an answer comes: the review may be gone by then.
    let reload = move || {
        let Some(tenant) = tenant.try_get_value() else { return };
        spawn_local(async move {
            match (api::walk_points(&tenant, id).await, api::walk_protocol(&tenant, id).await) {
                (Ok(all), Ok(now)) => {
                    points.set(all);
                    protocol.set(Some(now));
                }
                (Err(e), _) | (_, Err(e)) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    reload();
    let act = move |point: i64, action: WalkPointAction, done_key: &'static str| {
        spawn_local(async move {
            match api::act_on_walk_point(&tenant.get_value(), &csrf.get_value(), (id, point), &action).await {
                Ok(now) => {
                    let case = now.report.unwrap_or_default();
                    notice.set(i18n.t_with(done_key, &[("number", &point.to_string()), ("case", &case)]));
                    reload();
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    let category_name = move |c: WalkCategory| i18n.t(&c.label_key("console-walk-category"));
    // The register's categories, for a point made a case.
    let register: StoredValue<Vec<(String, String)>> = StoredValue::new(
        config.categories.iter().map(|id| (id.clone(), config.category_names.name(id, &i18n))).collect(),
    );
    let csv_url = api::walk_protocol_url(&session.tenant, id, &ExportWalkProtocolCsv::OPERATION);
    let geojson_url = api::walk_protocol_url(&session.tenant, id, &ExportWalkProtocolGeoJson::OPERATION);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let title = walk.draft.title.clone();
    let map = StoredValue::new(config.map.clone());

    view! {
        <section class="walk-review" aria-labelledby="walk-review-title">
            <h2 id="walk-review-title" tabindex="-1" class="no-print">
                {i18n.t_with("console-walk-points-of", &[("title", &title)])}
            </h2>
            <p class="notice no-print" role="status" aria-live="polite">{move || notice.get()}</p>
            <div class="no-print">
                <TableBox label=i18n.t("console-walk-points")>
                    <table class="reports walk-points">
                        <caption>{i18n.t("console-walk-points-caption")}</caption>
                        <thead><tr>
                            <th scope="col">{i18n.t("console-walk-point-number")}</th>
                            <th scope="col">{i18n.t("console-walk-col-category")}</th>
                            <th scope="col">{i18n.t("console-walk-col-level")}</th>
                            <th scope="col">{i18n.t("console-walk-col-note")}</th>
                            <th scope="col">{i18n.t("console-walk-col-logged")}</th>
                            <th scope="col">{i18n.t("console-walk-point-state")}</th>
                            <th scope="col"><span class="visually-hidden">{i18n.t("console-account-actions")}</span></th>
                        </tr></thead>
                        <tbody>
                            {move || {
                                let all = points.get();
                                if all.is_empty() {
                                    return view! { <tr><td colspan="7">{i18n.t("console-walk-points-none")}</td></tr> }.into_any();
                                }
                                let kept: Vec<i64> = all.iter().filter(|p| p.state == WalkPointState::Kept).map(|p| p.point.id).collect();
                                all.into_iter().map(|p| {
                                    let number = p.point.id;
                                    let mut state = match (p.state, p.merged_into) {
                                        (WalkPointState::Merged, Some(into)) => i18n.t_with("console-walk-point-merged-into", &[("number", &into.to_string())]),
                                        (WalkPointState::Rejected, _) => i18n.t("console-walk-point-rejected"),
                                        _ => i18n.t("console-walk-point-kept"),
                                    };
                                    if let Some(case) = &p.report {
                                        state = format!("{state} · {}", i18n.t_with("console-walk-point-reported", &[("case", case)]));
                                    }
                                    let as_case = (p.state == WalkPointState::Kept && p.report.is_none()).then(|| {
                                        let first = register.with_value(|r| r.first().map(|(id, _)| id.clone()));
                                        let category = RwSignal::new(first);
                                        let select_id = format!("walk-point-{number}-case");
                                        view! {
                                            <span class="merge">
                                                <label for=select_id.clone() class="visually-hidden">
                                                    {i18n.t_with("console-walk-point-report-label", &[("number", &number.to_string())])}
                                                </label>
                                                <select id=select_id on:change=move |ev| category.set(Some(event_target_value(&ev)))>
                                                    {register.get_value().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                                </select>
                                                <button type="button" aria-label=i18n.t_with("console-walk-point-report-named", &[("number", &number.to_string())])
                                                    on:click=move |_| if let Some(category) = category.get_untracked() {
                                                        act(number, WalkPointAction::Report { category }, "console-walk-point-reported-done")
                                                    }>
                                                    {i18n.t("console-walk-point-report")}
                                                </button>
                                            </span>
                                        }
                                    });
                                    let targets: Vec<i64> = kept.iter().copied().filter(|k| *k != number).collect();
                                    let merge_into = RwSignal::new(targets.first().copied());
                                    let chosen = StoredValue::new(p.clone());
                                    let toggle = match p.state {
                                        WalkPointState::Kept => view! {
                                            <button type="button" aria-label=i18n.t_with("console-walk-point-reject-named", &[("number", &number.to_string())])
                                                on:click=move |_| act(number, WalkPointAction::Reject, "console-walk-point-rejected-done")>
                                                {i18n.t("console-walk-point-reject")}
                                            </button>
                                        }.into_any(),
                                        _ => view! {
                                            <button type="button" aria-label=i18n.t_with("console-walk-point-keep-named", &[("number", &number.to_string())])
                                                on:click=move |_| act(number, WalkPointAction::Keep, "console-walk-point-kept-done")>
                                                {i18n.t("console-walk-point-keep")}
                                            </button>
                                        }.into_any(),
                                    };
                                    let merge = (p.state == WalkPointState::Kept && !targets.is_empty()).then(|| {
                                        let select_id = format!("walk-point-{number}-merge");
                                        view! {
                                            <span class="merge">
                                                <label for=select_id.clone() class="visually-hidden">
                                                    {i18n.t_with("console-walk-point-merge-label", &[("number", &number.to_string())])}
                                                </label>
                                                <select id=select_id on:change=move |ev| merge_into.set(event_target_value(&ev).parse().ok())>
                                                    {targets.iter().map(|t| view! { <option value=t.to_string()>{format!("{} {t}", i18n.t("console-walk-point-number"))}</option> }).collect_view()}
                                                </select>
                                                <button type="button" aria-label=i18n.t_with("console-walk-point-merge-named", &[("number", &number.to_string())])
                                                    on:click=move |_| if let Some(into) = merge_into.get_untracked() {
                                                        act(number, WalkPointAction::Merge { into }, "console-walk-point-merged-done")
                                                    }>
                                                    {i18n.t("console-walk-point-merge")}
                                                </button>
                                            </span>
                                        }
                                    });
                                    view! {
                                        <tr class=format!("walk-point-{}", p.state.id())>
                                            <th scope="row">{number}</th>
                                            <td>{category_name(p.point.category)}</td>
                                            <td>{p.point.unsafe_level.map(|l| l.to_string()).unwrap_or_default()}</td>
                                            <td class="note">{p.point.note.clone()}</td>
                                            <td>{human(&p.point.logged_at, &i18n)}</td>
                                            <td>{state}</td>
                                            <td class="actions">
                                                <button type="button" aria-label=i18n.t_with("console-walk-point-edit-named", &[("number", &number.to_string())])
                                                    on:click=move |_| {
                                                        editing.set(Some(chosen.get_value()));
                                                        crate::focus::focus_by_id("walk-point-edit-title");
                                                    }>
                                                    {i18n.t("console-unit-edit")}
                                                </button>
                                                {toggle}
                                                {merge}
                                                {as_case}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view().into_any()
                            }}
                        </tbody>
                    </table>
                </TableBox>
                {move || editing.get().map(|p| view! {
                    <WalkPointEditor point=p tenant=tenant.get_value() csrf=csrf.get_value() walk=id
                        on_done=Callback::new(move |saved: Option<i64>| {
                            editing.set(None);
                            if let Some(number) = saved {
                                notice.set(i18n.t_with("console-walk-point-saved", &[("number", &number.to_string())]));
                                reload();
                            }
                        }) />
                })}
                <h2>{i18n.t("console-walk-protocol")}</h2>
                <p class="hint">{i18n.t("console-walk-protocol-hint")}</p>
                <div class="protocol-actions">
                    <button type="button" on:click=print>{i18n.t("console-walk-protocol-print")}</button>
                    <FileDownload href=Signal::derive(move || csv_url.clone()) csrf=session.csrf_token.clone() label=i18n.t("console-walk-protocol-csv") />
                    <FileDownload href=Signal::derive(move || geojson_url.clone()) csrf=session.csrf_token.clone() label=i18n.t("console-walk-protocol-geojson") />
                </div>
            </div>
            {move || protocol.get().map(|p| view! { <WalkProtocolView map=map.get_value() protocol=p /> })}
        </section>
    }
}
