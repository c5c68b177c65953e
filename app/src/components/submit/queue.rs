use js_sys::Reflect;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::components::confirm;
use crate::format::percent_of;
use crate::i18n::{pick, tr, use_lang, Text};
use crate::outbox::{self, QueueEntry, QueueState};

/// The page's view of the outbox: the entries as IndexedDB holds them, kept current by
/// the `prasar-outbox` events of every sender (this page, other tabs, the service worker).
#[derive(Clone, Copy)]
pub struct Outbox {
    pub entries: RwSignal<Vec<QueueEntry>>,
    latest: StoredValue<u32>,
}

fn field(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &name.into()).unwrap_or_default()
}

impl Outbox {
    /// Lists the outbox, follows its changes, and sends what waits: now (the app was
    /// opened) and whenever the phone comes back online.
    pub fn start() -> Self {
        let this = Outbox {
            entries: RwSignal::new(Vec::new()),
            latest: StoredValue::new(0),
        };
        this.refresh();
        let changes = window_event_listener_untyped("prasar-outbox", move |ev| {
            let detail = field(&ev, "detail");
            match (
                field(&detail, "key").as_string(),
                field(&detail, "progress").as_f64(),
            ) {
                (Some(key), Some(p)) => this.entries.update(|list| {
                    for e in list.iter_mut().filter(|e| e.key == key) {
                        e.progress = Some(p);
                        e.state = QueueState::Sending;
                    }
                }),
                _ => this.refresh(),
            }
        });
        let online = window_event_listener_untyped("online", move |_| this.send());
        on_cleanup(move || {
            changes.remove();
            online.remove();
        });
        this.send();
        this
    }

    /// Reads the outbox again; answers to superseded reads are dropped.
    pub fn refresh(self) {
        self.latest.update_value(|n| *n += 1);
        let mine = self.latest.get_value();
        spawn_local(async move {
            let list = outbox::list().await;
            if self.latest.get_value() == mine {
                self.entries.set(list);
            }
        });
    }

    pub fn send(self) {
        spawn_local(outbox::send());
    }
}

/// What waits, what is on its way, what arrived and what was refused (and why).
#[component]
pub fn QueueView(outbox: Outbox) -> impl IntoView {
    let rows = move || {
        let list = outbox.entries.get();
        if list.is_empty() {
            return view! { <p class="hint">{tr(Text::PwaQueueEmpty)}</p> }.into_any();
        }
        let rows = list
            .into_iter()
            .map(|entry| view! { <QueueRow entry/> })
            .collect_view();
        view! { <ul class="queue-list">{rows}</ul> }.into_any()
    };
    view! {
        <section class="card queue" aria-live="polite">
            <h2>{tr(Text::PwaQueueTitle)}</h2>
            {rows}
        </section>
    }
}

#[component]
fn QueueRow(entry: QueueEntry) -> impl IntoView {
    let lang = use_lang();
    let (state, label) = match entry.state {
        QueueState::Waiting => ("waiting", Text::PwaWaiting),
        QueueState::Sending => ("sending", Text::Sending),
        QueueState::Sent => ("sent", Text::PwaDelivered),
        QueueState::Failed => ("failed", Text::PwaFailed),
    };
    // The phone's clock and locale: India runs on IST.
    let when = move || {
        String::from(
            js_sys::Date::new(&entry.created_at_ms.into())
                .to_locale_string(lang.get().code(), &JsValue::UNDEFINED),
        )
    };
    let key = StoredValue::new(entry.key.clone());
    let retry = move |_| spawn_local(async move { outbox::retry(&key.get_value()).await });
    let discard = move |_| {
        if confirm(Text::PwaConfirmDiscard.get(lang.get_untracked())) {
            spawn_local(async move { outbox::discard(&key.get_value()).await });
        }
    };
    let progress = (entry.state == QueueState::Sending).then(|| {
        let p = percent_of(entry.progress.unwrap_or(0.0));
        view! { <progress max="100" value=p></progress> <span class="percent">{p} " %"</span> }
    });
    let error = entry.error.map(|e| {
        let signed_out = e.code == "unauthenticated";
        view! {
            <p class="error" role="alert">{pick(e.message_hi, e.message_en)}</p>
            {signed_out.then(|| view! { <p class="hint">{tr(Text::PwaOpenLinkAgain)}</p> })}
        }
    });
    let actions = matches!(entry.state, QueueState::Waiting | QueueState::Failed).then(|| {
        view! {
            <div class="actions">
                <button type="button" class="secondary retry" on:click=retry>{tr(Text::Retry)}</button>
                <button type="button" class="secondary danger discard" on:click=discard>{tr(Text::PwaDiscard)}</button>
            </div>
        }
    });
    view! {
        <li class=format!("queue-entry {state}") data-key=entry.key data-state=state
            data-submission-id=entry.submission_id>
            <div class="q-head">
                <strong>{pick(entry.group_name_hi, entry.group_name_en)}</strong>
                <span class="muted">{when}</span>
            </div>
            <p class="q-state">
                <span class=format!("tag {state}")>{tr(label)}</span>
                " " {entry.images_sent} "/" {entry.image_count} " " {tr(Text::ChooseImage)}
            </p>
            {progress}
            {error}
            {actions}
        </li>
    }
}
