//! HTTP resources, one file per resource. `dispatch` maps method and path to a handler,
//! authenticates the caller, checks CSRF on changes, and turns every failure into a
//! translated JSON error.

mod admins;
mod audit;
mod campaign_items;
mod chat_activity;
mod checks;
mod compliance;
mod day_query;
mod draws;
mod groups;
mod health;
mod imports;
mod maintenance;
mod openapi;
mod plain;
mod reviews;
mod session;
mod stories;
mod submissions;
mod units;
// --- map and reports ---
mod map;
mod reports;

use prasar_core::api::CSRF_HEADER;
use prasar_core::auth::{constant_time_eq, session_token_from_cookie_header, Action};
use prasar_core::error::ErrorCode;
use worker::{Env, Method, Request, Response, Result};

use crate::http::{drain_unread, error_response, Failure, Outcome};
use crate::scope::Scope;
use crate::services::auth::{self, Caller};

pub async fn dispatch(req: Request, env: Env) -> Result<Response> {
    let path = req.path();
    if path.starts_with("/a/") || path == "/f" || path == "/f/sign-in" {
        let now = test_clock(&req, &env)?.unwrap_or_else(now_ms);
        return match plain::handle(req, &env, &path, now).await {
            Ok(response) => Ok(response),
            Err(Failure(code)) => error_response(code),
        };
    }
    let Some(api_path) = path.strip_prefix("/api/") else {
        // Static assets normally answer before the worker runs (`run_worker_first` is
        // limited to /api/*); anything else that arrives goes to them too.
        return env.assets("ASSETS")?.fetch_request(req).await;
    };
    let segments: Vec<String> = api_path
        .trim_end_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let mut req = req;
    let outcome = route(&mut req, &env, &segments).await;
    // A small unread body left on a kept-alive connection breaks the next request on it.
    drain_unread(&mut req).await;
    match outcome {
        Ok(response) => Ok(response),
        Err(Failure(code)) => error_response(code),
    }
}

pub fn now_ms() -> i64 {
    worker::Date::now().as_millis() as i64
}

/// Header a test sends to move the worker's clock (epoch ms), so deadlines can be
/// tested without sleeping.
pub const TEST_NOW_HEADER: &str = "X-Prasar-Test-Now";

/// The test clock, honoured only when both hold: the worker runs with the variable
/// `PRASAR_TEST_CLOCK` = `1` (tests/lib/server.mjs passes it to `wrangler dev --var`;
/// wrangler.toml never sets it, so a deployed worker does not have it) and the request
/// is addressed to a loopback host. Anywhere else the header is ignored.
fn test_clock(req: &Request, env: &Env) -> Result<Option<i64>> {
    let Some(value) = req.headers().get(TEST_NOW_HEADER)? else {
        return Ok(None);
    };
    let enabled = env
        .var("PRASAR_TEST_CLOCK")
        .map(|v| v.to_string() == "1")
        .unwrap_or(false);
    let host = req.url()?.host_str().unwrap_or_default().to_owned();
    if !enabled || !prasar_core::auth::is_loopback_host(&host) {
        return Ok(None);
    }
    Ok(value.trim().parse::<i64>().ok())
}

/// Every path the API serves, whatever the method (for 404 versus 405).
fn known_path(segments: &[&str]) -> bool {
    matches!(
        segments,
        ["health"]
            | ["session"]
            | ["session", "login" | "admin-link" | "logout" | "logout-all"]
            | ["groups"]
            | ["groups", _]
            | [
                "groups",
                _,
                "submissions" | "member-counts" | "replace-admin"
            ]
            | ["admins", _]
            | ["admins", _, "link"]
            | ["admins", _, "link", "revoke"]
            | ["units"]
            | ["units", _]
            | ["search"]
            | ["audit"]
            | ["imports"]
            | ["imports", _]
            | ["imports", _, "apply"]
            | ["submissions"]
            | ["submissions", _]
            | ["submissions", _, "images", _]
            | ["maintenance", "sweep"]
            // --- campaigns and success stories ---
            | ["campaign-items"]
            | ["campaign-items", _]
            | ["campaign-items", _, "withdraw" | "image"]
            | ["stories"]
            | ["stories", _]
            | ["stories", _, "review" | "campaign-item"]
            | ["stories", _, "photos", _]
            // --- map and reports ---
            | ["map", "units" | "status" | "outlines"]
            | ["map", "outlines", _]
            | ["map", "groups", _]
            | ["map", "tiles", _, _, _]
            | [
                "reports",
                "compliance" | "overview" | "daily" | "inactive" | "low-membership"
            ]
            // --- monitoring ---
            | ["checks"]
            | ["checks", _]
            | ["checks", _, "calls" | "message"]
            | ["reviews"]
            | ["submissions", _, "reviews"]
            | ["my", "submissions"]
            | ["compliance"]
            | ["compliance", "inactive"]
            | ["status"]
            // --- chat export activity ---
            | ["groups", _, "chat-activity"]
            | ["groups", _, "chat-activity", "campaign-items"]
            // --- OpenAPI description ---
            | ["openapi.json"]
    )
}

async fn route(req: &mut Request, env: &Env, segments: &[&str]) -> Outcome {
    let method = req.method();
    let db = env.d1("DB")?;
    let now = test_clock(req, env)?.unwrap_or_else(now_ms);
    match (segments, &method) {
        (["health"], Method::Get) => return health::get().await,
        (["session", "login"], Method::Post) => return session::login(req, &db, now).await,
        (["session", "admin-link"], Method::Post) => {
            return session::admin_link(req, &db, now).await
        }
        // --- OpenAPI description (public, like the app) ---
        (["openapi.json"], Method::Get) => return openapi::get(req, env).await,
        _ if !known_path(segments) => return Err(ErrorCode::NotFound.into()),
        _ => {}
    }

    let caller = authenticate(req, &db, now).await?;
    if !matches!(method, Method::Get | Method::Head) {
        check_csrf(req, &caller)?;
    }
    let scope = Scope::of(&caller.principal);
    let ctx = Ctx {
        db: &db,
        env,
        caller: &caller,
        scope: &scope,
        now,
    };
    match (segments, method) {
        (["session"], Method::Get) => session::me(&ctx).await,
        (["session", "logout"], Method::Post) => session::logout(&ctx, false).await,
        (["session", "logout-all"], Method::Post) => session::logout(&ctx, true).await,
        (["groups"], Method::Get) => groups::list(&ctx).await,
        (["groups", id], Method::Get) => groups::detail(&ctx, id).await,
        (["groups", id], Method::Patch) => groups::update(req, &ctx, id).await,
        (["groups", id, "member-counts"], Method::Post) => {
            groups::member_count(req, &ctx, id).await
        }
        (["groups", id, "replace-admin"], Method::Post) => {
            groups::replace_admin(req, &ctx, id).await
        }
        (["groups", id, "submissions"], Method::Post) => submissions::create(req, &ctx, id).await,
        (["admins", id], Method::Patch) => admins::update(req, &ctx, id).await,
        (["admins", id, "link"], Method::Post) => admins::issue_link(req, &ctx, id).await,
        (["admins", id, "link", "revoke"], Method::Post) => admins::revoke_link(&ctx, id).await,
        (["units"], Method::Get) => units::root(&ctx).await,
        (["units", id], Method::Get) => units::page(&ctx, id).await,
        (["search"], Method::Get) => units::search(req, &ctx).await,
        (["audit"], Method::Get) => audit::page(req, &ctx).await,
        (["imports"], Method::Post) => imports::preview(req, &ctx).await,
        (["imports", file @ ("template.csv" | "template.xlsx")], Method::Get) => {
            imports::template(req, &ctx, file).await
        }
        (["imports", id, "apply"], Method::Post) => imports::apply(&ctx, id).await,
        (["submissions"], Method::Get) => submissions::list(req, &ctx).await,
        (["submissions", id], Method::Get) => submissions::detail(&ctx, id).await,
        (["maintenance", "sweep"], Method::Post) => maintenance::sweep(req, &ctx).await,
        (["submissions", id, "images", position], Method::Put) => {
            submissions::put(req, &ctx, id, position).await
        }
        (["submissions", id, "images", position], Method::Get) => {
            submissions::image(&ctx, id, position).await
        }
        // --- campaigns and success stories ---
        (["campaign-items", "today"], Method::Get) => campaign_items::today(&ctx).await,
        (["campaign-items"], Method::Get) => campaign_items::list(req, &ctx).await,
        (["campaign-items"], Method::Post) => campaign_items::create(req, &ctx).await,
        (["campaign-items", id], Method::Get) => campaign_items::detail(&ctx, id).await,
        (["campaign-items", id], Method::Patch) => campaign_items::update(req, &ctx, id).await,
        (["campaign-items", id, "withdraw"], Method::Post) => {
            campaign_items::withdraw(&ctx, id).await
        }
        (["campaign-items", id, "image"], Method::Get) => campaign_items::image(&ctx, id).await,
        (["campaign-items", id, "image"], Method::Put) => {
            campaign_items::put_image(req, &ctx, id).await
        }
        (["campaign-items", id, "image"], Method::Delete) => {
            campaign_items::delete_image(&ctx, id).await
        }
        (["stories", "units"], Method::Get) => stories::units(&ctx).await,
        (["stories"], Method::Get) => stories::list(req, &ctx).await,
        (["stories"], Method::Post) => stories::create(req, &ctx).await,
        (["stories", id], Method::Get) => stories::detail(&ctx, id).await,
        (["stories", id, "review"], Method::Post) => stories::review(req, &ctx, id).await,
        (["stories", id, "campaign-item"], Method::Post) => stories::promote(req, &ctx, id).await,
        (["stories", id, "photos", n], Method::Get) => stories::photo(&ctx, id, n).await,
        (["stories", id, "photos", n], Method::Put) => stories::put_photo(req, &ctx, id, n).await,
        // --- map and reports ---
        (["map", "units"], Method::Get) => map::units(req, &ctx).await,
        (["map", "status"], Method::Get) => map::status(req, &ctx).await,
        (["map", "outlines"], Method::Get) => map::outlines(req, &ctx).await,
        (["map", "outlines", layer], Method::Put) => map::upload_outlines(req, &ctx, layer).await,
        (["map", "groups", id], Method::Get) => map::panel(&ctx, id).await,
        (["map", "tiles", z, x, y], Method::Get) => map::tile(&ctx, z, x, y).await,
        (["reports", "compliance"], Method::Get) => reports::compliance(req, &ctx).await,
        (["reports", "overview"], Method::Get) => reports::overview(req, &ctx).await,
        (["reports", "daily"], Method::Get) => reports::daily(req, &ctx).await,
        (["reports", which @ ("inactive" | "low-membership")], Method::Get) => {
            reports::list_export(req, &ctx, which).await
        }
        // --- monitoring ---
        (["checks"], Method::Get) => checks::list(req, &ctx).await,
        (["checks", "draw"], Method::Post) => draws::draw(req, &ctx).await,
        (["checks", id], Method::Get) => checks::one(&ctx, id).await,
        (["checks", id, "calls"], Method::Post) => checks::log_call(req, &ctx, id).await,
        (["checks", id, "message"], Method::Post) => checks::message(req, &ctx, id).await,
        (["reviews"], Method::Get) => reviews::queue(req, &ctx).await,
        (["submissions", id, "reviews"], Method::Get) => reviews::history(&ctx, id).await,
        (["submissions", id, "reviews"], Method::Post) => reviews::decide(req, &ctx, id).await,
        (["my", "submissions"], Method::Get) => reviews::mine(&ctx).await,
        (["compliance"], Method::Get) => compliance::rates(req, &ctx).await,
        (["compliance", "inactive"], Method::Get) => compliance::inactive(req, &ctx).await,
        (["status"], Method::Get) => compliance::status(req, &ctx).await,
        // --- chat export activity ---
        (["groups", id, "chat-activity"], Method::Post) => {
            chat_activity::upload(req, &ctx, id).await
        }
        (["groups", id, "chat-activity"], Method::Get) => chat_activity::view(req, &ctx, id).await,
        (["groups", id, "chat-activity", "campaign-items"], Method::Get) => {
            chat_activity::campaign_items(req, &ctx, id).await
        }
        _ => Err(ErrorCode::MethodNotAllowed.into()),
    }
}

/// What every authenticated handler gets.
pub struct Ctx<'a> {
    pub db: &'a worker::D1Database,
    pub env: &'a Env,
    pub caller: &'a Caller,
    pub scope: &'a Scope,
    pub now: i64,
}

impl Ctx<'_> {
    /// Refuses actions the caller's role does not allow (403); areas are checked by the
    /// scoped queries, which answer 404 for anything outside them.
    pub fn require(&self, action: Action) -> std::result::Result<(), Failure> {
        if self.caller.principal.may(action) {
            Ok(())
        } else {
            Err(ErrorCode::Forbidden.into())
        }
    }
}

pub(super) async fn authenticate(
    req: &Request,
    db: &worker::D1Database,
    now: i64,
) -> std::result::Result<Caller, Failure> {
    let cookies = req.headers().get("Cookie")?.unwrap_or_default();
    let token =
        session_token_from_cookie_header(&cookies).ok_or(Failure(ErrorCode::Unauthenticated))?;
    auth::authenticate(db, token, now)
        .await?
        .ok_or(Failure(ErrorCode::Unauthenticated))
}

/// SameSite=Strict already keeps the cookie off cross-site requests; the token header
/// (which a cross-site form cannot set) and the Origin check are the second and third
/// locks.
fn check_csrf(req: &Request, caller: &Caller) -> std::result::Result<(), Failure> {
    let sent = req.headers().get(CSRF_HEADER)?.unwrap_or_default();
    if !constant_time_eq(sent.as_bytes(), caller.csrf_token.as_bytes()) {
        return Err(ErrorCode::CsrfFailed.into());
    }
    if let Some(origin) = req.headers().get("Origin")? {
        let host = req.headers().get("Host")?.unwrap_or_default();
        let origin_host = origin.split("://").nth(1).unwrap_or_default();
        if origin != "null" && origin_host != host {
            return Err(ErrorCode::CsrfFailed.into());
        }
    }
    Ok(())
}
