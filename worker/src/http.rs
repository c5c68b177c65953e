//! Response helpers shared by every route: JSON bodies, bilingual errors and the
//! security headers every API response carries.

use futures_util::StreamExt;
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

/// Largest JSON request body accepted; every form in Prasar is far smaller.
const MAX_JSON_BYTES: usize = 64 * 1024;

/// Parses a JSON body of at most 64 KB into `T`; anything else is `invalid_json`.
pub async fn read_json<T: serde::de::DeserializeOwned>(
    req: &mut worker::Request,
) -> Result<T, Failure> {
    let bytes = req
        .bytes()
        .await
        .map_err(|_| Failure(ErrorCode::InvalidJson))?;
    if bytes.len() > MAX_JSON_BYTES {
        return Err(Failure(ErrorCode::InvalidJson));
    }
    serde_json::from_slice(&bytes).map_err(|_| Failure(ErrorCode::InvalidJson))
}

pub fn with_cookie(mut response: Response, cookie: &str) -> Outcome {
    response.headers_mut().append("Set-Cookie", cookie)?;
    Ok(response)
}

pub fn no_content() -> Outcome {
    let headers = api_headers("text/plain; charset=utf-8")?;
    headers.set("Cache-Control", "no-store")?;
    Ok(Response::empty()?.with_status(204).with_headers(headers))
}

/// Bodies up to this size are read to the end even when over the limit, so that the
/// client sees our translated 413: a browser whose upload is cut off mid-way reports a
/// bare network error instead of the response.
const DRAIN_OVERSIZE_UP_TO: u64 = 32 * 1024 * 1024;

/// Keeps at most `max` bytes in memory. A declared length beyond
/// `DRAIN_OVERSIZE_UP_TO` (or a lie about one) is refused before any body is read.
pub async fn read_capped_body(req: &mut worker::Request, max: usize) -> Result<Vec<u8>, Failure> {
    if let Some(declared) = req.headers().get("Content-Length")? {
        match declared.trim().parse::<u64>() {
            Ok(n) if n > DRAIN_OVERSIZE_UP_TO => return Err(ErrorCode::UploadTooLarge.into()),
            Ok(_) => {}
            Err(_) => return Err(ErrorCode::UploadTooLarge.into()),
        }
    }
    let Ok(mut stream) = req.stream() else {
        // No body at all.
        return Ok(Vec::new());
    };
    let mut body = Vec::new();
    let mut received: u64 = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        received += chunk.len() as u64;
        if received > DRAIN_OVERSIZE_UP_TO {
            return Err(ErrorCode::UploadTooLarge.into());
        }
        if received <= max as u64 {
            body.extend_from_slice(&chunk);
        } else if !body.is_empty() {
            // Over the limit: keep draining, but stop holding bytes we will refuse.
            body = Vec::new();
        }
    }
    if received > max as u64 {
        return Err(ErrorCode::UploadTooLarge.into());
    }
    Ok(body)
}
