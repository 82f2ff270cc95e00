//! The counts the database keeps as reports arrive and change (migrations 0025 and 0026): per
//! combination of everything a filter may choose by but the time and the texts
//! (`report_counts`), and per day, per hot-spot cell and per place named in a cell with what
//! makes a case (`report_days`, `report_cells`, `report_places`). A few thousand rows, however
//! many reports; what they can answer is read from them instead of counting the reports (in
//! SQLite a count reads every row it counts).

use tryggve_core::review::{ReportFilter, UnitFilter};

use super::matching::{matching, Query};

/// The conditions of `filter` on the kept combinations (`report_counts`), if it chooses by no
/// more than they hold: none for a period or a search. A report routed to no unit is kept
/// under unit 0, as one in no area is under area '' (a NULL cannot be part of their key).
pub fn combinations(tenant: &str, filter: &ReportFilter) -> Option<Query> {
    if filter.from.is_some() || filter.to.is_some() || filter.search().is_some() {
        return None;
    }
    let unrouted = filter.unit == Some(UnitFilter::Unrouted);
    let routed = ReportFilter { unit: filter.unit.filter(|_| !unrouted), ..filter.clone() };
    let mut q = matching(tenant, &routed);
    if unrouted {
        q.and("unit_id = 0".into());
    }
    Some(q)
}

/// Whether `filter` chooses by no more than the kept days and cells hold but the day: the
/// visibility, and the reason a report was turned down (whether it is a case). Its conditions
/// (`matching`) are then conditions on those tables too, but for the period: the days hold it
/// by the day, the cells not at all.
pub fn chooses_cases_only(filter: &ReportFilter) -> bool {
    // Every field named, so that one added to the filter is decided on here.
    let ReportFilter {
        status,
        visibility: _,
        category,
        from: _,
        to: _,
        area,
        group,
        unit,
        q: _,
        order: _,
        cases_only: _,
    } = filter;
    let more = status.is_some() || category.is_some() || area.is_some() || group.is_some() || unit.is_some();
    !more && filter.search().is_none()
}

/// Whether the kept cells and their place names (`report_cells`, `report_places`) answer
/// `filter`: they hold no period, so only when it names none.
pub fn answers_cells(filter: &ReportFilter) -> bool {
    chooses_cases_only(filter) && filter.from.is_none() && filter.to.is_none()
}
