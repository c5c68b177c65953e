use prasar_core::api::AdminInput;
use prasar_core::auth::Action;
use worker::Request;

use super::Ctx;
use crate::http::{json, no_content, read_json, Failure, Outcome};
use crate::services::registry;
use crate::storage::admins;

/// 404 for admins outside the caller's area before any role check (see groups.rs).
async fn in_scope_then_require(ctx: &Ctx<'_>, id: &str) -> Result<(), Failure> {
    if admins::find(ctx.db, ctx.scope, id).await?.is_none() {
        return Err(prasar_core::error::ErrorCode::AdminNotFound.into());
    }
    ctx.require(Action::ManageRegistry)
}

pub async fn update(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    in_scope_then_require(ctx, id).await?;
    let body: AdminInput = read_json(req).await?;
    registry::update_admin(ctx.db, ctx.caller, ctx.scope, id, &body, ctx.now).await?;
    no_content()
}

/// `POST /api/admins/:id/link`: a new personal link (earlier ones stop working).
pub async fn issue_link(req: &Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    in_scope_then_require(ctx, id).await?;
    let url = req.url()?;
    let origin = url.origin().ascii_serialization();
    json(
        201,
        &registry::issue_link(ctx.db, ctx.caller, ctx.scope, id, &origin, ctx.now).await?,
    )
}

pub async fn revoke_link(ctx: &Ctx<'_>, id: &str) -> Outcome {
    in_scope_then_require(ctx, id).await?;
    registry::revoke_links(ctx.db, ctx.caller, ctx.scope, id, ctx.now).await?;
    no_content()
}
