//! Server-rendered HTML for the pages that must work without JavaScript (the group
//! admin's plain upload form). Every piece of text goes through `escape`.

pub use prasar_core::html::escape;
use worker::{Headers, Response};

use crate::http::Outcome;

/// A whole page around `body` (already escaped markup), Hindi first.
pub fn page(status: u16, title: &str, body: &str) -> Outcome {
    let html = format!(
        "<!doctype html><html lang=\"hi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body><main class=\"plain\">{body}</main></body></html>",
        escape(title)
    );
    let headers = Headers::new();
    headers.set("Content-Type", "text/html; charset=utf-8")?;
    headers.set("Cache-Control", "no-store")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Referrer-Policy", "no-referrer")?;
    headers.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'",
    )?;
    Ok(Response::ok(html)?
        .with_status(status)
        .with_headers(headers))
}

/// 303 See Other to a same-origin `location`, optionally setting a cookie.
pub fn see_other(location: &str, cookie: Option<&str>) -> Outcome {
    let headers = Headers::new();
    headers.set("Location", location)?;
    headers.set("Cache-Control", "no-store")?;
    headers.set("Referrer-Policy", "no-referrer")?;
    if let Some(cookie) = cookie {
        headers.append("Set-Cookie", cookie)?;
    }
    Ok(Response::empty()?.with_status(303).with_headers(headers))
}
