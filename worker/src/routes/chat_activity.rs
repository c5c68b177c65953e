//! `/api/groups/:group_id/chat-activity`: per-day counts from WhatsApp's chat export.
//! The phone parses the export; this resource only ever receives and serves numbers.

use prasar_core::api::ChatActivityUpload;
use prasar_core::api::{
    ChatCampaignItemList, CHAT_ACTIVITY_VIEW_DAYS, MAX_CHAT_ACTIVITY_DAYS,
    MAX_CHAT_ACTIVITY_JSON_BYTES, MAX_CHAT_ACTIVITY_VIEW_DAYS,
};
use prasar_core::auth::{Action, Principal};
use prasar_core::error::ErrorCode;
use prasar_core::ids::is_valid_group_id;
use prasar_core::time::parse_day;
use serde::Deserialize;
use worker::Request;

use super::Ctx;
use crate::http::{json, read_capped_body, Failure, Outcome};
use crate::services::chat_activity::{self, ChatAdmin};
use crate::storage::chat_activity as rows;
use crate::storage::groups::{self, GroupRow};

/// Most campaign items the phone is given to match against.
const MAX_ITEMS: u32 = 200;

/// The group, if it lies in the caller's area (another area's group is 404 for everyone,
/// before any role check can answer 403).
async fn group_in_scope(ctx: &Ctx<'_>, group_id: &str) -> Result<GroupRow, Failure> {
    if !is_valid_group_id(group_id) {
        return Err(ErrorCode::GroupNotFound.into());
    }
    groups::find(ctx.db, ctx.scope, group_id)
        .await?
        .ok_or(Failure(ErrorCode::GroupNotFound))
}

/// `POST`: the group's admin sends the counts of an export ([`ChatActivityUpload`]).
pub async fn upload(req: &mut Request, ctx: &Ctx<'_>, group_id: &str) -> Outcome {
    // Read (within bounds) before anything can refuse, so the phone sees our answer.
    let body = read_capped_body(req, MAX_CHAT_ACTIVITY_JSON_BYTES).await;
    group_in_scope(ctx, group_id).await?;
    ctx.require(Action::SubmitScreenshot)?;
    let Principal::GroupAdmin {
        admin_id,
        district_id,
    } = &ctx.caller.principal
    else {
        return Err(ErrorCode::Forbidden.into());
    };
    let body = body?;
    let upload: ChatActivityUpload =
        serde_json::from_slice(&body).map_err(|_| Failure(ErrorCode::InvalidJson))?;
    let who = ChatAdmin {
        admin_id,
        district_id,
    };
    let stored = chat_activity::store(ctx.db, &who, group_id, &upload, ctx.now).await?;
    let status = if stored.days_created > 0 { 201 } else { 200 };
    json(status, &stored)
}

#[derive(Deserialize)]
struct ViewQuery {
    days: Option<String>,
}

/// `GET ?days=N`: the officers' strip and member growth (default 30 days).
pub async fn view(req: &Request, ctx: &Ctx<'_>, group_id: &str) -> Outcome {
    let group = group_in_scope(ctx, group_id).await?;
    ctx.require(Action::ReadSubmissions)?;
    let query: ViewQuery = req
        .query()
        .map_err(|_| Failure(ErrorCode::ChatActivityInvalidWindow))?;
    let window = match query.days.as_deref() {
        None => CHAT_ACTIVITY_VIEW_DAYS,
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (7..=MAX_CHAT_ACTIVITY_VIEW_DAYS).contains(&n) => n,
            _ => return Err(ErrorCode::ChatActivityInvalidWindow.into()),
        },
    };
    json(
        200,
        &chat_activity::view(ctx.db, &group, window, ctx.now).await?,
    )
}

#[derive(Deserialize)]
struct ItemsQuery {
    from: Option<String>,
    to: Option<String>,
}

/// `GET campaign-items?from=&to=`: the items the phone matches the admin's messages
/// against (the group's admin, or officers of its area).
pub async fn campaign_items(req: &Request, ctx: &Ctx<'_>, group_id: &str) -> Outcome {
    group_in_scope(ctx, group_id).await?;
    if !(ctx.caller.principal.may(Action::SubmitScreenshot)
        || ctx.caller.principal.may(Action::ReadSubmissions))
    {
        return Err(ErrorCode::Forbidden.into());
    }
    let query: ItemsQuery = req.query().map_err(|_| Failure(ErrorCode::InvalidDay))?;
    let day = |text: Option<String>| text.as_deref().and_then(parse_day);
    let (Some(from), Some(to)) = (day(query.from), day(query.to)) else {
        return Err(ErrorCode::InvalidDay.into());
    };
    if from > to || (to - from).num_days() >= MAX_CHAT_ACTIVITY_DAYS as i64 {
        return Err(ErrorCode::InvalidDay.into());
    }
    let items = rows::campaign_items(
        ctx.db,
        group_id,
        &from.to_string(),
        &to.to_string(),
        MAX_ITEMS,
    )
    .await?;
    json(200, &ChatCampaignItemList { items })
}
