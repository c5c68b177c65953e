//! The read queries of compliance (reporting units, counted reports, admins' activity).
//! Every read is limited by the caller's scope.

use chrono::NaiveDate;
use prasar_core::api::GroupKind;
use serde::Deserialize;

use super::{CHAT_DAY_REPORTED_MS, COUNTED_REPORT, REPORT_STORED_MS};
use crate::db::{D1Database, Result};
use crate::scope::Scope;

#[derive(Deserialize)]
pub struct ReportingUnitRow {
    pub group_id: String,
    pub kind: GroupKind,
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
    pub last_day: Option<NaiveDate>,
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
