//! Drawn checks with their state's facts, and the calls logged on them. Every read is
//! limited by the caller's scope (a condition on the units table aliased `u`).

use chrono::NaiveDate;
use prasar_core::api::GroupKind;
use prasar_core::draw::Level;
use serde::Deserialize;

use super::{COUNTED_REPORT, REPORT_STORED_MS};
use crate::db::{D1Database, D1PreparedStatement, Result};
use crate::scope::Scope;

#[derive(Deserialize)]
pub struct CheckRow {
    pub id: String,
    pub district_id: String,
    pub ist_day: NaiveDate,
    pub level: Level,
    pub pool: GroupKind,
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
