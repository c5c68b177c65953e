use prasar_core::api::{GroupList, GroupUpdate, MemberCountReport, ReplaceAdminRequest};
use prasar_core::auth::Action;
use worker::Request;

use super::Ctx;
use crate::http::{json, read_json, Failure, Outcome};
use crate::services::registry;
use crate::storage::groups;

/// Another area's group is 404 whatever the caller's role; only then does the role
/// decide (403), so a refusal never confirms that an id exists elsewhere.
async fn in_scope_then_require(ctx: &Ctx<'_>, id: &str, action: Action) -> Result<(), Failure> {
    if groups::find(ctx.db, ctx.scope, id).await?.is_none() {
        return Err(prasar_core::error::ErrorCode::GroupNotFound.into());
    }
    ctx.require(action)
}

/// `GET /api/groups`: the groups an admin may submit for, or an official's groups.
pub async fn list(ctx: &Ctx<'_>) -> Outcome {
    json(
        200,
        &GroupList {
            groups: groups::list_summaries(ctx.db, ctx.scope).await?,
        },
    )
}

pub async fn detail(ctx: &Ctx<'_>, id: &str) -> Outcome {
    in_scope_then_require(ctx, id, Action::ReadRegistry).await?;
    json(200, &registry::group_detail(ctx.db, ctx.scope, id).await?)
}

pub async fn update(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    in_scope_then_require(ctx, id, Action::ManageRegistry).await?;
    let body: GroupUpdate = read_json(req).await?;
    registry::update_group(ctx.db, ctx.caller, ctx.scope, id, &body, ctx.now).await?;
    json(200, &registry::group_detail(ctx.db, ctx.scope, id).await?)
}

pub async fn member_count(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    in_scope_then_require(ctx, id, Action::RecordMemberCount).await?;
    let body: MemberCountReport = read_json(req).await?;
    registry::record_member_count(ctx.db, ctx.caller, ctx.scope, id, &body, ctx.now).await?;
    crate::http::no_content()
}

pub async fn replace_admin(req: &mut Request, ctx: &Ctx<'_>, id: &str) -> Outcome {
    in_scope_then_require(ctx, id, Action::ManageRegistry).await?;
    let body: ReplaceAdminRequest = read_json(req).await?;
    registry::replace_admin(ctx.db, ctx.caller, ctx.scope, id, &body, ctx.now).await?;
    json(200, &registry::group_detail(ctx.db, ctx.scope, id).await?)
}
