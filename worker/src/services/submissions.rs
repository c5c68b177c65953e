//! Accepting a group admin's daily submission.
//!
//! A report is created first (small JSON, one D1 batch: the row, its campaign marks, the
//! member count and an audit entry), then each screenshot arrives by its own request.
//! Every step is idempotent: the report by the phone's `client_key`, each screenshot by
//! (report, position) and its SHA-256, so a retry never stores anything twice.
//!
//! Write order for a screenshot, so that D1 and R2 never disagree in a way a user can
//! see: validate in memory; put the bytes in R2 under a fresh key; insert the D1 row and
//! its audit entry in one batch. A row therefore only exists for an object R2 confirmed.
//! If the batch fails, the object is deleted again. If the worker dies in between, the
//! object is an orphan no screen shows, under `screenshots/<IST day>/…` for a sweep.

use prasar_core::api::{NewSubmission, Submission, SubmissionCreated};
use prasar_core::audit::AuditAction;
use prasar_core::error::ErrorCode;
use prasar_core::screenshot::{validate_screenshot, ScreenshotInfo};
use prasar_core::submission::{validate_new_submission, ValidSubmission};
use prasar_core::time::{ist_day, ist_timestamp};
use worker::Bucket;

use crate::db::D1Database;
use crate::http::Failure;
use crate::scope::Scope;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::submissions::{self as rows, NewImage};
use crate::storage::{groups, screenshots};

/// The group admin making the submission.
pub struct Submitter<'a> {
    pub admin_id: &'a str,
    pub district_id: &'a str,
}

impl Submitter<'_> {
    fn scope(&self) -> Scope {
        Scope::Admin {
            admin_id: self.admin_id.to_owned(),
        }
    }

    fn actor(&self) -> String {
        format!("admin:{}", self.admin_id)
    }
}

/// Step 1: create the report (or find the one this `client_key` created).
pub async fn create(
    db: &D1Database,
    who: &Submitter<'_>,
    group_id: &str,
    input: &NewSubmission,
    channel: &str,
    now_ms: i64,
) -> Result<SubmissionCreated, Failure> {
    // Admins reach only the groups they currently administer.
    let group = groups::find(db, &who.scope(), group_id)
        .await?
        .ok_or(Failure(ErrorCode::GroupNotFound))?;
    let valid = validate_new_submission(input, group.member_limit)?;
    if let Some(existing) = rows::find_by_client_key(db, group_id, &valid.client_key).await? {
        return Ok(SubmissionCreated {
            created: false,
            submission: existing,
        });
    }
    let id = uuid::Uuid::new_v4().to_string();
    let day = ist_day(now_ms).to_string();
    let at = ist_timestamp(now_ms);
    let actor = who.actor();
    let mut batch = vec![rows::insert(
        db,
        &rows::NewSubmission {
            id: &id,
            group_id,
            admin_id: who.admin_id,
            client_key: &valid.client_key,
            submitted_at: &at,
            submitted_at_ms: now_ms,
            ist_day: &day,
            client_created_at_ms: valid.client_created_at_ms,
            image_count: valid.image_count,
            member_count: valid.member_count,
            note: &valid.note,
            channel,
        },
    )?];
    for item in &valid.campaign_item_ids {
        batch.push(rows::insert_campaign_mark(db, &id, group_id, item)?);
    }
    if let Some(count) = valid.member_count {
        batch.push(groups::insert_member_count(
            db, group_id, count, &at, now_ms, &actor,
        )?);
    }
    let detail = audit_detail(&valid, group_id, channel);
    batch.push(audit::insert(
        db,
        &AuditEntry {
            at: &at,
            actor: &actor,
            district_id: Some(who.district_id),
            action: AuditAction::SubmissionCreate,
            entity: "submission",
            entity_id: &id,
            detail: &detail,
        },
    )?);
    if let Err(err) = db.batch(batch).await {
        // A concurrent retry with the same key may have won the race: answer with its row.
        if let Some(existing) = rows::find_by_client_key(db, group_id, &valid.client_key).await? {
            return Ok(SubmissionCreated {
                created: false,
                submission: existing,
            });
        }
        worker::console_error!("D1 insert of submission {id} failed: {err}");
        return Err(ErrorCode::StorageUnavailable.into());
    }
    let submission = rows::find(db, &who.scope(), &id)
        .await?
        .ok_or(Failure(ErrorCode::Internal))?;
    Ok(SubmissionCreated {
        created: true,
        submission,
    })
}

fn audit_detail(valid: &ValidSubmission, group_id: &str, channel: &str) -> String {
    serde_json::json!({
        "group_id": group_id,
        "client_key": valid.client_key,
        "image_count": valid.image_count,
        "member_count": valid.member_count,
        "campaign_item_ids": valid.campaign_item_ids,
        "note_chars": valid.note.chars().count(),
        "channel": channel,
    })
    .to_string()
}

/// One screenshot for step 2, validated or not yet.
pub struct ImageUpload {
    pub position: u8,
    pub body: Vec<u8>,
    pub phash: Option<String>,
    pub captured_at_ms: Option<i64>,
}

/// Step 2: store one screenshot of a report.
pub async fn put_image(
    db: &D1Database,
    bucket: &Bucket,
    who: &Submitter<'_>,
    submission_id: &str,
    upload: ImageUpload,
    now_ms: i64,
) -> Result<SubmissionCreated, Failure> {
    let scope = who.scope();
    // Another admin's report, or one of a group this admin no longer administers, is
    // not found for them.
    let owner = rows::owner(db, &scope, submission_id)
        .await?
        .filter(|o| o.admin_id.as_deref() == Some(who.admin_id))
        .ok_or(Failure(ErrorCode::SubmissionNotFound))?;
    if upload.position >= owner.image_count {
        return Err(ErrorCode::InvalidImagePosition.into());
    }
    let info = validate_screenshot(&upload.body)?;
    if let Some(done) = already_stored(db, &scope, submission_id, upload.position, &info).await? {
        return Ok(done);
    }

    let r2_key = format!(
        "screenshots/{}/{}/{submission_id}/{}-{}.{}",
        owner.ist_day,
        owner.group_id,
        upload.position,
        uuid::Uuid::new_v4(),
        info.format.extension()
    );
    let content_type = info.format.content_type();
    let bytes = info.bytes as u64;
    if let Err(err) = screenshots::put(bucket, &r2_key, upload.body, content_type).await {
        worker::console_error!("R2 put {r2_key} failed: {err}");
        return Err(ErrorCode::StorageUnavailable.into());
    }
    let at = ist_timestamp(now_ms);
    let actor = who.actor();
    let entity_id = format!("{submission_id}/{}", upload.position);
    let detail = serde_json::json!({
        "group_id": owner.group_id,
        "position": upload.position,
        "bytes": bytes,
        "sha256": info.sha256_hex,
        "content_type": content_type,
        "phash": upload.phash,
    })
    .to_string();
    let batch = vec![
        rows::insert_image(
            db,
            &NewImage {
                submission_id,
                position: upload.position,
                r2_key: &r2_key,
                content_type,
                bytes,
                sha256: &info.sha256_hex,
                width: info.width,
                height: info.height,
                phash: upload.phash.as_deref(),
                captured_at_ms: upload.captured_at_ms,
                uploaded_at: &at,
                uploaded_at_ms: now_ms,
            },
        )?,
        audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: &actor,
                district_id: Some(&owner.district_id),
                action: AuditAction::SubmissionImage,
                entity: "submission",
                entity_id: &entity_id,
                detail: &detail,
            },
        )?,
    ];
    if let Err(err) = db.batch(batch).await {
        if let Err(del) = screenshots::delete(bucket, &r2_key).await {
            worker::console_error!("orphan R2 object {r2_key} left for the sweep: {del}");
        }
        // A concurrent retry of the same screenshot may have won the race.
        if let Some(done) =
            already_stored(db, &scope, submission_id, upload.position, &info).await?
        {
            return Ok(done);
        }
        worker::console_error!("D1 insert of image {entity_id} failed: {err}");
        return Err(ErrorCode::StorageUnavailable.into());
    }
    // Monitoring: keep the hash, flag reuse or another capture day (never fails this).
    crate::services::screenshot_flags::after_image_stored(
        db,
        &crate::services::screenshot_flags::StoredImage {
            submission_id,
            position: upload.position,
            group_id: &owner.group_id,
            district_id: &owner.district_id,
            ist_day: &owner.ist_day,
            phash: upload.phash.as_deref(),
            sha256: &info.sha256_hex,
            captured_at_ms: upload.captured_at_ms,
        },
        now_ms,
    )
    .await;
    Ok(SubmissionCreated {
        created: true,
        submission: reload(db, &scope, submission_id).await?,
    })
}

/// The same bytes at the same place again: the earlier result. Different bytes: 409.
async fn already_stored(
    db: &D1Database,
    scope: &Scope,
    submission_id: &str,
    position: u8,
    info: &ScreenshotInfo,
) -> Result<Option<SubmissionCreated>, Failure> {
    match rows::image_at(db, submission_id, position).await? {
        None => Ok(None),
        Some(stored) if stored.sha256 == info.sha256_hex => Ok(Some(SubmissionCreated {
            created: false,
            submission: reload(db, scope, submission_id).await?,
        })),
        Some(_) => Err(ErrorCode::ImageAlreadyStored.into()),
    }
}

async fn reload(db: &D1Database, scope: &Scope, id: &str) -> Result<Submission, Failure> {
    rows::find(db, scope, id)
        .await?
        .ok_or(Failure(ErrorCode::Internal))
}

/// A whole submission whose screenshots are all at hand (the no-JavaScript form and
/// older clients that POST one bare image): every image is validated before anything is
/// written, so a bad file stores nothing.
pub struct CompleteSubmission<'a> {
    pub group_id: &'a str,
    pub input: NewSubmission,
    pub images: Vec<Vec<u8>>,
    /// `app` or `form`.
    pub channel: &'a str,
}

pub async fn accept_complete(
    db: &D1Database,
    bucket: &Bucket,
    who: &Submitter<'_>,
    complete: CompleteSubmission<'_>,
    now_ms: i64,
) -> Result<SubmissionCreated, Failure> {
    let CompleteSubmission {
        group_id,
        input,
        images,
        channel,
    } = complete;
    if images.is_empty() || images.len() != usize::from(input.image_count) {
        return Err(ErrorCode::InvalidImageCount.into());
    }
    for image in &images {
        validate_screenshot(image)?;
    }
    let created = create(db, who, group_id, &input, channel, now_ms).await?;
    let id = created.submission.id.clone();
    let mut last = created;
    for (position, body) in images.into_iter().enumerate() {
        let stored = put_image(
            db,
            bucket,
            who,
            &id,
            ImageUpload {
                position: position as u8,
                body,
                phash: None,
                captured_at_ms: None,
            },
            now_ms,
        )
        .await?;
        last = SubmissionCreated {
            created: last.created || stored.created,
            submission: stored.submission,
        };
    }
    Ok(last)
}
