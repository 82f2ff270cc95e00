//! The lägesbild counted in SQL: how many of the reports a filter selects fall under each
//! category, area, status, reporter group, day, time of day and hot-spot cell; how they
//! answered the questionnaire; and one category's cases per area. No report is loaded to be
//! counted, so 100 000 reports cost the worker no more memory than ten.

use std::collections::BTreeMap;

use serde::Deserialize;
use tryggve_core::geo::BBox;
use tryggve_core::measure_effect::{Around, Windows, AROUND_METRES};
use tryggve_core::public_map::MAX_LEVEL;
use tryggve_core::questionnaire::{AnswerShape, AnswerTally};
use tryggve_core::report::case_number;
use tryggve_core::review::ReportFilter;
use tryggve_core::stats::{Count, Tally, HOTSPOT_LEVEL, MAX_COMPILED_CASES, MAX_HOTSPOTS, OUTSIDE_AREAS};
use tryggve_core::time_to_fix::{by_whole_days_from, Clock, HoursCount, HOURLY_UNTIL};
use tryggve_core::{LatLng, ReportStatus, TimeOfDay};
use worker::D1Database;

use super::kept_counts::{self, chooses_cases_only};
use super::matching::matching;
use crate::error::ApiError;

/// The lägesbild's counts under one filter.
pub struct Situation {
    pub tally: Tally,
    pub answers: Vec<AnswerTally>,
    /// The newest cases of the compiled category per area, oldest first: (area key, case
    /// number, the area's total).
    pub compilation: Vec<(String, String, u32)>,
    /// Hours to first response, to fixed, and open so far, counted per whole hour.
    pub hours: Vec<HoursCount>,
}

/// Counts the reports `filter` selects. `single_choices` are the questions whose text answers
/// are option ids (counted per option; other texts are only counted as answered); `compile` is
/// the category whose cases are listed per area.
pub async fn count(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
    single_choices: &[&str],
    compile: &str,
    now: &str,
    targets: &[u32],
) -> Result<Situation, ApiError> {
    let statements = vec![
        combinations_statement(db, tenant, filter)?,
        days_statement(db, tenant, filter)?,
        spread_statement(db, tenant, filter)?,
        answers_statement(db, tenant, filter, single_choices)?,
        compile_statement(db, tenant, filter, compile)?,
        hours_statement(db, tenant, filter, now, targets)?,
    ];
    let mut results = db.batch(statements).await?.into_iter();
    let mut next = || results.next().ok_or(ApiError::Internal("a result of the batch is missing".into()));
    let mut combinations = next()?.results::<Combination>()?;
    combinations.extend(next()?.results::<Combination>()?);
    let mut counted = summed(combinations);
    counted.extend(next()?.results::<Counted>()?);
    let answered: Vec<Answered> = next()?.results()?;
    let cases: Vec<Case> = next()?.results()?;
    let hours: Vec<Hours> = next()?.results()?;
    Ok(Situation {
        tally: tally_of(counted),
        answers: answered.into_iter().filter_map(Answered::into_tally).collect(),
        compilation: cases
            .into_iter()
            .map(|c| {
                let area = c.area.unwrap_or_else(|| OUTSIDE_AREAS.into());
                (area, case_number(c.case_year, c.case_seq), c.total)
            })
            .collect(),
        hours: hours.into_iter().filter_map(Hours::into_count).collect(),
    })
}

/// One key of one dimension and how many reports it has (for a hot cell's place names, the
/// name too).
#[derive(Deserialize)]
struct Counted {
    dim: String,
    key: Option<String>,
    #[serde(default)]
    place: Option<String>,
    n: u32,
}

/// How many of the filtered reports have one combination of category, area, status and
/// reporter group (at most a few thousand, however many reports), or were made on one day;
/// [`summed`] makes each dimension's counts of them.
#[derive(Deserialize)]
struct Combination {
    category: Option<String>,
    area_id: Option<String>,
    status: Option<String>,
    reporter_group: Option<String>,
    day: Option<String>,
    n: u32,
}

/// The index a count reads the reports `filter` selects by: `own`, one of the lägesbild's
/// (migration 0024), which hold what it counts in the order it groups by and every column a
/// filter may choose by but the area; for one area, the area's index (`reports_by_tenant_area`).
/// The area is left out of the lägesbild's indexes since placing every report in its area (after
/// an import, or when the areas change) would rewrite each of them: with it, placing 100 000
/// reports took ten times as long. Named rather than left to SQLite, which has no statistics to
/// choose by and took an area's or a period's index, or one of these for another.
fn read_by(filter: &ReportFilter, own: &'static str) -> &'static str {
    match filter.area {
        Some(_) => "reports_by_tenant_area",
        None => own,
    }
}

/// The plain dimensions: the filtered reports' combinations of the four, and their days, each
/// dimension summed here. Read from the counts kept as reports change (migration 0025) when
/// the filter says nothing those tables do not hold: a few thousand rows however many reports.
/// Otherwise counted from the indexes `reports_tally` and `reports_day` (migration 0024), in
/// their order, so neither is sorted: a read of each report's entry in each. (Each dimension
/// grouped on its own over the reports materialised once read 1.1 million rows at 100 000
/// reports, as D1 counts them, since every term read the whole materialised set again.)
fn combinations_statement(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
) -> Result<worker::D1PreparedStatement, ApiError> {
    if let Some(q) = kept_counts::combinations(tenant, filter) {
        let sql = format!(
            "SELECT category, NULLIF(area_id, '') AS area_id, status, reporter_group, NULL AS day, \
               SUM(n) AS n FROM report_counts WHERE {} GROUP BY 1, 2, 3, 4 HAVING SUM(n) > 0",
            q.sql
        );
        return Ok(db.prepare(sql).bind(&q.args)?);
    }
    let q = matching(tenant, filter);
    let sql = format!(
        "SELECT category, area_id, status, reporter_group, NULL AS day, COUNT(*) AS n \
           FROM reports INDEXED BY {} WHERE {} GROUP BY 1, 2, 3, 4",
        read_by(filter, "reports_tally"),
        q.sql
    );
    Ok(db.prepare(sql).bind(&q.args)?)
}

/// The filtered reports per day: from the kept days (migration 0025) when the filter chooses by
/// no more than the period and what makes a case, else from the index `reports_day`. A period
/// is also said to the index by the day, which `reports_day` begins with, so it reads only the
/// period's reports (a third of them for one year of three); `matching` says it by the time,
/// which that index cannot seek by.
fn days_statement(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
) -> Result<worker::D1PreparedStatement, ApiError> {
    let (mut q, table, day, count) = match chooses_cases_only(filter) {
        // The period is said by the day below: the kept days have no time.
        true => {
            let without_period = ReportFilter { from: None, to: None, ..filter.clone() };
            (matching(tenant, &without_period), "report_days".to_string(), "day", "SUM(n)")
        }
        false => {
            let index = read_by(filter, "reports_day");
            (
                matching(tenant, filter),
                format!("reports INDEXED BY {index}"),
                "substr(created_at, 1, 10)",
                "COUNT(*)",
            )
        }
    };
    if let Some(from) = &filter.from {
        let from = q.arg(from.as_str());
        q.and(format!("{day} >= {from}"));
    }
    if let Some(to) = &filter.to {
        let to = q.arg(to.as_str());
        q.and(format!("{day} <= {to}"));
    }
    let sql = format!(
        "SELECT NULL AS category, NULL AS area_id, NULL AS status, NULL AS reporter_group, \
           {day} AS day, {count} AS n FROM {table} WHERE {} GROUP BY 5 HAVING {count} > 0",
        q.sql
    );
    Ok(db.prepare(sql).bind(&q.args)?)
}

/// Each dimension's keys and how many reports have them, in the keys' order, from the
/// combinations.
fn summed(combinations: Vec<Combination>) -> Vec<Counted> {
    let mut sums: BTreeMap<(&'static str, String), u32> = BTreeMap::new();
    for c in combinations {
        let keys = [
            ("category", c.category),
            ("area", c.area_id),
            ("status", c.status),
            ("group", c.reporter_group),
            ("day", c.day),
        ];
        for (dim, key) in keys {
            if let Some(key) = key {
                *sums.entry((dim, key)).or_default() += c.n;
            }
        }
    }
    sums.into_iter()
        .map(|((dim, key), n)| Counted { dim: dim.into(), key: Some(key), place: None, n })
        .collect()
}

/// When and where: the times of day (counted per cell and stored combination of times first,
/// kept or from the index, then per time named), the busiest cells, and the places their
/// reports were named by, read again only for those cells' reports: `CROSS JOIN` keeps the
/// busiest cells the outer loop, so each is one seek in `reports_cells` (also for one area: the
/// cells' reports are few). Left to SQLite, it read every report once per busy cell (a million
/// rows at 100 000 reports), and an `IN` of the cells read the whole index again (100 000 rows
/// more than the seeks).
fn spread_statement(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
) -> Result<worker::D1PreparedStatement, ApiError> {
    let mut q = matching(tenant, filter);
    const { assert!(MAX_LEVEL - HOTSPOT_LEVEL == 2, "the index reports_cells holds cells two levels up") };
    let shift = MAX_LEVEL - HOTSPOT_LEVEL;
    // Times of day are stored comma-separated ("evening,night"); "" finds the reports naming none.
    let times: Vec<&str> = std::iter::once("").chain(TimeOfDay::ALL.map(|t| t.id())).collect();
    let times = q.arg(serde_json::to_string(&times).unwrap_or_else(|_| "[]".into()));
    let most = q.arg(MAX_HOTSPOTS as u32);
    // From the kept cells and place names (migrations 0025, 0026) when they answer the filter
    // (its conditions are then theirs too), else from the index `reports_cells` (0024); grouped
    // in the order of either, both of which hold `cell_x >> 2`.
    let (cells, places) = match kept_counts::answers_cells(filter) {
        true => (
            format!("SELECT times, cx, cy, SUM(n) AS n FROM report_cells WHERE {} GROUP BY 2, 3, 1", q.sql),
            format!(
                "SELECT hot.cx, hot.cy, place, SUM(report_places.n) AS n \
                   FROM hot CROSS JOIN report_places WHERE {} \
                     AND report_places.cx = hot.cx AND report_places.cy = hot.cy GROUP BY 1, 2, 3",
                q.sql
            ),
        ),
        // `hot.cx + 0`: the cells' columns are INTEGER when kept, and a comparison with that
        // affinity cannot seek in an index on an expression (which has none): without it, each
        // busy cell read every report's entry (5 million rows at 100 000 reports, in the bench).
        false => (
            format!(
                "SELECT times, cell_x >> {shift} AS cx, cell_y >> {shift} AS cy, COUNT(*) AS n \
                   FROM reports INDEXED BY {} WHERE {} GROUP BY 2, 3, 1",
                read_by(filter, "reports_cells"),
                q.sql
            ),
            format!(
                "SELECT hot.cx, hot.cy, place, COUNT(*) AS n \
                   FROM hot CROSS JOIN reports INDEXED BY reports_cells WHERE {} \
                     AND cell_x >> {shift} = hot.cx + 0 AND cell_y >> {shift} = hot.cy + 0 \
                     AND place IS NOT NULL GROUP BY 1, 2, 3",
                q.sql
            ),
        ),
    };
    let sql = format!(
        "WITH cells AS ({cells}), \
         hot AS MATERIALIZED (SELECT cx, cy, SUM(n) AS n FROM cells GROUP BY cx, cy \
           ORDER BY n DESC, cy, cx LIMIT {most}) \
         SELECT 'time' AS dim, t.value AS key, NULL AS place, SUM(cells.n) AS n \
           FROM cells, json_each({times}) t \
           WHERE instr(',' || cells.times || ',', ',' || t.value || ',') > 0 GROUP BY 2 \
         UNION ALL SELECT 'cell', cx || ',' || cy, NULL, n FROM hot \
         UNION ALL SELECT 'place', cx || ',' || cy, place, n FROM ({places})"
    );
    Ok(db.prepare(sql).bind(&q.args)?)
}

/// A cell's column and row from its key (`"x,y"`).
fn cell_of_key(key: &str) -> Option<(u32, u32)> {
    key.split_once(',').and_then(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
}

fn tally_of(rows: Vec<Counted>) -> Tally {
    let mut tally = Tally::default();
    for row in rows {
        let Some(key) = row.key else { continue };
        if row.n == 0 {
            continue;
        }
        let list = match row.dim.as_str() {
            "category" => &mut tally.by_category,
            "area" => &mut tally.by_area,
            "status" => &mut tally.by_status,
            "group" => &mut tally.by_reporter_group,
            "day" => &mut tally.by_day,
            "time" => &mut tally.by_time_of_day,
            "cell" => {
                if let Some((x, y)) = cell_of_key(&key) {
                    tally.hot_cells.push((x, y, row.n));
                }
                continue;
            }
            "place" => {
                if let (Some((x, y)), Some(place)) = (cell_of_key(&key), row.place) {
                    tally.hot_places.push((x, y, place, row.n));
                }
                continue;
            }
            _ => continue,
        };
        list.push(Count { key, count: row.n });
    }
    tally
}

/// How many answered each question in each shape, and how often each option or scale step was
/// given (over every answer, short texts as redacted: `ModeratedReport::all_answers`). Texts
/// are counted per value only for single-choice questions (their option ids): short texts
/// would make a group of each answer.
#[derive(Deserialize)]
struct Answered {
    question: String,
    shape: String,
    value: Option<String>,
    n: u32,
}

impl Answered {
    fn into_tally(self) -> Option<AnswerTally> {
        let shape = AnswerShape::from_sql_type(&self.shape)?;
        Some(AnswerTally { question: self.question, shape, value: self.value, count: self.n })
    }
}

/// Only the reports with answers are read (the index `reports_answered` holds them by the
/// condition written here).
fn answers_statement(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
    single_choices: &[&str],
) -> Result<worker::D1PreparedStatement, ApiError> {
    let mut q = matching(tenant, filter);
    let choices = q.arg(serde_json::to_string(single_choices).unwrap_or_else(|_| "[]".into()));
    let answered = read_by(filter, "reports_answered");
    let (text, array, number) =
        (AnswerShape::Text.sql_type(), AnswerShape::Choices.sql_type(), AnswerShape::Number.sql_type());
    let sql = format!(
        "WITH a AS MATERIALIZED (SELECT j.key AS question, j.type AS shape, j.value AS value \
           FROM (SELECT json_patch(answers, answer_texts) AS given FROM reports INDEXED BY {answered} \
             WHERE {matching} AND (answers <> '{{}}' OR answer_texts <> '{{}}')) r, json_each(r.given) j) \
         SELECT question, shape, NULL AS value, COUNT(*) AS n FROM a GROUP BY 1, 2 \
         UNION ALL SELECT question, shape, CAST(value AS TEXT), COUNT(*) FROM a \
           WHERE shape = '{number}' OR (shape = '{text}' AND question IN (SELECT value FROM json_each({choices}))) \
           GROUP BY 1, 2, 3 \
         UNION ALL SELECT a.question, a.shape, CAST(c.value AS TEXT), COUNT(*) FROM a, json_each(a.value) c \
           WHERE a.shape = '{array}' GROUP BY 1, 2, 3",
        matching = q.sql
    );
    Ok(db.prepare(sql).bind(&q.args)?)
}

#[derive(Deserialize)]
struct Case {
    area: Option<String>,
    case_year: i32,
    case_seq: u32,
    total: u32,
}

/// The compiled category's cases per area: each area's total and its newest
/// [`MAX_COMPILED_CASES`], oldest first.
fn compile_statement(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
    category: &str,
) -> Result<worker::D1PreparedStatement, ApiError> {
    let mut q = matching(tenant, filter);
    let category = q.arg(category);
    let most = q.arg(MAX_COMPILED_CASES);
    // Each area's total, then its newest cases by the area's index (the same conditions, with
    // the same placeholders, twice), so that no more than they are leave the database.
    let sql = format!(
        "WITH t AS (SELECT area_id AS area, COUNT(*) AS total FROM reports \
           WHERE {matching} AND category = {category} GROUP BY area_id) \
         SELECT r.area_id AS area, r.case_year, r.case_seq, t.total FROM t JOIN reports r ON r.id IN \
           (SELECT id FROM reports WHERE {matching} AND category = {category} AND area_id IS t.area \
             ORDER BY created_at DESC, id DESC LIMIT {most}) \
         ORDER BY r.created_at, r.id",
        matching = q.sql
    );
    Ok(db.prepare(sql).bind(&q.args)?)
}

/// A row of the hours histogram.
#[derive(Deserialize)]
struct Hours {
    category: String,
    unit: Option<i64>,
    clock: String,
    hours: i64,
    n: u32,
}

impl Hours {
    fn into_count(self) -> Option<HoursCount> {
        Some(HoursCount {
            clock: Clock::from_id(&self.clock)?,
            category: self.category,
            unit: self.unit,
            hours: u32::try_from(self.hours.max(0)).unwrap_or(u32::MAX),
            count: self.n,
        })
    }
}

/// How many of the filtered reports took how many whole hours to a first response and to
/// fixed, and how long the open ones have waited by `now`, per category and unit: a histogram,
/// whatever the number of reports, from which `tryggve_core::time_to_fix` reads the medians.
/// Counted by the hour under two days, then by the day or the greatest of `targets` reached
/// (`time_to_fix::counted_hours`, whose rule the `CASE` below is); `targets` as
/// `time_to_fix::targets_of` gives them, least first and each once.
///
/// Nothing is sorted per report. The hours to a response and to fixed are counted per whole
/// hour first, in the order of their indexes (`reports_response_hours`, `reports_fix_hours`,
/// which hold the same expressions), then per step. The open reports that have waited past
/// every target (`time_to_fix::by_whole_days_from`, whole days) are counted per category, unit
/// and the day they arrived, in the order of `reports_waiting`: each has waited the whole days
/// from that day to `now`'s, one less if it arrived later in the day than `now` is, which a
/// comparison of the times as text says (stored as `now` is, ISO 8601 with milliseconds: a
/// julianday() of each report took a third of the statement's time). Only the ones that came
/// since are read one by one, from the index by time; which part reads a report, the text of
/// its time says, so none is read by both.
fn hours_statement(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
    now: &str,
    targets: &[u32],
) -> Result<worker::D1PreparedStatement, ApiError> {
    let mut q = matching(tenant, filter);
    let now = q.arg(now);
    let open: Vec<&str> =
        ReportStatus::ALL.into_iter().filter(|s| s.is_open()).map(ReportStatus::id).collect();
    let open = q.arg(serde_json::to_string(&open).unwrap_or_else(|_| "[]".into()));
    let hours = |until: &str| format!("CAST((julianday({until}) - julianday(created_at)) * 24 AS INTEGER)");
    let (response, fix, waited) = (hours("first_response_at"), hours("fixed_at"), hours(&now));
    let by_days_from = by_whole_days_from(targets);
    // The greatest target reached by `h` hours, the targets written out (numbers, greatest
    // first): a lookup in a bound list per report cost more than the rest of the statement.
    let reached = if targets.is_empty() {
        "0".to_string()
    } else {
        let steps: String = targets.iter().rev().map(|t| format!("WHEN h >= {t} THEN {t} ")).collect();
        format!("CASE {steps}ELSE 0 END")
    };
    let step = format!("CASE WHEN h < {HOURLY_UNTIL} THEN h ELSE max(h - h % 24, {reached}) END");
    let (responded, fixed, waiting, recent) = (
        read_by(filter, "reports_response_hours"),
        read_by(filter, "reports_fix_hours"),
        read_by(filter, "reports_waiting"),
        read_by(filter, "reports_by_tenant_time"),
    );
    let still_open = format!("fixed_at IS NULL AND status IN (SELECT value FROM json_each({open}))");
    let since = format!("strftime('%Y-%m-%dT%H:%M:%fZ', {now}, '-{by_days_from} hours')");
    let sql = format!(
        "WITH days AS (SELECT category, unit_id, \
             CAST(julianday(substr({now}, 1, 10)) - julianday(day) AS INTEGER) AS d, \
             COUNT(*) AS n, SUM(late) AS late \
           FROM (SELECT category, unit_id, substr(created_at, 1, 10) AS day, \
               substr(created_at, 12) > substr({now}, 12) AS late \
             FROM reports INDEXED BY {waiting} WHERE {matching} AND {still_open} \
               AND created_at <= {since}) \
           GROUP BY category, unit_id, day) \
         SELECT category, unit_id AS unit, 'response' AS clock, {step} AS hours, SUM(n) AS n FROM \
           (SELECT category, unit_id, {response} AS h, COUNT(*) AS n \
             FROM reports INDEXED BY {responded} WHERE {matching} \
               AND first_response_at IS NOT NULL AND {response} IS NOT NULL GROUP BY 1, 2, 3) \
           GROUP BY 1, 2, 4 \
         UNION ALL SELECT category, unit_id, 'fix', {step}, SUM(n) FROM \
           (SELECT category, unit_id, {fix} AS h, COUNT(*) AS n \
             FROM reports INDEXED BY {fixed} WHERE {matching} \
               AND fixed_at IS NOT NULL AND {fix} IS NOT NULL GROUP BY 1, 2, 3) \
           GROUP BY 1, 2, 4 \
         UNION ALL SELECT category, unit_id, 'open', {step}, COUNT(*) FROM \
           (SELECT category, unit_id, {waited} AS h FROM reports INDEXED BY {recent} \
             WHERE {matching} AND {still_open} AND created_at > {since}) \
           GROUP BY 1, 2, 4 \
         UNION ALL SELECT category, unit_id, 'open', 24 * d, SUM(n) FROM \
           (SELECT category, unit_id, d, n - late AS n FROM days \
             UNION ALL SELECT category, unit_id, d - 1, late FROM days) \
           WHERE n > 0 GROUP BY 1, 2, 4",
        matching = q.sql
    );
    Ok(db.prepare(sql).bind(&q.args)?)
}

/// What followed a measure, as read: counted in each window where the reports are stored (a
/// whole area, however many), or the reports in a box around its place, one by one, for core
/// to keep those within [`tryggve_core::measure_effect::AROUND_METRES`].
pub enum Near {
    Counted { before: u32, after: u32 },
    Reports(Vec<(LatLng, String)>),
}

/// The reports `filter` selects (its category and whether only cases count; not its period)
/// that arrived in a measure's area or in a box around its place during its windows. A box
/// around a place is a few hundred metres wide; its reports are read up to [`NEAR_LIMIT`], far
/// more than a place gets in two years (a place that had more is said in the worker's log).
pub async fn near(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
    measures: &[(Around, Windows)],
) -> Result<Vec<Near>, ApiError> {
    let mut statements = Vec::new();
    for (around, windows) in measures {
        let narrowed = ReportFilter {
            category: filter.category.clone(),
            cases_only: filter.cases_only,
            ..Default::default()
        };
        let mut q = matching(tenant, &narrowed);
        let (from, to) = (q.arg(windows.before.0.as_str()), q.arg(windows.after.1.as_str()));
        q.and(format!("created_at >= {from} AND created_at < {to}"));
        let sql = match around {
            Around::Area(area) => {
                let area = q.arg(area.as_str());
                q.and(format!("area_id = {area}"));
                // The windows meet: before is [from, done), after is [done, to).
                let (before_ends, after_starts) =
                    (q.arg(windows.before.1.as_str()), q.arg(windows.after.0.as_str()));
                format!(
                    "SELECT COALESCE(SUM(created_at < {before_ends}), 0) AS n_before, \
                       COALESCE(SUM(created_at >= {after_starts}), 0) AS n_after \
                     FROM reports WHERE {}",
                    q.sql
                )
            }
            Around::Place(place) => {
                let b = BBox::new(place.lat, place.lng, place.lat, place.lng).grown_by(AROUND_METRES);
                let (s, w, n, e) = (q.arg(b.south), q.arg(b.west), q.arg(b.north), q.arg(b.east));
                q.and(format!("lat BETWEEN {s} AND {n} AND lng BETWEEN {w} AND {e}"));
                format!("SELECT lat, lng, created_at FROM reports WHERE {} LIMIT {}", q.sql, NEAR_LIMIT + 1)
            }
        };
        statements.push(db.prepare(sql).bind(&q.args)?);
    }
    if statements.is_empty() {
        return Ok(Vec::new());
    }
    #[derive(Deserialize)]
    struct Counts {
        n_before: u32,
        n_after: u32,
    }
    #[derive(Deserialize)]
    struct Found {
        lat: f64,
        lng: f64,
        created_at: String,
    }
    let mut found = Vec::new();
    // Each answer in the shape its measure asked for.
    for ((around, _), result) in measures.iter().zip(db.batch(statements).await?) {
        if let Around::Area(_) = around {
            let counts: Vec<Counts> = result.results()?;
            let (before, after) = counts.first().map_or((0, 0), |c| (c.n_before, c.n_after));
            found.push(Near::Counted { before, after });
            continue;
        }
        let rows: Vec<Found> = result.results()?;
        if rows.len() > NEAR_LIMIT as usize {
            worker::console_warn!("{tenant}: more than {NEAR_LIMIT} reports around a measure's place");
        }
        let reports = rows
            .into_iter()
            .take(NEAR_LIMIT as usize)
            .map(|r| (LatLng::new(r.lat, r.lng), r.created_at))
            .collect();
        found.push(Near::Reports(reports));
    }
    Ok(found)
}

/// The most reports read around one measure's place.
const NEAR_LIMIT: u32 = 20_000;
