use prasar_core::api::{
    NewSubmission, SubmissionList, CAPTURED_AT_HEADER, IDEMPOTENCY_HEADER, PHASH_HEADER,
};
use prasar_core::auth::{Action, Principal};
use prasar_core::error::ErrorCode;
use prasar_core::ids::{is_valid_group_id, is_valid_idempotency_key, is_valid_submission_id};
use prasar_core::screenshot::MAX_SCREENSHOT_BYTES;
use prasar_core::submission::{parse_captured_at_header, parse_phash_header};
use prasar_core::time::{ist_day, parse_day};
use serde::Deserialize;
use worker::Request;

use super::Ctx;

use crate::http::{image as image_response, json, read_capped_body, Failure, Outcome};
use crate::services::submissions::{accept_complete, create as create_report, put_image};
use crate::services::submissions::{CompleteSubmission, ImageUpload, Submitter};
use crate::storage::{groups, screenshots, submissions};

/// Most rows one day's list returns.
const DAY_LIST_LIMIT: u32 = 1000;

/// Largest JSON body of step 1 (a note of 1,000 characters in Devanagari is ~3 KB).
const MAX_REPORT_JSON_BYTES: usize = 16 * 1024;

/// The caller as a submitting group admin, after the role check.
fn submitter<'a>(ctx: &'a Ctx<'_>) -> Result<Submitter<'a>, Failure> {
    ctx.require(Action::SubmitScreenshot)?;
    match &ctx.caller.principal {
        Principal::GroupAdmin {
            admin_id,
            district_id,
        } => Ok(Submitter {
            admin_id,
            district_id,
        }),
        Principal::Official { .. } => Err(ErrorCode::Forbidden.into()),
    }
}

/// `POST /api/groups/:group_id/submissions`: JSON [`NewSubmission`] creates a report;
/// a bare image body (older clients) is a complete one-image report.
pub async fn create(req: &mut Request, ctx: &Ctx<'_>, group_id: &str) -> Outcome {
    // The body is read (within its bounds) before any other check can fail: a response
    // sent while the phone is still uploading reaches many clients as a bare connection
    // reset instead of our translated error.
    let body = read_capped_body(req, MAX_SCREENSHOT_BYTES).await;
    if !is_valid_group_id(group_id) {
        return Err(ErrorCode::GroupNotFound.into());
    }
    let is_json = req
        .headers()
        .get("Content-Type")?
        .is_some_and(|t| t.trim_start().starts_with("application/json"));
    let legacy_key = req.headers().get(IDEMPOTENCY_HEADER)?;
    let body = body?;
    // Another area's group is 404 for everyone; only then may the role refuse (403).
    if groups::find(ctx.db, ctx.scope, group_id).await?.is_none() {
        return Err(ErrorCode::GroupNotFound.into());
    }
    let who = submitter(ctx)?;
    let created = if is_json {
        if body.len() > MAX_REPORT_JSON_BYTES {
            return Err(ErrorCode::UploadTooLarge.into());
        }
        let input: NewSubmission =
            serde_json::from_slice(&body).map_err(|_| Failure(ErrorCode::InvalidJson))?;
        create_report(ctx.db, &who, group_id, &input, "app", ctx.now).await?
    } else {
        let client_key = match legacy_key {
            Some(key) if is_valid_idempotency_key(&key) => key,
            Some(_) => return Err(ErrorCode::InvalidIdempotencyKey.into()),
            None => uuid::Uuid::new_v4().to_string(),
        };
        let input = NewSubmission {
            client_key,
            image_count: 1,
            member_count: None,
            campaign_item_ids: Vec::new(),
            note: String::new(),
            client_created_at_ms: None,
        };
        let bucket = ctx.env.bucket("SCREENSHOTS")?;
        let complete = CompleteSubmission {
            group_id,
            input,
            images: vec![body],
            channel: "app",
        };
        accept_complete(ctx.db, &bucket, &who, complete, ctx.now).await?
    };
    json(if created.created { 201 } else { 200 }, &created)
}

/// `PUT /api/submissions/:id/images/:position` with the image bytes as the body.
pub async fn put(req: &mut Request, ctx: &Ctx<'_>, id: &str, position: &str) -> Outcome {
    let body = read_capped_body(req, MAX_SCREENSHOT_BYTES).await;
    if !is_valid_submission_id(id) {
        return Err(ErrorCode::SubmissionNotFound.into());
    }
    let position = parse_position(position)?;
    let phash = parse_phash_header(req.headers().get(PHASH_HEADER)?.as_deref())?;
    let captured_at_ms =
        parse_captured_at_header(req.headers().get(CAPTURED_AT_HEADER)?.as_deref(), ctx.now)?;
    let body = body?;
    if submissions::owner(ctx.db, ctx.scope, id).await?.is_none() {
        return Err(ErrorCode::SubmissionNotFound.into());
    }
    let who = submitter(ctx)?;
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    let stored = put_image(
        ctx.db,
        &bucket,
        &who,
        id,
        ImageUpload {
            position,
            body,
            phash,
            captured_at_ms,
        },
        ctx.now,
    )
    .await?;
    json(if stored.created { 201 } else { 200 }, &stored)
}

fn parse_position(text: &str) -> Result<u8, Failure> {
    match text.parse::<u8>() {
        Ok(p) if p < prasar_core::api::MAX_IMAGES_PER_SUBMISSION && text.len() == 1 => Ok(p),
        _ => Err(ErrorCode::InvalidImagePosition.into()),
    }
}

/// `GET /api/submissions/:id`: one report, if its group lies in the caller's area.
pub async fn detail(ctx: &Ctx<'_>, id: &str) -> Outcome {
    if !is_valid_submission_id(id) {
        return Err(ErrorCode::SubmissionNotFound.into());
    }
    let found = submissions::find(ctx.db, ctx.scope, id)
        .await?
        .ok_or(Failure(ErrorCode::SubmissionNotFound))?;
    json(200, &found)
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

/// `GET /api/submissions/:id/images/:position`: the stored bytes with the type recorded
/// at upload. Group admins may see their own groups' screenshots.
pub async fn image(ctx: &Ctx<'_>, id: &str, position: &str) -> Outcome {
    if !is_valid_submission_id(id) {
        return Err(ErrorCode::SubmissionNotFound.into());
    }
    let position = parse_position(position)?;
    let stored = submissions::image_location(ctx.db, ctx.scope, id, position)
        .await?
        .ok_or(Failure(ErrorCode::SubmissionNotFound))?;
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    let bytes = screenshots::get(&bucket, &stored.r2_key)
        .await?
        .ok_or_else(|| {
            worker::console_error!("row {id}/{position} has no R2 object {}", stored.r2_key);
            Failure(ErrorCode::SubmissionNotFound)
        })?;
    image_response(bytes, &stored.content_type, &stored.sha256)
}
