//! The facts of a set of groups over a range of IST days, for one area: the groups (with
//! their admin, latest member count and the last day's check and review), the area's
//! districts, blocks and ULBs, and the days each group reported. Every view of "did group
//! G report on day D, and what is its status?" — compliance, inactive admins, the day's
//! status, the reports — is computed from these three reads by `prasar_core::report`.

use prasar_core::report::{GroupRecord, ParentInfo};
use serde::Deserialize;

use super::map::rows_read;
use super::{CHAT_DAY_REPORTED_MS, COUNTED_REPORT, LATEST_REVIEW, REPORT_STORED_MS};
use crate::db::{D1Database, Result};
use crate::scope::Area;

/// Every GP and ward group of the area, open or closed (closed ones count for the days
/// they existed).
pub async fn groups(
    db: &D1Database,
    area: &Area,
    last_day: &str,
) -> Result<(Vec<GroupRecord>, usize)> {
    let result = db
        .prepare(format!(
            "SELECT g.id AS group_id, u.kind, g.name AS group_name, \
             coalesce(u.parent_id, '') AS parent_id, \
             coalesce(u.district_id, '') AS district_id, u.name_en, u.name_hi, u.valid_from, u.valid_to, \
             substr(g.created_at, 1, 10) AS created_on, substr(g.closed_at, 1, 10) AS closed_on, \
             g.member_limit, \
             (SELECT mc.member_count FROM member_counts mc WHERE mc.group_id = g.id \
                ORDER BY mc.reported_at_ms DESC, mc.id DESC LIMIT 1) AS member_count, \
             a.admin_id, ad.name AS admin_name, ad.mobile AS admin_mobile, \
             substr(a.started_at, 1, 10) AS admin_since, \
             (SELECT max(s.ist_day) FROM submissions s WHERE s.admin_id = a.admin_id \
                AND s.group_id = g.id) AS admin_last_day, \
             EXISTS (SELECT 1 FROM assignments h WHERE h.group_id = g.id \
                AND substr(h.started_at, 1, 10) <= ?2 \
                AND (h.ended_at IS NULL OR substr(h.ended_at, 1, 10) >= ?2)) AS had_admin, \
             (SELECT min(c.deadline_ms) FROM checks c WHERE c.group_id = g.id \
                AND c.ist_day = ?2) AS check_deadline_ms, \
             EXISTS (SELECT 1 FROM submissions s WHERE s.group_id = g.id AND s.ist_day = ?2 \
                AND {COUNTED_REPORT} AND {LATEST_REVIEW} = 'verified') AS verified \
             FROM units u JOIN groups g ON g.unit_id = u.id \
             LEFT JOIN assignments a ON a.group_id = g.id AND a.ended_at IS NULL \
             LEFT JOIN admins ad ON ad.id = a.admin_id \
             WHERE {} AND u.kind IN ('gram_panchayat', 'ward')",
            area.units("u", 1)
        ))
        .bind(&[area.id.as_str().into(), last_day.into()])?
        .all()
        .await?;
    let read = rows_read(&result);
    Ok((result.results()?, read))
}

/// The area's districts, blocks and ULBs (the area's own unit included).
pub async fn parents(db: &D1Database, area: &Area) -> Result<Vec<ParentInfo>> {
    db.prepare(format!(
        "SELECT u.id, u.kind, u.name_en, u.name_hi FROM units u \
         WHERE ({} OR u.id = ?1) AND u.kind IN ('district', 'block', 'ulb')",
        area.units("u", 1)
    ))
    .bind(&[area.id.as_str().into()])?
    .all()
    .await?
    .results()
}

#[derive(Deserialize)]
struct DaysJson {
    days: String,
}

/// `[[group id, IST day, first report's epoch ms], …]` for `from..=to`, one entry per
/// group and day with a counted report ([`COUNTED_REPORT`]) or, as monitoring's
/// compliance counts it, a chat export showing the admin posting campaign material
/// (taken as reported at the day's end: active, not on time).
pub async fn report_days(
    db: &D1Database,
    area: &Area,
    from: &str,
    to: &str,
) -> Result<(String, usize)> {
    let result = db
        .prepare(format!(
            "SELECT json_group_array(json_array(x.group_id, x.ist_day, x.first_ms, x.self_reported)) AS days FROM \
             (SELECT group_id, ist_day, min(first_ms) AS first_ms, min(self_reported) AS self_reported FROM \
              (SELECT s.group_id, s.ist_day, {REPORT_STORED_MS} AS first_ms, 0 AS self_reported \
               FROM units u JOIN groups g ON g.unit_id = u.id \
               JOIN submissions s ON s.group_id = g.id AND s.ist_day BETWEEN ?2 AND ?3 \
               WHERE {in_area} AND u.kind IN ('gram_panchayat', 'ward') AND {COUNTED_REPORT} \
               UNION ALL \
               SELECT c.group_id, c.ist_day, {CHAT_DAY_REPORTED_MS}, 1 \
               FROM units u JOIN groups g ON g.unit_id = u.id \
               JOIN chat_active_days c ON c.group_id = g.id AND c.ist_day BETWEEN ?2 AND ?3 \
               WHERE {in_area} AND u.kind IN ('gram_panchayat', 'ward')) \
              GROUP BY group_id, ist_day) x",
            in_area = area.units("u", 1)
        ))
        .bind(&[area.id.as_str().into(), from.into(), to.into()])?
        .all()
        .await?;
    let read = rows_read(&result);
    let days = result
        .results::<DaysJson>()?
        .into_iter()
        .next()
        .map_or_else(|| "[]".to_owned(), |r| r.days);
    Ok((days, read))
}
