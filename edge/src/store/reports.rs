use serde::Deserialize;
use tryggve_core::follow_up::Outcome;
use tryggve_core::geo::coarsen;
use tryggve_core::moderation::{RejectionReason, Visibility};
use tryggve_core::public::PublicReport;
use tryggve_core::public::PUBLIC_CELL_METRES;
use tryggve_core::public_map::{cell_of, CellCount, CellRange, MAX_LEVEL, MIN_LEVEL};
use tryggve_core::questionnaire::Answers;
use tryggve_core::report::{case_number, parse_case_number, times_from_column, times_to_column};
use tryggve_core::reporter::ReporterGroup;
use tryggve_core::review::{ModeratedReport, ReviewState};
use tryggve_core::stats::{area_key, OUTSIDE_AREAS};
use tryggve_core::{Area, LatLng};
use tryggve_core::{BBox, NewReport, ReportStatus, ReportView};
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

/// Stores a validated report and returns its running number for `year`. The number is taken
/// in the same statement as the insert, so concurrent reports never share one.
pub async fn insert(
    db: &D1Database,
    report: &NewReport,
    year: i32,
    followup_token_hash: &str,
    created_at: &str,
    (area, unit, place): (&str, Option<i64>, Option<&str>),
    integration: Option<i64>,
) -> Result<u32, ApiError> {
    let sql = "INSERT INTO reports (tenant_id, case_year, case_seq, followup_token_hash, lat, lng, \
               category, times, description, contact_email, status, created_at, idempotency_key, answers, answer_texts, reporter_group, \
               cell_x, cell_y, area_id, unit_id, integration_id, place) \
               SELECT ?1, ?2, COALESCE(MAX(case_seq), 0) + 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'new', ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20 \
               FROM reports WHERE tenant_id = ?1 AND case_year = ?2 \
               RETURNING case_seq";
    let email = report.contact_email.as_deref().map_or(JsValue::NULL, JsValue::from);
    // Its cell on the public map's grid, counted there once a moderator approves it.
    let cell = cell_of(report.location, MAX_LEVEL);
    let args = [
        report.tenant.as_str().into(),
        year.into(),
        followup_token_hash.into(),
        report.location.lat.into(),
        report.location.lng.into(),
        report.category.as_str().into(),
        times_to_column(&report.times).into(),
        report.description.as_str().into(),
        email,
        created_at.into(),
        report.idempotency_key.as_deref().map_or(JsValue::NULL, JsValue::from),
        json_text(&report.answers.choices).into(),
        json_text(&report.answers.texts).into(),
        report.reporter_group.id().into(),
        cell.0.into(),
        cell.1.into(),
        area.into(),
        unit.map_or(JsValue::NULL, |id| (id as f64).into()),
        integration.map_or(JsValue::NULL, |id| (id as f64).into()),
        place.map_or(JsValue::NULL, JsValue::from),
    ];
    let inserted: Vec<Inserted> = db.prepare(sql).bind(&args)?.all().await?.results()?;
    inserted
        .first()
        .map(|row| row.case_seq)
        .ok_or_else(|| ApiError::Internal("insert returned no case number".into()))
}

#[derive(Deserialize)]
struct Inserted {
    case_seq: u32,
}

fn json_text(answers: &Answers) -> String {
    serde_json::to_string(answers).unwrap_or_else(|_| "{}".into())
}

#[derive(Deserialize)]
pub struct StoredKey {
    pub case_year: i32,
    pub case_seq: u32,
    pub followup_token_hash: String,
}

/// The report `tenant` already stored under this idempotency key, if any.
pub async fn find_by_idempotency_key(
    db: &D1Database,
    tenant: &str,
    key: &str,
) -> Result<Option<StoredKey>, ApiError> {
    let sql = "SELECT case_year, case_seq, followup_token_hash FROM reports WHERE tenant_id = ?1 AND idempotency_key = ?2";
    Ok(db.prepare(sql).bind(&[tenant.into(), key.into()])?.first(None).await?)
}

/// Removes the personal parts of `tenant`'s reports created before `cutoff`: contact e-mail,
/// follow-up code (the hash), idempotency key, free text and short-text answers, and the exact
/// place (a door, a home), which becomes the public map's ~50 m cell centre. Category, times,
/// status, dates, area and the coarse place stay for statistics. A new revision, so that a
/// moderator's action on what was read before cannot write the text back. Returns how many
/// reports were purged.
pub async fn purge_before(
    db: &D1Database,
    tenant: &str,
    areas: &[Area],
    cutoff: &str,
    now: &str,
) -> Result<u32, ApiError> {
    #[derive(Deserialize)]
    struct Purged {
        id: i64,
        lat: f64,
        lng: f64,
    }
    let sql = "UPDATE reports SET contact_email = NULL, followup_token_hash = '', idempotency_key = NULL, \
               description = '', description_public = 0, answer_texts = '{}', assignee = '', updated_at = ?3, \
               revision = revision + 1 \
               WHERE tenant_id = ?1 AND created_at < ?2 AND followup_token_hash != '' RETURNING id, lat, lng";
    let purged: Vec<Purged> =
        db.prepare(sql).bind(&[tenant.into(), cutoff.into(), now.into()])?.all().await?.results()?;
    // The area was placed from the exact place before (the filters keep it); placed now if not.
    let coarse = "UPDATE reports SET lat = ?1, lng = ?2, area_id = COALESCE(area_id, ?3) WHERE tenant_id = ?4 AND id = ?5";
    for chunk in purged.chunks(PURGE_BATCH) {
        let mut statements = Vec::with_capacity(chunk.len());
        for row in chunk {
            let exact = LatLng::new(row.lat, row.lng);
            let place = coarsen(exact, PUBLIC_CELL_METRES);
            statements.push(db.prepare(coarse).bind(&[
                place.lat.into(),
                place.lng.into(),
                area_key(areas, exact).into(),
                tenant.into(),
                (row.id as f64).into(),
            ])?);
        }
        db.batch(statements).await?;
    }
    Ok(purged.len() as u32)
}

/// Statements per batch when the retention job coarsens places.
const PURGE_BATCH: usize = 100;

pub(super) const COLUMNS: &str = "id, case_year, case_seq, followup_token_hash, lat, lng, category, times, description, \
                       contact_email, status, visibility, rejection_reason, public_comment, description_public, \
                       merged_into, created_at, answers, answer_texts, reporter_group, revision, area_id, unit_id, \
                       original_category, assignee, event_at, place";

#[derive(Deserialize)]
pub(super) struct ReportRow {
    id: i64,
    case_year: i32,
    case_seq: u32,
    followup_token_hash: String,
    lat: f64,
    lng: f64,
    category: String,
    times: String,
    description: String,
    contact_email: Option<String>,
    status: String,
    visibility: String,
    rejection_reason: Option<String>,
    public_comment: String,
    description_public: u8,
    merged_into: Option<String>,
    created_at: String,
    answers: String,
    answer_texts: String,
    reporter_group: String,
    revision: i64,
    area_id: Option<String>,
    unit_id: Option<i64>,
    original_category: Option<String>,
    assignee: String,
    event_at: Option<String>,
    place: Option<String>,
}

impl ReportRow {
    fn case_number(&self) -> String {
        case_number(self.case_year, self.case_seq)
    }

    fn status(&self) -> ReportStatus {
        ReportStatus::from_id(&self.status).unwrap_or(ReportStatus::New)
    }

    pub(super) fn into_moderated(self) -> (i64, ModeratedReport) {
        // Unreadable answers (never written by us) are left out rather than failing the list.
        let parse = |column: &str| serde_json::from_str::<Answers>(column).unwrap_or_default();
        let review = ReviewState {
            category: self.category.clone(),
            original_category: self.original_category.clone(),
            assignee: self.assignee.clone(),
            event_at: self.event_at.clone(),
            status: self.status(),
            visibility: Visibility::from_id(&self.visibility).unwrap_or(Visibility::Pending),
            rejection_reason: self.rejection_reason.as_deref().and_then(RejectionReason::from_id),
            public_comment: self.public_comment.clone(),
            description: self.description.clone(),
            description_public: self.description_public != 0,
            merged_into: self.merged_into.clone(),
            answer_texts: parse(&self.answer_texts),
            unit: self.unit_id,
        };
        let answers = parse(&self.answers);
        let report = ModeratedReport {
            answers,
            reporter_group: ReporterGroup::from_id(&self.reporter_group).unwrap_or_default(),
            case_number: self.case_number(),
            lat: self.lat,
            lng: self.lng,
            times: times_from_column(&self.times),
            contact_email: self.contact_email,
            created_at: self.created_at,
            area: self.area_id.filter(|id| id != OUTSIDE_AREAS),
            place: self.place,
            review,
        };
        (self.id, report)
    }
}

/// A report as its author sees it, if `followup_token_hash` matches.
pub async fn find_for_follow_up(
    db: &D1Database,
    tenant: &str,
    (year, seq): (i32, u32),
    followup_token_hash: &str,
) -> Result<Option<ReportView>, ApiError> {
    let sql =
        format!("SELECT {COLUMNS} FROM reports WHERE tenant_id = ?1 AND case_year = ?2 AND case_seq = ?3");
    let row: Option<ReportRow> =
        db.prepare(sql).bind(&[tenant.into(), year.into(), seq.into()])?.first(None).await?;
    let Some(row) = row.filter(|r| r.followup_token_hash == followup_token_hash) else {
        return Ok(None);
    };
    // A merged report follows the earlier one: the resident is told its state.
    let merged_target = match row.merged_into.as_deref().and_then(parse_case_number) {
        Some((year, seq)) => {
            let sql = "SELECT status, public_comment FROM reports WHERE tenant_id = ?1 AND case_year = ?2 AND case_seq = ?3";
            let target: Option<MergeTargetRow> =
                db.prepare(sql).bind(&[tenant.into(), year.into(), seq.into()])?.first(None).await?;
            target.map(|t| (ReportStatus::from_id(&t.status).unwrap_or(ReportStatus::New), t.public_comment))
        }
        None => None,
    };
    let rejection = (row.visibility == Visibility::Rejected.id())
        .then(|| row.rejection_reason.as_deref().and_then(RejectionReason::from_id))
        .flatten();
    let outcome = Outcome::of(row.merged_into.as_deref(), merged_target, rejection);
    let measures = crate::store::measures::for_report(db, row.id).await?;
    Ok(Some(ReportView {
        case_number: row.case_number(),
        lat: row.lat,
        lng: row.lng,
        status: row.status(),
        category: row.category,
        times: times_from_column(&row.times),
        description: row.description,
        public_comment: row.public_comment,
        created_at: row.created_at,
        outcome,
        measures,
    }))
}

/// What a follow-up reads of the report a merged one went into.
#[derive(Deserialize)]
struct MergeTargetRow {
    status: String,
    public_comment: String,
}

/// A report as a moderator reads it before acting on it.
pub struct ReviewedReport {
    pub id: i64,
    /// How often it had been changed: an action applies only if it still is (see [`update_review`]).
    pub revision: i64,
    pub report: ModeratedReport,
}

/// One report of `tenant`, by case number.
pub async fn find_for_review(
    db: &D1Database,
    tenant: &str,
    (year, seq): (i32, u32),
) -> Result<Option<ReviewedReport>, ApiError> {
    let sql =
        format!("SELECT {COLUMNS} FROM reports WHERE tenant_id = ?1 AND case_year = ?2 AND case_seq = ?3");
    let row: Option<ReportRow> =
        db.prepare(sql).bind(&[tenant.into(), year.into(), seq.into()])?.first(None).await?;
    Ok(row.map(|row| {
        let revision = row.revision;
        let (id, report) = row.into_moderated();
        ReviewedReport { id, revision, report }
    }))
}

/// Stores a new review state of `read` together with its audit entry, in one transaction, if
/// the report is still as it was read and, for a merge, the target (`merge_target`, a row id)
/// is still not merged itself. Two moderators acting on one report at once, or merging two
/// reports into each other, would otherwise overwrite each other unseen: the later one gets
/// [`ApiError::ChangedMeanwhile`] and nothing of it is stored or audited.
pub async fn update_review(
    db: &D1Database,
    tenant: &str,
    read: &ReviewedReport,
    next: &ReviewState,
    merge_target: Option<i64>,
    audit: &crate::store::audit::NewEntry<'_>,
) -> Result<(), ApiError> {
    let sql = "UPDATE reports SET status = ?1, visibility = ?2, rejection_reason = ?3, public_comment = ?4, \
               description = ?5, description_public = ?6, merged_into = ?7, updated_at = ?8, answer_texts = ?11, \
               unit_id = ?14, category = ?15, original_category = ?16, assignee = ?17, event_at = ?18, \
               first_response_at = COALESCE(first_response_at, ?8), \
               fixed_at = CASE WHEN ?19 THEN COALESCE(fixed_at, ?8) ELSE NULL END, \
               revision = revision + 1 \
               WHERE tenant_id = ?9 AND id = ?10 AND revision = ?12 \
               AND (?13 IS NULL OR NOT EXISTS \
                    (SELECT 1 FROM reports t WHERE t.tenant_id = ?9 AND t.id = ?13 AND t.merged_into IS NOT NULL)) \
               RETURNING id";
    let optional = |v: Option<&str>| v.map_or(JsValue::NULL, JsValue::from);
    let now = audit.at;
    let update = db.prepare(sql).bind(&[
        next.status.id().into(),
        next.visibility.id().into(),
        optional(next.rejection_reason.map(RejectionReason::id)),
        next.public_comment.as_str().into(),
        next.description.as_str().into(),
        u8::from(next.description_public).into(),
        optional(next.merged_into.as_deref()),
        now.into(),
        tenant.into(),
        (read.id as f64).into(),
        json_text(&next.answer_texts).into(),
        (read.revision as f64).into(),
        merge_target.map_or(JsValue::NULL, |id| (id as f64).into()),
        next.unit.map_or(JsValue::NULL, |id| (id as f64).into()),
        next.category.as_str().into(),
        optional(next.original_category.as_deref()),
        next.assignee.as_str().into(),
        optional(next.event_at.as_deref()),
        next.status.is_fixed().into(),
    ])?;
    let mut statements = vec![update, crate::store::audit::record_if_changed(db, audit)?];
    statements.extend(sync_public_cells(db, tenant)?);
    let results = db.batch(statements).await?;
    let updated = match results.first() {
        Some(result) => !result.results::<serde_json::Value>()?.is_empty(),
        None => false,
    };
    if updated {
        Ok(())
    } else {
        Err(ApiError::ChangedMeanwhile)
    }
}

/// The statements that bring `tenant`'s counted map cells in line with its reports'
/// visibility: count newly approved reports, uncount ones no longer approved, mark both. Run
/// in the same batch as the change of visibility, so the counts can never drift from it (and
/// running them twice changes nothing).
pub fn sync_public_cells(db: &D1Database, tenant: &str) -> Result<Vec<D1PreparedStatement>, ApiError> {
    const LEVELS: &str =
        "WITH RECURSIVE levels(level) AS (SELECT ?2 UNION ALL SELECT level + 1 FROM levels WHERE level < ?3)";
    let count = format!(
        "{LEVELS} INSERT INTO public_cells (tenant_id, level, cx, cy, count, sum_lat, sum_lng) \
         SELECT ?1, levels.level, r.cell_x >> (?3 - levels.level), r.cell_y >> (?3 - levels.level), \
                COUNT(*), SUM(r.lat), SUM(r.lng) \
         FROM reports r, levels WHERE r.tenant_id = ?1 AND r.on_public_map = 0 AND r.visibility = 'approved' \
         GROUP BY 2, 3, 4 \
         ON CONFLICT (tenant_id, level, cx, cy) DO UPDATE SET count = count + excluded.count, \
                sum_lat = sum_lat + excluded.sum_lat, sum_lng = sum_lng + excluded.sum_lng"
    );
    let uncount = format!(
        "{LEVELS}, gone AS (SELECT levels.level AS level, r.cell_x >> (?3 - levels.level) AS cx, \
                r.cell_y >> (?3 - levels.level) AS cy, COUNT(*) AS n, SUM(r.lat) AS lat, SUM(r.lng) AS lng \
                FROM reports r, levels \
                WHERE r.tenant_id = ?1 AND r.on_public_map = 1 AND r.visibility IN ('pending', 'rejected') \
                GROUP BY 1, 2, 3) \
         UPDATE public_cells SET count = public_cells.count - gone.n, sum_lat = public_cells.sum_lat - gone.lat, \
                sum_lng = public_cells.sum_lng - gone.lng \
         FROM gone WHERE public_cells.tenant_id = ?1 AND public_cells.level = gone.level \
                AND public_cells.cx = gone.cx AND public_cells.cy = gone.cy"
    );
    // Two statements, each an equality on the sync index: one with an OR between them read every
    // report of the tenant (100 000 rows for each approval in the bench).
    let mark = "UPDATE reports SET on_public_map = 1 \
                WHERE tenant_id = ?1 AND on_public_map = 0 AND visibility = 'approved'";
    let unmark = "UPDATE reports SET on_public_map = 0 \
                  WHERE tenant_id = ?1 AND on_public_map = 1 AND visibility IN ('pending', 'rejected')";
    let levels = [tenant.into(), MIN_LEVEL.into(), MAX_LEVEL.into()];
    Ok(vec![
        db.prepare(count).bind(&levels)?,
        db.prepare(uncount).bind(&levels)?,
        db.prepare(mark).bind(&[tenant.into()])?,
        db.prepare(unmark).bind(&[tenant.into()])?,
    ])
}

/// The counted cells of `tenant` in `range` (empty cells are left out).
pub async fn public_cells(
    db: &D1Database,
    tenant: &str,
    range: &CellRange,
) -> Result<Vec<CellCount>, ApiError> {
    let sql = "SELECT cx, cy, count, sum_lat, sum_lng FROM public_cells \
               WHERE tenant_id = ?1 AND level = ?2 AND cx BETWEEN ?3 AND ?4 AND cy BETWEEN ?5 AND ?6 AND count > 0";
    let args = [
        tenant.into(),
        range.level.into(),
        range.x.0.into(),
        range.x.1.into(),
        range.y.0.into(),
        range.y.1.into(),
    ];
    Ok(db.prepare(sql).bind(&args)?.all().await?.results()?)
}

#[derive(Deserialize)]
struct PublicRow {
    lat: f64,
    lng: f64,
    category: String,
    status: String,
    description: Option<String>,
    public_comment: String,
}

/// `tenant`'s approved reports inside `bbox`, newest first, at most `limit`, for the public
/// map: only what may be public is read (the text only where a moderator published it). They
/// are at their exact places: `PublicMap::from_reports` moves them to their public ones.
pub async fn approved_in(
    db: &D1Database,
    tenant: &str,
    bbox: &BBox,
    limit: u64,
) -> Result<Vec<PublicReport>, ApiError> {
    let sql = "SELECT lat, lng, category, status, \
               CASE WHEN description_public = 1 THEN description END AS description, public_comment \
               FROM reports WHERE tenant_id = ?1 AND visibility = 'approved' \
               AND lat BETWEEN ?2 AND ?3 AND lng BETWEEN ?4 AND ?5 ORDER BY created_at DESC, id DESC LIMIT ?6";
    let args = [
        tenant.into(),
        bbox.south.into(),
        bbox.north.into(),
        bbox.west.into(),
        bbox.east.into(),
        (limit as f64).into(),
    ];
    let rows: Vec<PublicRow> = db.prepare(sql).bind(&args)?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .map(|r| PublicReport {
            lat: r.lat,
            lng: r.lng,
            category: r.category,
            status: ReportStatus::from_id(&r.status).unwrap_or(ReportStatus::New),
            description: r.description,
            public_comment: r.public_comment,
        })
        .collect())
}
