//! Accepting a screenshot.
//!
//! Write order, so that D1 and R2 never disagree in a way a user can see:
//! 1. validate everything in memory (nothing written yet);
//! 2. put the bytes in R2 under a fresh, server-generated key;
//! 3. insert the D1 row and its audit entry in one batch (one transaction).
//!
//! A row therefore only ever exists for an object that R2 has confirmed. If step 3 fails,
//! the object is deleted again before the error is returned. If the worker dies between
//! 2 and 3 (or the compensating delete fails), the object is an orphan: no row points at
//! it, so no screen shows it, and its key (`screenshots/<IST day>/…`) lets a sweep list
//! and remove objects that have no row.

use prasar_core::api::{Submission, SubmissionCreated};
use prasar_core::error::ErrorCode;
use prasar_core::screenshot::validate_screenshot;
use prasar_core::time::{ist_day, ist_timestamp};
use worker::{Bucket, D1Database};

use crate::http::Failure;
use crate::scope::Scope;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::submissions::{self as rows, NewSubmission};
use crate::storage::{groups, screenshots};

pub struct Upload<'a> {
    pub group_id: &'a str,
    pub admin_id: &'a str,
    pub district_id: &'a str,
    pub client_key: Option<&'a str>,
    pub body: Vec<u8>,
    pub now_ms: i64,
}

pub async fn accept(
    db: &D1Database,
    bucket: &Bucket,
    upload: Upload<'_>,
) -> Result<SubmissionCreated, Failure> {
    // Admins reach only the groups they currently administer.
    let scope = Scope::Admin {
        admin_id: upload.admin_id.to_owned(),
    };
    if groups::find(db, &scope, upload.group_id).await?.is_none() {
        return Err(ErrorCode::GroupNotFound.into());
    }
    if let Some(existing) = previous_attempt(db, upload.group_id, upload.client_key).await? {
        return Ok(SubmissionCreated {
            created: false,
            submission: existing,
        });
    }
    let info = validate_screenshot(&upload.body)?;

    let id = uuid::Uuid::new_v4().to_string();
    let day = ist_day(upload.now_ms).to_string();
    let submitted_at = ist_timestamp(upload.now_ms);
    let r2_key = format!(
        "screenshots/{day}/{}/{id}.{}",
        upload.group_id,
        info.format.extension()
    );
    let content_type = info.format.content_type();

    if let Err(err) = screenshots::put(bucket, &r2_key, upload.body, content_type).await {
        worker::console_error!("R2 put {r2_key} failed: {err}");
        return Err(ErrorCode::StorageUnavailable.into());
    }

    let row = NewSubmission {
        id: &id,
        group_id: upload.group_id,
        admin_id: Some(upload.admin_id),
        client_key: upload.client_key,
        submitted_at: &submitted_at,
        submitted_at_ms: upload.now_ms,
        ist_day: &day,
        r2_key: &r2_key,
        content_type,
        bytes: info.bytes as u64,
        sha256: &info.sha256_hex,
        width: info.width,
        height: info.height,
    };
    let detail = serde_json::json!({
        "group_id": upload.group_id,
        "bytes": info.bytes,
        "sha256": info.sha256_hex,
        "content_type": content_type,
    })
    .to_string();
    let actor = format!("admin:{}", upload.admin_id);
    let audit_entry = AuditEntry {
        at: &submitted_at,
        actor: &actor,
        district_id: Some(upload.district_id),
        action: "submission.create",
        entity: "submission",
        entity_id: &id,
        detail: &detail,
    };
    let batch = vec![rows::insert(db, &row)?, audit::insert(db, &audit_entry)?];
    if let Err(err) = db.batch(batch).await {
        worker::console_error!("D1 insert for {id} failed: {err}");
        if let Err(del) = screenshots::delete(bucket, &r2_key).await {
            worker::console_error!("orphan R2 object {r2_key} left for the sweep: {del}");
        }
        // A concurrent retry with the same key may have won the race: answer with its row.
        if let Some(existing) = previous_attempt(db, upload.group_id, upload.client_key).await? {
            return Ok(SubmissionCreated {
                created: false,
                submission: existing,
            });
        }
        return Err(ErrorCode::StorageUnavailable.into());
    }

    let submission = rows::find(db, &id)
        .await?
        .ok_or(Failure(ErrorCode::Internal))?;
    Ok(SubmissionCreated {
        created: true,
        submission,
    })
}

async fn previous_attempt(
    db: &D1Database,
    group_id: &str,
    client_key: Option<&str>,
) -> Result<Option<Submission>, Failure> {
    match client_key {
        Some(key) => Ok(rows::find_by_client_key(db, group_id, key).await?),
        None => Ok(None),
    }
}
