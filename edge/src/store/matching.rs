//! A moderator's filter as SQL conditions on a tenant's reports: what the review list, its map,
//! the lägesbild and the exports select by, written once.

use tryggve_core::moderation::RejectionReason;
use tryggve_core::report_list::{like_anywhere, Search};
use tryggve_core::review::{ReportFilter, UnitFilter};
use wasm_bindgen::JsValue;

/// A `WHERE` clause and its arguments, numbered `?1`, `?2`, … in the order they were added.
pub struct Query {
    pub sql: String,
    pub args: Vec<JsValue>,
}

impl Query {
    /// Binds `value` and returns its placeholder.
    pub fn arg(&mut self, value: impl Into<JsValue>) -> String {
        self.args.push(value.into());
        format!("?{}", self.args.len())
    }

    pub fn and(&mut self, clause: String) {
        self.sql += " AND ";
        self.sql += &clause;
    }

    /// `AND` the condition `clause` makes of `value`'s placeholder, if there is a value.
    fn and_if<V: Into<JsValue>>(&mut self, value: Option<V>, clause: impl Fn(&str) -> String) {
        if let Some(value) = value {
            let p = self.arg(value);
            self.and(clause(&p));
        }
    }
}

/// The conditions of `filter` on `tenant`'s reports (and on the counts kept of them, whose
/// columns have the same names: see `kept_counts`).
pub fn matching(tenant: &str, filter: &ReportFilter) -> Query {
    let mut q = Query { sql: String::new(), args: Vec::new() };
    let tenant = q.arg(tenant);
    q.sql = format!("tenant_id = {tenant}");
    q.and_if(filter.status.map(|s| s.id()), |p| format!("status = {p}"));
    q.and_if(filter.visibility.map(|v| v.id()), |p| format!("visibility = {p}"));
    q.and_if(filter.category.as_deref(), |p| format!("category = {p}"));
    q.and_if(filter.from.as_deref(), |p| format!("created_at >= {p}"));
    // Inclusive: everything before the start of the next day.
    q.and_if(filter.to.as_deref(), |p| format!("created_at < date({p}, '+1 day')"));
    q.and_if(filter.area.as_deref(), |p| format!("area_id = {p}"));
    q.and_if(filter.group.map(|g| g.id()), |p| format!("reporter_group = {p}"));
    match filter.unit {
        Some(UnitFilter::Unit(unit)) => q.and_if(Some(unit as f64), |p| format!("unit_id = {p}")),
        Some(UnitFilter::Unrouted) => q.and("unit_id IS NULL".into()),
        None => {}
    }
    if filter.cases_only {
        let cases = q.arg(still_a_case_reasons());
        q.and(format!(
            "(visibility != 'rejected' OR rejection_reason IN (SELECT value FROM json_each({cases})))"
        ));
    }
    match filter.search() {
        Some(Search::Case(year, seq)) => {
            let (y, s) = (q.arg(year), q.arg(seq));
            q.and(format!("case_year = {y} AND case_seq = {s}"));
        }
        Some(Search::Text(text)) => {
            let p = q.arg(like_anywhere(&text));
            q.and(format!(
                "(description LIKE {p} ESCAPE '\\' OR public_comment LIKE {p} ESCAPE '\\' \
                 OR answer_texts LIKE {p} ESCAPE '\\' OR place LIKE {p} ESCAPE '\\')"
            ));
        }
        None => {}
    }
    q
}

/// The reasons a report turned down is still a case (a JSON list for `json_each`): its place
/// needs seeing to even if its words cannot be published.
pub fn still_a_case_reasons() -> String {
    let reasons: Vec<&str> =
        RejectionReason::ALL.into_iter().filter(|r| r.still_a_case()).map(RejectionReason::id).collect();
    serde_json::to_string(&reasons).unwrap_or_else(|_| "[]".into())
}
