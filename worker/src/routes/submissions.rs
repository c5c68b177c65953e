use futures_util::StreamExt;
use prasar_core::api::{SubmissionList, IDEMPOTENCY_HEADER};
use prasar_core::error::ErrorCode;
use prasar_core::ids::{is_valid_group_id, is_valid_idempotency_key, is_valid_submission_id};
use prasar_core::screenshot::MAX_SCREENSHOT_BYTES;
use prasar_core::time::{ist_day, parse_day};
use serde::Deserialize;
use worker::{Env, Request};

use crate::http::{image as image_response, json, Failure, Outcome};
use crate::services::submissions::{accept, Upload};
use crate::storage::{screenshots, submissions};

/// Most rows one day's list returns.
const DAY_LIST_LIMIT: u32 = 1000;

/// `POST /api/groups/:group_id/submissions` with the image bytes as the body.
pub async fn create(mut req: Request, env: &Env, group_id: &str) -> Outcome {
    // The body is read (within its bounds) before any other check can fail: a response
    // sent while the phone is still uploading reaches many clients as a bare connection
    // reset instead of our translated error.
    let body = read_capped_body(&mut req).await;
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
    let db = env.d1("DB")?;
    let bucket = env.bucket("SCREENSHOTS")?;
    let created = accept(
        &db,
        &bucket,
        Upload {
            group_id,
            client_key: client_key.as_deref(),
            body,
            now_ms: worker::Date::now().as_millis() as i64,
        },
    )
    .await?;
    json(if created.created { 201 } else { 200 }, &created)
}

/// Bodies up to this size are read to the end even when over the limit, so that the
/// client sees our translated 413: a browser whose upload is cut off mid-way reports a
/// bare network error instead of the response.
const DRAIN_OVERSIZE_UP_TO: u64 = 32 * 1024 * 1024;

/// Keeps at most `MAX_SCREENSHOT_BYTES` in memory. A declared length beyond
/// `DRAIN_OVERSIZE_UP_TO` (or a lie about one) is refused before any body is read.
async fn read_capped_body(req: &mut Request) -> Result<Vec<u8>, Failure> {
    if let Some(declared) = req.headers().get("Content-Length")? {
        match declared.trim().parse::<u64>() {
            Ok(n) if n > DRAIN_OVERSIZE_UP_TO => return Err(ErrorCode::UploadTooLarge.into()),
            Ok(_) => {}
            Err(_) => return Err(ErrorCode::UploadTooLarge.into()),
        }
    }
    let Ok(mut stream) = req.stream() else {
        // No body at all.
        return Ok(Vec::new());
    };
    let mut body = Vec::new();
    let mut received: u64 = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        received += chunk.len() as u64;
        if received > DRAIN_OVERSIZE_UP_TO {
            return Err(ErrorCode::UploadTooLarge.into());
        }
        if received <= MAX_SCREENSHOT_BYTES as u64 {
            body.extend_from_slice(&chunk);
        } else if !body.is_empty() {
            // Over the limit: keep draining, but stop holding bytes we will refuse.
            body = Vec::new();
        }
    }
    if received > MAX_SCREENSHOT_BYTES as u64 {
        return Err(ErrorCode::UploadTooLarge.into());
    }
    Ok(body)
}

#[derive(Deserialize)]
struct ListQuery {
    day: Option<String>,
}

/// `GET /api/submissions?day=YYYY-MM-DD`; without `day`, today in IST.
pub async fn list(req: &Request, env: &Env) -> Outcome {
    let query: ListQuery = req.query().map_err(|_| Failure(ErrorCode::InvalidDay))?;
    let day = match query.day.as_deref() {
        Some(text) => parse_day(text).ok_or(Failure(ErrorCode::InvalidDay))?,
        None => ist_day(worker::Date::now().as_millis() as i64),
    }
    .to_string();
    let db = env.d1("DB")?;
    let submissions = submissions::list_for_day(&db, &day, DAY_LIST_LIMIT).await?;
    json(
        200,
        &SubmissionList {
            ist_day: day,
            submissions,
        },
    )
}

/// `GET /api/submissions/:id/image`: the stored bytes with the type recorded at upload.
pub async fn image(env: &Env, id: &str) -> Outcome {
    if !is_valid_submission_id(id) {
        return Err(ErrorCode::SubmissionNotFound.into());
    }
    let db = env.d1("DB")?;
    let stored = submissions::image_location(&db, id)
        .await?
        .ok_or(Failure(ErrorCode::SubmissionNotFound))?;
    let bucket = env.bucket("SCREENSHOTS")?;
    let bytes = screenshots::get(&bucket, &stored.r2_key)
        .await?
        .ok_or_else(|| {
            worker::console_error!("row {id} has no R2 object {}", stored.r2_key);
            Failure(ErrorCode::SubmissionNotFound)
        })?;
    image_response(bytes, &stored.content_type, &stored.sha256)
}
