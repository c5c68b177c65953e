//! The chat-export reader as its own WASM module (`prasar_chat`), so the group admins'
//! first load does not carry it: `public/boot.js` exposes `prasarChat()`, which imports
//! it the first time an admin opens `/chat`. It runs that page (`page.rs`, with its
//! texts in `chat_export::texts` and its styles in `/chat.css`): the admin bundle only
//! hands it an element, the language and the CSRF token.
//!
//! The file stays on the phone. [`analyse`] reads it (a `.txt`, or the text inside a
//! WhatsApp `.zip`, inflated by the browser's own `DecompressionStream` from slices of
//! the file) and keeps the parsed chat here; [`summarise`] turns it into the per-day
//! numbers that may be sent and [`upload_json`] is their request body, verbatim;
//! [`forget`] drops everything. Errors are `ChatExportError` codes. The preview's HTML is
//! made here, escaped, rather than by Leptos views in the admins' bundle, whose first
//! load has a byte budget.

#![cfg(target_arch = "wasm32")]

mod page;

use std::cell::RefCell;

use js_sys::{Reflect, Uint8Array};
use prasar_core::api::ChatCampaignItem;
use prasar_core::chat_export::render;
use prasar_core::chat_export::{
    self, iso_day, zip, ChatExportError, ChatSummary, ParsedChat, MAX_EXPORT_BYTES,
};
use prasar_core::i18n::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair, WritableStream,
};

// web-sys marks DecompressionStream unstable (Chromium 80+, Safari 16.4+, Firefox 113+
// have it); a binding of our own avoids building everything with the unstable cfg.
#[wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> WritableStream;
}

/// The file being looked at, and the summary last made of it with its request body.
#[derive(Default)]
pub(crate) struct State {
    parsed: Option<ParsedChat>,
    summary: Option<(ChatSummary, String)>,
}

thread_local! {
    pub(crate) static STATE: RefCell<State> = RefCell::new(State::default());
}

fn fail(e: ChatExportError) -> JsValue {
    JsValue::from_str(e.code())
}

/// Bytes `start..end` of the file.
async fn read(blob: &Blob, start: u64, end: u64) -> Result<Vec<u8>, ChatExportError> {
    let unreadable = |_| ChatExportError::Unreadable;
    let part = blob
        .slice_with_f64_and_f64(start as f64, end as f64)
        .map_err(unreadable)?;
    let buffer = JsFuture::from(part.array_buffer())
        .await
        .map_err(unreadable)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Reads and parses a file, keeping it here; its first and last day.
pub(crate) async fn analyse_file(file: &Blob) -> Result<(String, String), ChatExportError> {
    forget();
    let len = file.size() as u64;
    if len == 0 {
        return Err(ChatExportError::Empty);
    }
    let head = read(file, 0, len.min(4)).await?;
    let bytes = if zip::looks_like_zip(&head) {
        read_zip(file, len).await?
    } else {
        if len > MAX_EXPORT_BYTES as u64 {
            return Err(ChatExportError::TooLarge);
        }
        read(file, 0, len).await?
    };
    let parsed = chat_export::parse(bytes)?;
    let span = (
        parsed.first_day().to_string(),
        parsed.last_day().to_string(),
    );
    STATE.with(|s| s.borrow_mut().parsed = Some(parsed));
    Ok(span)
}

/// Reads and parses a picked or shared file; answers its first and last day,
/// `"YYYY-MM-DD YYYY-MM-DD"`.
#[wasm_bindgen]
pub async fn analyse(file: Blob) -> Result<String, JsValue> {
    let (first, last) = analyse_file(&file).await.map_err(fail)?;
    Ok(format!("{first} {last}"))
}

/// The preview (what the file is, the senders to pick from) as HTML.
pub(crate) fn preview_html(lang: Lang, chosen: Option<Option<u32>>) -> String {
    STATE.with(|s| {
        s.borrow().parsed.as_ref().map_or_else(String::new, |p| {
            render::preview_html(&p.preview(), lang, chosen)
        })
    })
}

/// Campaign items from the API's JSON, read with the browser's JSON parser (serde's
/// deserializer would double this module's size); unreadable items are skipped.
fn campaign_items(items_json: &str) -> Vec<ChatCampaignItem> {
    let Ok(list) = js_sys::JSON::parse(items_json) else {
        return Vec::new();
    };
    let list = Reflect::get(&list, &"items".into())
        .ok()
        .filter(|l| !l.is_undefined())
        .unwrap_or(list);
    let text = |item: &JsValue, key: &str| {
        Reflect::get(item, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|item| {
            Some(ChatCampaignItem {
                id: text(&item, "id")?,
                title_hi: text(&item, "title_hi").unwrap_or_default(),
                title_en: text(&item, "title_en").unwrap_or_default(),
                description_hi: text(&item, "description_hi").unwrap_or_default(),
                description_en: text(&item, "description_en").unwrap_or_default(),
                link_url: text(&item, "link_url"),
                starts_on: text(&item, "starts_on")?,
                ends_on: text(&item, "ends_on")?,
            })
        })
        .collect()
}

/// The per-day numbers for the sender at `admin` (negative: the admin is not among the
/// senders), with `items_json` the campaign items to match (the API's
/// `ChatCampaignItemList`, or a bare array) and `today` the IST day. Answers how many
/// days the upload holds.
#[wasm_bindgen]
pub fn summarise(admin: i32, items_json: &str, today: &str) -> Result<u32, JsValue> {
    let items = campaign_items(items_json);
    let today = iso_day(today).ok_or_else(|| fail(ChatExportError::Unreadable))?;
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        let parsed = state
            .parsed
            .as_ref()
            .ok_or_else(|| fail(ChatExportError::Empty))?;
        let summary = parsed.summarise(u32::try_from(admin).ok(), &items, today);
        let body = serde_json::to_string(&summary.upload)
            .map_err(|_| fail(ChatExportError::Unreadable))?;
        let days = summary.upload.days.len() as u32;
        state.summary = Some((summary, body));
        Ok(days)
    })
}

/// The last summary as HTML.
pub(crate) fn summary_html(lang: Lang) -> String {
    STATE.with(|s| {
        s.borrow()
            .summary
            .as_ref()
            .map_or_else(String::new, |(summary, body)| {
                render::summary_html(summary, body, lang)
            })
    })
}

/// The request body of the last summary, exactly as its HTML shows it.
#[wasm_bindgen]
pub fn upload_json() -> String {
    STATE.with(|s| {
        s.borrow()
            .summary
            .as_ref()
            .map(|(_, body)| body.clone())
            .unwrap_or_default()
    })
}

/// Drops the file (names and messages) and its summary from memory.
#[wasm_bindgen]
pub fn forget() {
    STATE.with(|s| *s.borrow_mut() = State::default());
}

/// The chat text inside a WhatsApp `.zip`, reading only the directory and that entry.
async fn read_zip(file: &Blob, len: u64) -> Result<Vec<u8>, ChatExportError> {
    if len > zip::MAX_ZIP_BYTES {
        return Err(ChatExportError::TooLarge);
    }
    let tail = read(file, len.saturating_sub(zip::TAIL_BYTES), len).await?;
    let dir = zip::directory(&tail, len)?;
    let dir_bytes = read(file, dir.offset, dir.offset + dir.size).await?;
    let entry = zip::chat_entry(&dir_bytes, &dir)?;
    let header_at = entry.local_header_offset;
    let header = read(file, header_at, header_at + zip::LOCAL_HEADER_BYTES).await?;
    let (start, end) = zip::data_range(&header, &entry, &dir)?;
    let text = if entry.method == 0 {
        read(file, start, end).await?
    } else {
        let data = file
            .slice_with_f64_and_f64(start as f64, end as f64)
            .map_err(|_| ChatExportError::Unreadable)?;
        inflate(&data, zip::inflate_limit(&entry)).await?
    };
    zip::verify(&text, &entry)?;
    Ok(text)
}

/// Inflates raw deflate data with the browser's `DecompressionStream`, stopping as soon
/// as the output passes `limit` (a bomb lying about its size never fills memory).
async fn inflate(data: &Blob, limit: u64) -> Result<Vec<u8>, ChatExportError> {
    let damaged = |_| ChatExportError::ZipUnreadable;
    let inflater = DecompressionStream::new("deflate-raw").map_err(damaged)?;
    let pair = ReadableWritablePair::new(&inflater.readable(), &inflater.writable());
    let reader: ReadableStreamDefaultReader = data
        .stream()
        .pipe_through(&pair)
        .get_reader()
        .unchecked_into();
    let mut out: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(damaged)?;
        let done = Reflect::get(&chunk, &"done".into()).map_err(damaged)?;
        if done.as_bool().unwrap_or(true) {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(damaged)?
            .unchecked_into();
        let at = out.len();
        if (at + value.length() as usize) as u64 > limit {
            let _ = reader.cancel();
            return Err(ChatExportError::ZipBomb);
        }
        out.resize(at + value.length() as usize, 0);
        value.copy_to(&mut out[at..]);
    }
    Ok(out)
}
