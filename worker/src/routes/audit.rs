use prasar_core::api::AuditPage;
use prasar_core::auth::Action;
use prasar_core::error::ErrorCode;
use serde::Deserialize;
use worker::Request;

use super::Ctx;
use crate::http::{json, Failure, Outcome};
use crate::scope::Scope;
use crate::storage::audit;

const PAGE: u32 = 100;

#[derive(Deserialize)]
struct Query {
    before: Option<i64>,
}

/// `GET /api/audit?before=<id>`: the audit log of the caller's districts, newest first.
pub async fn page(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadAuditLog)?;
    let query: Query = req.query().map_err(|_| Failure(ErrorCode::InvalidJson))?;
    let Scope::Area(area) = ctx.scope else {
        return Err(ErrorCode::Forbidden.into());
    };
    let entries = audit::page(ctx.db, area, query.before, PAGE).await?;
    let next_before = (entries.len() == PAGE as usize)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    json(
        200,
        &AuditPage {
            entries,
            next_before,
        },
    )
}
