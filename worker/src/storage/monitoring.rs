//! Tables of migrations/0003_monitoring.sql: daily draws, checks, call logs, reviews,
//! screenshot hashes and flags; plus the read queries of compliance and the day's status
//! of every group. Every SQL parameter is bound; every read is limited by the caller's
//! scope (a condition on the units table aliased `u`).

use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement, Result};

use super::{CHAT_DAY_REPORTED_MS, COUNTED_REPORT, LATEST_REVIEW, REPORT_STORED_MS};
use crate::scope::Scope;

// ---- The draw --------------------------------------------------------------------------

/// A district whose draw may run: every district that exists on the day.
pub async fn districts_on(db: &D1Database, day: &str) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
    }
    let rows: Vec<Row> = db
        .prepare(
            "SELECT id FROM units WHERE kind = 'district' AND valid_from <= ?1 \
             AND (valid_to IS NULL OR valid_to >= ?1) ORDER BY id",
        )
        .bind(&[day.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The districts in the caller's scope (one for district officers, all of a state for
/// the state administrator).
pub async fn districts_in_scope(db: &D1Database, scope: &Scope, day: &str) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
    }
    let rows: Vec<Row> = db
        .prepare(format!(
            "SELECT u.id FROM units u WHERE u.kind = 'district' AND u.valid_from <= ?1 \
             AND (u.valid_to IS NULL OR u.valid_to >= ?1) AND {} ORDER BY u.id",
            scope.unit_condition("u", 2)
        ))
        .bind(&[day.into(), scope.param().into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Levels whose draw already ran for the district and day.
pub async fn drawn_levels(db: &D1Database, district_id: &str, day: &str) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        level: String,
    }
    let rows: Vec<Row> = db
        .prepare("SELECT level FROM daily_draws WHERE district_id = ?1 AND ist_day = ?2")
        .bind(&[district_id.into(), day.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.level).collect())
}

/// The recorded seeds of a district's draws for a day.
pub async fn draw_seeds(db: &D1Database, district_id: &str, day: &str) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        seed: String,
    }
    let rows: Vec<Row> = db
        .prepare("SELECT seed FROM daily_draws WHERE district_id = ?1 AND ist_day = ?2")
        .bind(&[district_id.into(), day.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.seed).collect())
}

/// What the draw needs about every GP and ward group of a district.
#[derive(Deserialize)]
pub struct CandidateRow {
    pub group_id: String,
    pub kind: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    /// IST days of the group's creation and closing (first 10 characters of the
    /// RFC 3339 timestamps, which carry +05:30).
    pub created_day: String,
    pub closed_day: Option<String>,
    pub has_admin: i64,
    pub admin_id: Option<String>,
    pub last_day: Option<String>,
    pub last_round: Option<u32>,
}

pub async fn candidates(
    db: &D1Database,
    district_id: &str,
    day: &str,
) -> Result<Vec<CandidateRow>> {
    db.prepare(
        "SELECT g.id AS group_id, u.kind, u.valid_from, u.valid_to, \
         substr(g.created_at, 1, 10) AS created_day, substr(g.closed_at, 1, 10) AS closed_day, \
         a.admin_id IS NOT NULL AS has_admin, a.admin_id, lc.ist_day AS last_day, lc.round AS last_round \
         FROM groups g JOIN units u ON u.id = g.unit_id \
         LEFT JOIN assignments a ON a.group_id = g.id AND a.ended_at IS NULL \
         LEFT JOIN checks lc ON lc.id = (SELECT c.id FROM checks c WHERE c.group_id = g.id \
           AND c.ist_day <= ?2 ORDER BY c.ist_day DESC, c.round DESC LIMIT 1) \
         WHERE g.district_id = ?1 AND u.kind IN ('gram_panchayat', 'ward')",
    )
    .bind(&[district_id.into(), day.into()])?
    .all()
    .await?
    .results()
}

pub struct NewDraw<'a> {
    pub district_id: &'a str,
    pub ist_day: &'a str,
    pub level: &'a str,
    pub seed: &'a str,
    pub window_days: u32,
    pub skipped: &'a str,
    pub created_at: &'a str,
    pub created_by: &'a str,
}

/// The draw's row; a second run for the same district, day and level changes nothing.
pub fn insert_draw(db: &D1Database, d: &NewDraw<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO daily_draws (district_id, ist_day, level, seed, window_days, skipped, \
         created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT (district_id, ist_day, level) DO NOTHING",
    )
    .bind(&[
        d.district_id.into(),
        d.ist_day.into(),
        d.level.into(),
        d.seed.into(),
        d.window_days.into(),
        d.skipped.into(),
        d.created_at.into(),
        d.created_by.into(),
    ])
}

/// Audit entry of a draw, written only if the draw's row does not exist yet (put it
/// before `insert_draw` in the batch).
pub fn audit_draw_once(
    db: &D1Database,
    d: &NewDraw<'_>,
    detail: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO audit_log (at, actor, district_id, action, entity, entity_id, detail) \
         SELECT ?1, ?2, ?3, 'draw.run', 'daily_draw', ?3 || '/' || ?4 || '/' || ?5, ?6 \
         WHERE NOT EXISTS (SELECT 1 FROM daily_draws WHERE district_id = ?3 AND ist_day = ?4 AND level = ?5)",
    )
    .bind(&[
        d.created_at.into(),
        d.created_by.into(),
        d.district_id.into(),
        d.ist_day.into(),
        d.level.into(),
        detail.into(),
    ])
}

pub struct NewCheck<'a> {
    pub id: &'a str,
    pub district_id: &'a str,
    pub ist_day: &'a str,
    pub level: &'a str,
    pub pool: &'a str,
    pub group_id: &'a str,
    pub admin_id: Option<&'a str>,
    pub round: u32,
    pub reason: &'a str,
    pub deadline_ms: i64,
    pub created_at: &'a str,
    /// The seed of this run's draw row: the check is stored only if that row is the one
    /// in the table, so two racing runs never mix their picks.
    pub seed: &'a str,
}

pub fn insert_check(db: &D1Database, c: &NewCheck<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO checks (id, district_id, ist_day, level, pool, group_id, admin_id, round, \
         reason, deadline_ms, created_at) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 \
         WHERE EXISTS (SELECT 1 FROM daily_draws WHERE district_id = ?2 AND ist_day = ?3 \
           AND level = ?4 AND seed = ?12) \
         ON CONFLICT DO NOTHING",
    )
    .bind(&[
        c.id.into(),
        c.district_id.into(),
        c.ist_day.into(),
        c.level.into(),
        c.pool.into(),
        c.group_id.into(),
        super::opt(c.admin_id),
        c.round.into(),
        c.reason.into(),
        (c.deadline_ms as f64).into(),
        c.created_at.into(),
        c.seed.into(),
    ])
}

// ---- Checks ------------------------------------------------------------------------------

#[derive(Deserialize)]
pub struct CheckRow {
    pub id: String,
    pub district_id: String,
    pub ist_day: String,
    pub level: String,
    pub pool: String,
    pub group_id: String,
    pub round: u32,
    pub reason: String,
    pub deadline_ms: i64,
    pub group_name: String,
    pub unit_name_en: String,
    pub unit_name_hi: String,
    pub parent_name_en: Option<String>,
    pub parent_name_hi: Option<String>,
    pub admin_id: Option<String>,
    pub admin_name: Option<String>,
    pub admin_mobile: Option<String>,
    pub submission_id: Option<String>,
    pub first_ms: Option<i64>,
    /// JSON array of {outcome, remark, called_at, called_by}, newest first.
    pub calls: String,
}

/// A check with its group, admin and calls. Its report is the group's first counted one
/// of the day ([`COUNTED_REPORT`]: a stored screenshot, not rejected), made when its
/// first screenshot was stored ([`REPORT_STORED_MS`]) — the same rule as compliance, the
/// day's status and the map, so a check never says "received" for what they do not count.
static CHECK_SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT c.id, c.district_id, c.ist_day, c.level, c.pool, c.group_id, \
     c.round, c.reason, c.deadline_ms, g.name AS group_name, u.name_en AS unit_name_en, \
     u.name_hi AS unit_name_hi, p.name_en AS parent_name_en, p.name_hi AS parent_name_hi, \
     ad.id AS admin_id, ad.name AS admin_name, ad.mobile AS admin_mobile, \
     (SELECT s.id FROM submissions s WHERE s.group_id = c.group_id AND s.ist_day = c.ist_day \
       AND {COUNTED_REPORT} ORDER BY {REPORT_STORED_MS}, s.id LIMIT 1) AS submission_id, \
     (SELECT MIN({REPORT_STORED_MS}) FROM submissions s WHERE s.group_id = c.group_id \
       AND s.ist_day = c.ist_day AND {COUNTED_REPORT}) AS first_ms, \
     (SELECT json_group_array(json_object('outcome', x.outcome, 'remark', x.remark, \
       'called_at', x.called_at, 'called_by', x.called_by)) FROM (SELECT cc.outcome, cc.remark, \
       cc.called_at, COALESCE(ac.display_name, cc.called_by) AS called_by FROM check_calls cc \
       LEFT JOIN accounts ac ON cc.called_by = 'account:' || ac.id WHERE cc.check_id = c.id \
       ORDER BY cc.id DESC) x) AS calls \
     FROM checks c JOIN groups g ON g.id = c.group_id JOIN units u ON u.id = g.unit_id \
     LEFT JOIN units p ON p.id = u.parent_id \
     LEFT JOIN assignments a ON a.group_id = g.id AND a.ended_at IS NULL \
     LEFT JOIN admins ad ON ad.id = a.admin_id"
    )
});

pub async fn checks_for_day(db: &D1Database, scope: &Scope, day: &str) -> Result<Vec<CheckRow>> {
    db.prepare(format!(
        "{} WHERE c.ist_day = ?1 AND {} ORDER BY c.district_id, \
         CASE c.level WHEN 'collector' THEN 0 ELSE 1 END, c.pool",
        *CHECK_SELECT,
        scope.unit_condition("u", 2)
    ))
    .bind(&[day.into(), scope.param().into()])?
    .all()
    .await?
    .results()
}

pub async fn find_check(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<CheckRow>> {
    db.prepare(format!(
        "{} WHERE c.id = ?1 AND {}",
        *CHECK_SELECT,
        scope.unit_condition("u", 2)
    ))
    .bind(&[id.into(), scope.param().into()])?
    .first(None)
    .await
}

pub struct NewCall<'a> {
    pub check_id: &'a str,
    pub outcome: &'a str,
    pub remark: &'a str,
    pub called_at: &'a str,
    pub called_at_ms: i64,
    pub called_by: &'a str,
}

pub fn insert_call(db: &D1Database, c: &NewCall<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO check_calls (check_id, outcome, remark, called_at, called_at_ms, called_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(&[
        c.check_id.into(),
        c.outcome.into(),
        c.remark.into(),
        c.called_at.into(),
        (c.called_at_ms as f64).into(),
        c.called_by.into(),
    ])
}

// ---- Reviews and flags -------------------------------------------------------------------

pub struct NewReview<'a> {
    pub submission_id: &'a str,
    pub outcome: &'a str,
    pub remark: &'a str,
    pub reviewed_at: &'a str,
    pub reviewed_at_ms: i64,
    pub reviewed_by: &'a str,
}

pub fn insert_review(db: &D1Database, r: &NewReview<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO submission_reviews (submission_id, outcome, remark, reviewed_at, \
         reviewed_at_ms, reviewed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(&[
        r.submission_id.into(),
        r.outcome.into(),
        r.remark.into(),
        r.reviewed_at.into(),
        (r.reviewed_at_ms as f64).into(),
        r.reviewed_by.into(),
    ])
}

#[derive(Deserialize)]
pub struct ReviewRow {
    pub submission_id: String,
    pub outcome: String,
    pub remark: String,
    pub reviewed_at: String,
    pub reviewed_by: String,
}

/// Review history of the given submissions, newest first.
pub async fn reviews_of(db: &D1Database, submission_ids: &[String]) -> Result<Vec<ReviewRow>> {
    let ids = serde_json::to_string(submission_ids).unwrap_or_else(|_| "[]".into());
    db.prepare(
        "SELECT r.submission_id, r.outcome, r.remark, r.reviewed_at, \
         COALESCE(ac.display_name, r.reviewed_by) AS reviewed_by FROM submission_reviews r \
         LEFT JOIN accounts ac ON r.reviewed_by = 'account:' || ac.id \
         WHERE r.submission_id IN (SELECT value FROM json_each(?1)) ORDER BY r.id DESC",
    )
    .bind(&[ids.into()])?
    .all()
    .await?
    .results()
}

#[derive(Deserialize)]
pub struct FlagRow {
    pub submission_id: String,
    pub position: u8,
    pub kind: String,
    pub distance: Option<u32>,
    pub captured_day: Option<String>,
    pub earlier_submission_id: Option<String>,
    pub earlier_position: Option<u8>,
    pub earlier_group_id: Option<String>,
    pub earlier_group_name: Option<String>,
    pub earlier_ist_day: Option<String>,
}

pub async fn flags_of(db: &D1Database, submission_ids: &[String]) -> Result<Vec<FlagRow>> {
    let ids = serde_json::to_string(submission_ids).unwrap_or_else(|_| "[]".into());
    db.prepare(
        "SELECT f.submission_id, f.position, f.kind, f.distance, f.captured_day, \
         f.earlier_submission_id, f.earlier_position, es.group_id AS earlier_group_id, \
         eg.name AS earlier_group_name, es.ist_day AS earlier_ist_day \
         FROM image_flags f LEFT JOIN submissions es ON es.id = f.earlier_submission_id \
         LEFT JOIN groups eg ON eg.id = es.group_id \
         WHERE f.submission_id IN (SELECT value FROM json_each(?1)) \
         ORDER BY f.position, f.kind, f.distance",
    )
    .bind(&[ids.into()])?
    .all()
    .await?
    .results()
}

/// Which of the submissions was drawn for a check on its day.
pub async fn checked_submissions(
    db: &D1Database,
    submission_ids: &[String],
) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
    }
    let ids = serde_json::to_string(submission_ids).unwrap_or_else(|_| "[]".into());
    let rows: Vec<Row> = db
        .prepare(
            "SELECT s.id FROM submissions s WHERE s.id IN (SELECT value FROM json_each(?1)) \
             AND EXISTS (SELECT 1 FROM checks c WHERE c.group_id = s.group_id AND c.ist_day = s.ist_day)",
        )
        .bind(&[ids.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The newest review outcome of a submission, as a SQL expression over alias `s`.
/// Ids of a day's submissions in scope, oldest first: all, or only those without a
/// review yet.
pub async fn review_queue_ids(
    db: &D1Database,
    scope: &Scope,
    day: &str,
    pending_only: bool,
    limit: u32,
) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
    }
    let pending = if pending_only {
        format!("AND {LATEST_REVIEW} IS NULL")
    } else {
        String::new()
    };
    let rows: Vec<Row> = db
        .prepare(format!(
            "SELECT s.id FROM submissions s JOIN groups g ON g.id = s.group_id \
             JOIN units u ON u.id = g.unit_id WHERE s.ist_day = ?1 {pending} AND {} \
             ORDER BY s.submitted_at_ms, s.id LIMIT ?3",
            scope.unit_condition("u", 2)
        ))
        .bind(&[day.into(), scope.param().into(), limit.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

#[derive(Deserialize)]
pub struct MySubmissionRow {
    pub id: String,
    pub group_name: String,
    pub ist_day: String,
    pub submitted_at: String,
    pub image_count: u8,
    pub images_received: u8,
    pub outcome: Option<String>,
    pub remark: Option<String>,
    pub reviewed_at: Option<String>,
}

/// A group admin's own latest submissions with their newest review.
pub async fn admin_submissions(
    db: &D1Database,
    admin_id: &str,
    limit: u32,
) -> Result<Vec<MySubmissionRow>> {
    db.prepare(
        "SELECT s.id, g.name AS group_name, s.ist_day, s.submitted_at, s.image_count, \
         (SELECT COUNT(*) FROM submission_images i WHERE i.submission_id = s.id) AS images_received, \
         r.outcome, r.remark, r.reviewed_at \
         FROM submissions s JOIN groups g ON g.id = s.group_id \
         LEFT JOIN submission_reviews r ON r.id = (SELECT MAX(x.id) FROM submission_reviews x \
           WHERE x.submission_id = s.id) \
         WHERE s.admin_id = ?1 ORDER BY s.submitted_at_ms DESC LIMIT ?2",
    )
    .bind(&[admin_id.into(), limit.into()])?
    .all()
    .await?
    .results()
}

pub struct StoredHash<'a> {
    pub submission_id: &'a str,
    pub position: u8,
    pub district_id: &'a str,
    pub group_id: &'a str,
    pub hash: u64,
    pub uploaded_at_ms: i64,
}

pub fn insert_hash(db: &D1Database, h: &StoredHash<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT OR IGNORE INTO image_hashes (submission_id, position, district_id, group_id, hi, lo, \
         uploaded_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(&[
        h.submission_id.into(),
        h.position.into(),
        h.district_id.into(),
        h.group_id.into(),
        ((h.hash >> 32) as f64).into(),
        ((h.hash & 0xffff_ffff) as f64).into(),
        (h.uploaded_at_ms as f64).into(),
    ])
}

#[derive(Deserialize)]
pub struct NearImage {
    pub submission_id: String,
    pub position: u8,
    pub distance: u32,
}

/// Earlier screenshots (other submissions) whose hash differs from `hash` in at most
/// `max_distance` bits: every earlier one of the same group, and the district's since
/// `district_since_ms`. SQLite has neither XOR nor popcount: `(a | b) - (a & b)` is the
/// XOR of two 32-bit halves, and the SWAR steps below count its bits.
pub async fn near_images(
    db: &D1Database,
    hash: u64,
    district_id: &str,
    group_id: &str,
    submission_id: &str,
    district_since_ms: i64,
    max_distance: u32,
) -> Result<Vec<NearImage>> {
    let (hi, lo) = ((hash >> 32) as f64, (hash & 0xffff_ffff) as f64);
    db.prepare(
        "WITH pool AS ( \
           SELECT submission_id, position, hi, lo FROM image_hashes WHERE group_id = ?4 \
           UNION \
           SELECT submission_id, position, hi, lo FROM image_hashes \
           WHERE district_id = ?3 AND uploaded_at_ms >= ?6), \
         x AS (SELECT submission_id, position, (hi | ?1) - (hi & ?1) AS a, (lo | ?2) - (lo & ?2) AS b \
           FROM pool WHERE submission_id <> ?5), \
         p1 AS (SELECT submission_id, position, a - ((a >> 1) & 1431655765) AS a, \
           b - ((b >> 1) & 1431655765) AS b FROM x), \
         p2 AS (SELECT submission_id, position, (a & 858993459) + ((a >> 2) & 858993459) AS a, \
           (b & 858993459) + ((b >> 2) & 858993459) AS b FROM p1), \
         p3 AS (SELECT submission_id, position, \
           ((((a + (a >> 4)) & 252645135) * 16843009) & 4294967295) >> 24 AS a, \
           ((((b + (b >> 4)) & 252645135) * 16843009) & 4294967295) >> 24 AS b FROM p2) \
         SELECT submission_id, position, a + b AS distance FROM p3 WHERE a + b <= ?7 \
         ORDER BY distance, submission_id, position LIMIT 5",
    )
    .bind(&[
        hi.into(),
        lo.into(),
        district_id.into(),
        group_id.into(),
        submission_id.into(),
        (district_since_ms as f64).into(),
        max_distance.into(),
    ])?
    .all()
    .await?
    .results()
}

/// Byte-identical earlier screenshots of the district (other submissions), for images
/// that came without a perceptual hash.
pub async fn same_bytes(
    db: &D1Database,
    sha256: &str,
    district_id: &str,
    submission_id: &str,
) -> Result<Vec<NearImage>> {
    db.prepare(
        "SELECT i.submission_id, i.position, 0 AS distance FROM submission_images i \
         JOIN submissions s ON s.id = i.submission_id JOIN groups g ON g.id = s.group_id \
         WHERE i.sha256 = ?1 AND g.district_id = ?2 AND i.submission_id <> ?3 \
         ORDER BY i.uploaded_at_ms LIMIT 5",
    )
    .bind(&[sha256.into(), district_id.into(), submission_id.into()])?
    .all()
    .await?
    .results()
}

pub struct NewFlag<'a> {
    pub submission_id: &'a str,
    pub position: u8,
    pub kind: &'a str,
    pub earlier: Option<(&'a str, u8)>,
    pub distance: Option<u32>,
    pub captured_day: Option<&'a str>,
    pub created_at: &'a str,
}

pub fn insert_flag(db: &D1Database, f: &NewFlag<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO image_flags (submission_id, position, kind, earlier_submission_id, \
         earlier_position, distance, captured_day, created_at) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM image_flags \
           WHERE submission_id = ?1 AND position = ?2 AND kind = ?3 \
           AND earlier_submission_id IS ?4 AND earlier_position IS ?5)",
    )
    .bind(&[
        f.submission_id.into(),
        f.position.into(),
        f.kind.into(),
        super::opt(f.earlier.map(|e| e.0)),
        super::opt(f.earlier.map(|e| e.1)),
        super::opt(f.distance),
        super::opt(f.captured_day),
        f.created_at.into(),
    ])
}

// ---- Compliance ----------------------------------------------------------------------------

#[derive(Deserialize)]
pub struct ReportingUnitRow {
    pub group_id: String,
    pub kind: String,
    pub parent_id: Option<String>,
    pub district_id: Option<String>,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub created_day: String,
    pub closed_day: Option<String>,
    pub name_en: String,
    pub name_hi: String,
}

pub async fn reporting_units(db: &D1Database, scope: &Scope) -> Result<Vec<ReportingUnitRow>> {
    db.prepare(format!(
        "SELECT g.id AS group_id, u.kind, u.parent_id, u.district_id, u.valid_from, u.valid_to, \
         substr(g.created_at, 1, 10) AS created_day, substr(g.closed_at, 1, 10) AS closed_day, \
         u.name_en, u.name_hi FROM groups g JOIN units u ON u.id = g.unit_id \
         WHERE u.kind IN ('gram_panchayat', 'ward') AND {}",
        scope.unit_condition("u", 1)
    ))
    .bind(&[scope.param().into()])?
    .all()
    .await?
    .results()
}

#[derive(Deserialize)]
pub struct UnitName {
    pub id: String,
    pub name_en: String,
    pub name_hi: String,
}

/// Names of the district(s), blocks and ULBs in scope.
pub async fn area_names(db: &D1Database, scope: &Scope) -> Result<Vec<UnitName>> {
    db.prepare(format!(
        "SELECT u.id, u.name_en, u.name_hi FROM units u \
         WHERE u.kind IN ('district', 'block', 'ulb') AND {}",
        scope.unit_condition("u", 1)
    ))
    .bind(&[scope.param().into()])?
    .all()
    .await?
    .results()
}

#[derive(Deserialize)]
pub struct ReportRow {
    pub group_id: String,
    pub ist_day: String,
    pub first_ms: i64,
    /// 1 when the day's only evidence is the chat export.
    pub self_reported: i64,
}

/// The first counted submission per group and day in `[from, to]` (the rule is
/// [`COUNTED_REPORT`]). A day on which the group's chat export shows the admin
/// posting campaign material (`chat_active_days`, migration 0006) counts as reported
/// too; the export gives no time, so such a day alone is taken as reported at the end
/// of the day: active, but not on time.
pub async fn counted_reports(
    db: &D1Database,
    scope: &Scope,
    from: &str,
    to: &str,
) -> Result<Vec<ReportRow>> {
    db.prepare(format!(
        "SELECT group_id, ist_day, MIN(first_ms) AS first_ms, MIN(self_reported) AS self_reported FROM (\
         SELECT s.group_id, s.ist_day, {REPORT_STORED_MS} AS first_ms, 0 AS self_reported FROM submissions s \
         JOIN groups g ON g.id = s.group_id JOIN units u ON u.id = g.unit_id \
         WHERE s.ist_day BETWEEN ?1 AND ?2 AND {} \
         AND {COUNTED_REPORT} \
         UNION ALL \
         SELECT c.group_id, c.ist_day, {CHAT_DAY_REPORTED_MS}, 1 \
         FROM chat_active_days c JOIN groups g ON g.id = c.group_id \
         JOIN units u ON u.id = g.unit_id WHERE c.ist_day BETWEEN ?1 AND ?2 AND {}) \
         GROUP BY group_id, ist_day",
        scope.unit_condition("u", 3),
        scope.unit_condition("u", 3)
    ))
    .bind(&[from.into(), to.into(), scope.param().into()])?
    .all()
    .await?
    .results()
}

#[derive(Deserialize)]
pub struct ActivityRow {
    pub admin_id: String,
    pub admin_name: String,
    pub mobile: String,
    pub group_id: String,
    pub group_name: String,
    pub unit_name_en: String,
    pub unit_name_hi: String,
    pub assigned_on: String,
    pub last_day: Option<String>,
}

/// Every open assignment in scope with the admin's latest submission for that group.
pub async fn admin_activity(db: &D1Database, scope: &Scope) -> Result<Vec<ActivityRow>> {
    db.prepare(format!(
        "SELECT a.admin_id, ad.name AS admin_name, ad.mobile, a.group_id, g.name AS group_name, \
         u.name_en AS unit_name_en, u.name_hi AS unit_name_hi, \
         substr(a.started_at, 1, 10) AS assigned_on, \
         (SELECT MAX(s.ist_day) FROM submissions s WHERE s.group_id = a.group_id \
           AND s.admin_id = a.admin_id) AS last_day \
         FROM assignments a JOIN admins ad ON ad.id = a.admin_id \
         JOIN groups g ON g.id = a.group_id JOIN units u ON u.id = g.unit_id \
         WHERE a.ended_at IS NULL AND g.closed_at IS NULL AND {}",
        scope.unit_condition("u", 1)
    ))
    .bind(&[scope.param().into()])?
    .all()
    .await?
    .results()
}

// ---- Status of every group for a day (the collector's map) ----------------------------------

#[derive(Deserialize)]
pub struct StatusRow {
    pub group_id: String,
    pub has_admin: i64,
    pub check_deadline_ms: Option<i64>,
    pub submitted: i64,
    pub verified: i64,
}

/// One query for a whole area: per open GP or ward group, whether it has an admin, the
/// deadline of a check drawn that day, and whether it has a counted ([`COUNTED_REPORT`])
/// or a verified submission that day. Each column is an index probe per group
/// (assignments_one_open_per_group, checks_by_group, submissions_by_group_day,
/// submission_reviews_by_submission), so the cost grows with the number of groups only.
pub async fn day_status(db: &D1Database, scope: &Scope, day: &str) -> Result<Vec<StatusRow>> {
    db.prepare(format!(
        "SELECT g.id AS group_id, \
         EXISTS (SELECT 1 FROM assignments a WHERE a.group_id = g.id AND a.ended_at IS NULL) AS has_admin, \
         (SELECT MIN(c.deadline_ms) FROM checks c WHERE c.group_id = g.id AND c.ist_day = ?1) AS check_deadline_ms, \
         EXISTS (SELECT 1 FROM submissions s WHERE s.group_id = g.id AND s.ist_day = ?1 \
           AND {COUNTED_REPORT}) AS submitted, \
         EXISTS (SELECT 1 FROM submissions s WHERE s.group_id = g.id AND s.ist_day = ?1 \
           AND {COUNTED_REPORT} AND {LATEST_REVIEW} = 'verified') AS verified \
         FROM groups g JOIN units u ON u.id = g.unit_id \
         WHERE g.closed_at IS NULL AND u.kind IN ('gram_panchayat', 'ward') AND {} ORDER BY g.id",
        scope.unit_condition("u", 2)
    ))
    .bind(&[day.into(), scope.param().into()])?
    .all()
    .await?
    .results()
}
