//! Daily monitoring resources: `/api/checks…`, `/api/reviews`, `/api/submissions/:id/reviews`,
//! `/api/my/submissions`, `/api/compliance…`, `/api/status`. Ids outside the caller's
//! area answer 404 before the role check answers 403.

use chrono::Days;
use prasar_core::api::{DrawRequest, NewCall, NewReview};
use prasar_core::auth::{Action, Principal};
use prasar_core::compliance::PeriodKind;
use prasar_core::error::ErrorCode;
use prasar_core::ids::is_valid_submission_id;
use prasar_core::time::{ist_day, parse_day};
use serde::Deserialize;
use worker::Request;

use super::Ctx;
use crate::http::{json, read_json, Failure, Outcome};
use crate::services::monitoring::{self as service, Settings};
use crate::storage::{monitoring as rows, submissions};

/// Draws for missed mornings can be run this many days late; older days stay as they
/// were (a draw for an old day would only create checks that are overdue at once).
const DRAW_CATCH_UP_DAYS: u64 = 7;

#[derive(Deserialize)]
struct DayQuery {
    day: Option<String>,
    filter: Option<String>,
    period: Option<String>,
    days: Option<String>,
}

fn query(req: &Request) -> Result<DayQuery, Failure> {
    req.query().map_err(|_| Failure(ErrorCode::InvalidQuery))
}

fn day_or_today(text: Option<&str>, ctx: &Ctx<'_>) -> Result<chrono::NaiveDate, Failure> {
    match text {
        Some(t) => parse_day(t).ok_or(Failure(ErrorCode::InvalidDay)),
        None => Ok(ist_day(ctx.now)),
    }
}

fn valid_check_id(id: &str) -> Result<(), Failure> {
    if is_valid_submission_id(id) {
        Ok(())
    } else {
        Err(ErrorCode::CheckNotFound.into())
    }
}

/// `GET /api/checks?day=YYYY-MM-DD`
pub async fn list_checks(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadCompliance)?;
    let q = query(req)?;
    let day = day_or_today(q.day.as_deref(), ctx)?;
    json(
        200,
        &service::checks_for_day(ctx.db, ctx.scope, day, ctx.now).await?,
    )
}

/// `GET /api/checks/:id`
pub async fn check(ctx: &Ctx<'_>, id: &str) -> Outcome {
    valid_check_id(id)?;
    let view = service::find_check(ctx.db, ctx.scope, id, ctx.now).await?;
    ctx.require(Action::ReadCompliance)?;
    json(200, &view)
}

/// `POST /api/checks/draw` with [`DrawRequest`]: runs the day's draw on demand for the
/// caller's district(s). Running it again for the same day changes nothing.
pub async fn draw(req: &mut Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::RunDraw)?;
    let body: DrawRequest = read_json(req).await?;
    let today = ist_day(ctx.now);
    let day = day_or_today(body.day.as_deref(), ctx)?;
    if day > today || day < today - Days::new(DRAW_CATCH_UP_DAYS) {
        return Err(ErrorCode::InvalidDay.into());
    }
    let districts = rows::districts_in_scope(ctx.db, ctx.scope, &day.to_string()).await?;
    let outcome = service::run_draw(
        ctx.db,
        &districts,
        day,
        Settings::from_env(ctx.env),
        &ctx.caller.principal.actor(),
        ctx.now,
    )
    .await?;
    json(
        if outcome.districts_drawn > 0 {
            201
        } else {
            200
        },
        &outcome,
    )
}

/// `POST /api/checks/:id/calls` with [`NewCall`].
pub async fn log_call(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    valid_check_id(id)?;
    service::find_check(ctx.db, ctx.scope, id, ctx.now).await?;
    ctx.require(Action::FollowUpChecks)?;
    let call: NewCall = read_json(req).await?;
    let view = service::log_call(ctx.db, ctx.caller, ctx.scope, id, &call, ctx.now).await?;
    json(201, &view)
}

/// `POST /api/checks/:id/message`: the WhatsApp request with a fresh personal link.
pub async fn message(req: &Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    valid_check_id(id)?;
    service::find_check(ctx.db, ctx.scope, id, ctx.now).await?;
    ctx.require(Action::FollowUpChecks)?;
    let origin = req.url()?.origin().ascii_serialization();
    let msg = service::prepare_message(ctx.db, ctx.caller, ctx.scope, id, &origin, ctx.now).await?;
    json(201, &msg)
}

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
        &service::review_queue(ctx.db, ctx.scope, day, pending_only).await?,
    )
}

async fn submission_in_scope(ctx: &Ctx<'_>, id: &str) -> Result<(), Failure> {
    if !is_valid_submission_id(id) || submissions::owner(ctx.db, ctx.scope, id).await?.is_none() {
        return Err(ErrorCode::SubmissionNotFound.into());
    }
    Ok(())
}

/// `GET /api/submissions/:id/reviews`: the submission with its review history and flags.
pub async fn reviews(ctx: &Ctx<'_>, id: &str) -> Outcome {
    submission_in_scope(ctx, id).await?;
    ctx.require(Action::ReviewSubmissions)?;
    json(200, &service::review_item(ctx.db, ctx.scope, id).await?)
}

/// `POST /api/submissions/:id/reviews` with [`NewReview`].
pub async fn review(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    submission_in_scope(ctx, id).await?;
    ctx.require(Action::ReviewSubmissions)?;
    let input: NewReview = read_json(req).await?;
    json(
        201,
        &service::review(ctx.db, ctx.caller, ctx.scope, id, &input, ctx.now).await?,
    )
}

/// `GET /api/my/submissions`: a group admin's own recent submissions and their reviews.
pub async fn mine(ctx: &Ctx<'_>) -> Outcome {
    let Principal::GroupAdmin { admin_id, .. } = &ctx.caller.principal else {
        return Err(ErrorCode::Forbidden.into());
    };
    json(200, &service::my_submissions(ctx.db, admin_id).await?)
}

/// `GET /api/compliance?period=day|week|month&day=YYYY-MM-DD`
pub async fn compliance(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadCompliance)?;
    let q = query(req)?;
    let period = match q.period.as_deref() {
        None => PeriodKind::Month,
        Some(p) => PeriodKind::parse(p).ok_or(Failure(ErrorCode::InvalidQuery))?,
    };
    let today = ist_day(ctx.now);
    let day = day_or_today(q.day.as_deref(), ctx)?;
    if day > today {
        return Err(ErrorCode::InvalidDay.into());
    }
    let settings = Settings::from_env(ctx.env);
    json(
        200,
        &service::compliance_report(ctx.db, ctx.scope, period, day, today, settings).await?,
    )
}

/// `GET /api/compliance/inactive?days=7`
pub async fn inactive(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadCompliance)?;
    let q = query(req)?;
    let days = match q.days.as_deref() {
        None => Settings::from_env(ctx.env).inactive_days,
        Some(d) => d
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=90).contains(n))
            .ok_or(Failure(ErrorCode::InvalidQuery))?,
    };
    json(
        200,
        &service::inactive(ctx.db, ctx.scope, ist_day(ctx.now), days).await?,
    )
}

/// `GET /api/status?day=YYYY-MM-DD`: every group's status in the caller's area.
pub async fn status(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadCompliance)?;
    let q = query(req)?;
    let day = day_or_today(q.day.as_deref(), ctx)?;
    json(
        200,
        &service::day_status(ctx.db, ctx.scope, day, ctx.now).await?,
    )
}
