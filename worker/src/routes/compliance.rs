//! Compliance: `/api/compliance`, `/api/compliance/inactive`, `/api/status`.

use prasar_core::auth::Action;
use prasar_core::compliance::PeriodKind;
use prasar_core::error::ErrorCode;
use prasar_core::time::ist_day;
use worker::Request;

use super::day_query::{day_or_today, query};
use super::Ctx;
use crate::http::{json, Failure, Outcome};
use crate::services::compliance;
use crate::services::settings::Settings;

/// `GET /api/compliance?period=day|week|month&day=YYYY-MM-DD`
pub async fn rates(req: &Request, ctx: &Ctx<'_>) -> Outcome {
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
    json(200, &compliance::compliance_report(ctx, period, day).await?)
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
    json(200, &compliance::inactive(ctx, days).await?)
}

/// `GET /api/status?day=YYYY-MM-DD`: every group's status in the caller's area.
pub async fn status(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadCompliance)?;
    let q = query(req)?;
    let day = day_or_today(q.day.as_deref(), ctx)?;
    json(200, &compliance::day_status(ctx, day).await?)
}
