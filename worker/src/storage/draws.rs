//! The daily draw's tables (migrations/0003_monitoring.sql): which districts and levels
//! are drawn on a day, the candidates, and the draw and check rows it writes.

use chrono::NaiveDate;
use prasar_core::api::GroupKind;
use prasar_core::audit::AuditAction;
use serde::Deserialize;

use crate::db::{D1Database, D1PreparedStatement, Result};
use crate::scope::Scope;

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

/// Did the day's draw run for the district the caller's area lies in (any of them, for a
/// state)? A block officer's block is not a district, but the draw of its district ran
/// for it too, whether or not one of its groups was drawn.
pub async fn drawn_for_scope(db: &D1Database, scope: &Scope, day: &str) -> Result<bool> {
    #[derive(Deserialize)]
    struct Row {
        #[serde(deserialize_with = "prasar_core::rows::int_bool")]
        drawn: bool,
    }
    let row: Option<Row> = db
        .prepare(format!(
            "SELECT EXISTS (SELECT 1 FROM daily_draws d WHERE d.ist_day = ?1 AND d.district_id IN \
             (SELECT coalesce(u.district_id, u.id) FROM units u WHERE {})) AS drawn",
            scope.unit_condition("u", 2)
        ))
        .bind(&[day.into(), scope.param().into()])?
        .first(None)
        .await?;
    Ok(row.is_some_and(|r| r.drawn))
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
    pub kind: GroupKind,
    pub valid_from: String,
    pub valid_to: Option<String>,
    /// IST days of the group's creation and closing (first 10 characters of the
    /// RFC 3339 timestamps, which carry +05:30).
    pub created_day: String,
    pub closed_day: Option<String>,
    #[serde(deserialize_with = "prasar_core::rows::int_bool")]
    pub has_admin: bool,
    pub admin_id: Option<String>,
    pub last_day: Option<NaiveDate>,
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
         SELECT ?1, ?2, ?3, ?7, 'daily_draw', ?3 || '/' || ?4 || '/' || ?5, ?6 \
         WHERE NOT EXISTS (SELECT 1 FROM daily_draws WHERE district_id = ?3 AND ist_day = ?4 AND level = ?5)",
    )
    .bind(&[
        d.created_at.into(),
        d.created_by.into(),
        d.district_id.into(),
        d.ist_day.into(),
        d.level.into(),
        detail.into(),
        AuditAction::DrawRun.as_str().into(),
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
