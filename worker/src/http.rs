//! Response helpers shared by every route: JSON bodies, bilingual errors and the
//! security headers every API response carries.

use prasar_core::error::{ApiError, ErrorCode};
use serde::Serialize;
use worker::{Headers, Response, Result};

/// An error that ends a request with a translated JSON body.
#[derive(Debug)]
pub struct Failure(pub ErrorCode);

impl From<ErrorCode> for Failure {
    fn from(code: ErrorCode) -> Self {
        Failure(code)
    }
}

/// Storage and runtime errors are logged with detail and shown to users only as a
/// generic, translated message.
impl From<worker::Error> for Failure {
    fn from(err: worker::Error) -> Self {
        worker::console_error!("internal error: {err}");
        Failure(ErrorCode::Internal)
    }
}

pub type Outcome = std::result::Result<Response, Failure>;

fn api_headers(content_type: &str) -> Result<Headers> {
    let headers = Headers::new();
    headers.set("Content-Type", content_type)?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Referrer-Policy", "no-referrer")?;
    Ok(headers)
}

pub fn json<T: Serialize>(status: u16, body: &T) -> Outcome {
    let text = serde_json::to_string(body).map_err(|e| {
        worker::console_error!("serialise: {e}");
        Failure(ErrorCode::Internal)
    })?;
    let headers = api_headers("application/json; charset=utf-8")?;
    headers.set("Cache-Control", "no-store")?;
    Ok(Response::ok(text)?
        .with_status(status)
        .with_headers(headers))
}

pub fn error_response(code: ErrorCode) -> Result<Response> {
    let body = serde_json::to_string(&ApiError::from(code))?;
    let headers = api_headers("application/json; charset=utf-8")?;
    headers.set("Cache-Control", "no-store")?;
    if code == ErrorCode::MethodNotAllowed {
        headers.set("Allow", "GET, POST")?;
    }
    Ok(Response::ok(body)?
        .with_status(code.http_status())
        .with_headers(headers))
}

/// Screenshot bytes: immutable per id, never sniffed into something executable.
pub fn image(bytes: Vec<u8>, content_type: &str, sha256: &str) -> Outcome {
    let headers = api_headers(content_type)?;
    headers.set("Cache-Control", "private, max-age=31536000, immutable")?;
    headers.set("Content-Security-Policy", "default-src 'none'; sandbox")?;
    headers.set("ETag", &format!("\"{sha256}\""))?;
    Ok(Response::from_bytes(bytes)?.with_headers(headers))
}
