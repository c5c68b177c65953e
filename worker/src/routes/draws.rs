//! `POST /api/checks/draw`: the day's draw on demand.

use chrono::Days;
use prasar_core::api::DrawRequest;
use prasar_core::auth::Action;
use prasar_core::error::ErrorCode;
use prasar_core::time::ist_day;
use worker::Request;

use super::day_query::day_or_today;
use super::Ctx;
use crate::http::{json, read_json, Outcome};
use crate::services::draws;
use crate::services::settings::Settings;

/// Draws for missed mornings can be run this many days late; older days stay as they
/// were (a draw for an old day would only create checks that are overdue at once).
const DRAW_CATCH_UP_DAYS: u64 = 7;
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
    let districts =
        crate::storage::draws::districts_in_scope(ctx.db, ctx.scope, &day.to_string()).await?;
    let outcome = draws::run_draw(
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
