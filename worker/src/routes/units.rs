use prasar_core::api::{SearchResults, UnitPage};
use prasar_core::auth::{Action, Principal};
use prasar_core::error::ErrorCode;
use serde::Deserialize;
use worker::Request;

use super::Ctx;
use crate::http::{json, Failure, Outcome};
use crate::storage::units;

/// `GET /api/units`: the caller's own area, the top of their hierarchy browser.
pub async fn root(ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadRegistry)?;
    let Principal::Official { area_id, .. } = &ctx.caller.principal else {
        return Err(ErrorCode::Forbidden.into());
    };
    page(ctx, area_id).await
}

pub async fn page(ctx: &Ctx<'_>, id: &str) -> Outcome {
    let unit = units::find(ctx.db, ctx.scope, id)
        .await?
        .ok_or(Failure(ErrorCode::UnitNotFound))?;
    ctx.require(Action::ReadRegistry)?;
    json(
        200,
        &UnitPage {
            breadcrumbs: units::breadcrumbs(ctx.db, ctx.scope, id).await?,
            children: units::children(ctx.db, ctx.scope, id).await?,
            unit,
        },
    )
}

#[derive(Deserialize)]
struct SearchQuery {
    q: String,
}

/// `GET /api/search?q=…`: by Hindi or English name, or by LGD code.
pub async fn search(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    ctx.require(Action::ReadRegistry)?;
    let query: SearchQuery = req.query().map_err(|_| Failure(ErrorCode::InvalidJson))?;
    let q = query.q.trim();
    if q.is_empty() || q.chars().count() > 100 {
        return json(
            200,
            &SearchResults {
                query: q.to_owned(),
                results: vec![],
            },
        );
    }
    let results = units::search(ctx.db, ctx.scope, q).await?;
    json(
        200,
        &SearchResults {
            query: q.to_owned(),
            results,
        },
    )
}
