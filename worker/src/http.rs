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
    /// The log names the `?` where the error surfaced (file and line of the operation),
    /// e.g. a D1 row that did not decode into its type.
    #[track_caller]
    fn from(err: worker::Error) -> Self {
        let at = std::panic::Location::caller();
        worker::console_error!("internal error at {at}: {err}");
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
pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// Parses a JSON body of at most 64 KB into `T`: a longer one is refused (413) without
/// being read past the limit; anything that is not JSON of the right shape is
/// `invalid_json`.
pub async fn read_json<T: serde::de::DeserializeOwned>(
    req: &mut worker::Request,
) -> Result<T, Failure> {
    let bytes =
        read_capped_body(req, MAX_JSON_BYTES)
            .await
            .map_err(|Failure(code)| match code {
                ErrorCode::UploadTooLarge => Failure(ErrorCode::BodyTooLarge),
                other => Failure(other),
            })?;
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

/// Reads a body of at most `max` bytes. A declared `Content-Length` over the limit (or
/// one that is not a number) is refused before anything is read, and a body without one
/// is read only until it passes the limit: no request makes the worker read, or hold,
/// more than its route allows. Oversize is `upload_too_large` (413).
pub async fn read_capped_body(req: &mut worker::Request, max: usize) -> Result<Vec<u8>, Failure> {
    if let Some(declared) = req.headers().get("Content-Length")? {
        match declared.trim().parse::<u64>() {
            Ok(n) if n > max as u64 => return Err(ErrorCode::UploadTooLarge.into()),
            Ok(_) => {}
            Err(_) => return Err(ErrorCode::UploadTooLarge.into()),
        }
    }
    let Ok(mut stream) = req.stream() else {
        // No body at all.
        return Ok(Vec::new());
    };
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > max {
            return Err(ErrorCode::UploadTooLarge.into());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Largest unread JSON or form body the dispatcher still reads after a handler refused
/// the request before reading it (401, 403, 404): an unread body left on a kept-alive
/// connection breaks the next request on it.
const DRAIN_UNREAD_UP_TO: usize = 64 * 1024;

/// Reads and drops a body no handler read, if it is within a limit some route accepts:
/// up to [`DRAIN_UNREAD_UP_TO`], or a screenshot-sized image (a phone's queued upload
/// refused because its link was revoked or its group reassigned; the phone sends
/// nothing bigger). A body refused for its declared length, or larger than these, is
/// left unread: the runtime closes that connection instead.
pub async fn drain_unread(req: &mut worker::Request) {
    if req.inner().body_used() {
        return;
    }
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let Some(declared) = header("Content-Length").and_then(|n| n.trim().parse::<usize>().ok())
    else {
        return;
    };
    let image = header("Content-Type").is_some_and(|t| {
        matches!(
            t.split(';').next().unwrap_or_default().trim(),
            "image/png" | "image/jpeg" | "image/webp"
        )
    });
    let bound = if image {
        prasar_core::screenshot::MAX_SCREENSHOT_BYTES
    } else {
        DRAIN_UNREAD_UP_TO
    };
    if declared <= bound {
        let _ = read_capped_body(req, bound).await;
    }
}

/// Whether the request comes from a page of this origin: an `Origin` header naming
/// this host. Browsers send it on every POST; a request without it, or from any other
/// site, is not one of Prasar's own pages.
pub fn same_origin(req: &worker::Request) -> bool {
    let origin = req.headers().get("Origin").ok().flatten();
    let host = req.headers().get("Host").ok().flatten().unwrap_or_default();
    origin.is_some_and(|o| !host.is_empty() && o.split("://").nth(1) == Some(host.as_str()))
}

/// A JSON body (`Content-Type: application/json`): a cross-site HTML form cannot send
/// one, and a cross-site `fetch` with it needs a CORS preflight we never grant.
pub fn is_json(req: &worker::Request) -> bool {
    req.headers()
        .get("Content-Type")
        .ok()
        .flatten()
        .is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
        })
}
