use prasar_core::api::{SubmissionList, IDEMPOTENCY_HEADER};
use prasar_core::auth::{Action, Principal};
use prasar_core::error::ErrorCode;
use prasar_core::ids::{is_valid_group_id, is_valid_idempotency_key, is_valid_submission_id};
use prasar_core::screenshot::MAX_SCREENSHOT_BYTES;
use prasar_core::time::{ist_day, parse_day};
use serde::Deserialize;
use worker::Request;

use super::Ctx;

use crate::http::{image as image_response, json, read_capped_body, Failure, Outcome};
use crate::services::submissions::{accept, Upload};
use crate::storage::{groups, screenshots, submissions};

/// Most rows one day's list returns.
const DAY_LIST_LIMIT: u32 = 1000;

/// `POST /api/groups/:group_id/submissions` with the image bytes as the body.
pub async fn create(req: &mut Request, ctx: &Ctx<'_>, group_id: &str) -> Outcome {
    // The body is read (within its bounds) before any other check can fail: a response
    // sent while the phone is still uploading reaches many clients as a bare connection
    // reset instead of our translated error.
    let body = read_capped_body(req, MAX_SCREENSHOT_BYTES).await;
    if !is_valid_group_id(group_id) {
        return Err(ErrorCode::GroupNotFound.into());
    }
    let client_key = req.headers().get(IDEMPOTENCY_HEADER)?;
    if let Some(key) = &client_key {
        if !is_valid_idempotency_key(key) {
            return Err(ErrorCode::InvalidIdempotencyKey.into());
        }
    }
    let body = body?;
    // Another area's group is 404 for everyone; only then may the role refuse (403).
    if groups::find(ctx.db, ctx.scope, group_id).await?.is_none() {
        return Err(ErrorCode::GroupNotFound.into());
    }
    ctx.require(Action::SubmitScreenshot)?;
    let Principal::GroupAdmin {
        admin_id,
        district_id,
    } = &ctx.caller.principal
    else {
        return Err(ErrorCode::Forbidden.into());
    };
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    let created = accept(
        ctx.db,
        &bucket,
        Upload {
            group_id,
            admin_id,
            district_id,
            client_key: client_key.as_deref(),
            body,
            now_ms: ctx.now,
        },
    )
    .await?;
    json(if created.created { 201 } else { 200 }, &created)
}

#[derive(Deserialize)]
struct ListQuery {
    day: Option<String>,
}

/// `GET /api/submissions?day=YYYY-MM-DD`; without `day`, today in IST.
pub async fn list(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadSubmissions)?;
    let query: ListQuery = req.query().map_err(|_| Failure(ErrorCode::InvalidDay))?;
    let day = match query.day.as_deref() {
        Some(text) => parse_day(text).ok_or(Failure(ErrorCode::InvalidDay))?,
        None => ist_day(ctx.now),
    }
    .to_string();
    let submissions = submissions::list_for_day(ctx.db, ctx.scope, &day, DAY_LIST_LIMIT).await?;
    json(
        200,
        &SubmissionList {
            ist_day: day,
            submissions,
        },
    )
}

/// `GET /api/submissions/:id/image`: the stored bytes with the type recorded at upload.
pub async fn image(ctx: &Ctx<'_>, id: &str) -> Outcome {
    if !is_valid_submission_id(id) {
        return Err(ErrorCode::SubmissionNotFound.into());
    }
    let stored = submissions::image_location(ctx.db, ctx.scope, id)
        .await?
        .ok_or(Failure(ErrorCode::SubmissionNotFound))?;
    ctx.require(Action::ReadSubmissions)?;
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    let bytes = screenshots::get(&bucket, &stored.r2_key)
        .await?
        .ok_or_else(|| {
            worker::console_error!("row {id} has no R2 object {}", stored.r2_key);
            Failure(ErrorCode::SubmissionNotFound)
        })?;
    image_response(bytes, &stored.content_type, &stored.sha256)
}
