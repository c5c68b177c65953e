//! The map's queries. Each answer is built by SQLite itself as JSON (`json_group_array`),
//! so a state's 25,000 markers cost one row crossing into the worker, not 25,000.
//!
//! The day's drawn checks and review outcomes come from monitoring's tables (`checks`,
//! `submission_reviews`, migration 0003).

use serde::Deserialize;

use crate::db::{D1Database, Result};
use crate::scope::{Area, Scope};

use super::{open_on, CHAT_DAY_REPORTED_MS, COUNTED_REPORT, LATEST_REVIEW, REPORT_STORED_MS};

/// The unit a map or report covers (a state, district or block), with its names.
#[derive(Clone, Debug)]
pub struct AreaUnit {
    pub area: Area,
    /// The district for district and block areas (the change counter is per district).
    pub district_id: Option<String>,
    pub name_en: String,
    pub name_hi: String,
    pub kind: String,
    pub code: String,
}

/// The area's GP and ward groups that exist on the day bound as `?2` (units alias `u`,
/// groups `g`), by the rule every other reader uses ([`open_on`]).
fn open_groups(area: &Area) -> String {
    format!(
        "units u JOIN groups g ON g.unit_id = u.id WHERE {} AND {}",
        area.units("u", 1),
        open_on(2)
    )
}

#[derive(Deserialize)]
struct Version {
    v: f64,
}

#[derive(Deserialize)]
pub struct AreaRow {
    pub id: String,
    pub kind: String,
    pub code: String,
    pub name_en: String,
    pub name_hi: String,
    pub district_id: Option<String>,
}

/// A unit inside `scope` that a map or report may cover.
pub async fn area_unit(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<AreaRow>> {
    db.prepare(format!(
        "SELECT u.id, u.kind, u.code, u.name_en, u.name_hi, u.district_id FROM units u \
         WHERE u.id = ?1 AND {}",
        scope.unit_condition("u", 2)
    ))
    .bind(&[id.into(), scope.param().into()])?
    .first(None)
    .await
}

/// Every change of state writes an audit entry in the same transaction, with its
/// district: the newest entry's id is a change counter. One index seek (district) or
/// the rowid's maximum (the whole state: no district).
pub async fn version(db: &D1Database, district_id: Option<&str>) -> Result<(i64, usize)> {
    let stmt = match district_id {
        Some(d) => db
            .prepare("SELECT coalesce(max(id), 0) AS v FROM audit_log WHERE district_id = ?1")
            .bind(&[d.into()])?,
        None => db.prepare("SELECT coalesce(max(id), 0) AS v FROM audit_log"),
    };
    let result = stmt.all().await?;
    let rows_read = rows_read(&result);
    let v = result
        .results::<Version>()?
        .first()
        .map_or(0, |r| r.v as i64);
    Ok((v, rows_read))
}

pub fn rows_read(result: &crate::db::D1Result) -> usize {
    result
        .meta()
        .ok()
        .flatten()
        .and_then(|m| m.rows_read)
        .unwrap_or(0)
}

#[derive(Deserialize)]
struct UnitsJson {
    parents: String,
    units: String,
}

/// `(parents JSON array, units JSON array, rows read)` for [`prasar_core::api::MapUnits`].
/// The markers are the groups that exist on `day` (the map shows today).
pub async fn units(db: &D1Database, area: &Area, day: &str) -> Result<(String, String, usize)> {
    let parents_kind = if area.column == "block_id" {
        "u.kind = 'block'"
    } else {
        "u.kind IN ('block', 'ulb')"
    };
    let sql = format!(
        "SELECT \
          (SELECT json_group_array(json_object('id', u.id, 'kind', u.kind, 'name_en', u.name_en, \
             'name_hi', u.name_hi)) FROM (SELECT * FROM units u WHERE {in_area} AND {parents_kind} \
             AND (u.valid_to IS NULL OR u.valid_to >= ?2) ORDER BY u.kind, u.name_en) u) AS parents, \
          (SELECT json_group_array(json_array(g.id, u.kind = 'ward', coalesce(u.parent_id, ''), \
             u.name_en, u.name_hi, u.lon, u.lat, u.location_exact)) FROM {groups}) AS units",
        in_area = area.units("u", 1),
        groups = open_groups(area),
    );
    let result = db
        .prepare(sql)
        .bind(&[area.id.as_str().into(), day.into()])?
        .all()
        .await?;
    let read = rows_read(&result);
    let row = result
        .results::<UnitsJson>()?
        .into_iter()
        .next()
        .map_or(("[]".into(), "[]".into()), |r| (r.parents, r.units));
    Ok((row.0, row.1, read))
}

#[derive(Deserialize)]
struct StatusJson {
    no_admin: String,
    reports: String,
    checks: String,
}

/// The facts of [`prasar_core::api::MapStatus`] for `day`, in one statement.
pub async fn status(
    db: &D1Database,
    area: &Area,
    day: &str,
) -> Result<(String, String, String, usize)> {
    let groups = open_groups(area);
    // The day's counted reports per group, driven from the area's groups through the
    // (group_id, ist_day) indexes: reports with a stored screenshot whose newest review
    // is not a rejection ([`COUNTED_REPORT`]), and a day the group's chat export shows
    // campaign material posted (one report at the day's end, as the reports and
    // compliance count it; it adds nothing to a day with screenshots).
    let from = "units u JOIN groups g ON g.unit_id = u.id";
    let in_area = format!("{} AND {}", area.units("u", 1), open_on(2));
    let reports = format!(
        "SELECT json_group_array(json_array(x.id, CASE WHEN x.n > 0 THEN x.n ELSE 1 END, \
           CASE WHEN x.verified THEN 'verified' ELSE 'none' END, x.first_ms)) FROM \
         (SELECT id, sum(n) AS n, min(first_ms) AS first_ms, max(verified) AS verified FROM \
          (SELECT g.id, count(*) AS n, min({REPORT_STORED_MS}) AS first_ms, \
            max(coalesce({LATEST_REVIEW}, '') = 'verified') AS verified \
           FROM {from} JOIN submissions s ON s.group_id = g.id AND s.ist_day = ?2 \
           WHERE {in_area} AND {COUNTED_REPORT} GROUP BY g.id \
           UNION ALL \
           SELECT g.id, 0, {CHAT_DAY_REPORTED_MS}, 0 \
           FROM {from} JOIN chat_active_days c ON c.group_id = g.id AND c.ist_day = ?2 \
           WHERE {in_area}) \
          GROUP BY id) x"
    );
    // The day's drawn checks, through the (group_id, ist_day) index of `checks`.
    let checks = format!(
        "SELECT json_group_array(json_array(c.group_id, c.level, c.deadline_ms)) \
         FROM {from} JOIN checks c ON c.group_id = g.id AND c.ist_day = ?2 WHERE {in_area}"
    );
    let sql = format!(
        "SELECT \
          (SELECT json_group_array(g.id) FROM {groups} AND NOT EXISTS (SELECT 1 FROM assignments a \
             WHERE a.group_id = g.id AND a.ended_at IS NULL)) AS no_admin, \
          ({reports}) AS reports, \
          ({checks}) AS checks"
    );
    let result = db
        .prepare(sql)
        .bind(&[area.id.as_str().into(), day.into()])?
        .all()
        .await?;
    let read = rows_read(&result);
    let row = result.results::<StatusJson>()?.into_iter().next();
    Ok(match row {
        Some(r) => (r.no_admin, r.reports, r.checks, read),
        None => ("[]".into(), "[]".into(), "[]".into(), read),
    })
}

#[derive(Deserialize)]
pub struct StoredOutline {
    pub layer: String,
    pub body: String,
}

pub async fn outlines(db: &D1Database, district_id: &str) -> Result<Vec<StoredOutline>> {
    db.prepare("SELECT layer, body FROM map_outlines WHERE district_id = ?1 ORDER BY layer")
        .bind(&[district_id.into()])?
        .all()
        .await?
        .results()
}

pub struct NewOutline<'a> {
    pub district_id: &'a str,
    pub layer: &'a str,
    pub body: &'a str,
    pub features: u32,
    pub vertices: u32,
    pub uploaded_by: &'a str,
    pub uploaded_at: &'a str,
}

pub fn upsert_outline(
    db: &D1Database,
    o: &NewOutline<'_>,
) -> Result<crate::db::D1PreparedStatement> {
    db.prepare(
        "INSERT INTO map_outlines (district_id, layer, body, features, vertices, uploaded_by, uploaded_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (district_id, layer) DO UPDATE SET \
         body = excluded.body, features = excluded.features, vertices = excluded.vertices, \
         uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at",
    )
    .bind(&[
        o.district_id.into(),
        o.layer.into(),
        o.body.into(),
        o.features.into(),
        o.vertices.into(),
        o.uploaded_by.into(),
        o.uploaded_at.into(),
    ])
}

#[derive(Deserialize)]
pub struct PanelCheckRow {
    pub id: String,
    pub ist_day: String,
    pub level: String,
    pub deadline_ms: f64,
    pub first_ms: Option<f64>,
    pub calls: u32,
}

/// A group's checks from `since` on, newest first (the group is already in scope).
pub async fn group_checks(
    db: &D1Database,
    group_id: &str,
    since: &str,
) -> Result<Vec<PanelCheckRow>> {
    // The check's report follows the one counting rule (see storage::monitoring).
    db.prepare(format!(
        "SELECT c.id, c.ist_day, c.level, c.deadline_ms, \
         (SELECT min({REPORT_STORED_MS}) FROM submissions s WHERE s.group_id = c.group_id \
            AND s.ist_day = c.ist_day AND {COUNTED_REPORT}) AS first_ms, \
         (SELECT count(*) FROM check_calls k WHERE k.check_id = c.id) AS calls \
         FROM checks c WHERE c.group_id = ?1 AND c.ist_day >= ?2 \
         ORDER BY c.ist_day DESC, c.level LIMIT 20"
    ))
    .bind(&[group_id.into(), since.into()])?
    .all()
    .await?
    .results()
}

#[derive(Deserialize)]
pub struct PanelReviewRow {
    pub submission_id: String,
    pub ist_day: String,
    pub outcome: String,
    pub remark: String,
    pub reviewed_at: String,
    pub reviewed_by: String,
}

/// Review decisions on a group's reports from `since` on, newest first.
pub async fn group_reviews(
    db: &D1Database,
    group_id: &str,
    since: &str,
) -> Result<Vec<PanelReviewRow>> {
    db.prepare(
        "SELECT r.submission_id, s.ist_day, r.outcome, r.remark, r.reviewed_at, r.reviewed_by \
         FROM submissions s JOIN submission_reviews r ON r.submission_id = s.id \
         WHERE s.group_id = ?1 AND s.ist_day >= ?2 ORDER BY r.id DESC LIMIT 50",
    )
    .bind(&[group_id.into(), since.into()])?
    .all()
    .await?
    .results()
}
