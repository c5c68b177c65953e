//! Chat-export activity: per group and IST day, counts only (`chat_activity_days`) and
//! the campaign items the admin's messages matched (`chat_activity_campaign_items`).
//! A whole upload is written by three statements whatever its length: the days and the
//! items travel as one bound JSON parameter each, built here from validated values.

use prasar_core::api::ChatCampaignItem;
use prasar_core::chat_activity::{DayCounts, ValidDay};
use serde::Deserialize;

use crate::db::{D1Database, D1PreparedStatement, Result};

/// A stored day with its campaign items.
pub struct StoredDay {
    pub day: String,
    pub counts: DayCounts,
    pub campaign_item_ids: Vec<String>,
}

#[derive(Deserialize)]
struct DayRow {
    ist_day: String,
    admin_messages: u32,
    other_messages: u32,
    admin_media: u32,
    other_media: u32,
    joins: u32,
    leaves: u32,
    /// JSON array of campaign item ids.
    items: String,
}

/// The group's stored days in `from..=to` (IST days), oldest first.
pub async fn days(db: &D1Database, group_id: &str, from: &str, to: &str) -> Result<Vec<StoredDay>> {
    let rows: Vec<DayRow> = db
        .prepare(
            "SELECT d.ist_day, d.admin_messages, d.other_messages, d.admin_media, d.other_media, \
             d.joins, d.leaves, (SELECT json_group_array(c.campaign_item_id) \
             FROM chat_activity_campaign_items c WHERE c.group_id = d.group_id \
             AND c.ist_day = d.ist_day) AS items \
             FROM chat_activity_days d WHERE d.group_id = ?1 AND d.ist_day BETWEEN ?2 AND ?3 \
             ORDER BY d.ist_day",
        )
        .bind(&[group_id.into(), from.into(), to.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut campaign_item_ids: Vec<String> =
                serde_json::from_str(&r.items).unwrap_or_default();
            campaign_item_ids.sort();
            StoredDay {
                day: r.ist_day,
                counts: DayCounts {
                    admin_messages: r.admin_messages,
                    other_messages: r.other_messages,
                    admin_media: r.admin_media,
                    other_media: r.other_media,
                    joins: r.joins,
                    leaves: r.leaves,
                },
                campaign_item_ids,
            }
        })
        .collect())
}

/// Joins and leaves per day in `from..=to`, for member growth.
pub async fn membership(
    db: &D1Database,
    group_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<(String, u32, u32)>> {
    #[derive(Deserialize)]
    struct Row {
        ist_day: String,
        joins: u32,
        leaves: u32,
    }
    let rows: Vec<Row> = db
        .prepare(
            "SELECT ist_day, joins, leaves FROM chat_activity_days WHERE group_id = ?1 \
             AND ist_day BETWEEN ?2 AND ?3 AND (joins > 0 OR leaves > 0)",
        )
        .bind(&[group_id.into(), from.into(), to.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows
        .into_iter()
        .map(|r| (r.ist_day, r.joins, r.leaves))
        .collect())
}

/// When an export last changed the group's numbers.
pub async fn last_update(db: &D1Database, group_id: &str) -> Result<Option<String>> {
    #[derive(Deserialize)]
    struct Row {
        updated_at: String,
    }
    let row: Option<Row> = db
        .prepare(
            "SELECT updated_at FROM chat_activity_days WHERE group_id = ?1 \
             ORDER BY updated_at_ms DESC LIMIT 1",
        )
        .bind(&[group_id.into()])?
        .first(None)
        .await?;
    Ok(row.map(|r| r.updated_at))
}

/// The latest member count reported for the group, and when (epoch ms).
pub async fn latest_member_count(db: &D1Database, group_id: &str) -> Result<Option<(u32, i64)>> {
    #[derive(Deserialize)]
    struct Row {
        member_count: u32,
        reported_at_ms: f64,
    }
    let row: Option<Row> = db
        .prepare(
            "SELECT member_count, reported_at_ms FROM member_counts WHERE group_id = ?1 \
             ORDER BY reported_at_ms DESC, id DESC LIMIT 1",
        )
        .bind(&[group_id.into()])?
        .first(None)
        .await?;
    Ok(row.map(|r| (r.member_count, r.reported_at_ms as i64)))
}

/// The condition "campaign item `ci` targets an area holding the group `g` (units `u`)".
const ITEM_IN_GROUP_AREA: &str = "ci.withdrawn_at IS NULL \
     AND ci.area_id IN (u.state_id, u.district_id, u.block_id, u.parent_id)";

/// Campaign items of the group's area running at some point in `from..=to`.
pub async fn campaign_items(
    db: &D1Database,
    group_id: &str,
    from: &str,
    to: &str,
    limit: u32,
) -> Result<Vec<ChatCampaignItem>> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
        title_hi: String,
        title_en: String,
        description_hi: String,
        description_en: String,
        link_url: Option<String>,
        starts_on: String,
        ends_on: String,
    }
    let rows: Vec<Row> = db
        .prepare(format!(
            "SELECT ci.id, ci.title_hi, ci.title_en, ci.description_hi, ci.description_en, \
             ci.link_url, ci.starts_on, ci.ends_on \
             FROM campaign_items ci, groups g JOIN units u ON u.id = g.unit_id \
             WHERE g.id = ?1 AND {ITEM_IN_GROUP_AREA} AND ci.starts_on <= ?3 AND ci.ends_on >= ?2 \
             ORDER BY ci.starts_on, ci.id LIMIT ?4"
        ))
        .bind(&[group_id.into(), from.into(), to.into(), limit.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows
        .into_iter()
        .map(|r| ChatCampaignItem {
            id: r.id,
            title_hi: r.title_hi,
            title_en: r.title_en,
            description_hi: r.description_hi,
            description_en: r.description_en,
            link_url: r.link_url,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
        })
        .collect())
}

/// Of the claimed `(day, item id)` pairs, those that name an item of the group's area
/// running on that day. `claims` is a JSON array of `{"day": …, "id": …}`.
pub async fn valid_campaign_claims(
    db: &D1Database,
    group_id: &str,
    admin_id: &str,
    claims: &str,
) -> Result<u32> {
    #[derive(Deserialize)]
    struct Row {
        n: u32,
    }
    // A claim counts only for a day the item ran, on which it already existed (published
    // before that IST day ended: `created_at` is an IST timestamp, so its first ten
    // characters are its IST day) and on which the claimant already administered the
    // group. Otherwise an item created today with a past start, or an admin appointed
    // today, could fill past days with evidence nobody saw.
    let row: Option<Row> = db
        .prepare(format!(
            "SELECT count(*) AS n FROM json_each(?2) j, campaign_items ci, groups g \
             JOIN units u ON u.id = g.unit_id \
             WHERE g.id = ?1 AND ci.id = json_extract(j.value, '$.id') AND {ITEM_IN_GROUP_AREA} \
             AND json_extract(j.value, '$.day') BETWEEN ci.starts_on AND ci.ends_on \
             AND substr(ci.created_at, 1, 10) <= json_extract(j.value, '$.day') \
             AND EXISTS (SELECT 1 FROM assignments a WHERE a.group_id = g.id AND a.admin_id = ?3 \
               AND substr(a.started_at, 1, 10) <= json_extract(j.value, '$.day') \
               AND (a.ended_at IS NULL OR substr(a.ended_at, 1, 10) >= json_extract(j.value, '$.day')))"
        ))
        .bind(&[group_id.into(), claims.into(), admin_id.into()])?
        .first(None)
        .await?;
    Ok(row.map_or(0, |r| r.n))
}

/// JSON of the days to write (validated values only).
pub fn days_json(days: &[&ValidDay]) -> String {
    serde_json::Value::Array(
        days.iter()
            .map(|d| {
                serde_json::json!({
                    "day": d.day.to_string(),
                    "admin_messages": d.counts.admin_messages,
                    "other_messages": d.counts.other_messages,
                    "admin_media": d.counts.admin_media,
                    "other_media": d.counts.other_media,
                    "joins": d.counts.joins,
                    "leaves": d.counts.leaves,
                })
            })
            .collect(),
    )
    .to_string()
}

/// JSON of `(day, item id)` claims.
pub fn claims_json(days: &[&ValidDay]) -> String {
    serde_json::Value::Array(
        days.iter()
            .flat_map(|d| {
                d.campaign_item_ids
                    .iter()
                    .map(|id| serde_json::json!({"day": d.day.to_string(), "id": id}))
            })
            .collect(),
    )
    .to_string()
}

/// Creates the days, or raises each stored count to the new value where larger.
pub fn upsert_days(
    db: &D1Database,
    group_id: &str,
    days_json: &str,
    at: &str,
    at_ms: i64,
    actor: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO chat_activity_days (group_id, ist_day, admin_messages, other_messages, \
         admin_media, other_media, joins, leaves, first_uploaded_at, updated_at, updated_at_ms, \
         updated_by) \
         SELECT ?1, json_extract(j.value, '$.day'), json_extract(j.value, '$.admin_messages'), \
         json_extract(j.value, '$.other_messages'), json_extract(j.value, '$.admin_media'), \
         json_extract(j.value, '$.other_media'), json_extract(j.value, '$.joins'), \
         json_extract(j.value, '$.leaves'), ?3, ?3, ?4, ?5 FROM json_each(?2) j WHERE true \
         ON CONFLICT (group_id, ist_day) DO UPDATE SET \
         admin_messages = max(admin_messages, excluded.admin_messages), \
         other_messages = max(other_messages, excluded.other_messages), \
         admin_media = max(admin_media, excluded.admin_media), \
         other_media = max(other_media, excluded.other_media), \
         joins = max(joins, excluded.joins), \
         leaves = max(leaves, excluded.leaves), \
         uploads = uploads + 1, \
         updated_at = excluded.updated_at, updated_at_ms = excluded.updated_at_ms, \
         updated_by = excluded.updated_by",
    )
    .bind(&[
        group_id.into(),
        days_json.into(),
        at.into(),
        (at_ms as f64).into(),
        actor.into(),
    ])
}

/// Adds the matched campaign items (the claims were checked before).
pub fn insert_campaign_items(
    db: &D1Database,
    group_id: &str,
    claims_json: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT OR IGNORE INTO chat_activity_campaign_items (group_id, ist_day, campaign_item_id) \
         SELECT ?1, json_extract(j.value, '$.day'), json_extract(j.value, '$.id') \
         FROM json_each(?2) j",
    )
    .bind(&[group_id.into(), claims_json.into()])
}

/// Recounts the campaign items of the written days.
pub fn recount_campaign_items(
    db: &D1Database,
    group_id: &str,
    days_json: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE chat_activity_days SET campaign_items = (SELECT count(*) \
         FROM chat_activity_campaign_items c WHERE c.group_id = chat_activity_days.group_id \
         AND c.ist_day = chat_activity_days.ist_day) \
         WHERE group_id = ?1 AND ist_day IN (SELECT json_extract(j.value, '$.day') \
         FROM json_each(?2) j)",
    )
    .bind(&[group_id.into(), days_json.into()])
}
