use super::*;
use prasar_core::api::{
    AreaReport, DailySummary, GroupPanel, MapStatus, MapUnits, OutlineStored, ReportsOverview,
    MAP_OUTLINES_PATH, MAP_STATUS_PATH, MAP_UNITS_PATH,
};
use prasar_core::map::geo::{MapOutlines, OutlineLayer};

fn with_area(path: &str, area: Option<&str>) -> String {
    match area {
        Some(a) => format!("{path}?area={}", encode(a)),
        None => path.to_owned(),
    }
}

pub async fn map_units(area: Option<String>) -> Result<MapUnits, ApiFailure> {
    get_json(&with_area(MAP_UNITS_PATH, area.as_deref())).await
}

pub async fn map_outlines(area: Option<String>) -> Result<MapOutlines, ApiFailure> {
    get_json(&with_area(MAP_OUTLINES_PATH, area.as_deref())).await
}

/// Today's status, or `None` when it is unchanged since `etag` (304).
pub async fn map_status(
    area: Option<String>,
    etag: Option<String>,
) -> Result<Option<MapStatus>, ApiFailure> {
    let net = |_| ApiFailure::Network;
    let window = web_sys::window().ok_or(ApiFailure::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    // The ETag is handled here, not by the HTTP cache: a 304 must reach the code.
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(net)?;
    if let Some(tag) = etag {
        headers.set("If-None-Match", &tag).map_err(net)?;
    }
    init.set_headers(&headers);
    let path = with_area(MAP_STATUS_PATH, area.as_deref());
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&path, &init))
        .await
        .map_err(net)?
        .unchecked_into();
    if response.status() == 304 {
        return Ok(None);
    }
    let text = JsFuture::from(response.text().map_err(net)?)
        .await
        .map_err(net)?
        .as_string()
        .unwrap_or_default();
    decode(response.status(), &text).map(Some)
}

pub async fn group_panel(id: String) -> Result<GroupPanel, ApiFailure> {
    get_json(&format!("/api/map/groups/{}", encode(&id))).await
}

/// Uploads a GeoJSON file as the district's `layer` outlines.
pub async fn upload_outlines(
    layer: OutlineLayer,
    area: Option<String>,
    file: web_sys::File,
) -> Result<OutlineStored, ApiFailure> {
    let net = |_| ApiFailure::Network;
    let window = web_sys::window().ok_or(ApiFailure::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_method("PUT");
    let headers = web_sys::Headers::new().map_err(net)?;
    headers.set(CSRF_HEADER, &csrf()).map_err(net)?;
    headers
        .set("Content-Type", "application/geo+json")
        .map_err(net)?;
    init.set_headers(&headers);
    init.set_body(&file);
    let path = with_area(
        &format!("{MAP_OUTLINES_PATH}/{}", layer.as_str()),
        area.as_deref(),
    );
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&path, &init))
        .await
        .map_err(net)?
        .unchecked_into();
    let text = JsFuture::from(response.text().map_err(net)?)
        .await
        .map_err(net)?
        .as_string()
        .unwrap_or_default();
    decode(response.status(), &text)
}

/// `query` is an already encoded query string (without `?`).
pub async fn area_compliance(query: String) -> Result<AreaReport, ApiFailure> {
    get_json(&format!("/api/reports/compliance?{query}")).await
}

pub async fn reports_overview(query: String) -> Result<ReportsOverview, ApiFailure> {
    get_json(&format!("/api/reports/overview?{query}")).await
}

pub async fn daily_summary(query: String) -> Result<DailySummary, ApiFailure> {
    get_json(&format!("/api/reports/daily?{query}")).await
}

/// Records a review decision (monitoring's endpoint).
pub async fn map_review(
    submission_id: String,
    outcome: prasar_core::api::ReviewOutcome,
    remark: String,
) -> Result<(), ApiFailure> {
    let body = to_json(&prasar_core::api::NewReview { outcome, remark });
    let path = prasar_core::api::submission_reviews_path(&encode(&submission_id));
    let (status, text) = call("POST", &path, body).await?;
    decode_empty(status, &text)
}

/// Encodes `(name, value)` pairs as a query string, leaving out empty values.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}
