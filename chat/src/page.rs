//! The `/chat` page itself, run by the reader so that none of it (code, texts, styles)
//! weighs on the admins' first load: the admin bundle only gives it an element to fill,
//! the language and the session's CSRF token. State lives here; every change re-renders
//! only the parts whose HTML changed. Everything from the file that reaches the page is
//! escaped (see `prasar_core::chat_export::render`).

use std::cell::RefCell;

use js_sys::{Reflect, JSON};
use prasar_core::api::{chat_activity_path, chat_campaign_items_path};
use prasar_core::chat_export::render::{self, SKELETON_TEXTS};
use prasar_core::chat_export::texts::ChatText as T;
use prasar_core::html::escape;
use prasar_core::i18n::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

use crate::{analyse_file, forget, preview_html, summarise, summary_html, upload_json, STATE};

enum Note {
    None,
    Text(T),
    /// A message from the server, in both languages.
    Server(String, String),
}

enum Sending {
    Idle,
    Busy,
    Sent {
        created: u32,
        updated: u32,
        unchanged: u32,
    },
}

struct Group {
    id: String,
    name_hi: String,
    name_en: String,
}

struct Page {
    root: Element,
    lang: Lang,
    csrf: String,
    groups: Option<Vec<Group>>,
    group: String,
    note: Note,
    span: Option<(String, String)>,
    chosen: Option<Option<u32>>,
    days: Option<u32>,
    sending: Sending,
    /// Answers to superseded requests (another file, another choice) are dropped.
    generation: u32,
    /// What each dynamic part shows now, so unchanged parts are not re-rendered (a
    /// re-rendered radio list would lose the keyboard focus).
    shown: [String; 4],
    _listeners: Vec<Closure<dyn FnMut(Event)>>,
}

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
}

fn with_page<R>(f: impl FnOnce(&mut Page) -> R) -> Option<R> {
    PAGE.with(|p| p.borrow_mut().as_mut().map(f))
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn set_hidden(el: Option<Element>, hidden: bool) {
    if let Some(el) = el {
        let _ = if hidden {
            el.set_attribute("hidden", "")
        } else {
            el.remove_attribute("hidden")
        };
    }
}

fn lang_of(hindi: bool) -> Lang {
    if hindi {
        Lang::Hi
    } else {
        Lang::En
    }
}

/// The page's own stylesheet, added once (the admins' first load does not carry it).
fn add_stylesheet() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .query_selector("link[href=\"/chat.css\"]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    if let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", "/chat.css");
        let _ = head.append_child(&link);
    }
}

/// Fills `root` with the page, in Hindi (`hindi`) or English. A `?shared=1` in the
/// address means the share target left a file in its cache.
#[wasm_bindgen]
pub fn mount(root: HtmlElement, hindi: bool) {
    unmount();
    add_stylesheet();
    let lang = lang_of(hindi);
    let root: Element = root.into();
    root.set_inner_html(&render::skeleton_html(lang));
    let on_change = Closure::<dyn FnMut(Event)>::new(on_change);
    let on_click = Closure::<dyn FnMut(Event)>::new(on_click);
    let _ = root.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    let _ = root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    PAGE.with(|p| {
        *p.borrow_mut() = Some(Page {
            root,
            lang,
            csrf: String::new(),
            groups: None,
            group: String::new(),
            note: Note::None,
            span: None,
            chosen: None,
            days: None,
            sending: Sending::Idle,
            generation: 0,
            shown: Default::default(),
            _listeners: vec![on_change, on_click],
        })
    });
    refresh();
    let shared = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("shared=1"));
    spawn_local(start(shared));
}

/// Who is here (the session's CSRF token; only group admins send exports), their
/// groups, and a shared file if one waits.
async fn start(shared: bool) {
    let session = fetch("GET", "/api/session", None).await;
    let admin = with_page(|p| match session {
        Some((200, text)) => {
            let json = JSON::parse(&text).unwrap_or(JsValue::NULL);
            let field = |key: &str| {
                Reflect::get(&json, &key.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            p.csrf = field("csrf_token");
            let admin = field("kind") == "group_admin";
            if !admin {
                p.note = Note::Text(T::AdminsOnly);
            }
            admin
        }
        Some((401, _)) => {
            p.note = Note::Text(T::AdminsOnly);
            false
        }
        _ => {
            p.note = Note::Text(T::NetworkError);
            false
        }
    })
    .unwrap_or(false);
    refresh();
    if !admin {
        return;
    }
    load_groups().await;
    if shared {
        // The address forgets ?shared=1: a reload does not look for the file again.
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some("/chat"));
        }
        if let Some(file) = take_shared_file().await {
            read_file(file).await;
        }
    }
}

/// A language switch: new texts for everything shown.
#[wasm_bindgen]
pub fn set_lang(hindi: bool) {
    with_page(|p| {
        p.lang = lang_of(hindi);
        if let Ok(list) = p.root.query_selector_all("[data-t]") {
            for i in 0..list.length() {
                let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                let index: usize = el
                    .get_attribute("data-t")
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(usize::MAX);
                if let Some(key) = SKELETON_TEXTS.get(index) {
                    el.set_text_content(Some(key.get(p.lang)));
                }
            }
        }
        p.shown = Default::default();
    });
    refresh();
}

/// Leaving the page: the file's contents and the page's state are dropped.
#[wasm_bindgen]
pub fn unmount() {
    forget();
    PAGE.with(|p| p.borrow_mut().take());
}

/// Re-renders the dynamic parts from the state.
fn refresh() {
    with_page(|p| {
        let l = p.lang;
        let sent = matches!(p.sending, Sending::Sent { .. });
        let several = p.groups.as_ref().is_some_and(|g| g.len() > 1);
        let mut options = format!(
            "<option value=\"\">{}</option>",
            escape(T::ChooseGroupPlaceholder.get(l))
        );
        for g in p.groups.iter().flatten() {
            let name = if l == Lang::Hi && !g.name_hi.trim().is_empty() {
                &g.name_hi
            } else {
                &g.name_en
            };
            let selected = if g.id == p.group { " selected" } else { "" };
            options.push_str(&format!(
                "<option value=\"{}\"{selected}>{}</option>",
                escape(&g.id),
                escape(name)
            ));
        }
        let status = match (&p.sending, &p.note) {
            (
                Sending::Sent {
                    created,
                    updated,
                    unchanged,
                },
                _,
            ) => format!(
                "{} {}: {created} · {}: {updated} · {}: {unchanged}",
                T::SentTitle.get(l),
                T::DaysNew.get(l),
                T::DaysUpdated.get(l),
                T::DaysUnchanged.get(l)
            ),
            (Sending::Busy, _) => T::Sending.get(l).to_owned(),
            (_, Note::Text(t)) => t.get(l).to_owned(),
            (_, Note::Server(hi, en)) => l.pick(hi, en).to_owned(),
            (_, Note::None) => String::new(),
        };
        let preview = match (&p.span, sent) {
            (Some(_), false) => preview_html(l, p.chosen),
            _ => String::new(),
        };
        let summary = match (p.days, sent) {
            (Some(_), false) => summary_html(l),
            _ => String::new(),
        };
        let parts = [
            (".chat-group[id]", options),
            (".chat-preview", preview),
            (".chat-summary", summary),
            (".status", status),
        ];
        for (i, (selector, html)) in parts.into_iter().enumerate() {
            if p.shown[i] != html {
                if let Some(el) = find(&p.root, selector) {
                    if i == 3 {
                        el.set_text_content(Some(&html));
                    } else {
                        el.set_inner_html(&html);
                    }
                }
                p.shown[i] = html;
            }
        }
        if let Some(el) = find(&p.root, ".status") {
            let error = matches!(p.note, Note::Server(..))
                || matches!(p.note, Note::Text(t) if t != T::Reading);
            let _ = el.class_list().toggle_with_force("error", error && !sent);
            let _ = el.class_list().toggle_with_force("ok", sent);
        }
        if let Ok(list) = p.root.query_selector_all(".chat-group") {
            for i in 0..list.length() {
                set_hidden(list.item(i).and_then(|n| n.dyn_into().ok()), !several);
            }
        }
        set_hidden(find(&p.root, ".send-counts"), p.days.is_none() || sent);
        set_hidden(find(&p.root, ".another"), !sent);
        if let Some(button) = find(&p.root, ".send-counts") {
            let busy = matches!(p.sending, Sending::Busy);
            let _ = if busy {
                button.set_attribute("disabled", "")
            } else {
                button.remove_attribute("disabled")
            };
        }
    });
}

fn on_change(event: Event) {
    let Some(target) = event.target() else {
        return;
    };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        if input.id() == "chat-file" {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                spawn_local(read_file(file.into()));
            }
        } else if input.name() == "chat-admin" {
            let chosen = match input.value().as_str() {
                "none" => Some(None),
                v => v.parse().ok().map(Some),
            };
            with_page(|p| p.chosen = chosen);
            spawn_local(count());
        }
    } else if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
        let group = select.value();
        with_page(|p| p.group = group);
        spawn_local(count());
    }
}

fn on_click(event: Event) {
    let Some(el) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if el.class_list().contains("send-counts") {
        spawn_local(send());
    } else if el.class_list().contains("another") {
        with_page(|p| {
            if let Some(input) = find(&p.root, "#chat-file") {
                if let Ok(input) = input.dyn_into::<HtmlInputElement>() {
                    input.set_value("");
                }
            }
            p.span = None;
            p.chosen = None;
            p.days = None;
            p.note = Note::None;
            p.sending = Sending::Idle;
        });
        refresh();
    }
}

/// Starts a new request: later answers to earlier ones are dropped.
fn next_generation() -> u32 {
    with_page(|p| {
        p.generation += 1;
        p.generation
    })
    .unwrap_or(0)
}

fn current(generation: u32) -> bool {
    with_page(|p| p.generation == generation).unwrap_or(false)
}

async fn read_file(file: Blob) {
    let mine = next_generation();
    with_page(|p| {
        p.note = Note::Text(T::Reading);
        p.span = None;
        p.chosen = None;
        p.days = None;
        p.sending = Sending::Idle;
    });
    refresh();
    let result = analyse_file(&file).await;
    if !current(mine) {
        return;
    }
    with_page(|p| match result {
        Ok(span) => {
            p.note = Note::None;
            p.span = Some(span);
        }
        Err(e) => p.note = Note::Text(e.text()),
    });
    refresh();
}

/// Once a group and a sender are chosen: fetch the campaign items of the export's days
/// and count.
async fn count() {
    let Some(Some((group, span, chosen))) = with_page(|p| {
        p.days = None;
        p.sending = Sending::Idle;
        let (Some(span), Some(chosen)) = (p.span.clone(), p.chosen) else {
            return None;
        };
        if p.group.is_empty() {
            p.note = Note::Text(T::SelectGroupFirst);
            return None;
        }
        p.note = Note::None;
        Some((p.group.clone(), span, chosen))
    }) else {
        refresh();
        return;
    };
    refresh();
    let mine = next_generation();
    let today = prasar_core::time::ist_day(js_sys::Date::now() as i64).to_string();
    let oldest = prasar_core::chat_activity::oldest_accepted_day(
        prasar_core::chat_export::iso_day(&today).unwrap_or_default(),
    )
    .to_string();
    let from = span.0.max(oldest);
    let to = span.1.min(today.clone());
    let items = match fetch("GET", &chat_campaign_items_path(&group, &from, &to), None).await {
        Some((200, text)) => text,
        _ => "[]".to_owned(),
    };
    if !current(mine) {
        return;
    }
    let admin = chosen.map_or(-1, |i| i as i32);
    let result = summarise(admin, &items, &today);
    with_page(|p| match result {
        Ok(days) => p.days = Some(days),
        Err(_) => p.note = Note::Text(T::EngineFailed),
    });
    refresh();
}

async fn send() {
    let Some(Some(group)) = with_page(|p| {
        if matches!(p.sending, Sending::Busy) {
            return None;
        }
        if p.days.unwrap_or(0) == 0 {
            p.note = Note::Text(T::NothingToSend);
            return None;
        }
        p.sending = Sending::Busy;
        Some(p.group.clone())
    }) else {
        refresh();
        return;
    };
    refresh();
    let body = upload_json();
    let answer = fetch("POST", &chat_activity_path(&group), Some(&body)).await;
    let field = |v: &JsValue, key: &str| Reflect::get(v, &key.into()).ok();
    with_page(|p| {
        p.sending = Sending::Idle;
        match answer {
            Some((status, text)) => {
                let json = JSON::parse(&text).unwrap_or(JsValue::NULL);
                let number = |key| field(&json, key).and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
                if (200..300).contains(&status) {
                    p.sending = Sending::Sent {
                        created: number("days_created"),
                        updated: number("days_updated"),
                        unchanged: number("days_unchanged"),
                    };
                    p.note = Note::None;
                } else {
                    let message = |key| field(&json, key).and_then(|v| v.as_string());
                    p.note = match (message("message_hi"), message("message_en")) {
                        (Some(hi), Some(en)) => Note::Server(hi, en),
                        _ => Note::Text(T::NetworkError),
                    };
                }
            }
            None => p.note = Note::Text(T::NetworkError),
        }
    });
    if with_page(|p| matches!(p.sending, Sending::Sent { .. })).unwrap_or(false) {
        // Sent: the file's contents are not needed any more.
        STATE.with(|s| *s.borrow_mut() = Default::default());
    }
    refresh();
}

async fn load_groups() {
    let answer = fetch("GET", "/api/groups", None).await;
    with_page(|p| match answer {
        Some((200, text)) => {
            let json = JSON::parse(&text).unwrap_or(JsValue::NULL);
            let list = Reflect::get(&json, &"groups".into()).unwrap_or(JsValue::NULL);
            let text = |v: &JsValue, key: &str| {
                Reflect::get(v, &key.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            let groups: Vec<Group> = js_sys::Array::from(&list)
                .iter()
                .map(|g| Group {
                    id: text(&g, "id"),
                    name_hi: text(&g, "name_hi"),
                    name_en: text(&g, "name_en"),
                })
                .collect();
            // An admin of exactly one group has nothing to choose.
            if let [only] = groups.as_slice() {
                p.group = only.id.clone();
            }
            p.groups = Some(groups);
        }
        _ => p.note = Note::Text(T::NetworkError),
    });
    refresh();
    spawn_local(count());
}

/// One same-origin request with the session cookie (and, for changes, the CSRF token):
/// the status and the body text, or `None` when the network failed.
async fn fetch(method: &str, path: &str, body: Option<&str>) -> Option<(u16, String)> {
    let window = web_sys::window()?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if method != "GET" {
        let headers = web_sys::Headers::new().ok()?;
        let csrf = with_page(|p| p.csrf.clone()).unwrap_or_default();
        headers.set(prasar_core::api::CSRF_HEADER, &csrf).ok()?;
        headers.set("Content-Type", "application/json").ok()?;
        init.set_headers(&headers);
        if let Some(body) = body {
            init.set_body(&JsValue::from_str(body));
        }
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
        .unwrap_or_default();
    Some((response.status(), text))
}

/// Cache Storage name and key where the service worker's share target leaves a shared
/// export before opening `/chat?shared=1`.
pub const SHARED_CACHE: &str = "prasar-shared";
pub const SHARED_KEY: &str = "/shared/chat-export";

/// The shared file, taken out of the cache (once).
async fn take_shared_file() -> Option<Blob> {
    let caches = web_sys::window()?.caches().ok()?;
    let cache: web_sys::Cache = JsFuture::from(caches.open(SHARED_CACHE))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let found = JsFuture::from(cache.match_with_str(SHARED_KEY))
        .await
        .ok()?;
    let response: web_sys::Response = found.dyn_into().ok()?;
    let blob: Blob = JsFuture::from(response.blob().ok()?)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let _ = JsFuture::from(cache.delete_with_str(SHARED_KEY)).await;
    Some(blob)
}
