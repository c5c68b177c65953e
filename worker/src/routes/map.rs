//! The collector's live map: `GET /api/map/units`, `GET /api/map/status` (ETag / 304
//! polling), `GET /api/map/outlines`, `PUT /api/map/outlines/:layer` (a district's own
//! GeoJSON) and `GET /api/map/groups/:id` (the drill-down panel).

use prasar_core::audit::AuditAction;
use std::rc::Rc;

use prasar_core::api::{
    call_url, whatsapp_url, GroupPanel, OutlineStored, PanelCheck, PanelReview, ReviewOutcome,
    UnitRef,
};
use prasar_core::auth::Action;
use prasar_core::checks::check_state;
use prasar_core::error::ErrorCode;
use prasar_core::ids::is_valid_group_id;
use prasar_core::map::geo::{
    parse_outlines, MapOutlines, OutlineError, OutlineLayer, MAX_UPLOAD_BYTES,
};
use prasar_core::time::{ist_day, ist_timestamp};
use serde::Deserialize;
use worker::{Headers, Request, Response};

use super::Ctx;
use crate::http::{json, read_capped_body, Failure, Outcome};
use crate::services::map::{self as snapshots, etag, matches};
use crate::services::registry;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::map::{self, AreaUnit, NewOutline};
use crate::storage::submissions;

#[derive(Deserialize)]
struct AreaQuery {
    area: Option<String>,
}

fn requested_area(req: &Request) -> Result<Option<String>, Failure> {
    let q: AreaQuery = req.query().map_err(|_| Failure(ErrorCode::UnitNotFound))?;
    Ok(q.area.filter(|a| !a.is_empty()))
}

/// A JSON body with its ETag. `no-cache`: the browser may keep it but must ask first.
fn snapshot_response(body: &str, tag: &str, rows_read: usize) -> Outcome {
    let headers = Headers::new();
    headers.set("Content-Type", "application/json; charset=utf-8")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Referrer-Policy", "no-referrer")?;
    headers.set("Cache-Control", "private, no-cache")?;
    headers.set("ETag", tag)?;
    // D1's own count of rows this request read (for the benchmark and the cost model).
    headers.set("X-Prasar-Rows-Read", &rows_read.to_string())?;
    Ok(Response::ok(body)?.with_headers(headers))
}

fn not_modified(tag: &str, rows_read: usize) -> Outcome {
    let headers = Headers::new();
    headers.set("Cache-Control", "private, no-cache")?;
    headers.set("ETag", tag)?;
    headers.set("X-Prasar-Rows-Read", &rows_read.to_string())?;
    Ok(Response::empty()?.with_status(304).with_headers(headers))
}

fn area_ref(area: &AreaUnit) -> UnitRef {
    UnitRef {
        id: area.area.id.clone(),
        kind: prasar_core::api::UnitKind::parse(&area.kind)
            .unwrap_or(prasar_core::api::UnitKind::District),
        code: area.code.clone(),
        name_en: area.name_en.clone(),
        name_hi: area.name_hi.clone(),
    }
}

/// Serves a snapshot: 304 when the client has it, from this isolate's memory when
/// another request built it, else built by `build` (one D1 statement).
async fn serve<F, Fut>(req: &Request, tag: String, version_rows: usize, build: F) -> Outcome
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<(String, usize), Failure>>,
{
    let inm = req.headers().get("If-None-Match")?;
    if matches(inm.as_deref(), &tag) {
        return not_modified(&tag, version_rows);
    }
    if let Some(body) = snapshots::cached(&tag) {
        return snapshot_response(&body, &tag, version_rows);
    }
    let (body, rows) = build().await?;
    let body = Rc::new(body);
    snapshots::remember(tag.clone(), body.clone());
    snapshot_response(&body, &tag, version_rows + rows)
}

/// `GET /api/map/units[?area=]`: names, places and parents of the area's groups.
pub async fn units(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    let area = snapshots::area(ctx, requested_area(req)?.as_deref()).await?;
    ctx.require(Action::ReadRegistry)?;
    let (version, version_rows) = snapshots::version(ctx.db, &area).await?;
    let day = ist_day(ctx.now).to_string();
    let tag = etag("u", &area.area, version, &day);
    serve(req, tag, version_rows, || async {
        let (parents, units, rows) = map::units(ctx.db, &area.area, &day).await?;
        let area_json =
            serde_json::to_string(&area_ref(&area)).map_err(|_| Failure(ErrorCode::Internal))?;
        Ok((
            format!("{{\"area\":{area_json},\"parents\":{parents},\"units\":{units}}}"),
            rows,
        ))
    })
    .await
}

/// `GET /api/map/status[?area=]`: today's facts per group (see `MapStatus`).
pub async fn status(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    let area = snapshots::area(ctx, requested_area(req)?.as_deref()).await?;
    ctx.require(Action::ReadSubmissions)?;
    let (version, version_rows) = snapshots::status_version(ctx.db, &area, ctx.now).await?;
    let day = ist_day(ctx.now).to_string();
    let tag = etag("s", &area.area, version, &day);
    let now = ctx.now;
    let tag_for_body = tag.clone();
    serve(req, tag, version_rows, || async move {
        let (no_admin, reports, checks, rows) = map::status(ctx.db, &area.area, &day).await?;
        let version = serde_json::to_string(&tag_for_body).map_err(|_| Failure(ErrorCode::Internal))?;
        Ok((
            format!(
                "{{\"day\":\"{day}\",\"now_ms\":{now},\"version\":{version},\"no_admin\":{no_admin},\
                 \"reports\":{reports},\"checks\":{checks}}}"
            ),
            rows,
        ))
    })
    .await
}

/// Outlines baked into the static assets at build time, if the district has any.
async fn baked_outlines(ctx: &Ctx<'_>, district_id: &str) -> Option<MapOutlines> {
    if !is_valid_group_id(district_id) {
        return None;
    }
    let assets = ctx.env.assets("ASSETS").ok()?;
    let mut response = assets
        .fetch(format!("https://assets.local/geo/{district_id}.json"), None)
        .await
        .ok()?;
    // A missing asset answers with the app's index.html (single-page fallback).
    let is_json = response
        .headers()
        .get("Content-Type")
        .ok()
        .flatten()
        .is_some_and(|t| t.contains("json"));
    if response.status_code() != 200 || !is_json {
        return None;
    }
    serde_json::from_str(&response.text().await.ok()?).ok()
}

/// `GET /api/map/outlines[?area=]`: the district's uploaded outlines, or the baked ones.
pub async fn outlines(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    let area = snapshots::area(ctx, requested_area(req)?.as_deref()).await?;
    ctx.require(Action::ReadRegistry)?;
    let Some(district_id) = area.district_id.clone() else {
        return json(200, &MapOutlines::default());
    };
    let mut result = baked_outlines(ctx, &district_id).await.unwrap_or_default();
    for stored in map::outlines(ctx.db, &district_id).await? {
        let Ok(layer) = serde_json::from_str(&stored.body) else {
            worker::console_error!("stored outline {district_id}/{} unreadable", stored.layer);
            continue;
        };
        let layer: prasar_core::map::geo::LayerOutlines = layer;
        result.layers.retain(|l| l.layer != layer.layer);
        result.layers.push(layer);
    }
    result
        .layers
        .sort_by_key(|l| l.layer != OutlineLayer::District);
    result.tile_attribution = tile_template(ctx).map(|_| {
        ctx.env
            .var("MAP_TILE_ATTRIBUTION")
            .map(|v| v.to_string())
            .unwrap_or_else(|_| "© OpenStreetMap contributors".to_owned())
    });
    json(200, &result)
}

fn outline_error(e: OutlineError) -> Failure {
    Failure(match e {
        OutlineError::TooLarge => ErrorCode::UploadTooLarge,
        OutlineError::NotGeoJson => ErrorCode::OutlineNotGeoJson,
        OutlineError::NoPolygons | OutlineError::UnsupportedGeometry => {
            ErrorCode::OutlineUnsupportedGeometry
        }
        OutlineError::TooManyFeatures | OutlineError::TooManyVertices => {
            ErrorCode::OutlineTooComplex
        }
        OutlineError::BadRing | OutlineError::CoordinateOutOfRange => ErrorCode::OutlineOutOfRange,
    })
}

/// `PUT /api/map/outlines/:layer[?area=district]` with GeoJSON as the body.
pub async fn upload_outlines(req: &mut Request, ctx: &Ctx<'_>, layer: &str) -> Outcome {
    let body = read_capped_body(req, MAX_UPLOAD_BYTES).await;
    let area = snapshots::area(ctx, requested_area(req)?.as_deref()).await?;
    ctx.require(Action::ManageRegistry)?;
    if area.area.column != "district_id" {
        return Err(ErrorCode::UnitNotFound.into());
    }
    let layer = OutlineLayer::parse(layer).ok_or(Failure(ErrorCode::NotFound))?;
    let body = body?;
    let attribution = format!("{} ({})", area.name_en, layer.as_str());
    let parsed = parse_outlines(&body, layer, &attribution).map_err(outline_error)?;
    let features = parsed.features.len() as u32;
    let vertices: u32 = parsed
        .features
        .iter()
        .flat_map(|f| f.rings.iter())
        .map(|r| (r.len() / 2) as u32)
        .sum();
    let stored = serde_json::to_string(&parsed).map_err(|_| Failure(ErrorCode::Internal))?;
    let actor = ctx.caller.principal.actor();
    let at = ist_timestamp(ctx.now);
    let entity_id = format!("{}/{}", area.area.id, layer.as_str());
    let detail = serde_json::json!({
        "layer": layer.as_str(), "features": features, "vertices": vertices, "bytes": body.len()
    })
    .to_string();
    ctx.db
        .batch(vec![
            map::upsert_outline(
                ctx.db,
                &NewOutline {
                    district_id: &area.area.id,
                    layer: layer.as_str(),
                    body: &stored,
                    features,
                    vertices,
                    uploaded_by: &actor,
                    uploaded_at: &at,
                },
            )?,
            audit::insert(
                ctx.db,
                &AuditEntry {
                    at: &at,
                    actor: &actor,
                    district_id: Some(&area.area.id),
                    action: AuditAction::MapOutlinesUpload,
                    entity: "map_outlines",
                    entity_id: &entity_id,
                    detail: &detail,
                },
            )?,
        ])
        .await?;
    json(
        200,
        &OutlineStored {
            district_id: area.area.id,
            layer,
            features,
            vertices,
        },
    )
}

/// The configured background tile URL template, if any.
fn tile_template(ctx: &Ctx<'_>) -> Option<String> {
    ctx.env
        .var("MAP_TILE_URL")
        .ok()
        .map(|v| v.to_string())
        .filter(|t| t.starts_with("https://") || t.starts_with("http://"))
}

/// Largest tile the proxy passes on.
const MAX_TILE_BYTES: usize = 1024 * 1024;

/// `GET /api/map/tiles/:z/:x/:y[.png]`: the optional background layer, fetched from the
/// configured server through the worker, so the app's Content-Security-Policy stays
/// same-origin and the browser caches tiles for a day. 404 when none is configured.
pub async fn tile(ctx: &Ctx<'_>, z: &str, x: &str, y: &str) -> Outcome {
    ctx.require(Action::ReadRegistry)?;
    let template = tile_template(ctx).ok_or(Failure(ErrorCode::NotFound))?;
    let num = |t: &str| t.parse::<u32>().map_err(|_| Failure(ErrorCode::NotFound));
    let y = y.strip_suffix(".png").unwrap_or(y);
    let url = prasar_core::map::geo::tile_url(&template, num(z)?, num(x)?, num(y)?)
        .ok_or(Failure(ErrorCode::NotFound))?;
    let url: worker::Url = url.parse().map_err(|_| Failure(ErrorCode::NotFound))?;
    let mut upstream = worker::Fetch::Url(url).send().await.map_err(|e| {
        worker::console_error!("tile fetch: {e}");
        Failure(ErrorCode::StorageUnavailable)
    })?;
    let content_type = upstream.headers().get("Content-Type")?.unwrap_or_default();
    if upstream.status_code() != 200 || !content_type.starts_with("image/") {
        return Err(ErrorCode::NotFound.into());
    }
    let bytes = upstream.bytes().await?;
    if bytes.len() > MAX_TILE_BYTES {
        return Err(ErrorCode::NotFound.into());
    }
    let headers = Headers::new();
    headers.set("Content-Type", &content_type)?;
    headers.set("Cache-Control", "private, max-age=86400")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Content-Security-Policy", "default-src 'none'; sandbox")?;
    Ok(Response::from_bytes(bytes)?.with_headers(headers))
}

/// How far back the panel lists reports.
const PANEL_DAYS: u64 = 14;
const PANEL_REPORTS: u32 = 20;

/// `GET /api/map/groups/:id`: the drill-down side panel.
pub async fn panel(ctx: &Ctx<'_>, id: &str) -> Outcome {
    if !is_valid_group_id(id) {
        return Err(ErrorCode::GroupNotFound.into());
    }
    let detail = registry::group_detail(ctx.db, ctx.scope, id).await?;
    ctx.require(Action::ReadSubmissions)?;
    let today = ist_day(ctx.now);
    // IST has no daylight saving: a day is always 86,400,000 ms.
    let since = ist_day(ctx.now - (PANEL_DAYS as i64 - 1) * 86_400_000);
    let recent =
        submissions::list_for_group(ctx.db, ctx.scope, id, &since.to_string(), PANEL_REPORTS)
            .await?;
    let since_checks = ist_day(ctx.now - 29 * 86_400_000).to_string();
    let checks = map::group_checks(ctx.db, id, &since_checks)
        .await?
        .into_iter()
        .map(|c| PanelCheck {
            state: check_state(
                c.deadline_ms as i64,
                c.first_ms.map(|ms| ms as i64),
                ctx.now,
            ),
            deadline: ist_timestamp(c.deadline_ms as i64),
            id: c.id,
            day: c.ist_day,
            level: c.level,
            calls: c.calls,
        })
        .collect();
    let reviews = map::group_reviews(ctx.db, id, &since.to_string())
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(PanelReview {
                outcome: ReviewOutcome::parse(&r.outcome)?,
                submission_id: r.submission_id,
                ist_day: r.ist_day,
                remark: r.remark,
                reviewed_at: r.reviewed_at,
                reviewed_by: r.reviewed_by,
            })
        })
        .collect();
    let mobile = detail.admin.as_ref().map(|a| a.mobile.clone());
    json(
        200,
        &GroupPanel {
            group_id: detail.id,
            group_name: detail.name,
            parent: detail.breadcrumbs.last().cloned(),
            unit: detail.unit,
            member_count: detail.member_counts.first().map(|m| m.member_count),
            member_limit: detail.member_limit,
            call_url: mobile.as_deref().map(call_url),
            whatsapp_url: mobile.as_deref().map(whatsapp_url),
            admin: detail.admin,
            today: today.to_string(),
            submissions: recent,
            checks,
            reviews,
            may_review: ctx.caller.principal.may(Action::ReviewSubmissions),
        },
    )
}
