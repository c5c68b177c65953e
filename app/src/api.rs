//! Thin client for the worker's JSON API. Shapes come from `prasar_core::api`, so the
//! app and the worker cannot disagree about them.
//!
//! The session cookie is HttpOnly: the app never sees it. Every change (any method but
//! GET) carries the session's CSRF token, which `set_csrf` keeps from the last `Me`.

use std::cell::RefCell;

use js_sys::Promise;
use prasar_core::api::{
    group_submissions_path, AdminInput, AdminLinkIssued, AdminLinkLogin, AuditPage, GroupDetail,
    GroupList, GroupUpdate, ImportApplied, ImportPreview, LoginRequest, Me, MemberCountReport,
    ReplaceAdminRequest, SearchResults, SubmissionCreated, SubmissionList, UnitPage, CSRF_HEADER,
    IDEMPOTENCY_HEADER,
};
// --- admin PWA ---
use prasar_core::api::{CampaignItemList, SessionKind, TODAYS_CAMPAIGN_ITEMS_PATH};
// --- campaigns and success stories ---
use prasar_core::api::{
    campaign_item_path, story_path, story_photo_path, CampaignItemDetail, CampaignItemInput,
    CampaignItemPage, CampaignWhen, NewStory, SentStoryList, SentStoryReceipt, Story, StoryList,
    StoryReview, StoryStatus, StoryToItem, StoryUnits, CAMPAIGN_ITEMS_PATH, STORIES_PATH,
};
use prasar_core::error::{ApiError, ErrorCode};
use prasar_core::i18n::{Lang, Text};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a call failed: the server said no (with its translated reason), or the network
/// never delivered an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiFailure {
    Server(ApiError),
    Network,
}

impl ApiFailure {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApiFailure::Server(e) => lang.pick(&e.message_hi, &e.message_en).to_owned(),
            ApiFailure::Network => Text::NetworkError.get(lang).to_owned(),
        }
    }

    pub fn is(&self, code: ErrorCode) -> bool {
        matches!(self, ApiFailure::Server(e) if e.code == code)
    }
}

thread_local! {
    static CSRF: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Remembers the CSRF token of the signed-in session (empty when signed out).
pub fn set_csrf(token: &str) {
    CSRF.with(|c| token.clone_into(&mut c.borrow_mut()));
}

fn csrf() -> String {
    CSRF.with(|c| c.borrow().clone())
}

fn error_of(text: &str) -> ApiFailure {
    // Proxies and captive portals answer with HTML; treat that as a network failure.
    serde_json::from_str::<ApiError>(text).map_or(ApiFailure::Network, ApiFailure::Server)
}

fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiFailure> {
    if (200..300).contains(&status) {
        serde_json::from_str(text).map_err(|_| ApiFailure::Network)
    } else {
        Err(error_of(text))
    }
}

fn decode_empty(status: u16, text: &str) -> Result<(), ApiFailure> {
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(error_of(text))
    }
}

/// One `fetch`: GET without a body, anything else with the CSRF header and an optional
/// JSON body. Answers the status and the body text.
async fn call(method: &str, path: &str, body: Option<String>) -> Result<(u16, String), ApiFailure> {
    let net = |_| ApiFailure::Network;
    let window = web_sys::window().ok_or(ApiFailure::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if method != "GET" {
        let headers = web_sys::Headers::new().map_err(net)?;
        headers.set(CSRF_HEADER, &csrf()).map_err(net)?;
        if let Some(body) = body {
            headers
                .set("Content-Type", "application/json")
                .map_err(net)?;
            init.set_body(&JsValue::from_str(&body));
        }
        init.set_headers(&headers);
    }
    let request = match method {
        "GET" => take_early(path),
        _ => None,
    }
    .unwrap_or_else(|| window.fetch_with_str_and_init(path, &init));
    let response: web_sys::Response = JsFuture::from(request).await.map_err(net)?.unchecked_into();
    let text = JsFuture::from(response.text().map_err(net)?)
        .await
        .map_err(net)?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), text))
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let (status, text) = call("GET", path, None).await?;
    decode(status, &text)
}

fn to_json(body: &impl Serialize) -> Option<String> {
    serde_json::to_string(body).ok()
}

async fn send_json<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiFailure> {
    let (status, text) = call(method, path, body).await?;
    decode(status, &text)
}

async fn send_empty(method: &str, path: &str, body: Option<String>) -> Result<(), ApiFailure> {
    let (status, text) = call(method, path, body).await?;
    decode_empty(status, &text)
}

fn encode(component: &str) -> String {
    String::from(js_sys::encode_uri_component(component))
}

// ---- Session ---------------------------------------------------------------------------

pub async fn me() -> Result<Me, ApiFailure> {
    get_json("/api/session").await
}

pub async fn login(username: String, password: String) -> Result<Me, ApiFailure> {
    let body = to_json(&LoginRequest { username, password });
    send_json("POST", "/api/session/login", body).await
}

pub async fn admin_link_login(token: String) -> Result<Me, ApiFailure> {
    let body = to_json(&AdminLinkLogin { token });
    send_json("POST", "/api/session/admin-link", body).await
}

/// Signs out this device, or every device of the account with `everywhere`.
pub async fn logout(everywhere: bool) -> Result<(), ApiFailure> {
    let path = if everywhere {
        "/api/session/logout-all"
    } else {
        "/api/session/logout"
    };
    send_empty("POST", path, None).await
}

// ---- Groups, submissions ---------------------------------------------------------------

pub async fn groups() -> Result<GroupList, ApiFailure> {
    get_json("/api/groups").await
}

pub async fn submissions_today() -> Result<SubmissionList, ApiFailure> {
    get_json("/api/submissions").await
}

// ---- Registry --------------------------------------------------------------------------

/// The caller's own area (`None`) or one unit of it.
pub async fn unit(id: Option<String>) -> Result<UnitPage, ApiFailure> {
    match id {
        Some(id) => get_json(&format!("/api/units/{}", encode(&id))).await,
        None => get_json("/api/units").await,
    }
}

pub async fn search(q: String) -> Result<SearchResults, ApiFailure> {
    get_json(&format!("/api/search?q={}", encode(&q))).await
}

fn group_path(id: &str) -> String {
    format!("/api/groups/{}", encode(id))
}

pub async fn group(id: String) -> Result<GroupDetail, ApiFailure> {
    get_json(&group_path(&id)).await
}

pub async fn update_group(id: String, update: GroupUpdate) -> Result<GroupDetail, ApiFailure> {
    send_json("PATCH", &group_path(&id), to_json(&update)).await
}

pub async fn record_member_count(id: String, member_count: u32) -> Result<(), ApiFailure> {
    let path = format!("{}/member-counts", group_path(&id));
    send_empty("POST", &path, to_json(&MemberCountReport { member_count })).await
}

pub async fn replace_admin(
    id: String,
    request: ReplaceAdminRequest,
) -> Result<GroupDetail, ApiFailure> {
    let path = format!("{}/replace-admin", group_path(&id));
    send_json("POST", &path, to_json(&request)).await
}

fn admin_path(id: &str) -> String {
    format!("/api/admins/{}", encode(id))
}

pub async fn update_admin(id: String, input: AdminInput) -> Result<(), ApiFailure> {
    send_empty("PATCH", &admin_path(&id), to_json(&input)).await
}

/// A new personal link for the admin; earlier links stop working.
pub async fn issue_link(admin_id: String) -> Result<AdminLinkIssued, ApiFailure> {
    send_json("POST", &format!("{}/link", admin_path(&admin_id)), None).await
}

pub async fn revoke_link(admin_id: String) -> Result<(), ApiFailure> {
    send_empty(
        "POST",
        &format!("{}/link/revoke", admin_path(&admin_id)),
        None,
    )
    .await
}

pub async fn audit(before: Option<i64>) -> Result<AuditPage, ApiFailure> {
    match before {
        Some(id) => get_json(&format!("/api/audit?before={id}")).await,
        None => get_json("/api/audit").await,
    }
}

// ---- Import ----------------------------------------------------------------------------

pub fn import_template_url(xlsx: bool, lang: Lang) -> String {
    let ext = if xlsx { "xlsx" } else { "csv" };
    format!("/api/imports/template.{ext}?lang={}", lang.code())
}

/// Uploads a registry file (CSV or XLSX) for a preview; nothing changes until `apply`.
/// A state administrator names the district (`district_id`); other officers import into
/// their own.
pub async fn upload_import(
    file: &web_sys::File,
    district_id: Option<String>,
    on_progress: impl Fn(f64) + 'static,
) -> Result<ImportPreview, ApiFailure> {
    let name = file.name().to_ascii_lowercase();
    let content_type = if name.ends_with(".xlsx") {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else {
        "text/csv"
    };
    let headers = [("Content-Type", content_type)];
    let path = match district_id {
        Some(id) => format!("/api/imports?district_id={}", encode(&id)),
        None => "/api/imports".to_owned(),
    };
    let (status, text) = xhr_send(&path, &headers, file, on_progress).await?;
    decode(status, &text)
}

pub async fn apply_import(import_id: String) -> Result<ImportApplied, ApiFailure> {
    send_json(
        "POST",
        &format!("/api/imports/{}/apply", encode(&import_id)),
        None,
    )
    .await
}

// ---- Uploads with progress -------------------------------------------------------------

/// A fresh idempotency key for one screenshot; retries of the same file reuse it.
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k-{}", js_sys::Date::now() as u64))
}

/// Uploads one screenshot, calling `on_progress` with 0.0–1.0.
pub async fn upload_screenshot(
    group_id: &str,
    file: &web_sys::File,
    idempotency_key: &str,
    on_progress: impl Fn(f64) + 'static,
) -> Result<SubmissionCreated, ApiFailure> {
    let headers = [(IDEMPOTENCY_HEADER, idempotency_key)];
    let path = group_submissions_path(group_id);
    let (status, text) = xhr_send(&path, &headers, file, on_progress).await?;
    decode(status, &text)
}

/// POSTs a file with `XMLHttpRequest`, the one browser API that reports upload progress,
/// adding the CSRF header to `headers`. Answers the status and the body text.
async fn xhr_send(
    path: &str,
    headers: &[(&str, &str)],
    file: &web_sys::File,
    on_progress: impl Fn(f64) + 'static,
) -> Result<(u16, String), ApiFailure> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiFailure::Network)?;
    xhr.open_with_async("POST", path, true)
        .map_err(|_| ApiFailure::Network)?;
    let token = csrf();
    for (name, value) in headers.iter().chain(&[(CSRF_HEADER, token.as_str())]) {
        xhr.set_request_header(name, value)
            .map_err(|_| ApiFailure::Network)?;
    }
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                on_progress(event.loaded() / event.total());
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let done = Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(
            &Closure::once_into_js(move || {
                let _ = resolve.call0(&JsValue::NULL);
            })
            .unchecked_into(),
        ));
        let fail = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        xhr.set_onerror(Some(fail.unchecked_ref()));
        xhr.set_onabort(Some(fail.unchecked_ref()));
        xhr.set_ontimeout(Some(fail.unchecked_ref()));
    });
    xhr.send_with_opt_blob(Some(file))
        .map_err(|_| ApiFailure::Network)?;
    let outcome = JsFuture::from(done).await;
    drop(progress);
    outcome.map_err(|_| ApiFailure::Network)?;
    let status = xhr.status().map_err(|_| ApiFailure::Network)?;
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    Ok((status, text))
}

// ---- Monitoring ------------------------------------------------------------------------

/// The group admin's own recent submissions with the review outcome (admin bundle too).
pub async fn my_submissions() -> Result<prasar_core::api::MySubmissions, ApiFailure> {
    get_json("/api/my/submissions").await
}

#[cfg(feature = "officials")]
mod checks;
#[cfg(feature = "officials")]
pub use checks::*;
// ---- Campaigns and success stories -----------------------------------------------------

pub async fn campaign_items(when: CampaignWhen) -> Result<CampaignItemPage, ApiFailure> {
    get_json(&format!("{CAMPAIGN_ITEMS_PATH}?when={}", when.as_str())).await
}

pub async fn campaign_item(id: String) -> Result<CampaignItemDetail, ApiFailure> {
    get_json(&campaign_item_path(&encode(&id))).await
}

pub async fn publish_item(input: CampaignItemInput) -> Result<CampaignItemDetail, ApiFailure> {
    send_json("POST", CAMPAIGN_ITEMS_PATH, to_json(&input)).await
}

pub async fn update_item(
    id: String,
    input: CampaignItemInput,
) -> Result<CampaignItemDetail, ApiFailure> {
    send_json("PATCH", &campaign_item_path(&encode(&id)), to_json(&input)).await
}

pub async fn withdraw_item(id: String) -> Result<CampaignItemDetail, ApiFailure> {
    let path = format!("{}/withdraw", campaign_item_path(&encode(&id)));
    send_json("POST", &path, None).await
}

pub async fn put_item_image(
    id: String,
    image: web_sys::Blob,
) -> Result<CampaignItemDetail, ApiFailure> {
    let path = format!("{}/image", campaign_item_path(&encode(&id)));
    let (status, text) = send_blob("PUT", &path, &image).await?;
    decode(status, &text)
}

pub async fn delete_item_image(id: String) -> Result<CampaignItemDetail, ApiFailure> {
    let path = format!("{}/image", campaign_item_path(&encode(&id)));
    send_json("DELETE", &path, None).await
}

pub async fn story_units() -> Result<StoryUnits, ApiFailure> {
    get_json(&format!("{STORIES_PATH}/units")).await
}

pub async fn stories(status: Option<StoryStatus>) -> Result<StoryList, ApiFailure> {
    get_json(&stories_path(status)).await
}

/// The caller's own stories, as the sending form shows them.
pub async fn my_stories() -> Result<SentStoryList, ApiFailure> {
    get_json(&stories_path(None)).await
}

fn stories_path(status: Option<StoryStatus>) -> String {
    let status = status.map_or("all", StoryStatus::as_str);
    format!("{STORIES_PATH}?status={status}")
}

pub async fn story(id: String) -> Result<Story, ApiFailure> {
    get_json(&story_path(&encode(&id))).await
}

pub async fn send_story(story: &NewStory) -> Result<SentStoryReceipt, ApiFailure> {
    send_json("POST", STORIES_PATH, to_json(story)).await
}

pub async fn put_story_photo(
    id: &str,
    position: u8,
    photo: &web_sys::Blob,
) -> Result<SentStoryReceipt, ApiFailure> {
    let (status, text) = send_blob("PUT", &story_photo_path(&encode(id), position), photo).await?;
    decode(status, &text)
}

pub async fn review_story(id: String, review: StoryReview) -> Result<Story, ApiFailure> {
    let path = format!("{}/review", story_path(&encode(&id)));
    send_json("POST", &path, to_json(&review)).await
}

pub async fn promote_story(
    id: String,
    changes: StoryToItem,
) -> Result<CampaignItemDetail, ApiFailure> {
    let path = format!("{}/campaign-item", story_path(&encode(&id)));
    send_json("POST", &path, to_json(&changes)).await
}

/// Sends bytes (an image) with the CSRF header: small compressed images need no
/// progress bar, so plain `fetch` does.
async fn send_blob(
    method: &str,
    path: &str,
    body: &web_sys::Blob,
) -> Result<(u16, String), ApiFailure> {
    let net = |_| ApiFailure::Network;
    let window = web_sys::window().ok_or(ApiFailure::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(net)?;
    headers.set(CSRF_HEADER, &csrf()).map_err(net)?;
    init.set_headers(&headers);
    init.set_body(body);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(net)?
        .unchecked_into();
    let text = JsFuture::from(response.text().map_err(net)?)
        .await
        .map_err(net)?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), text))
}
// ---- Map and reports -------------------------------------------------------------------

#[cfg(feature = "officials")]
pub use map_api::*;

#[cfg(feature = "officials")]
mod map_api;

// ---- Admin PWA: answers remembered for offline use ---------------------------------------

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

const REMEMBERED: [&str; 3] = ["prasar.me", "prasar.groups", "prasar.campaign"];

/// Days since the epoch in IST: remembered campaign items are only good the same day.
fn ist_day_number() -> i64 {
    ((js_sys::Date::now() + 19_800_000.0) / 86_400_000.0) as i64
}

fn remember(key: &str, text: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, &format!("{}\n{text}", ist_day_number()));
    }
}

fn recall<T: DeserializeOwned>(key: &str, same_day: bool) -> Option<T> {
    let saved = local_storage()?.get_item(key).ok()??;
    let (day, text) = saved.split_once('\n')?;
    if same_day && day != ist_day_number().to_string() {
        return None;
    }
    serde_json::from_str(text).ok()
}

/// GET that keeps the answer in localStorage and falls back to it when the network
/// fails, so the admin's app opens (and queues submissions) without a connection.
async fn get_remembered<T: DeserializeOwned>(
    path: &str,
    key: &str,
    same_day: bool,
) -> Result<T, ApiFailure> {
    match call("GET", path, None).await {
        Ok((status, text)) => {
            let value = decode(status, &text)?;
            remember(key, &text);
            Ok(value)
        }
        Err(ApiFailure::Network) => recall(key, same_day).ok_or(ApiFailure::Network),
        Err(e) => Err(e),
    }
}

/// Signing out forgets what the admin's offline app remembered.
pub fn forget_remembered() {
    if let Some(s) = local_storage() {
        for key in REMEMBERED {
            let _ = s.remove_item(key);
        }
    }
}

/// The session; offline, a group admin's last one on this phone (officials need the
/// network anyway).
pub async fn me_or_remembered() -> Result<Me, ApiFailure> {
    match call("GET", "/api/session", None).await {
        Ok((status, text)) => {
            let me = decode(status, &text)?;
            remember(REMEMBERED[0], &text);
            Ok(me)
        }
        Err(_) => recall::<Me>(REMEMBERED[0], false)
            .filter(|me| me.kind == SessionKind::GroupAdmin)
            .ok_or(ApiFailure::Network),
    }
}
pub async fn groups_remembered() -> Result<GroupList, ApiFailure> {
    get_remembered("/api/groups", REMEMBERED[1], false).await
}

/// Today's campaign items; `None` where the server has none to offer (404).
pub async fn campaign_items_today() -> Result<Option<CampaignItemList>, ApiFailure> {
    match get_remembered(TODAYS_CAMPAIGN_ITEMS_PATH, REMEMBERED[2], true).await {
        Ok(list) => Ok(Some(list)),
        Err(ApiFailure::Server(e)) if e.code.http_status() == 404 => Ok(None),
        Err(e) => Err(e),
    }
}

/// Signs in with the personal link and remembers the session for offline starts.
pub async fn admin_link_login_remembered(token: String) -> Result<Me, ApiFailure> {
    let body = to_json(&AdminLinkLogin { token });
    let (status, text) = call("POST", "/api/session/admin-link", body).await?;
    let me = decode(status, &text)?;
    remember(REMEMBERED[0], &text);
    Ok(me)
}

// ---- Chat-export activity --------------------------------------------------------------

/// The officers' strip and member growth over the last `days` days.
#[cfg(feature = "officials")]
pub async fn chat_activity(
    group_id: String,
    days: u32,
) -> Result<prasar_core::api::ChatActivityView, ApiFailure> {
    let path = prasar_core::api::chat_activity_path(&encode(&group_id));
    get_json(&format!("{path}?days={days}")).await
}

/// An answer boot.js started fetching while the WASM downloaded (the submit page's first
/// GETs); each is used once.
fn take_early(path: &str) -> Option<Promise> {
    let early: js_sys::Map = js_sys::Reflect::get(&js_sys::global(), &"PrasarEarly".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let key = JsValue::from_str(path);
    let answer = early.get(&key);
    early.delete(&key);
    answer.dyn_into().ok()
}
