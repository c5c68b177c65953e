//! Publishing, editing and withdrawing campaign items, their images, and turning an
//! accepted success story into an item. Each change and its audit entry are one D1 batch;
//! image bytes go to R2 first (as screenshots do), so a row only ever points at an
//! object R2 has confirmed.

use chrono::NaiveDate;
use prasar_core::api::{
    campaign_item_image_path, CampaignItem, CampaignItemDetail, CampaignItemInput,
    CampaignItemSummary, StoryToItem,
};
use prasar_core::audit::AuditAction;
use prasar_core::campaigns::{
    apply_story_overrides, campaign_status, draft_item_from_story, is_campaign_area_kind,
    validate_campaign_item, StoryFacts, ValidCampaignItem,
};
use prasar_core::error::ErrorCode;
use prasar_core::ids::is_valid_group_id;
use prasar_core::screenshot::validate_screenshot;
use prasar_core::time::{ist_day, ist_timestamp, parse_day};
use worker::Bucket;

use crate::db::D1Database;
use crate::http::Failure;
use crate::scope::Scope;
use crate::services::auth::Caller;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::campaign_items::{self as items, AreaRow, Fields, Image, ItemRow};
use crate::storage::guarded::{audit_if, changes};
use crate::storage::stories::StoryRow;
use crate::storage::{screenshots, stories, units::parse_kind};

pub fn to_item(row: &ItemRow) -> CampaignItem {
    let image_url = match (&row.image_r2_key, &row.image_sha256) {
        (Some(_), Some(sha)) => Some(campaign_item_image_path(&row.id, sha)),
        _ => None,
    };
    CampaignItem {
        id: row.id.clone(),
        area_id: row.area_id.clone(),
        area_name_en: row.area_name_en.clone(),
        area_name_hi: row.area_name_hi.clone(),
        title_hi: row.title_hi.clone(),
        title_en: row.title_en.clone(),
        description_hi: row.description_hi.clone(),
        description_en: row.description_en.clone(),
        scheme: row.scheme.clone(),
        link_url: row.link_url.clone(),
        image_url,
        starts_on: row.starts_on.clone(),
        ends_on: row.ends_on.clone(),
        withdrawn: row.withdrawn_at.is_some(),
    }
}

fn day(text: &str) -> NaiveDate {
    // Stored days were validated on the way in.
    parse_day(text).unwrap_or_default()
}

pub fn to_summary(row: &ItemRow, today: NaiveDate, may_publish: bool) -> CampaignItemSummary {
    CampaignItemSummary {
        item: to_item(row),
        area_kind: parse_kind(&row.area_kind),
        status: campaign_status(
            day(&row.starts_on),
            day(&row.ends_on),
            row.withdrawn_at.is_some(),
            today,
        ),
        posted_groups: row.posted_groups,
        editable: may_publish && row.inside == 1 && row.withdrawn_at.is_none(),
        story_id: row.story_id.clone(),
        created_at: row.created_at.clone(),
        created_by_name: row.created_by_name.clone(),
    }
}

fn input_of(row: &ItemRow) -> CampaignItemInput {
    CampaignItemInput {
        area_id: row.area_id.clone(),
        title_hi: row.title_hi.clone(),
        title_en: row.title_en.clone(),
        description_hi: row.description_hi.clone(),
        description_en: row.description_en.clone(),
        scheme: row.scheme.clone(),
        link_url: row.link_url.clone(),
        starts_on: row.starts_on.clone(),
        ends_on: row.ends_on.clone(),
    }
}

pub async fn detail(
    db: &D1Database,
    scope: &Scope,
    row: &ItemRow,
    now_ms: i64,
    may_publish: bool,
) -> Result<CampaignItemDetail, Failure> {
    let posted = items::posted(db, scope, &row.id).await?;
    let mut admins: Vec<&str> = posted
        .iter()
        .filter_map(|m| m.admin_name.as_deref())
        .collect();
    admins.sort_unstable();
    admins.dedup();
    Ok(CampaignItemDetail {
        summary: to_summary(row, ist_day(now_ms), may_publish),
        input: input_of(row),
        target_groups: items::target_groups(db, scope, &row.area_id).await?,
        posted_admins: admins.len() as u32,
        posted,
    })
}

/// The target area: inside the caller's area (else 404, like any other area's id) and
/// of a kind items can target (else 422).
async fn resolve_area(db: &D1Database, scope: &Scope, area_id: &str) -> Result<AreaRow, Failure> {
    if !is_valid_group_id(area_id) {
        return Err(ErrorCode::UnitNotFound.into());
    }
    let area = items::area_inside(db, scope, area_id)
        .await?
        .ok_or(Failure(ErrorCode::UnitNotFound))?;
    if !is_campaign_area_kind(parse_kind(&area.kind)) {
        return Err(ErrorCode::InvalidCampaignArea.into());
    }
    Ok(area)
}

/// The scope keys an item copies from its area: a state is its own state, a district
/// its own district; state-wide items have no district.
fn keys(area: &AreaRow) -> (String, Option<String>) {
    match area.kind.as_str() {
        "state" => (area.state_id.clone().unwrap_or(area.id.clone()), None),
        "district" => (
            area.state_id.clone().unwrap_or_default(),
            Some(area.id.clone()),
        ),
        _ => (
            area.state_id.clone().unwrap_or_default(),
            area.district_id.clone(),
        ),
    }
}

fn fields<'a>(
    v: &'a ValidCampaignItem,
    state_id: &'a str,
    district_id: Option<&'a str>,
    days: &'a (String, String),
) -> Fields<'a> {
    Fields {
        area_id: &v.area_id,
        state_id,
        district_id,
        title_hi: &v.title_hi,
        title_en: &v.title_en,
        description_hi: &v.description_hi,
        description_en: &v.description_en,
        scheme: &v.scheme,
        link_url: v.link_url.as_deref(),
        starts_on: &days.0,
        ends_on: &days.1,
    }
}

fn summary_json(v: &ValidCampaignItem) -> serde_json::Value {
    serde_json::json!({
        "area_id": v.area_id,
        "title_hi": v.title_hi,
        "title_en": v.title_en,
        "scheme": v.scheme,
        "link_url": v.link_url,
        "starts_on": v.starts_on.to_string(),
        "ends_on": v.ends_on.to_string(),
    })
}

/// Publishes a new item; answers its id.
pub async fn publish(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    input: &CampaignItemInput,
    now_ms: i64,
) -> Result<String, Failure> {
    let valid = validate_campaign_item(input, ist_day(now_ms), None)?;
    let area = resolve_area(db, scope, &valid.area_id).await?;
    let (state_id, district_id) = keys(&area);
    let id = uuid::Uuid::new_v4().to_string();
    let at = ist_timestamp(now_ms);
    let actor = caller.principal.actor();
    let days = (valid.starts_on.to_string(), valid.ends_on.to_string());
    let f = fields(&valid, &state_id, district_id.as_deref(), &days);
    let detail = summary_json(&valid).to_string();
    db.batch(vec![
        items::insert(db, &id, &f, &actor, &at)?,
        audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: &actor,
                district_id: district_id.as_deref(),
                action: AuditAction::CampaignItemCreate,
                entity: "campaign_item",
                entity_id: &id,
                detail: &detail,
            },
        )?,
    ])
    .await?;
    Ok(id)
}

/// The caller may change this item: it lies inside their area and is not withdrawn.
fn require_changeable(row: &ItemRow) -> Result<(), Failure> {
    if row.inside != 1 {
        return Err(ErrorCode::Forbidden.into());
    }
    if row.withdrawn_at.is_some() {
        return Err(ErrorCode::CampaignItemWithdrawn.into());
    }
    Ok(())
}

/// An audit entry written only if the item's `updated_at` is now `at`, i.e. the
/// guarded update in the same batch happened.
fn item_audit(
    db: &D1Database,
    caller: &Caller,
    row_district: Option<&str>,
    action: AuditAction,
    id: &str,
    at: &str,
    detail: &serde_json::Value,
) -> Result<crate::db::D1PreparedStatement, Failure> {
    Ok(audit_if(
        db,
        &AuditEntry {
            at,
            actor: &caller.principal.actor(),
            district_id: row_district,
            action,
            entity: "campaign_item",
            entity_id: id,
            detail: &detail.to_string(),
        },
        "SELECT 1 FROM campaign_items WHERE id = ?8 AND updated_at = ?9",
        &[id.into(), at.into()],
    )?)
}

pub async fn update(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    row: &ItemRow,
    input: &CampaignItemInput,
    now_ms: i64,
) -> Result<(), Failure> {
    require_changeable(row)?;
    let valid = validate_campaign_item(input, ist_day(now_ms), Some(day(&row.starts_on)))?;
    let area = resolve_area(db, scope, &valid.area_id).await?;
    let (state_id, district_id) = keys(&area);
    let at = ist_timestamp(now_ms);
    let days = (valid.starts_on.to_string(), valid.ends_on.to_string());
    let f = fields(&valid, &state_id, district_id.as_deref(), &days);
    let before = summary_json(&ValidCampaignItem {
        area_id: row.area_id.clone(),
        title_hi: row.title_hi.clone(),
        title_en: row.title_en.clone(),
        description_hi: String::new(),
        description_en: String::new(),
        scheme: row.scheme.clone(),
        link_url: row.link_url.clone(),
        starts_on: day(&row.starts_on),
        ends_on: day(&row.ends_on),
    });
    let detail = serde_json::json!({ "before": before, "after": summary_json(&valid) });
    // An item moved to another district is recorded where it now is.
    let results = db
        .batch(vec![
            items::update(db, &row.id, &f, &at)?,
            item_audit(
                db,
                caller,
                district_id.as_deref(),
                AuditAction::CampaignItemUpdate,
                &row.id,
                &at,
                &detail,
            )?,
        ])
        .await?;
    if changes(&results) == 0 {
        return Err(ErrorCode::CampaignItemWithdrawn.into());
    }
    Ok(())
}

pub async fn withdraw(
    db: &D1Database,
    caller: &Caller,
    row: &ItemRow,
    now_ms: i64,
) -> Result<(), Failure> {
    require_changeable(row)?;
    let at = ist_timestamp(now_ms);
    let detail = serde_json::json!({ "title_hi": row.title_hi });
    let results = db
        .batch(vec![
            items::withdraw(db, &row.id, &at)?,
            item_audit(
                db,
                caller,
                row.district_id.as_deref(),
                AuditAction::CampaignItemWithdraw,
                &row.id,
                &at,
                &detail,
            )?,
        ])
        .await?;
    if changes(&results) == 0 {
        return Err(ErrorCode::CampaignItemWithdrawn.into());
    }
    Ok(())
}

/// Objects this service wrote; a story photo reused as an item image is not ours to
/// delete.
fn owned_object(key: &str) -> bool {
    key.starts_with("campaigns/")
}

/// Stores `body` as the item's image (replacing any earlier one).
pub async fn set_image(
    db: &D1Database,
    bucket: &Bucket,
    caller: &Caller,
    row: &ItemRow,
    body: Vec<u8>,
    now_ms: i64,
) -> Result<(), Failure> {
    require_changeable(row)?;
    let info = validate_screenshot(&body)?;
    let content_type = info.format.content_type();
    let key = format!(
        "campaigns/{}/{}.{}",
        row.id,
        uuid::Uuid::new_v4(),
        info.format.extension()
    );
    if let Err(err) = screenshots::put(bucket, &key, body, content_type).await {
        worker::console_error!("R2 put {key} failed: {err}");
        return Err(ErrorCode::StorageUnavailable.into());
    }
    let at = ist_timestamp(now_ms);
    let image = Image {
        r2_key: &key,
        content_type,
        sha256: &info.sha256_hex,
        bytes: info.bytes as u64,
        width: info.width,
        height: info.height,
    };
    let detail = serde_json::json!({
        "bytes": info.bytes, "sha256": info.sha256_hex, "content_type": content_type,
        "width": info.width, "height": info.height,
    });
    let batch = vec![
        items::set_image(db, &row.id, Some(&image), &at)?,
        item_audit(
            db,
            caller,
            row.district_id.as_deref(),
            AuditAction::CampaignItemImage,
            &row.id,
            &at,
            &detail,
        )?,
    ];
    let outcome = db.batch(batch).await;
    let stored = matches!(&outcome, Ok(results) if changes(results) == 1);
    if !stored {
        if let Err(err) = &outcome {
            worker::console_error!("D1 image update for {} failed: {err}", row.id);
        }
        if let Err(del) = screenshots::delete(bucket, &key).await {
            worker::console_error!("orphan R2 object {key} left for the sweep: {del}");
        }
        return Err(match outcome {
            Ok(_) => ErrorCode::CampaignItemWithdrawn,
            Err(_) => ErrorCode::StorageUnavailable,
        }
        .into());
    }
    if let Some(old) = row.image_r2_key.as_deref().filter(|k| owned_object(k)) {
        if let Err(del) = screenshots::delete(bucket, old).await {
            worker::console_error!("old image {old} left for the sweep: {del}");
        }
    }
    Ok(())
}

pub async fn remove_image(
    db: &D1Database,
    bucket: &Bucket,
    caller: &Caller,
    row: &ItemRow,
    now_ms: i64,
) -> Result<(), Failure> {
    require_changeable(row)?;
    let Some(old) = row.image_r2_key.as_deref() else {
        return Ok(());
    };
    let at = ist_timestamp(now_ms);
    let detail = serde_json::json!({ "removed": row.image_sha256 });
    let results = db
        .batch(vec![
            items::set_image(db, &row.id, None, &at)?,
            item_audit(
                db,
                caller,
                row.district_id.as_deref(),
                AuditAction::CampaignItemImageRemove,
                &row.id,
                &at,
                &detail,
            )?,
        ])
        .await?;
    if changes(&results) == 0 {
        return Err(ErrorCode::CampaignItemWithdrawn.into());
    }
    if owned_object(old) {
        if let Err(del) = screenshots::delete(bucket, old).await {
            worker::console_error!("old image {old} left for the sweep: {del}");
        }
    }
    Ok(())
}

/// Turns an accepted story into a campaign item in one batch: the item (prefilled from
/// the story, the officer's changes applied, its first photo as the image), the link
/// from the story to it, and both audit entries. Guarded, so a second press cannot make
/// a second item.
pub async fn promote_story(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    story: &StoryRow,
    overrides: &StoryToItem,
    now_ms: i64,
) -> Result<String, Failure> {
    match story.status() {
        prasar_core::api::StoryStatus::Accepted => {}
        _ => return Err(ErrorCode::StoryNotAccepted.into()),
    }
    if story.campaign_item_id.is_some() {
        return Err(ErrorCode::StoryAlreadyPromoted.into());
    }
    let today = ist_day(now_ms);
    let draft = draft_item_from_story(
        &StoryFacts {
            district_id: &story.district_id,
            unit_name_hi: &story.name_hi,
            unit_name_en: &story.name_en,
            scheme: &story.scheme,
            text_hi: &story.text_hi,
        },
        today,
    );
    let input = apply_story_overrides(draft, overrides);
    let valid = validate_campaign_item(&input, today, None)?;
    let area = resolve_area(db, scope, &valid.area_id).await?;
    let (state_id, district_id) = keys(&area);
    let photos = stories::photos(db, &[story.id.as_str()]).await?;
    let image = photos.first().map(|p| Image {
        r2_key: &p.r2_key,
        content_type: &p.content_type,
        sha256: &p.sha256,
        bytes: p.bytes,
        width: p.width,
        height: p.height,
    });

    let id = uuid::Uuid::new_v4().to_string();
    let at = ist_timestamp(now_ms);
    let actor = caller.principal.actor();
    let days = (valid.starts_on.to_string(), valid.ends_on.to_string());
    let f = fields(&valid, &state_id, district_id.as_deref(), &days);
    let mut item_detail = summary_json(&valid);
    item_detail["story_id"] = story.id.clone().into();
    let item_detail = item_detail.to_string();
    let story_detail = serde_json::json!({ "campaign_item_id": id }).to_string();
    let made = "SELECT 1 FROM campaign_items WHERE id = ?8 AND story_id = ?9";
    let results = db
        .batch(vec![
            items::insert_for_story(db, &id, &f, image.as_ref(), &story.id, &actor, &at)?,
            stories::link_item(db, &story.id, &id)?,
            audit_if(
                db,
                &AuditEntry {
                    at: &at,
                    actor: &actor,
                    district_id: district_id.as_deref(),
                    action: AuditAction::CampaignItemCreate,
                    entity: "campaign_item",
                    entity_id: &id,
                    detail: &item_detail,
                },
                made,
                &[id.as_str().into(), story.id.as_str().into()],
            )?,
            audit_if(
                db,
                &AuditEntry {
                    at: &at,
                    actor: &actor,
                    district_id: Some(&story.district_id),
                    action: AuditAction::StoryPromote,
                    entity: "story",
                    entity_id: &story.id,
                    detail: &story_detail,
                },
                made,
                &[id.as_str().into(), story.id.as_str().into()],
            )?,
        ])
        .await?;
    if changes(&results) == 0 {
        return Err(ErrorCode::StoryAlreadyPromoted.into());
    }
    Ok(id)
}
