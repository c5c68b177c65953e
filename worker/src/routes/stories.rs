//! `/api/stories`: success stories sent by admins and block officers, reviewed by PR
//! officers and turned into campaign items.

use prasar_core::api::{NewStory, StoryList, StoryReview, StoryStatus, StoryToItem, StoryUnits};
use prasar_core::auth::Action;
use prasar_core::error::ErrorCode;
use prasar_core::ids::is_valid_submission_id;
use prasar_core::screenshot::MAX_SCREENSHOT_BYTES;
use serde::Deserialize;
use worker::Request;

use super::Ctx;
use crate::http::{image as image_response, json, read_capped_body, read_json, Failure, Outcome};
use crate::services::{campaigns, stories as service};
use crate::storage::stories::{self as rows, StoryRow};
use crate::storage::{campaign_items, screenshots};

const LIST_LIMIT: u32 = 200;

/// The story if the caller may see it (404 otherwise, before any role check).
async fn visible_story(ctx: &Ctx<'_>, id: &str) -> Result<StoryRow, Failure> {
    if !is_valid_submission_id(id) {
        return Err(ErrorCode::StoryNotFound.into());
    }
    rows::find(ctx.db, ctx.scope, id)
        .await?
        .ok_or(Failure(ErrorCode::StoryNotFound))
}

fn position_of(text: &str) -> Result<u8, Failure> {
    match text {
        "0" => Ok(0),
        "1" => Ok(1),
        "2" => Ok(2),
        _ => Err(ErrorCode::StoryPhotoNotFound.into()),
    }
}

/// `GET /api/stories/units`: where the caller may say a story happened.
pub async fn units(ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::SendStory)?;
    json(
        200,
        &StoryUnits {
            units: rows::units_for(ctx.db, ctx.scope).await?,
        },
    )
}

/// `POST /api/stories` with [`NewStory`]; 201 when created, 200 for a retry.
pub async fn create(req: &mut Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::SendStory)?;
    let input: NewStory = read_json(req).await?;
    let created = service::create(ctx.db, ctx.caller, ctx.scope, &input, ctx.now).await?;
    json(if created.created { 201 } else { 200 }, &created)
}

#[derive(Deserialize)]
struct ListQuery {
    status: Option<String>,
}

/// `GET /api/stories?status=submitted|accepted|rejected`.
pub async fn list(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadStories)?;
    let query: ListQuery = req.query().map_err(|_| Failure(ErrorCode::InvalidJson))?;
    let status = match query.status.as_deref() {
        None | Some("") | Some("all") => None,
        Some(text) => Some(StoryStatus::parse(text).ok_or(Failure(ErrorCode::InvalidJson))?),
    };
    let list = rows::list(ctx.db, ctx.scope, status, LIST_LIMIT).await?;
    json(
        200,
        &StoryList {
            status,
            may_review: ctx.caller.principal.may(Action::ReviewStory),
            stories: service::with_photos(ctx.db, list).await?,
        },
    )
}

pub async fn detail(ctx: &Ctx<'_>, id: &str) -> Outcome {
    let row = visible_story(ctx, id).await?;
    ctx.require(Action::ReadStories)?;
    json(200, &service::one(ctx.db, row).await?)
}

/// `PUT /api/stories/:id/photos/:position` with the photo bytes as the body; only the
/// story's sender may add its photos.
pub async fn put_photo(req: &mut Request, ctx: &Ctx<'_>, id: &str, position: &str) -> Outcome {
    let body = read_capped_body(req, MAX_SCREENSHOT_BYTES).await;
    let row = visible_story(ctx, id).await?;
    ctx.require(Action::SendStory)?;
    if row.author != ctx.caller.principal.actor() {
        return Err(ErrorCode::Forbidden.into());
    }
    let position = position_of(position)?;
    let body = body?;
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    let created =
        service::add_photo(ctx.db, &bucket, ctx.caller, row, position, body, ctx.now).await?;
    json(if created.created { 201 } else { 200 }, &created)
}

pub async fn photo(ctx: &Ctx<'_>, id: &str, position: &str) -> Outcome {
    let row = visible_story(ctx, id).await?;
    ctx.require(Action::ReadStories)?;
    let position = position_of(position)?;
    let photos = rows::photos(ctx.db, &[row.id.as_str()]).await?;
    let stored = photos
        .into_iter()
        .find(|p| p.position == position)
        .ok_or(Failure(ErrorCode::StoryPhotoNotFound))?;
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    let bytes = screenshots::get(&bucket, &stored.r2_key)
        .await?
        .ok_or_else(|| {
            worker::console_error!("story {id} has no R2 object {}", stored.r2_key);
            Failure(ErrorCode::StoryPhotoNotFound)
        })?;
    image_response(bytes, &stored.content_type, &stored.sha256)
}

/// `POST /api/stories/:id/review` with [`StoryReview`].
pub async fn review(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    let row = visible_story(ctx, id).await?;
    ctx.require(Action::ReviewStory)?;
    let input: StoryReview = read_json(req).await?;
    service::review(ctx.db, ctx.caller, &row, &input, ctx.now).await?;
    detail(ctx, id).await
}

/// `POST /api/stories/:id/campaign-item` with [`StoryToItem`] (`{}` takes everything from
/// the story): answers the new item (201).
pub async fn promote(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    let row = visible_story(ctx, id).await?;
    ctx.require(Action::PublishCampaign)?;
    let overrides: StoryToItem = read_json(req).await?;
    let item_id =
        campaigns::promote_story(ctx.db, ctx.caller, ctx.scope, &row, &overrides, ctx.now).await?;
    let item = campaign_items::find(ctx.db, ctx.scope, &item_id)
        .await?
        .ok_or(Failure(ErrorCode::Internal))?;
    json(
        201,
        &campaigns::detail(ctx.db, ctx.scope, &item, ctx.now, true).await?,
    )
}
