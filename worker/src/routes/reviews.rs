//! Reviews: `/api/reviews`, `/api/submissions/:id/reviews`, `/api/my/submissions`.

use prasar_core::api::NewReview;
use prasar_core::auth::{Action, Principal};
use prasar_core::error::ErrorCode;
use prasar_core::ids::is_valid_submission_id;
use worker::Request;

use super::day_query::{day_or_today, query};
use super::Ctx;
use crate::http::{json, read_json, Failure, Outcome};
use crate::services::reviews;
use crate::storage::submissions;

/// `GET /api/reviews?day=YYYY-MM-DD&filter=pending|all`
pub async fn queue(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReviewSubmissions)?;
    let q = query(req)?;
    let day = day_or_today(q.day.as_deref(), ctx)?;
    let pending_only = match q.filter.as_deref() {
        None | Some("pending") => true,
        Some("all") => false,
        Some(_) => return Err(ErrorCode::InvalidQuery.into()),
    };
    json(
        200,
        &reviews::review_queue(ctx.db, ctx.scope, day, pending_only).await?,
    )
}

async fn submission_in_scope(ctx: &Ctx<'_>, id: &str) -> Result<(), Failure> {
    if !is_valid_submission_id(id) || submissions::owner(ctx.db, ctx.scope, id).await?.is_none() {
        return Err(ErrorCode::SubmissionNotFound.into());
    }
    Ok(())
}

/// `GET /api/submissions/:id/reviews`: the submission with its review history and flags.
pub async fn history(ctx: &Ctx<'_>, id: &str) -> Outcome {
    submission_in_scope(ctx, id).await?;
    ctx.require(Action::ReviewSubmissions)?;
    json(200, &reviews::review_item(ctx.db, ctx.scope, id).await?)
}

/// `POST /api/submissions/:id/reviews` with [`NewReview`].
pub async fn decide(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    submission_in_scope(ctx, id).await?;
    ctx.require(Action::ReviewSubmissions)?;
    let input: NewReview = read_json(req).await?;
    json(
        201,
        &reviews::review(ctx.db, ctx.caller, ctx.scope, id, &input, ctx.now).await?,
    )
}

/// `GET /api/my/submissions`: a group admin's own recent submissions and their reviews.
pub async fn mine(ctx: &Ctx<'_>) -> Outcome {
    let Principal::GroupAdmin { admin_id, .. } = &ctx.caller.principal else {
        return Err(ErrorCode::Forbidden.into());
    };
    json(200, &reviews::my_submissions(ctx.db, admin_id).await?)
}
