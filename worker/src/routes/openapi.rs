//! `GET /api/openapi.json`: the API's OpenAPI description, public like the app itself.
//! The document is generated from core's DTOs by a core test and committed as
//! `public/openapi.json`; the worker passes on that static asset, so the production
//! worker carries no schema code.

use prasar_core::error::ErrorCode;
use worker::{Env, Request, Response};

use crate::http::{Failure, Outcome};

pub async fn get(req: &Request, env: &Env) -> Outcome {
    let origin = req.url()?.origin().ascii_serialization();
    let mut asset = env
        .assets("ASSETS")?
        .fetch(format!("{origin}/openapi.json"), None)
        .await?;
    // A missing file would come back as the app's index.html (single-page fallback).
    let is_json = asset
        .headers()
        .get("Content-Type")?
        .is_some_and(|t| t.starts_with("application/json"));
    if asset.status_code() != 200 || !is_json {
        worker::console_error!("the openapi.json asset is missing from dist/");
        return Err(Failure(ErrorCode::NotFound));
    }
    let bytes = asset.bytes().await?;
    let mut response = Response::from_bytes(bytes)?;
    let headers = response.headers_mut();
    headers.set("Content-Type", "application/json")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Cache-Control", "no-cache")?;
    Ok(response)
}
