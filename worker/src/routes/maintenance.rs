use prasar_core::api::SweepRequest;
use prasar_core::auth::Action;
use worker::Request;

use super::Ctx;
use crate::http::{json, read_json, Outcome};
use crate::services::maintenance::sweep_orphans;

/// `POST /api/maintenance/sweep` (state administrators): the orphan sweep on demand;
/// the daily cron runs the same with the default grace period.
pub async fn sweep(req: &mut Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::RunMaintenance)?;
    let request: SweepRequest = read_json(req).await?;
    let bucket = ctx.env.bucket("SCREENSHOTS")?;
    let report = sweep_orphans(
        ctx.db,
        &bucket,
        &request,
        &ctx.caller.principal.actor(),
        ctx.now,
    )
    .await?;
    json(200, &report)
}
