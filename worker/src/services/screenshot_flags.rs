//! Flags on a stored screenshot: a near-identical picture sent before (perceptual hash)
//! or a capture day other than the report's day.

use prasar_core::audit::AuditAction;
use prasar_core::checks::captured_other_day;
use prasar_core::phash::{from_hex, DUPLICATE_MAX_DISTANCE};
use prasar_core::time::{ist_timestamp, parse_day};

use crate::db::D1Database;
use crate::http::Failure;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::screenshot_flags;

/// Earlier screenshots of the district are compared for this long (same group: always).
const DISTRICT_LOOKBACK_MS: i64 = 90 * 86_400_000;

/// What the upload knew about a screenshot it has just stored.
pub struct StoredImage<'a> {
    pub submission_id: &'a str,
    pub position: u8,
    pub group_id: &'a str,
    pub district_id: &'a str,
    pub ist_day: &'a str,
    pub phash: Option<&'a str>,
    pub sha256: &'a str,
    pub captured_at_ms: Option<i64>,
}

/// Runs after a screenshot is stored: keeps its hash for later comparisons and flags it
/// as reused (near-identical to an earlier screenshot of the group or district) or as
/// taken on another day. Failures are logged, never fail the admin's upload.
pub async fn after_image_stored(db: &D1Database, image: &StoredImage<'_>, now_ms: i64) {
    if let Err(Failure(code)) = flag_image(db, image, now_ms).await {
        worker::console_error!(
            "flagging {}/{} failed: {code:?}",
            image.submission_id,
            image.position
        );
    }
}

async fn flag_image(db: &D1Database, image: &StoredImage<'_>, now_ms: i64) -> Result<(), Failure> {
    let hash = image.phash.and_then(from_hex);
    let mut near = match hash {
        Some(hash) => {
            screenshot_flags::near_images(
                db,
                hash,
                image.district_id,
                image.group_id,
                image.submission_id,
                now_ms - DISTRICT_LOOKBACK_MS,
                DUPLICATE_MAX_DISTANCE,
            )
            .await?
        }
        None => Vec::new(),
    };
    for same in
        screenshot_flags::same_bytes(db, image.sha256, image.district_id, image.submission_id)
            .await?
    {
        if !near
            .iter()
            .any(|n| n.submission_id == same.submission_id && n.position == same.position)
        {
            near.push(same);
        }
    }
    let at = ist_timestamp(now_ms);
    let mut batch = Vec::new();
    if let Some(hash) = hash {
        batch.push(screenshot_flags::insert_hash(
            db,
            &screenshot_flags::StoredHash {
                submission_id: image.submission_id,
                position: image.position,
                district_id: image.district_id,
                group_id: image.group_id,
                hash,
                uploaded_at_ms: now_ms,
            },
        )?);
    }
    for n in &near {
        batch.push(screenshot_flags::insert_flag(
            db,
            &screenshot_flags::NewFlag {
                submission_id: image.submission_id,
                position: image.position,
                kind: "reused",
                earlier: Some((&n.submission_id, n.position)),
                distance: Some(n.distance),
                captured_day: None,
                created_at: &at,
            },
        )?);
    }
    let other_day = parse_day(image.ist_day)
        .and_then(|day| captured_other_day(image.captured_at_ms, day))
        .map(|d| d.to_string());
    if let Some(day) = &other_day {
        batch.push(screenshot_flags::insert_flag(
            db,
            &screenshot_flags::NewFlag {
                submission_id: image.submission_id,
                position: image.position,
                kind: "captured_other_day",
                earlier: None,
                distance: None,
                captured_day: Some(day),
                created_at: &at,
            },
        )?);
    }
    if !near.is_empty() || other_day.is_some() {
        let entity_id = format!("{}/{}", image.submission_id, image.position);
        let detail = serde_json::json!({
            "reused_of": near.iter().map(|n| serde_json::json!({
                "submission_id": n.submission_id, "position": n.position, "distance": n.distance,
            })).collect::<Vec<_>>(),
            "captured_day": other_day,
        })
        .to_string();
        batch.push(audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: "system:screenshot-check",
                district_id: Some(image.district_id),
                action: AuditAction::SubmissionFlag,
                entity: "submission",
                entity_id: &entity_id,
                detail: &detail,
            },
        )?);
    }
    if !batch.is_empty() {
        db.batch(batch).await?;
    }
    Ok(())
}
