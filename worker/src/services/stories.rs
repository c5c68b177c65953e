//! Success stories: sending one (the text first, then each photo by its own request, both
//! idempotent), and reviewing it. Photos follow the screenshot write order: validate,
//! put the bytes in R2, then the D1 row and its audit entry in one batch.

use prasar_core::api::{NewStory, Story, StoryCreated, StoryReview};
use prasar_core::audit::AuditAction;
use prasar_core::campaigns::{is_story_unit_kind, validate_review, validate_story};
use prasar_core::error::ErrorCode;
use prasar_core::ids::is_valid_group_id;
use prasar_core::screenshot::validate_screenshot;
use prasar_core::time::{ist_day, ist_timestamp};
use worker::Bucket;

use crate::db::D1Database;
use crate::http::Failure;
use crate::scope::Scope;
use crate::services::auth::Caller;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::guarded::{audit_if, changes};
use crate::storage::stories::{self as rows, NewStoryRow, PhotoRow, StoryRow};
use crate::storage::{screenshots, units::parse_kind};

/// The stories with their photos, in the given order.
pub async fn with_photos(db: &D1Database, list: Vec<StoryRow>) -> Result<Vec<Story>, Failure> {
    let ids: Vec<&str> = list.iter().map(|s| s.id.as_str()).collect();
    let photos = rows::photos(db, &ids).await?;
    Ok(list
        .into_iter()
        .map(|s| {
            let mine = photos
                .iter()
                .filter(|p| p.story_id == s.id)
                .map(PhotoRow::view)
                .collect();
            s.into_story(mine)
        })
        .collect())
}

pub async fn one(db: &D1Database, row: StoryRow) -> Result<Story, Failure> {
    with_photos(db, vec![row])
        .await?
        .pop()
        .ok_or(Failure(ErrorCode::Internal))
}

/// Creates the story, or finds the one this author already sent with the same key.
pub async fn create(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    input: &NewStory,
    now_ms: i64,
) -> Result<StoryCreated, Failure> {
    let valid = validate_story(input)?;
    let author = caller.principal.actor();
    if let Some(existing) = rows::find_by_client_key(db, &author, &valid.client_key).await? {
        return Ok(StoryCreated {
            created: false,
            story: one(db, existing).await?,
        });
    }
    if !is_valid_group_id(&valid.unit_id) {
        return Err(ErrorCode::UnitNotFound.into());
    }
    let unit = rows::unit_in_scope(db, scope, &valid.unit_id)
        .await?
        .filter(|u| is_story_unit_kind(parse_kind(&u.kind)))
        .ok_or(Failure(ErrorCode::UnitNotFound))?;
    let district_id = unit.district_id.ok_or(Failure(ErrorCode::UnitNotFound))?;

    let id = uuid::Uuid::new_v4().to_string();
    let at = ist_timestamp(now_ms);
    let detail = serde_json::json!({
        "unit_id": unit.id, "scheme": valid.scheme, "photo_count": valid.photo_count,
        "consent_confirmed": true,
    })
    .to_string();
    let outcome = db
        .batch(vec![
            rows::insert(
                db,
                &NewStoryRow {
                    id: &id,
                    district_id: &district_id,
                    unit_id: &unit.id,
                    author: &author,
                    client_key: &valid.client_key,
                    scheme: &valid.scheme,
                    text_hi: &valid.text_hi,
                    photo_count: valid.photo_count,
                    created_at: &at,
                    created_at_ms: now_ms,
                },
            )?,
            audit::insert(
                db,
                &AuditEntry {
                    at: &at,
                    actor: &author,
                    district_id: Some(&district_id),
                    action: AuditAction::StoryCreate,
                    entity: "story",
                    entity_id: &id,
                    detail: &detail,
                },
            )?,
        ])
        .await;
    if let Err(err) = outcome {
        // A concurrent retry with the same key may have won the race.
        if let Some(existing) = rows::find_by_client_key(db, &author, &valid.client_key).await? {
            return Ok(StoryCreated {
                created: false,
                story: one(db, existing).await?,
            });
        }
        worker::console_error!("D1 insert of story {id} failed: {err}");
        return Err(ErrorCode::StorageUnavailable.into());
    }
    let row = rows::find(db, scope, &id)
        .await?
        .ok_or(Failure(ErrorCode::Internal))?;
    Ok(StoryCreated {
        created: true,
        story: one(db, row).await?,
    })
}

/// Stores one photo of the caller's own story at `position`. The same bytes again are
/// a retry (200); different bytes where a photo is stored are refused (409).
pub async fn add_photo(
    db: &D1Database,
    bucket: &Bucket,
    caller: &Caller,
    story: StoryRow,
    position: u8,
    body: Vec<u8>,
    now_ms: i64,
) -> Result<StoryCreated, Failure> {
    if position >= story.photo_count {
        return Err(ErrorCode::StoryPhotoNotFound.into());
    }
    let info = validate_screenshot(&body)?;
    let existing = rows::photos(db, &[story.id.as_str()]).await?;
    if let Some(stored) = existing.iter().find(|p| p.position == position) {
        if stored.sha256 != info.sha256_hex {
            return Err(ErrorCode::StoryPhotoConflict.into());
        }
        return Ok(StoryCreated {
            created: false,
            story: one(db, story).await?,
        });
    }
    let content_type = info.format.content_type();
    let key = format!(
        "stories/{}/{}/{position}-{}.{}",
        ist_day(now_ms),
        story.id,
        uuid::Uuid::new_v4(),
        info.format.extension()
    );
    if let Err(err) = screenshots::put(bucket, &key, body, content_type).await {
        worker::console_error!("R2 put {key} failed: {err}");
        return Err(ErrorCode::StorageUnavailable.into());
    }
    let at = ist_timestamp(now_ms);
    let photo = PhotoRow {
        story_id: story.id.clone(),
        position,
        r2_key: key.clone(),
        content_type: content_type.to_owned(),
        bytes: info.bytes as u64,
        sha256: info.sha256_hex.clone(),
        width: info.width,
        height: info.height,
    };
    let detail = serde_json::json!({
        "position": position, "bytes": info.bytes, "sha256": info.sha256_hex,
        "content_type": content_type,
    })
    .to_string();
    let outcome = db
        .batch(vec![
            rows::insert_photo(db, &photo, &at)?,
            audit::insert(
                db,
                &AuditEntry {
                    at: &at,
                    actor: &caller.principal.actor(),
                    district_id: Some(&story.district_id),
                    action: AuditAction::StoryPhoto,
                    entity: "story",
                    entity_id: &story.id,
                    detail: &detail,
                },
            )?,
        ])
        .await;
    if let Err(err) = outcome {
        worker::console_error!("D1 insert of a photo of {} failed: {err}", story.id);
        if let Err(del) = screenshots::delete(bucket, &key).await {
            worker::console_error!("orphan R2 object {key} left for the sweep: {del}");
        }
        // A concurrent retry may have stored the same photo first.
        let now = rows::photos(db, &[story.id.as_str()]).await?;
        return match now.iter().find(|p| p.position == position) {
            Some(p) if p.sha256 == info.sha256_hex => Ok(StoryCreated {
                created: false,
                story: one(db, story).await?,
            }),
            Some(_) => Err(ErrorCode::StoryPhotoConflict.into()),
            None => Err(ErrorCode::StorageUnavailable.into()),
        };
    }
    Ok(StoryCreated {
        created: true,
        story: one(db, story).await?,
    })
}

pub async fn review(
    db: &D1Database,
    caller: &Caller,
    story: &StoryRow,
    input: &StoryReview,
    now_ms: i64,
) -> Result<(), Failure> {
    let (status, remark) = validate_review(story.status(), input)?;
    let at = ist_timestamp(now_ms);
    let actor = caller.principal.actor();
    let detail = serde_json::json!({ "status": status.as_str(), "remark": remark }).to_string();
    let results = db
        .batch(vec![
            rows::review(db, &story.id, status, &remark, &actor, &at)?,
            audit_if(
                db,
                &AuditEntry {
                    at: &at,
                    actor: &actor,
                    district_id: Some(&story.district_id),
                    action: AuditAction::StoryReview,
                    entity: "story",
                    entity_id: &story.id,
                    detail: &detail,
                },
                "SELECT 1 FROM success_stories WHERE id = ?8 AND reviewed_at = ?9 \
                 AND reviewed_by = ?10",
                &[
                    story.id.as_str().into(),
                    at.as_str().into(),
                    actor.as_str().into(),
                ],
            )?,
        ])
        .await?;
    if changes(&results) == 0 {
        return Err(ErrorCode::StoryAlreadyReviewed.into());
    }
    Ok(())
}
