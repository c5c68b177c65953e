//! Review decisions on submissions, the review queue, and what an admin sees of their own
//! submissions.

use prasar_core::audit::AuditAction;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use prasar_core::api::{
    EarlierImage, FlagKind, ImageFlag, MySubmission, MySubmissions, NewReview, ReviewEntry,
    ReviewItem, ReviewOutcome, ReviewQueue,
};
use prasar_core::checks::review_remark;
use prasar_core::error::ErrorCode;
use prasar_core::time::ist_timestamp;

use crate::db::D1Database;
use crate::http::Failure;
use crate::scope::Scope;
use crate::services::auth::Caller;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::submissions;
use crate::storage::{reviews, screenshot_flags};

/// Most submissions one queue page shows.
const QUEUE_LIMIT: u32 = 100;

pub async fn review_queue(
    db: &D1Database,
    scope: &Scope,
    day: NaiveDate,
    pending_only: bool,
) -> Result<ReviewQueue, Failure> {
    let day_text = day.to_string();
    let ids = reviews::review_queue_ids(db, scope, &day_text, pending_only, QUEUE_LIMIT).await?;
    let items = review_items(db, scope, &ids).await?;
    Ok(ReviewQueue {
        ist_day: day_text,
        filter: if pending_only { "pending" } else { "all" }.into(),
        items,
    })
}

async fn review_items(
    db: &D1Database,
    scope: &Scope,
    ids: &[String],
) -> Result<Vec<ReviewItem>, Failure> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut reviews: BTreeMap<String, Vec<ReviewEntry>> = BTreeMap::new();
    for r in reviews::reviews_of(db, ids).await? {
        let Some(outcome) = ReviewOutcome::parse(&r.outcome) else {
            continue;
        };
        reviews
            .entry(r.submission_id)
            .or_default()
            .push(ReviewEntry {
                outcome,
                remark: r.remark,
                reviewed_at: r.reviewed_at,
                reviewed_by: r.reviewed_by,
            });
    }
    let mut flags: BTreeMap<String, Vec<ImageFlag>> = BTreeMap::new();
    for f in screenshot_flags::flags_of(db, ids).await? {
        let kind = if f.kind == "reused" {
            FlagKind::Reused
        } else {
            FlagKind::CapturedOtherDay
        };
        let earlier = match (f.earlier_submission_id, f.earlier_position) {
            (Some(sid), Some(pos)) => Some(EarlierImage {
                image_url: prasar_core::api::submission_image_path(&sid, pos),
                submission_id: sid,
                position: pos,
                group_id: f.earlier_group_id.unwrap_or_default(),
                group_name: f.earlier_group_name.unwrap_or_default(),
                ist_day: f.earlier_ist_day.unwrap_or_default(),
            }),
            _ => None,
        };
        flags.entry(f.submission_id).or_default().push(ImageFlag {
            position: f.position,
            kind,
            distance: f.distance,
            earlier,
            captured_day: f.captured_day,
        });
    }
    let checked: BTreeSet<String> = reviews::checked_submissions(db, ids)
        .await?
        .into_iter()
        .collect();
    let mut found: BTreeMap<String, prasar_core::api::Submission> =
        submissions::find_many(db, scope, ids)
            .await?
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
    // In the order asked for (oldest first).
    Ok(ids
        .iter()
        .filter_map(|id| {
            let submission = found.remove(id)?;
            Some(ReviewItem {
                checked: checked.contains(id),
                reviews: reviews.remove(id).unwrap_or_default(),
                flags: flags.remove(id).unwrap_or_default(),
                submission,
            })
        })
        .collect())
}

pub async fn review_item(db: &D1Database, scope: &Scope, id: &str) -> Result<ReviewItem, Failure> {
    review_items(db, scope, &[id.to_owned()])
        .await?
        .pop()
        .ok_or(Failure(ErrorCode::SubmissionNotFound))
}

pub async fn review(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    submission_id: &str,
    input: &NewReview,
    now_ms: i64,
) -> Result<ReviewItem, Failure> {
    let owner = submissions::owner(db, scope, submission_id)
        .await?
        .ok_or(Failure(ErrorCode::SubmissionNotFound))?;
    let remark = review_remark(input.outcome, &input.remark)?;
    let at = ist_timestamp(now_ms);
    let actor = caller.principal.actor();
    let detail = serde_json::json!({
        "group_id": owner.group_id,
        "outcome": input.outcome.as_str(),
        "remark": remark,
    })
    .to_string();
    db.batch(vec![
        reviews::insert_review(
            db,
            &reviews::NewReview {
                submission_id,
                outcome: input.outcome.as_str(),
                remark: &remark,
                reviewed_at: &at,
                reviewed_at_ms: now_ms,
                reviewed_by: &actor,
            },
        )?,
        audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: &actor,
                district_id: Some(&owner.district_id),
                action: AuditAction::SubmissionReview,
                entity: "submission",
                entity_id: submission_id,
                detail: &detail,
            },
        )?,
    ])
    .await?;
    review_item(db, scope, submission_id).await
}

/// Most recent submissions an admin sees on their page.
const MY_LIMIT: u32 = 20;

pub async fn my_submissions(db: &D1Database, admin_id: &str) -> Result<MySubmissions, Failure> {
    let items = reviews::admin_submissions(db, admin_id, MY_LIMIT)
        .await?
        .into_iter()
        .map(|r| MySubmission {
            id: r.id,
            group_name: r.group_name,
            ist_day: r.ist_day,
            submitted_at: r.submitted_at,
            image_count: r.image_count,
            images_received: r.images_received,
            outcome: r.outcome.as_deref().and_then(ReviewOutcome::parse),
            remark: r.remark.unwrap_or_default(),
            reviewed_at: r.reviewed_at,
        })
        .collect();
    Ok(MySubmissions { items })
}
