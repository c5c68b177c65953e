//! The map's area, its change counter and the snapshots served from it.
//!
//! Polling costs one indexed read when nothing changed: the ETag is the area's newest
//! audit entry id (every change of state writes one in its own transaction) and the IST
//! day; a client whose `If-None-Match` matches gets 304. After a change the first
//! request runs the one status query and keeps the answer in this isolate's memory, so
//! other officers polling the same area through the same isolate get it without D1.

use std::cell::RefCell;
use std::collections::VecDeque;

use prasar_core::api::UnitKind;
use prasar_core::auth::{Principal, Role};
use prasar_core::error::ErrorCode;

use crate::db::D1Database;
use crate::http::Failure;
use crate::routes::Ctx;
use crate::scope::Area;
use crate::storage::map::{self, AreaUnit};

/// The area a map or report shows: `requested` (a state, district or block inside the
/// caller's area) or, without one, the caller's own area. Anything else is 404.
pub async fn area(ctx: &Ctx<'_>, requested: Option<&str>) -> Result<AreaUnit, Failure> {
    let own = match &ctx.caller.principal {
        Principal::Official { area_id, .. } => area_id.clone(),
        Principal::GroupAdmin { .. } => return Err(ErrorCode::Forbidden.into()),
    };
    let id = requested.unwrap_or(&own);
    if id.is_empty() || id.len() > 64 {
        return Err(ErrorCode::UnitNotFound.into());
    }
    let row = map::area_unit(ctx.db, ctx.scope, id)
        .await?
        .ok_or(Failure(ErrorCode::UnitNotFound))?;
    let area = UnitKind::parse(&row.kind)
        .and_then(|kind| Area::of_unit(kind, row.id.clone()))
        .ok_or(Failure(ErrorCode::UnitNotFound))?;
    Ok(AreaUnit {
        district_id: (area.column != "state_id").then(|| row.district_id.unwrap_or(row.id.clone())),
        area,
        name_en: row.name_en,
        name_hi: row.name_hi,
        kind: row.kind,
        code: row.code,
    })
}

/// Reports need a district or block; a state administrator names a district.
pub async fn report_area(ctx: &Ctx<'_>, requested: Option<&str>) -> Result<AreaUnit, Failure> {
    let is_state_admin = matches!(
        ctx.caller.principal,
        Principal::Official {
            role: Role::StateAdmin,
            ..
        }
    );
    let unit = area(ctx, requested).await?;
    if unit.area.column == "state_id" {
        return Err(if is_state_admin {
            ErrorCode::ChooseDistrict
        } else {
            ErrorCode::UnitNotFound
        }
        .into());
    }
    Ok(unit)
}

/// The ETag of an area's snapshot of `day` at change counter `version`.
pub fn etag(kind: &str, area: &Area, version: i64, day: &str) -> String {
    format!("\"{kind}-{}-{version}-{day}\"", area.id)
}

/// Does `If-None-Match` name `etag` (or `*`)?
pub fn matches(if_none_match: Option<&str>, etag: &str) -> bool {
    if_none_match.is_some_and(|h| {
        h.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*")
    })
}

/// Recently built answers, by ETag. Small: an isolate serves few areas at once.
const CACHED: usize = 8;

thread_local! {
    static SNAPSHOTS: RefCell<VecDeque<(String, std::rc::Rc<String>)>> =
        const { RefCell::new(VecDeque::new()) };
}

pub fn cached(etag: &str) -> Option<std::rc::Rc<String>> {
    SNAPSHOTS.with(|s| {
        s.borrow()
            .iter()
            .find(|(k, _)| k == etag)
            .map(|(_, v)| v.clone())
    })
}

pub fn remember(etag: String, body: std::rc::Rc<String>) {
    SNAPSHOTS.with(|s| {
        let mut s = s.borrow_mut();
        s.retain(|(k, _)| *k != etag);
        s.push_front((etag, body));
        s.truncate(CACHED);
    });
}

/// How often a state-wide status snapshot may be rebuilt. Its statement reads every
/// group of the state (≈ 124,000 rows for Rajasthan, bench `status_state_rebuild_rows_read`)
/// and a state changes every few seconds on a busy evening, so rebuilding on every change
/// would make the state officers' map the largest D1 cost (docs/cost.md). Districts and
/// blocks stay live: rebuilt on their own changes.
pub const STATE_STATUS_REFRESH_MS: i64 = 60_000;

/// The change counter for the status of `area` at `now_ms`: the district's newest audit
/// entry, or for a whole state the current [`STATE_STATUS_REFRESH_MS`] window (no rows).
pub async fn status_version(
    db: &D1Database,
    unit: &AreaUnit,
    now_ms: i64,
) -> Result<(i64, usize), Failure> {
    match unit.district_id {
        None => Ok((now_ms.div_euclid(STATE_STATUS_REFRESH_MS), 0)),
        Some(_) => version(db, unit).await,
    }
}

/// The change counter of the area and how many rows reading it took.
pub async fn version(db: &D1Database, unit: &AreaUnit) -> Result<(i64, usize), Failure> {
    Ok(map::version(db, unit.district_id.as_deref()).await?)
}
