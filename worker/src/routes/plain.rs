//! Pages for phones without JavaScript or WebAssembly: a sign-in form at `/f` for the
//! code of a personal link, and a plain multipart form at `/f` once signed in.
//! Server-rendered, bilingual (Hindi first), every value escaped; the form carries the
//! session's CSRF token and a fresh idempotency key, so pressing "send" twice stores one
//! submission.
//!
//! The personal link is `/a#<token>`: the token is in the fragment, which browsers never
//! send, so it reaches no request line and no log. Links of the retired form
//! `/a/<token>` put the token in the path (and so in request logs): such a token is
//! revoked on sight and nobody is signed in by it.

use prasar_core::api::{NewSubmission, MAX_IMAGES_PER_SUBMISSION};
use prasar_core::audit::AuditAction;
use prasar_core::auth::{
    constant_time_eq, is_loopback_host, is_valid_token, session_cookie, token_from_random,
    Principal,
};
use prasar_core::error::ErrorCode;
use prasar_core::i18n::{Lang, Text};
use prasar_core::ids::is_valid_submission_id;
use prasar_core::screenshot::{sha256_hex, MAX_SCREENSHOT_BYTES};
use prasar_core::time::ist_timestamp;
use worker::{Env, FormEntry, Headers, Method, Request, RequestInit};

use super::authenticate;
use crate::crypto::random_bytes;
use crate::db::D1Database;
use crate::html::{escape, page, see_other};
use crate::http::{drain_unread, read_capped_body, same_origin, Failure, Outcome};
use crate::scope::Scope;
use crate::services::auth::{self, Caller};
use crate::services::submissions::{accept_complete, CompleteSubmission, Submitter};
use crate::storage::audit::{self, AuditEntry};
use crate::storage::{admin_links, groups, submissions};

/// Largest whole form: five 3 MB phone screenshots fit with room to spare.
const MAX_FORM_BYTES: usize = 30 * 1024 * 1024;

/// Texts only these server-rendered pages show, as (Hindi, English): kept out of
/// `prasar_core::i18n::Text`, which every app bundle carries.
const CODE_LABEL: (&str, &str) = (
    "आपका व्यक्तिगत कोड (आपके लिंक में # के बाद का लंबा कोड, या संदेश में दिया कोड)",
    "Your personal code (the long code after # in your link, or the code in the message)",
);
const CODE_INTRO: (&str, &str) = (
    "यह फ़ोन ऐप नहीं खोल पा रहा। प्रवेश के लिए अधिकारी के व्हाट्सऐप संदेश का कोड यहाँ चिपकाएँ।",
    "This phone cannot open the app. Paste the code from your officer's WhatsApp message to sign in.",
);
const OLD_LINK_RETIRED: (&str, &str) = (
    "यह लिंक पुराने रूप का है जो अब स्वीकार नहीं होता, इसलिए इसे बंद कर दिया गया है। अपने अधिकारी से नया व्यक्तिगत लिंक माँगें।",
    "This link is in an old form that is no longer accepted, so it has been switched off. Ask your officer for a new personal link.",
);

/// "हिन्दी · English" for a label.
fn both(text: Text) -> String {
    format!(
        "{} · {}",
        escape(text.get(Lang::Hi)),
        escape(text.get(Lang::En))
    )
}

fn error_block(code: ErrorCode) -> String {
    format!(
        "<p class=\"error\" role=\"alert\" data-code=\"{}\">{}<br>{}</p>",
        escape(
            &serde_json::to_value(code)
                .map(|v| v.as_str().unwrap_or("").to_owned())
                .unwrap_or_default()
        ),
        escape(&code.message_hi()),
        escape(&code.message_en())
    )
}

fn loopback(req: &Request) -> bool {
    req.headers()
        .get("Host")
        .ok()
        .flatten()
        .is_some_and(|h| is_loopback_host(&h))
}

/// `/a/<token>`, `/f` and `/f/sign-in`; anything else is not ours.
pub async fn handle(mut req: Request, env: &Env, path: &str, now: i64) -> Outcome {
    let db = crate::db::D1Database::new(env.d1("DB")?);
    if let Some(token) = path.strip_prefix("/a/") {
        return retired_link(&db, token, now).await;
    }
    let outcome = match (path, req.method()) {
        ("/f", Method::Get | Method::Head) => form_page(&req, &db, now).await,
        ("/f", Method::Post) => submit(&mut req, env, &db, now).await,
        ("/f/sign-in", Method::Post) => sign_in(&mut req, &db, now).await,
        _ => page(405, "405", &error_block(ErrorCode::MethodNotAllowed)),
    };
    // A small body refused before it was read is still taken off the connection.
    drain_unread(&mut req).await;
    outcome
}

/// `GET /a/<token>`: the retired link form. Its token has been in a URL path, so in
/// request logs; it is revoked (audited) and the page asks for a new link. Nobody is
/// signed in, so a cross-site request cannot replace the visitor's session.
async fn retired_link(db: &D1Database, token: &str, now: i64) -> Outcome {
    if is_valid_token(token) {
        let hash = sha256_hex(token.as_bytes());
        if let Some(admin_id) = admin_links::find_active_admin(db, &hash).await? {
            let district = crate::storage::admins::find_unscoped(db, &admin_id)
                .await?
                .map(|a| a.district_id);
            let at = ist_timestamp(now);
            db.batch(vec![
                admin_links::revoke(db, &hash, &at)?,
                audit::insert(
                    db,
                    &AuditEntry {
                        at: &at,
                        actor: "system:link_exposed",
                        district_id: district.as_deref(),
                        action: AuditAction::AdminLinkRevokeExposed,
                        entity: "admin",
                        entity_id: &admin_id,
                        detail: "{}",
                    },
                )?,
            ])
            .await?;
        }
    }
    let body = format!(
        "<h1>{}</h1><p class=\"error\" role=\"alert\" data-code=\"invalid_link\">{}<br>{}</p>",
        both(Text::AppName),
        escape(OLD_LINK_RETIRED.0),
        escape(OLD_LINK_RETIRED.1),
    );
    page(410, Text::AppName.get(Lang::Hi), &body)
}

/// The no-JavaScript sign-in form's cookie: a random value the form repeats in a hidden
/// field (double submit). A cross-site form can neither read it nor, with
/// `SameSite=Strict`, make the browser send it, so it cannot sign anyone in.
const FORM_COOKIE: &str = "prasar_form";

fn form_cookie_from(req: &Request) -> Option<String> {
    let header = req.headers().get("Cookie").ok().flatten()?;
    header.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == FORM_COOKIE && is_valid_token(value)).then(|| value.to_owned())
    })
}

/// The code sign-in page for a phone without a session, with a fresh form cookie.
fn sign_in_page(req: &Request, error: Option<ErrorCode>) -> Outcome {
    let value = token_from_random(&random_bytes::<32>()?);
    let secure = if loopback(req) { "" } else { "; Secure" };
    let cookie =
        format!("{FORM_COOKIE}={value}; Path=/f; HttpOnly; SameSite=Strict; Max-Age=3600{secure}");
    let body = format!(
        "<h1>{title}</h1><p>{intro_hi}<br>{intro_en}</p>{error}\
         <form method=\"post\" action=\"/f/sign-in\">\
         <input type=\"hidden\" name=\"form\" value=\"{value}\">\
         <label for=\"code\">{label_hi} · {label_en}</label>\
         <input id=\"code\" name=\"code\" type=\"text\" autocomplete=\"off\" autocapitalize=\"none\" \
         spellcheck=\"false\" maxlength=\"200\" required>\
         <button type=\"submit\" class=\"primary\">{send}</button></form>",
        title = both(Text::OpenPersonalLinkTitle),
        intro_hi = escape(CODE_INTRO.0),
        intro_en = escape(CODE_INTRO.1),
        error = error.map(error_block).unwrap_or_default(),
        label_hi = escape(CODE_LABEL.0),
        label_en = escape(CODE_LABEL.1),
        send = both(Text::SignIn),
    );
    let status = error.map_or(200, ErrorCode::http_status);
    let mut response = page(status, Text::OpenPersonalLinkTitle.get(Lang::Hi), &body)?;
    response.headers_mut().append("Set-Cookie", &cookie)?;
    Ok(response)
}

/// Largest sign-in form body: a code and the form value.
const MAX_SIGN_IN_BYTES: usize = 4 * 1024;

/// `POST /f/sign-in` (urlencoded `form`, `code`): the code of a personal link signs the
/// admin in, from this site's own form only.
async fn sign_in(req: &mut Request, db: &D1Database, now: i64) -> Outcome {
    let origin_ok = req.headers().get("Origin")?.is_none() || same_origin(req);
    let expected = form_cookie_from(req);
    let body = match read_capped_body(req, MAX_SIGN_IN_BYTES).await {
        Ok(body) => body,
        Err(Failure(code)) => return sign_in_page(req, Some(code)),
    };
    // An urlencoded body is a query string: the URL parser decodes it.
    let query = String::from_utf8_lossy(&body).replace(['\r', '\n', '#'], "");
    let fields: std::collections::HashMap<String, String> =
        worker::Url::parse(&format!("https://form.invalid/?{query}"))
            .map(|u| u.query_pairs().into_owned().collect())
            .unwrap_or_default();
    let sent = fields.get("form").map(String::as_str).unwrap_or_default();
    let genuine =
        origin_ok && expected.is_some_and(|e| constant_time_eq(e.as_bytes(), sent.as_bytes()));
    if !genuine {
        return sign_in_page(req, Some(ErrorCode::CsrfFailed));
    }
    // The code as pasted: the bare token, or the whole link with it after `#`.
    let code = fields.get("code").map(String::as_str).unwrap_or_default();
    let token = code.rsplit('#').next().unwrap_or_default().trim();
    match auth::admin_link_login(db, token, now).await {
        Ok(session) => {
            let cookie = session_cookie(&session.token, session.max_age_ms, loopback(req));
            see_other("/f", Some(&cookie))
        }
        Err(Failure(code)) => sign_in_page(req, Some(code)),
    }
}

fn invalid_link_page(code: ErrorCode) -> Outcome {
    let body = format!(
        "<h1>{}</h1>{}<p>{}</p><p>{}</p>",
        both(Text::AppName),
        error_block(code),
        escape(Text::OpenPersonalLinkText.get(Lang::Hi)),
        escape(Text::OpenPersonalLinkText.get(Lang::En))
    );
    page(code.http_status(), Text::AppName.get(Lang::Hi), &body)
}

async fn signed_in_admin(req: &Request, db: &D1Database, now: i64) -> Option<Caller> {
    authenticate(req, db, now)
        .await
        .ok()
        .filter(|c| matches!(c.principal, Principal::GroupAdmin { .. }))
}

/// `GET /f`: the form, or after a successful send (`?sent=<id>`) what was stored.
async fn form_page(req: &Request, db: &D1Database, now: i64) -> Outcome {
    let Some(caller) = signed_in_admin(req, db, now).await else {
        return sign_in_page(req, None);
    };
    let sent = req
        .url()?
        .query_pairs()
        .find(|(k, _)| k == "sent")
        .map(|(_, v)| v.into_owned())
        .filter(|id| is_valid_submission_id(id));
    let scope = Scope::of(&caller.principal);
    if let Some(id) = sent {
        if let Some(found) = submissions::find(db, &scope, &id).await? {
            let body = format!(
                "<h1>{}</h1><p class=\"ok\" data-submission-id=\"{}\">{}<br>{} {}/{}</p>\
                 <p><a class=\"button\" href=\"/f\">{}</a></p>",
                both(Text::PlainFormTitle),
                escape(&found.id),
                escape(Text::PlainSent.get(Lang::Hi)),
                escape(Text::PlainSent.get(Lang::En)),
                found.images.len(),
                found.image_count,
                both(Text::PlainSendMore),
            );
            return page(200, Text::PlainFormTitle.get(Lang::Hi), &body);
        }
    }
    render_form(db, &caller, &scope, None).await
}

async fn render_form(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    error: Option<ErrorCode>,
) -> Outcome {
    let groups = groups::list_summaries(db, scope).await?;
    let options: String = groups
        .iter()
        .map(|g| {
            let name = if g.name_hi.is_empty() {
                &g.name_en
            } else {
                &g.name_hi
            };
            format!(
                "<option value=\"{}\">{} ({})</option>",
                escape(&g.id),
                escape(name),
                escape(&g.name_en)
            )
        })
        .collect();
    let body = format!(
        "<h1>{title}</h1><p>{intro}</p>{error}\
         <form method=\"post\" action=\"/f\" enctype=\"multipart/form-data\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
         <input type=\"hidden\" name=\"client_key\" value=\"{key}\">\
         <label for=\"group\">{group}</label><select id=\"group\" name=\"group\" required>{options}</select>\
         <label for=\"screenshots\">{shots}</label>\
         <input id=\"screenshots\" type=\"file\" name=\"screenshot\" accept=\"image/png,image/jpeg,image/webp\" multiple required>\
         <label for=\"member_count\">{members}</label>\
         <input id=\"member_count\" name=\"member_count\" type=\"number\" min=\"0\" max=\"100000\" inputmode=\"numeric\">\
         <label for=\"note\">{note}</label><textarea id=\"note\" name=\"note\" maxlength=\"1000\" rows=\"3\"></textarea>\
         <button type=\"submit\" class=\"primary\">{send}</button></form>",
        title = both(Text::PlainFormTitle),
        intro = escape(Text::SubmitIntro.get(Lang::Hi)),
        error = error.map(error_block).unwrap_or_default(),
        csrf = escape(&caller.csrf_token),
        key = uuid::Uuid::new_v4(),
        group = both(Text::ChooseGroup),
        shots = both(Text::PlainScreenshots),
        members = both(Text::PlainMemberCount),
        note = both(Text::PlainNote),
        send = both(Text::SubmitButton),
    );
    let status = error.map_or(200, ErrorCode::http_status);
    page(status, Text::PlainFormTitle.get(Lang::Hi), &body)
}

/// `POST /f` (multipart): validates every file before anything is stored.
async fn submit(req: &mut Request, env: &Env, db: &D1Database, now: i64) -> Outcome {
    let content_type = req.headers().get("Content-Type")?.unwrap_or_default();
    // The session first: nothing of the body is read for a caller who is not signed in.
    let Some(caller) = signed_in_admin(req, db, now).await else {
        return invalid_link_page(ErrorCode::Unauthenticated);
    };
    let body = read_capped_body(req, MAX_FORM_BYTES).await;
    let scope = Scope::of(&caller.principal);
    match parse_and_store(req, env, db, &caller, &content_type, body, now).await {
        Ok(id) => see_other(&format!("/f?sent={id}"), None),
        Err(Failure(code)) => render_form(db, &caller, &scope, Some(code)).await,
    }
}

async fn parse_and_store(
    req: &Request,
    env: &Env,
    db: &D1Database,
    caller: &Caller,
    content_type: &str,
    body: Result<Vec<u8>, Failure>,
    now: i64,
) -> Result<String, Failure> {
    // A cross-site page cannot read the token, and the Origin must be ours.
    if let Some(origin) = req.headers().get("Origin")? {
        let host = req.headers().get("Host")?.unwrap_or_default();
        if origin != "null" && origin.split("://").nth(1) != Some(host.as_str()) {
            return Err(ErrorCode::CsrfFailed.into());
        }
    }
    let body = body?;
    if !content_type.starts_with("multipart/form-data") {
        return Err(ErrorCode::InvalidJson.into());
    }
    // Parse with the runtime's own multipart reader.
    let headers = Headers::new();
    headers.set("Content-Type", content_type)?;
    let array = js_sys::Uint8Array::from(body.as_slice());
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(array.into()));
    let mut parsed = Request::new_with_init("https://form.invalid/", &init)?;
    let form = parsed
        .form_data()
        .await
        .map_err(|_| Failure(ErrorCode::InvalidJson))?;
    let field = |name: &str| match form.get(name) {
        Some(FormEntry::Field(value)) => value,
        _ => String::new(),
    };
    if !constant_time_eq(field("csrf").as_bytes(), caller.csrf_token.as_bytes()) {
        return Err(ErrorCode::CsrfFailed.into());
    }
    let mut images = Vec::new();
    for entry in form.get_all("screenshot").unwrap_or_default() {
        let FormEntry::File(file) = entry else {
            return Err(ErrorCode::UnsupportedImageType.into());
        };
        // A file input left empty still sends an empty part.
        if file.size() == 0 && file.name().is_empty() {
            continue;
        }
        if file.size() > MAX_SCREENSHOT_BYTES {
            return Err(ErrorCode::UploadTooLarge.into());
        }
        images.push(file.bytes().await?);
    }
    if images.is_empty() || images.len() > usize::from(MAX_IMAGES_PER_SUBMISSION) {
        return Err(ErrorCode::InvalidImageCount.into());
    }
    let member_count = match field("member_count").trim() {
        "" => None,
        text => Some(
            text.parse::<u32>()
                .map_err(|_| Failure(ErrorCode::InvalidMemberCount))?,
        ),
    };
    let Principal::GroupAdmin {
        admin_id,
        district_id,
    } = &caller.principal
    else {
        return Err(ErrorCode::Forbidden.into());
    };
    let group_id = field("group");
    let input = NewSubmission {
        client_key: field("client_key"),
        image_count: images.len() as u8,
        member_count,
        campaign_item_ids: Vec::new(),
        note: field("note"),
        client_created_at_ms: None,
    };
    let bucket = env.bucket("SCREENSHOTS")?;
    let created = accept_complete(
        db,
        &bucket,
        &Submitter {
            admin_id,
            district_id,
        },
        CompleteSubmission {
            group_id: &group_id,
            input,
            images,
            channel: "form",
        },
        now,
    )
    .await?;
    Ok(created.submission.id)
}
