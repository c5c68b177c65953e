//! Thin client for the worker's JSON API. Shapes come from `prasar_core::api`, so the
//! app and the worker cannot disagree about them.

use js_sys::Promise;
use prasar_core::api::{
    group_submissions_path, GroupList, SubmissionCreated, SubmissionList, IDEMPOTENCY_HEADER,
};
use prasar_core::error::ApiError;
use prasar_core::i18n::{Lang, Text};
use serde::de::DeserializeOwned;
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
}

fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiFailure> {
    if (200..300).contains(&status) {
        serde_json::from_str(text).map_err(|_| ApiFailure::Network)
    } else {
        // Proxies and captive portals answer with HTML; treat that as a network failure.
        serde_json::from_str::<ApiError>(text)
            .map(ApiFailure::Server)
            .map_or(Err(ApiFailure::Network), Err)
    }
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let window = web_sys::window().ok_or(ApiFailure::Network)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| ApiFailure::Network)?
        .unchecked_into();
    let text = JsFuture::from(response.text().map_err(|_| ApiFailure::Network)?)
        .await
        .map_err(|_| ApiFailure::Network)?
        .as_string()
        .unwrap_or_default();
    decode(response.status(), &text)
}

pub async fn groups() -> Result<GroupList, ApiFailure> {
    get_json("/api/groups").await
}

pub async fn submissions_today() -> Result<SubmissionList, ApiFailure> {
    get_json("/api/submissions").await
}

/// A fresh idempotency key for one screenshot; retries of the same file reuse it.
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k-{}", js_sys::Date::now() as u64))
}

/// Uploads one screenshot with `XMLHttpRequest`, the one browser API that reports upload
/// progress, calling `on_progress` with 0.0–1.0.
pub async fn upload_screenshot(
    group_id: &str,
    file: &web_sys::File,
    idempotency_key: &str,
    on_progress: impl Fn(f64) + 'static,
) -> Result<SubmissionCreated, ApiFailure> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiFailure::Network)?;
    xhr.open_with_async("POST", &group_submissions_path(group_id), true)
        .map_err(|_| ApiFailure::Network)?;
    xhr.set_request_header(IDEMPOTENCY_HEADER, idempotency_key)
        .map_err(|_| ApiFailure::Network)?;
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
    decode(status, &text)
}
