use leptos::prelude::*;
use leptos::task::spawn_local;
use prasar_core::api::{NewSubmission, MAX_NOTE_CHARS};
use prasar_core::input::parse_count;

use crate::api;
use crate::components::guard::Guard;
use crate::components::submit::campaign_checklist::CampaignChecklist;
use crate::components::submit::group_select::GroupSelect;
use crate::components::submit::image_picker::{add_files, ImagePicker, Images};
use crate::components::submit::install::InstallButton;
use crate::components::submit::queue::{Outbox, QueueView};
use crate::i18n::{tr, Text};
use crate::load::Loader;
use crate::outbox::{self, GroupNames};
use crate::session::Need;

/// The group admin's daily report: screenshots, member count, campaign items posted, a
/// note. It goes into the phone's outbox first and is sent from there, so it survives a
/// lost connection or a closed app. Anyone else learns that the way in is the link.
#[component]
pub fn Submit() -> impl IntoView {
    view! { <Guard need=Need::GroupAdmin><SubmitPage/></Guard> }
}

#[component]
fn SubmitPage() -> impl IntoView {
    let outbox = Outbox::start();
    view! {
        <InstallButton/>
        <OfflineNote/>
        <SubmissionForm outbox/>
        <QueueView outbox/>
    }
}

#[component]
fn OfflineNote() -> impl IntoView {
    let offline = RwSignal::new(!window().navigator().on_line());
    let on = window_event_listener_untyped("online", move |_| offline.set(false));
    let off = window_event_listener_untyped("offline", move |_| offline.set(true));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    move || {
        offline
            .get()
            .then(|| view! { <p class="notice offline" role="status">{tr(Text::PwaOffline)}</p> })
    }
}

/// `/submit?shared=1`: the service worker kept files shared from WhatsApp.
fn arrived_by_share() -> bool {
    let location = window().location();
    let shared = location.search().unwrap_or_default().contains("shared=1");
    if shared {
        // A reload must not look for them again.
        if let Ok(history) = window().history() {
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/submit"));
        }
    }
    shared
}

/// The member count as typed: empty is "not given"; anything else must be a count
/// (Latin or Devanagari digits).
fn parse_member_count(text: &str) -> Result<Option<u32>, Text> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match parse_count(text) {
        Some(n) if n <= 100_000 => Ok(Some(n)),
        _ => Err(Text::EnterWholeNumber),
    }
}

#[component]
fn SubmissionForm(outbox: Outbox) -> impl IntoView {
    let groups = Loader::new(api::groups_remembered);
    let group_id = RwSignal::new(String::new());
    let images: Images = RwSignal::new_local(Vec::new());
    let preparing = RwSignal::new(0u32);
    let problem = RwSignal::new(None::<Text>);
    let hint = RwSignal::new(None::<Text>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let member_count = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let checked = RwSignal::new(Vec::<String>::new());
    // Files shared in (from WhatsApp, or a form on any other site posting to the share
    // target) are only attached: the admin sees them and must press Send themselves.
    let shared = RwSignal::new(false);

    if arrived_by_share() {
        spawn_local(async move {
            let files = outbox::take_shared().await;
            shared.set(!files.is_empty());
            add_files(files, images, preparing, problem);
        });
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || preparing.get_untracked() > 0 {
            return;
        }
        saved.set(false);
        let group = group_id.get_untracked();
        let pictures = images.get_untracked();
        let note_text = note.get_untracked().trim().to_owned();
        let checks = if group.is_empty() {
            Err(Text::SelectGroupFirst)
        } else if pictures.is_empty() {
            Err(Text::SelectImageFirst)
        } else if note_text.chars().count() > MAX_NOTE_CHARS {
            Err(Text::PwaNoteTooLong)
        } else {
            parse_member_count(&member_count.get_untracked())
        };
        let members = match checks {
            Ok(members) => members,
            Err(text) => {
                hint.set(Some(text));
                return;
            }
        };
        hint.set(None);
        let (name_hi, name_en) = match groups.get() {
            Some(Ok(list)) => list
                .groups
                .into_iter()
                .find(|g| g.id == group)
                .map(|g| (g.name_hi, g.name_en))
                .unwrap_or_default(),
            _ => Default::default(),
        };
        let body = NewSubmission {
            client_key: api::new_idempotency_key(),
            image_count: pictures.len() as u8,
            member_count: members,
            campaign_item_ids: checked.get_untracked(),
            note: note_text,
            client_created_at_ms: Some(js_sys::Date::now() as i64),
        };
        busy.set(true);
        spawn_local(async move {
            let names = GroupNames {
                id: &group,
                name_hi: &name_hi,
                name_en: &name_en,
            };
            if outbox::enqueue(names, &body, &pictures).await {
                for p in &pictures {
                    let _ = web_sys::Url::revoke_object_url(&p.url);
                }
                images.set(Vec::new());
                member_count.set(String::new());
                note.set(String::new());
                checked.set(Vec::new());
                problem.set(None);
                saved.set(true);
                shared.set(false);
                outbox.refresh();
                outbox.send();
            } else {
                hint.set(Some(Text::PwaCouldNotSave));
            }
            busy.set(false);
        });
    };

    let blocked = move || busy.get() || preparing.get() > 0;

    view! {
        <section class="card submit">
            <h1>{tr(Text::SubmitTitle)}</h1>
            <p>{tr(Text::SubmitIntro)}</p>
            <form on:submit=on_submit novalidate>
                {move || shared.get().then(|| view! { <p class="notice shared" role="status">{tr(Text::SharedFilesCheck)}</p> })}
                <GroupSelect groups group_id/>
                <ImagePicker images preparing problem/>
                <label for="members">{tr(Text::PwaMemberCount)}</label>
                <input id="members" name="members" type="text" inputmode="numeric" autocomplete="off"
                    prop:value=move || member_count.get()
                    on:input=move |ev| member_count.set(event_target_value(&ev))/>
                <CampaignChecklist checked/>
                <label for="note">{tr(Text::PwaNote)}</label>
                <textarea id="note" name="note" rows="2" maxlength=MAX_NOTE_CHARS.to_string()
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                {move || hint.get().map(|h| view! { <p class="error form-error" role="alert">{tr(h)}</p> })}
                <button type="submit" class="primary" disabled=blocked>
                    {tr(Text::SubmitButton)}
                </button>
                {move || saved.get().then(|| view! { <p class="notice saved" role="status">{tr(Text::PwaSaved)}</p> })}
            </form>
        </section>
    }
}
