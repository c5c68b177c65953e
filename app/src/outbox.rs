//! The page's side of the offline outbox and the image work, both plain JavaScript in
//! `public/` (`outbox.js` is shared with the service worker; `media.js` lets the browser
//! decode, scale and re-encode screenshots instead of shipping decoders in WASM). boot.js
//! loads them before the app, as the globals bound here.

use js_sys::{Array, Promise, Uint8Array, Uint8ClampedArray};
use prasar_core::api::NewSubmission;
use prasar_core::i18n::Text;
use prasar_core::{exif, phash};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = PrasarOutbox, js_name = add, catch)]
    fn outbox_add(meta: &str, blobs: &Array) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = PrasarOutbox, js_name = list, catch)]
    fn outbox_list() -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = PrasarOutbox, js_name = discard, catch)]
    fn outbox_discard(key: &str) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = PrasarOutbox, js_name = retry, catch)]
    fn outbox_retry(key: &str) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = PrasarOutbox, js_name = send, catch)]
    fn outbox_send() -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = PrasarOutbox, js_name = takeShared, catch)]
    fn outbox_take_shared() -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = PrasarMedia, js_name = compress, catch)]
    fn media_compress(file: &web_sys::Blob) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = PrasarMedia, js_name = share, catch)]
    fn media_share(text: &str, image_url: Option<String>) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_namespace = PrasarPwa, js_name = canInstall, catch)]
    pub fn pwa_can_install() -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = PrasarPwa, js_name = install, catch)]
    fn pwa_install() -> Result<Promise, JsValue>;

    /// What `PrasarMedia.compress` answers.
    type Compressed;
    #[wasm_bindgen(method, getter)]
    fn blob(this: &Compressed) -> web_sys::Blob;
    #[wasm_bindgen(method, getter)]
    fn width(this: &Compressed) -> u32;
    #[wasm_bindgen(method, getter)]
    fn height(this: &Compressed) -> u32;
    #[wasm_bindgen(method, getter)]
    fn rgba(this: &Compressed) -> Uint8ClampedArray;
    #[wasm_bindgen(method, getter)]
    fn head(this: &Compressed) -> Uint8Array;
    #[wasm_bindgen(method, getter, js_name = lastModified)]
    fn last_modified(this: &Compressed) -> Option<f64>;
}

async fn run(promise: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// A screenshot made ready on the phone: compressed, hashed, dated.
#[derive(Clone)]
pub struct Picked {
    pub blob: web_sys::Blob,
    /// `blob:` URL of the compressed image, for the thumbnail.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub phash: String,
    pub captured_at_ms: Option<i64>,
}

/// Compresses one chosen or shared file; a refusal comes as the text to show.
pub async fn prepare(file: web_sys::Blob) -> Result<Picked, Text> {
    let done = run(media_compress(&file)).await.map_err(|e| {
        let code = js_sys::Reflect::get(&e, &"code".into())
            .ok()
            .and_then(|c| c.as_string());
        match code.as_deref() {
            Some("too_large") => Text::PwaImageTooLarge,
            Some("not_image") => Text::PwaNotAnImage,
            // media.js could not be loaded (offline before the app was cached).
            _ => Text::NetworkError,
        }
    })?;
    let c: Compressed = done.unchecked_into();
    let (width, height) = (c.width(), c.height());
    let hash = phash::perceptual_hash(&c.rgba().to_vec(), width, height);
    // The original's own date; screenshots rarely carry EXIF, so the file's date next.
    let captured_at_ms =
        exif::captured_at_ms(&c.head().to_vec()).or(c.last_modified().map(|ms| ms as i64));
    let blob = c.blob();
    let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap_or_default();
    Ok(Picked {
        blob,
        url,
        width,
        height,
        phash: phash::to_hex(hash),
        captured_at_ms,
    })
}

/// The files shared into the app from WhatsApp (share target), taken once.
pub async fn take_shared() -> Vec<web_sys::Blob> {
    match run(outbox_take_shared()).await {
        Ok(files) => Array::from(&files)
            .iter()
            .map(|f| f.unchecked_into())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[derive(Serialize)]
struct ImageMeta<'a> {
    content_type: String,
    bytes: f64,
    width: u32,
    height: u32,
    phash: &'a str,
    captured_at_ms: Option<i64>,
}

#[derive(Serialize)]
struct EntryMeta<'a> {
    key: &'a str,
    group_id: &'a str,
    group_name_hi: &'a str,
    group_name_en: &'a str,
    created_at_ms: f64,
    body: &'a NewSubmission,
    images: Vec<ImageMeta<'a>>,
}

/// The group a submission is for, as the queue shows it.
pub struct GroupNames<'a> {
    pub id: &'a str,
    pub name_hi: &'a str,
    pub name_en: &'a str,
}

/// Puts a submission in the outbox (IndexedDB); it is sent from there.
pub async fn enqueue(group: GroupNames<'_>, body: &NewSubmission, images: &[Picked]) -> bool {
    let meta = EntryMeta {
        key: &body.client_key,
        group_id: group.id,
        group_name_hi: group.name_hi,
        group_name_en: group.name_en,
        created_at_ms: js_sys::Date::now(),
        body,
        images: images
            .iter()
            .map(|p| ImageMeta {
                content_type: p.blob.type_(),
                bytes: p.blob.size(),
                width: p.width,
                height: p.height,
                phash: &p.phash,
                captured_at_ms: p.captured_at_ms,
            })
            .collect(),
    };
    let Ok(json) = serde_json::to_string(&meta) else {
        return false;
    };
    let blobs: Array = images.iter().map(|p| JsValue::from(&p.blob)).collect();
    run(outbox_add(&json, &blobs)).await.is_ok()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueState {
    Waiting,
    Sending,
    Sent,
    Failed,
}

/// Why the server refused an entry. The code stays a string: a phone running a cached
/// older app must still show a message for codes added since.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueError {
    pub code: String,
    pub message_en: String,
    pub message_hi: String,
}

/// One submission in the outbox, as `PrasarOutbox.list` describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueEntry {
    pub key: String,
    pub group_name_hi: String,
    pub group_name_en: String,
    pub created_at_ms: f64,
    pub image_count: u32,
    pub images_sent: u32,
    pub state: QueueState,
    pub error: Option<QueueError>,
    pub progress: Option<f64>,
    pub submission_id: Option<String>,
}

#[wasm_bindgen]
extern "C" {
    /// An entry of `PrasarOutbox.list` (read through getters: lighter than serde here).
    type Entry;
    #[wasm_bindgen(method, getter)]
    fn key(this: &Entry) -> String;
    #[wasm_bindgen(method, getter)]
    fn group_name_hi(this: &Entry) -> String;
    #[wasm_bindgen(method, getter)]
    fn group_name_en(this: &Entry) -> String;
    #[wasm_bindgen(method, getter)]
    fn created_at_ms(this: &Entry) -> f64;
    #[wasm_bindgen(method, getter)]
    fn image_count(this: &Entry) -> u32;
    #[wasm_bindgen(method, getter)]
    fn images_sent(this: &Entry) -> u32;
    #[wasm_bindgen(method, getter)]
    fn state(this: &Entry) -> String;
    #[wasm_bindgen(method, getter)]
    fn progress(this: &Entry) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn submission_id(this: &Entry) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn error_code(this: &Entry) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn error_en(this: &Entry) -> String;
    #[wasm_bindgen(method, getter)]
    fn error_hi(this: &Entry) -> String;
}

impl From<Entry> for QueueEntry {
    fn from(e: Entry) -> Self {
        let state = match e.state().as_str() {
            "sending" => QueueState::Sending,
            "sent" => QueueState::Sent,
            "failed" => QueueState::Failed,
            _ => QueueState::Waiting,
        };
        QueueEntry {
            key: e.key(),
            group_name_hi: e.group_name_hi(),
            group_name_en: e.group_name_en(),
            created_at_ms: e.created_at_ms(),
            image_count: e.image_count(),
            images_sent: e.images_sent(),
            state,
            error: e.error_code().map(|code| QueueError {
                code,
                message_en: e.error_en(),
                message_hi: e.error_hi(),
            }),
            progress: e.progress(),
            submission_id: e.submission_id(),
        }
    }
}

pub async fn list() -> Vec<QueueEntry> {
    match run(outbox_list()).await {
        Ok(entries) => Array::from(&entries)
            .iter()
            .map(|e| e.unchecked_into::<Entry>().into())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Sends what waits (no-op while another sender runs).
pub async fn send() {
    let _ = run(outbox_send()).await;
}

pub async fn retry(key: &str) {
    let _ = run(outbox_retry(key)).await;
}

pub async fn discard(key: &str) {
    let _ = run(outbox_discard(key)).await;
}

pub async fn install() {
    let _ = run(pwa_install()).await;
}

/// Forwards a campaign item to WhatsApp (share sheet with its picture, or wa.me).
pub async fn share(text: &str, image_url: Option<String>) {
    let _ = run(media_share(text, image_url)).await;
}
