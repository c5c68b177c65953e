//! Drawn checks: `/api/checks`, `/api/checks/:id`, its calls and its WhatsApp request.
//! Ids outside the caller's area answer 404 before the role check answers 403.

use prasar_core::api::NewCall;
use prasar_core::auth::Action;
use prasar_core::error::ErrorCode;
use prasar_core::ids::is_valid_submission_id;
use worker::Request;

use super::day_query::{day_or_today, query};
use super::Ctx;
use crate::http::{json, read_json, Failure, Outcome};
use crate::services::checks;

fn valid_check_id(id: &str) -> Result<(), Failure> {
    if is_valid_submission_id(id) {
        Ok(())
    } else {
        Err(ErrorCode::CheckNotFound.into())
    }
}

/// `GET /api/checks?day=YYYY-MM-DD`
pub async fn list(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadCompliance)?;
    let q = query(req)?;
    let day = day_or_today(q.day.as_deref(), ctx)?;
    json(
        200,
        &checks::checks_for_day(ctx.db, ctx.scope, day, ctx.now).await?,
    )
}

/// `GET /api/checks/:id`
pub async fn one(ctx: &Ctx<'_>, id: &str) -> Outcome {
    valid_check_id(id)?;
    let view = checks::find_check(ctx.db, ctx.scope, id, ctx.now).await?;
    ctx.require(Action::ReadCompliance)?;
    json(200, &view)
}

/// `POST /api/checks/:id/calls` with [`NewCall`].
pub async fn log_call(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    valid_check_id(id)?;
    checks::find_check(ctx.db, ctx.scope, id, ctx.now).await?;
    ctx.require(Action::FollowUpChecks)?;
    let call: NewCall = read_json(req).await?;
    let view = checks::log_call(ctx.db, ctx.caller, ctx.scope, id, &call, ctx.now).await?;
    json(201, &view)
}

/// `POST /api/checks/:id/message`: the WhatsApp request with a fresh personal link.
pub async fn message(req: &Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    valid_check_id(id)?;
    checks::find_check(ctx.db, ctx.scope, id, ctx.now).await?;
    ctx.require(Action::FollowUpChecks)?;
    let origin = req.url()?.origin().ascii_serialization();
    let msg = checks::prepare_message(ctx.db, ctx.caller, ctx.scope, id, &origin, ctx.now).await?;
    json(201, &msg)
}
