use prasar_core::api::{AdminLinkLogin, LoginRequest};
use prasar_core::auth::{clear_session_cookie, is_loopback_host, session_cookie};
use worker::Request;

use super::Ctx;
use crate::db::D1Database;
use crate::http::{
    is_json, json, no_content, read_json, same_origin, with_cookie, Failure, Outcome,
};
use crate::services::auth::{self, NewSession};
use prasar_core::error::ErrorCode;

fn loopback(req: &Request) -> bool {
    req.headers()
        .get("Host")
        .ok()
        .flatten()
        .is_some_and(|h| is_loopback_host(&h))
}

fn started(req: &Request, session: NewSession) -> Outcome {
    let cookie = session_cookie(&session.token, session.max_age_ms, loopback(req));
    with_cookie(json(200, &session.me)?, &cookie)
}

/// Sign-in CSRF: a session may start only from Prasar's own page — a JSON body (which
/// no cross-site form can send) and this origin in `Origin` — so another site cannot sign
/// a visitor in to an account of its choosing, nor replace their session.
fn from_own_page(req: &Request) -> Result<(), Failure> {
    if !same_origin(req) {
        return Err(ErrorCode::CsrfFailed.into());
    }
    if !is_json(req) {
        return Err(ErrorCode::JsonRequired.into());
    }
    Ok(())
}

/// `POST /api/session/login` with `{username, password}`.
pub async fn login(req: &mut Request, db: &D1Database, now: i64) -> Outcome {
    from_own_page(req)?;
    let body: LoginRequest = read_json(req).await?;
    let address = req
        .headers()
        .get("CF-Connecting-IP")?
        .unwrap_or_else(|| "unknown".into());
    let session = auth::login(db, body.username.trim(), &body.password, &address, now).await?;
    started(req, session)
}

/// `POST /api/session/admin-link` with `{token}` from a personal link's fragment.
pub async fn admin_link(req: &mut Request, db: &D1Database, now: i64) -> Outcome {
    from_own_page(req)?;
    let body: AdminLinkLogin = read_json(req).await?;
    let session = auth::admin_link_login(db, body.token.trim(), now).await?;
    started(req, session)
}

/// `GET /api/session`: who is signed in, with the CSRF token for changes.
pub async fn me(ctx: &Ctx<'_>) -> Outcome {
    json(
        200,
        &auth::me(ctx.db, &ctx.caller.principal, &ctx.caller.csrf_token).await?,
    )
}

/// `POST /api/session/logout` (this device) and `/logout-all` (every device).
pub async fn logout(ctx: &Ctx<'_>, everywhere: bool) -> Outcome {
    auth::logout(ctx.db, ctx.caller, everywhere, ctx.now).await?;
    // Browsers drop the cookie whatever its Secure flag; send the plain form.
    with_cookie(no_content()?, &clear_session_cookie(false))
}
