//! The bridge to the chat-export reader, a WASM module of its own (`chat/`) that
//! `public/boot.js` imports on first use (`globalThis.prasarChat()`). The reader runs
//! the `/chat` page itself (parsing, preview, sending), so the admins' first-load bundle
//! carries only this bridge: it hands the reader an element, the interface texts in the
//! current language and the session's CSRF token.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use prasar_core::chat_export::render::{PAGE_TEXTS, TEXT_SEPARATOR};
use prasar_core::i18n::Lang;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The loaded module, once it is (and whether the page is mounted).
    static MODULE: RefCell<Option<(JsValue, bool)>> = const { RefCell::new(None) };
}

async fn load() -> Option<JsValue> {
    if let Some((m, _)) = MODULE.with(|m| m.borrow().clone()) {
        return Some(m);
    }
    let loader: Function = Reflect::get(&js_sys::global(), &"prasarChat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = loader.call0(&JsValue::NULL).ok()?.dyn_into().ok()?;
    let m = JsFuture::from(promise).await.ok()?;
    MODULE.with(|slot| *slot.borrow_mut() = Some((m.clone(), false)));
    Some(m)
}

fn call(m: &JsValue, name: &str, args: &[JsValue]) -> Option<()> {
    let f: Function = Reflect::get(m, &name.into()).ok()?.dyn_into().ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(&JsValue::NULL, &args).ok().map(|_| ())
}

fn texts(lang: Lang) -> JsValue {
    let mut joined = String::new();
    for (i, key) in PAGE_TEXTS.iter().enumerate() {
        if i > 0 {
            joined.push(TEXT_SEPARATOR);
        }
        joined.push_str(key.get(lang));
    }
    joined.into()
}

/// Shows the page in `root` (or, when it is shown already, switches its language).
/// `shared`: the share target left a file for it. `None` when the reader could not be
/// loaded (offline, say).
pub async fn show(root: web_sys::HtmlElement, lang: Lang, shared: bool) -> Option<()> {
    let m = load().await?;
    let hindi = JsValue::from_bool(lang == Lang::Hi);
    let mounted = MODULE.with(|s| s.borrow().as_ref().is_some_and(|(_, on)| *on));
    if mounted {
        call(&m, "set_texts", &[texts(lang), hindi])
    } else {
        let csrf = crate::api::csrf_token().into();
        call(
            &m,
            "mount",
            &[root.into(), texts(lang), hindi, csrf, shared.into()],
        )?;
        MODULE.with(|s| {
            if let Some((_, on)) = s.borrow_mut().as_mut() {
                *on = true;
            }
        });
        Some(())
    }
}

/// Leaving the page: the reader drops the file's contents and its state.
pub fn unmount() {
    MODULE.with(|s| {
        if let Some((m, on)) = s.borrow_mut().as_mut() {
            let _ = call(m, "unmount", &[]);
            *on = false;
        }
    });
}
