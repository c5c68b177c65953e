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

use prasar_core::api::{Endpoint, Lookup, Method as ApiMethod, CSRF_HEADER};
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

async fn route(req: &mut Request, env: &Env, segments: &[&str]) -> Outcome {
    let method = req.method();
    let db = crate::db::D1Database::new(env.d1("DB")?);
    let now = test_clock(req, env)?.unwrap_or_else(now_ms);
    // The endpoints are declared once (`prasar_core::api::Endpoint`); an unknown path is
    // 404 before anything else, a known one with another method 405 once the caller is
    // known.
    let found = match Endpoint::find(ApiMethod::parse(method.as_ref()), segments) {
        Lookup::Unknown => return Err(ErrorCode::NotFound.into()),
        Lookup::WrongMethod => None,
        Lookup::Found(endpoint, params) => Some((endpoint, params)),
    };
    match found {
        Some((Endpoint::Health, _)) => return health::get().await,
        Some((Endpoint::Login, _)) => return session::login(req, &db, now).await,
        Some((Endpoint::AdminLinkLogin, _)) => return session::admin_link(req, &db, now).await,
        Some((Endpoint::Openapi, _)) => return openapi::get(req, env).await,
        _ => {}
    }

    let caller = authenticate(req, &db, now).await?;
    if !matches!(method, Method::Get | Method::Head) {
        check_csrf(req, &caller)?;
    }
    let Some((endpoint, p)) = found else {
        return Err(ErrorCode::MethodNotAllowed.into());
    };
    let scope = Scope::of(&caller.principal);
    let ctx = Ctx {
        db: &db,
        env,
        caller: &caller,
        scope: &scope,
        now,
    };
    // `p` holds the path's parameters in order; their number is the template's.
    use Endpoint as E;
    match endpoint {
        E::Health | E::Login | E::AdminLinkLogin | E::Openapi => {
            Err(ErrorCode::NotFound.into()) // public: answered above
        }
        E::Me => session::me(&ctx).await,
        E::Logout => session::logout(&ctx, false).await,
        E::LogoutAll => session::logout(&ctx, true).await,
        E::ListGroups => groups::list(&ctx).await,
        E::GroupDetail => groups::detail(&ctx, p[0]).await,
        E::UpdateGroup => groups::update(req, &ctx, p[0]).await,
        E::RecordMemberCount => groups::member_count(req, &ctx, p[0]).await,
        E::ReplaceAdmin => groups::replace_admin(req, &ctx, p[0]).await,
        E::CreateSubmission => submissions::create(req, &ctx, p[0]).await,
        E::UpdateAdmin => admins::update(req, &ctx, p[0]).await,
        E::IssueAdminLink => admins::issue_link(req, &ctx, p[0]).await,
        E::RevokeAdminLinks => admins::revoke_link(&ctx, p[0]).await,
        E::UnitRoot => units::root(&ctx).await,
        E::UnitPage => units::page(&ctx, p[0]).await,
        E::SearchUnits => units::search(req, &ctx).await,
        E::AuditLog => audit::page(req, &ctx).await,
        E::PreviewImport => imports::preview(req, &ctx).await,
        E::ImportTemplateCsv => imports::template(req, &ctx, "template.csv").await,
        E::ImportTemplateXlsx => imports::template(req, &ctx, "template.xlsx").await,
        E::ApplyImport => imports::apply(&ctx, p[0]).await,
        E::ListSubmissions => submissions::list(req, &ctx).await,
        E::SubmissionDetail => submissions::detail(&ctx, p[0]).await,
        E::SweepOrphans => maintenance::sweep(req, &ctx).await,
        E::PutSubmissionImage => submissions::put(req, &ctx, p[0], p[1]).await,
        E::SubmissionImage => submissions::image(&ctx, p[0], p[1]).await,
        // --- campaigns and success stories ---
        E::TodaysCampaignItems => campaign_items::today(&ctx).await,
        E::ListCampaignItems => campaign_items::list(req, &ctx).await,
        E::CreateCampaignItem => campaign_items::create(req, &ctx).await,
        E::CampaignItemDetail => campaign_items::detail(&ctx, p[0]).await,
        E::UpdateCampaignItem => campaign_items::update(req, &ctx, p[0]).await,
        E::WithdrawCampaignItem => campaign_items::withdraw(&ctx, p[0]).await,
        E::CampaignItemImage => campaign_items::image(&ctx, p[0]).await,
        E::PutCampaignItemImage => campaign_items::put_image(req, &ctx, p[0]).await,
        E::DeleteCampaignItemImage => campaign_items::delete_image(&ctx, p[0]).await,
        E::StoryUnits => stories::units(&ctx).await,
        E::ListStories => stories::list(req, &ctx).await,
        E::CreateStory => stories::create(req, &ctx).await,
        E::StoryDetail => stories::detail(&ctx, p[0]).await,
        E::ReviewStory => stories::review(req, &ctx, p[0]).await,
        E::PromoteStory => stories::promote(req, &ctx, p[0]).await,
        E::StoryPhoto => stories::photo(&ctx, p[0], p[1]).await,
        E::PutStoryPhoto => stories::put_photo(req, &ctx, p[0], p[1]).await,
        // --- map and reports ---
        E::MapUnits => map::units(req, &ctx).await,
        E::MapStatus => map::status(req, &ctx).await,
        E::MapOutlines => map::outlines(req, &ctx).await,
        E::PutMapOutlines => map::upload_outlines(req, &ctx, p[0]).await,
        E::MapGroupPanel => map::panel(&ctx, p[0]).await,
        E::MapTile => map::tile(&ctx, p[0], p[1], p[2]).await,
        E::ComplianceReport => reports::compliance(req, &ctx).await,
        E::ReportsOverview => reports::overview(req, &ctx).await,
        E::DailySummary => reports::daily(req, &ctx).await,
        E::InactiveExport => reports::list_export(req, &ctx, "inactive").await,
        E::LowMembershipExport => reports::list_export(req, &ctx, "low-membership").await,
        // --- the daily check ---
        E::ListChecks => checks::list(req, &ctx).await,
        E::RunDraw => draws::draw(req, &ctx).await,
        E::CheckDetail => checks::one(&ctx, p[0]).await,
        E::LogCall => checks::log_call(req, &ctx, p[0]).await,
        E::CheckMessage => checks::message(req, &ctx, p[0]).await,
        E::ReviewQueue => reviews::queue(req, &ctx).await,
        E::SubmissionReviews => reviews::history(&ctx, p[0]).await,
        E::ReviewSubmission => reviews::decide(req, &ctx, p[0]).await,
        E::MySubmissions => reviews::mine(&ctx).await,
        E::Compliance => compliance::rates(req, &ctx).await,
        E::InactiveAdmins => compliance::inactive(req, &ctx).await,
        E::DayStatus => compliance::status(req, &ctx).await,
        // --- chat export activity ---
        E::UploadChatActivity => chat_activity::upload(req, &ctx, p[0]).await,
        E::ChatActivity => chat_activity::view(req, &ctx, p[0]).await,
        E::ChatCampaignItems => chat_activity::campaign_items(req, &ctx, p[0]).await,
    }
}

/// What every authenticated handler gets.
pub struct Ctx<'a> {
    pub db: &'a crate::db::D1Database,
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
    db: &crate::db::D1Database,
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
