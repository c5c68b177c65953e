//! Storing and reading chat-export activity. An upload is validated in `core`, its
//! campaign claims are checked against the items of the group's area, and only the days
//! it raises are written, with their audit entry, in one D1 batch (one transaction). The
//! upsert itself takes the larger of the stored and the new value per count, so two
//! uploads racing each other still never count anything twice.

use prasar_core::audit::AuditAction;
use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use prasar_core::api::{
    ChatActivityDayView, ChatActivityStored, ChatActivityUpload, ChatActivityView, ChatDayStatus,
};
use prasar_core::chat_activity::{
    day_status, member_growth, merge_outcome, validate_upload, MergeOutcome, ValidDay,
};
use prasar_core::error::ErrorCode;
use prasar_core::time::{ist_day, ist_timestamp, parse_day};

use crate::db::D1Database;
use crate::http::Failure;
use crate::scope::Scope;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::chat_activity as rows;
use crate::storage::groups::{self, GroupRow};

/// The group admin sending an export's numbers.
pub struct ChatAdmin<'a> {
    pub admin_id: &'a str,
    pub district_id: &'a str,
}

pub async fn store(
    db: &D1Database,
    who: &ChatAdmin<'_>,
    group_id: &str,
    upload: &ChatActivityUpload,
    now_ms: i64,
) -> Result<ChatActivityStored, Failure> {
    // Admins reach only the groups they currently administer.
    let scope = Scope::Admin {
        admin_id: who.admin_id.to_owned(),
    };
    let group = groups::find(db, &scope, group_id)
        .await?
        .ok_or(Failure(ErrorCode::GroupNotFound))?;
    let valid = validate_upload(upload, ist_day(now_ms))?;
    let (Some(first), Some(last)) = (valid.first_day(), valid.last_day()) else {
        return Err(ErrorCode::ChatActivityNoDays.into());
    };
    let (first, last) = (first.to_string(), last.to_string());

    let all: Vec<&ValidDay> = valid.days.iter().collect();
    let claimed: usize = valid.days.iter().map(|d| d.campaign_item_ids.len()).sum();
    if claimed > 0
        && rows::valid_campaign_claims(db, group_id, who.admin_id, &rows::claims_json(&all)).await?
            as usize
            != claimed
    {
        return Err(ErrorCode::InvalidCampaignItems.into());
    }

    let stored: HashMap<String, rows::StoredDay> = rows::days(db, group_id, &first, &last)
        .await?
        .into_iter()
        .map(|d| (d.day.clone(), d))
        .collect();
    let mut result = ChatActivityStored {
        group_id: group_id.to_owned(),
        first_day: Some(first.clone()),
        last_day: Some(last.clone()),
        days_created: 0,
        days_updated: 0,
        days_unchanged: 0,
    };
    let mut changed: Vec<&ValidDay> = Vec::new();
    for d in &valid.days {
        let before = stored
            .get(&d.day.to_string())
            .map(|s| (s.counts, s.campaign_item_ids.as_slice()));
        match merge_outcome(before, d) {
            MergeOutcome::Created => result.days_created += 1,
            MergeOutcome::Updated => result.days_updated += 1,
            MergeOutcome::Unchanged => {
                result.days_unchanged += 1;
                continue;
            }
        }
        changed.push(d);
    }
    if changed.is_empty() {
        // The same export again: nothing changes, so nothing is written or logged.
        return Ok(result);
    }

    let at = ist_timestamp(now_ms);
    let actor = format!("admin:{}", who.admin_id);
    let days_json = rows::days_json(&changed);
    let detail = audit_detail(upload, &valid.days, &result);
    let batch = vec![
        rows::upsert_days(db, group_id, &days_json, &at, now_ms, &actor)?,
        rows::insert_campaign_items(db, group_id, &rows::claims_json(&changed))?,
        rows::recount_campaign_items(db, group_id, &days_json)?,
        audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: &actor,
                district_id: Some(group.district_id.as_str()).or(Some(who.district_id)),
                action: AuditAction::ChatActivityUpload,
                entity: "group",
                entity_id: group_id,
                detail: &detail,
            },
        )?,
    ];
    if let Err(err) = db.batch(batch).await {
        worker::console_error!("D1 chat activity batch for {group_id} failed: {err}");
        return Err(ErrorCode::StorageUnavailable.into());
    }
    Ok(result)
}

/// The facts of an upload for the audit log: its span, what it did, and its totals. No
/// names or texts exist to log.
fn audit_detail(
    upload: &ChatActivityUpload,
    days: &[ValidDay],
    result: &ChatActivityStored,
) -> String {
    let sum = |f: fn(&ValidDay) -> u32| days.iter().map(f).map(u64::from).sum::<u64>();
    let mut items: Vec<&str> = days
        .iter()
        .flat_map(|d| d.campaign_item_ids.iter().map(String::as_str))
        .collect();
    items.sort_unstable();
    items.dedup();
    serde_json::json!({
        "platform": upload.platform,
        "first_day": result.first_day,
        "last_day": result.last_day,
        "days": days.len(),
        "days_created": result.days_created,
        "days_updated": result.days_updated,
        "days_unchanged": result.days_unchanged,
        "admin_messages": sum(|d| d.counts.admin_messages),
        "other_messages": sum(|d| d.counts.other_messages),
        "admin_media": sum(|d| d.counts.admin_media),
        "other_media": sum(|d| d.counts.other_media),
        "joins": sum(|d| d.counts.joins),
        "leaves": sum(|d| d.counts.leaves),
        "campaign_item_ids": items,
    })
    .to_string()
}

/// The officers' view: one entry per day of the last `window` days (IST) and member
/// growth over the same days.
pub async fn view(
    db: &D1Database,
    group: &GroupRow,
    window: u32,
    now_ms: i64,
) -> Result<ChatActivityView, Failure> {
    let today = ist_day(now_ms);
    let from = today
        .checked_sub_days(Days::new(u64::from(window.max(1)) - 1))
        .unwrap_or(today);
    let stored: HashMap<String, rows::StoredDay> =
        rows::days(db, &group.id, &from.to_string(), &today.to_string())
            .await?
            .into_iter()
            .map(|d| (d.day.clone(), d))
            .collect();
    let mut days = Vec::with_capacity(window as usize);
    let mut day = from;
    while day <= today {
        let key = day.to_string();
        let found = stored.get(&key);
        let counts = found.map(|s| s.counts).unwrap_or_default();
        let items = found
            .map(|s| s.campaign_item_ids.clone())
            .unwrap_or_default();
        days.push(ChatActivityDayView {
            status: day_status(found.map(|s| &s.counts), items.len()),
            day: key,
            admin_messages: counts.admin_messages,
            other_messages: counts.other_messages,
            admin_media: counts.admin_media,
            other_media: counts.other_media,
            joins: counts.joins,
            leaves: counts.leaves,
            campaign_item_ids: items,
        });
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    debug_assert!(days
        .iter()
        .all(|d| d.status != ChatDayStatus::NoData || d.admin_messages + d.other_messages == 0));

    // Growth is anchored on the latest reported member count; joins and leaves between
    // that day and the window are read too.
    let anchor = rows::latest_member_count(db, &group.id)
        .await?
        .map(|(count, at_ms)| (ist_day(at_ms), count));
    let growth_from = anchor.map_or(from, |(d, _)| d.min(from));
    let membership: Vec<(NaiveDate, u32, u32)> =
        rows::membership(db, &group.id, &growth_from.to_string(), &today.to_string())
            .await?
            .into_iter()
            .filter_map(|(d, j, l)| parse_day(&d).map(|d| (d, j, l)))
            .collect();
    Ok(ChatActivityView {
        group_id: group.id.clone(),
        today: today.to_string(),
        member_limit: group.member_limit,
        growth: member_growth(&membership, from, today, anchor),
        anchor_members: anchor.map(|(_, c)| c),
        anchor_day: anchor.map(|(d, _)| d.to_string()),
        days,
        last_upload_at: rows::last_update(db, &group.id).await?,
    })
}
