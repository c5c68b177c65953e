//! `/api/campaign-items`: today's items for admins and officers, the officers' lists,
//! publishing, editing, withdrawing, images, and who posted what.

use prasar_core::api::{CampaignItemInput, CampaignItemList, CampaignItemPage, CampaignWhen};
use prasar_core::auth::Action;
use prasar_core::error::ErrorCode;
use prasar_core::screenshot::MAX_SCREENSHOT_BYTES;
use prasar_core::time::ist_day;
use serde::Deserialize;
use worker::Request;

use super::Ctx;
use crate::http::{image as image_response, json, read_capped_body, read_json, Failure, Outcome};
use crate::services::campaigns as service;
use crate::storage::campaign_items::{self as items, ItemRow, Window};
use crate::storage::screenshots;

/// Most items one list returns.
const LIST_LIMIT: u32 = 200;

fn is_valid_item_id(id: &str) -> bool {
    prasar_core::ids::is_valid_submission_id(id)
}

/// The item if the caller may see it (404 otherwise, before any role check).
async fn visible_item(ctx: &Ctx<'_>, id: &str) -> Result<ItemRow, Failure> {
    if !is_valid_item_id(id) {
        return Err(ErrorCode::CampaignItemNotFound.into());
    }
    items::find(ctx.db, ctx.scope, id)
        .await?
        .ok_or(Failure(ErrorCode::CampaignItemNotFound))
}

fn may_publish(ctx: &Ctx<'_>) -> bool {
    ctx.caller.principal.may(Action::PublishCampaign)
}

/// `GET /api/campaign-items/today`: items active today (IST) for the caller's groups
/// (admins) or area (officers).
pub async fn today(ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadCampaigns)?;
    let day = ist_day(ctx.now).to_string();
    let rows = items::list(ctx.db, ctx.scope, Window::Active, &day, LIST_LIMIT, false).await?;
    json(
        200,
        &CampaignItemList {
            ist_day: day,
            items: rows.iter().map(service::to_item).collect(),
        },
    )
}

#[derive(Deserialize)]
struct ListQuery {
    when: Option<String>,
}

/// `GET /api/campaign-items?when=active|upcoming|past` (officers).
pub async fn list(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::FollowCampaigns)?;
    let query: ListQuery = req.query().map_err(|_| Failure(ErrorCode::InvalidJson))?;
    let when = match query.when.as_deref() {
        None | Some("") => CampaignWhen::Active,
        Some(text) => CampaignWhen::parse(text).ok_or(Failure(ErrorCode::InvalidJson))?,
    };
    let window = match when {
        CampaignWhen::Active => Window::Active,
        CampaignWhen::Upcoming => Window::Upcoming,
        CampaignWhen::Past => Window::Past,
    };
    let today = ist_day(ctx.now);
    let rows = items::list(
        ctx.db,
        ctx.scope,
        window,
        &today.to_string(),
        LIST_LIMIT,
        true,
    )
    .await?;
    let publish = may_publish(ctx);
    json(
        200,
        &CampaignItemPage {
            ist_day: today.to_string(),
            when,
            may_publish: publish,
            items: rows
                .iter()
                .map(|r| service::to_summary(r, today, publish))
                .collect(),
        },
    )
}

async fn detail_response(ctx: &Ctx<'_>, id: &str, status: u16) -> Outcome {
    let row = visible_item(ctx, id).await?;
    json(
        status,
        &service::detail(ctx.db, ctx.scope, &row, ctx.now, may_publish(ctx)).await?,
    )
}

/// `GET /api/campaign-items/:id`: the item, its fields for editing, and who posted it.
pub async fn detail(ctx: &Ctx<'_>, id: &str) -> Outcome {
    visible_item(ctx, id).await?;
    ctx.require(Action::FollowCampaigns)?;
    detail_response(ctx, id, 200).await
}

/// `POST /api/campaign-items` with [`CampaignItemInput`].
pub async fn create(req: &mut Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::PublishCampaign)?;
    let input: CampaignItemInput = read_json(req).await?;
    let id = service::publish(ctx.db, ctx.caller, ctx.scope, &input, ctx.now).await?;
    detail_response(ctx, &id, 201).await
}

/// `PATCH /api/campaign-items/:id` with every field of [`CampaignItemInput`].
pub async fn update(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    let row = visible_item(ctx, id).await?;
    ctx.require(Action::PublishCampaign)?;
    let input: CampaignItemInput = read_json(req).await?;
    service::update(ctx.db, ctx.caller, ctx.scope, &row, &input, ctx.now).await?;
    detail_response(ctx, id, 200).await
}

/// `POST /api/campaign-items/:id/withdraw`: admins stop seeing it at once.
pub async fn withdraw(ctx: &Ctx<'_>, id: &str) -> Outcome {
    let row = visible_item(ctx, id).await?;
    ctx.require(Action::PublishCampaign)?;
    service::withdraw(ctx.db, ctx.caller, &row, ctx.now).await?;
    detail_response(ctx, id, 200).await
}

/// `PUT /api/campaign-items/:id/image` with the image bytes as the body.
pub async fn put_image(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    // Read (within bounds) before anything can refuse: see submissions::create.
    let body = read_capped_body(req, MAX_SCREENSHOT_BYTES).await;
    let row = visible_item(ctx, id).await?;
    ctx.require(Action::PublishCampaign)?;
    let body = body?;
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    service::set_image(ctx.db, &bucket, ctx.caller, &row, body, ctx.now).await?;
    detail_response(ctx, id, 200).await
}

/// `DELETE /api/campaign-items/:id/image`.
pub async fn delete_image(ctx: &Ctx<'_>, id: &str) -> Outcome {
    let row = visible_item(ctx, id).await?;
    ctx.require(Action::PublishCampaign)?;
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    service::remove_image(ctx.db, &bucket, ctx.caller, &row, ctx.now).await?;
    detail_response(ctx, id, 200).await
}

/// `GET /api/campaign-items/:id/image`: for anyone who may see the item.
pub async fn image(ctx: &Ctx<'_>, id: &str) -> Outcome {
    let row = visible_item(ctx, id).await?;
    ctx.require(Action::ReadCampaigns)?;
    let (Some(key), Some(content_type), Some(sha)) = (
        row.image_r2_key.as_deref(),
        row.image_content_type.as_deref(),
        row.image_sha256.as_deref(),
    ) else {
        return Err(ErrorCode::NotFound.into());
    };
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    let bytes = screenshots::get(&bucket, key).await?.ok_or_else(|| {
        worker::console_error!("item {id} has no R2 object {key}");
        Failure(ErrorCode::NotFound)
    })?;
    image_response(bytes, content_type, sha)
}
