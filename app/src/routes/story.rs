//! `/story`: a group admin (or block officer) sends a success story: where, the scheme,
//! the text in Hindi, up to three photos, and the beneficiary's consent. A plain form,
//! kept small for the admins' bundle. The text goes first (idempotent by a key made on
//! the phone), then each photo by its own request, shrunk by the browser first; pressing
//! "send" again after a failure only sends what is missing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use prasar_core::api::{NewStory, SentStoryList, StoryStatus, StoryUnits, MAX_STORY_PHOTOS};
use prasar_core::html::escape;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiFailure};
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::i18n::{tr, Lang, Text};
use crate::load::Loader;
use crate::session::Need;

#[component]
pub fn SendStory() -> impl IntoView {
    view! { <Guard need=Need::SendStory><StoryForm/></Guard> }
}

/// "हिन्दी · English", escaped: the form's labels carry both languages, so switching
/// language never redraws (and empties) a half-written form.
fn both(text: Text) -> String {
    format!(
        "{} · {}",
        escape(text.get(Lang::Hi)),
        escape(text.get(Lang::En))
    )
}

/// The form as static HTML (every server value escaped): in the admins' bundle a plain
/// form costs far less than a reactive view per field.
fn form_html(units: &StoryUnits) -> String {
    let only = units.units.len() == 1;
    let options: String = units
        .units
        .iter()
        .map(|u| {
            format!(
                "<option value=\"{}\"{}>{} — {}</option>",
                escape(&u.unit.id),
                if only { " selected" } else { "" },
                escape(Lang::Hi.pick(&u.unit.name_hi, &u.unit.name_en)),
                escape(Lang::Hi.pick(&u.parent_hi, &u.parent_en)),
            )
        })
        .collect();
    format!(
        "<form novalidate><label for=\"story-unit\">{}</label>\
         <select id=\"story-unit\" name=\"unit\"><option value=\"\">{}</option>{options}</select>\
         <label for=\"story-scheme\">{}</label>\
         <input id=\"story-scheme\" name=\"scheme\" maxlength=\"200\" autocomplete=\"off\">\
         <label for=\"story-text\">{}</label>\
         <textarea id=\"story-text\" name=\"text\" lang=\"hi\" rows=\"8\" maxlength=\"5000\"></textarea>\
         <label for=\"story-photos\">{}</label>\
         <input id=\"story-photos\" name=\"photos\" type=\"file\" accept=\"image/*\" multiple>\
         <label class=\"check\"><input id=\"story-consent\" name=\"consent\" type=\"checkbox\">\
         <span>{}</span></label>\
         <button type=\"submit\" class=\"primary\">{}</button></form>",
        both(Text::StoryPlace),
        both(Text::ChoosePlaceholder),
        both(Text::Scheme),
        both(Text::StoryText),
        both(Text::StoryPhotos),
        both(Text::StoryConsent),
        both(Text::SendStoryButton),
    )
}

/// The caller's stories with their review outcome, as static HTML.
fn mine_html(list: &SentStoryList) -> String {
    list.stories
        .iter()
        .map(|s| {
            let status = match s.status {
                StoryStatus::Submitted => Text::StorySubmitted,
                StoryStatus::Accepted => Text::StoryAccepted,
                StoryStatus::Rejected => Text::StoryRejected,
            };
            format!(
                "<p class=\"my-story story-{}\" data-story-id=\"{}\"><strong>{}</strong> — {} · \
                 <span class=\"status\">{}</span>{}</p>",
                s.status.as_str(),
                escape(&s.id),
                escape(&s.scheme),
                escape(Lang::Hi.pick(&s.unit.name_hi, &s.unit.name_en)),
                both(status),
                if s.review_remark.is_empty() {
                    String::new()
                } else {
                    format!(
                        "<br><span class=\"remark\">{}</span>",
                        escape(&s.review_remark)
                    )
                },
            )
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Note {
    Refused(Text),
    /// What is going, with photo n of m (m = 0: the text).
    Sending(Text, usize, usize),
    Sent,
}

impl Note {
    fn busy(self) -> bool {
        matches!(self, Note::Sending(..))
    }

    fn text(self) -> Text {
        match self {
            Note::Refused(t) | Note::Sending(t, ..) => t,
            Note::Sent => Text::StorySent,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Note::Refused(_) => "error",
            Note::Sending(..) => "hint",
            Note::Sent => "ok story-sent",
        }
    }

    fn count(self) -> Option<String> {
        match self {
            Note::Sending(_, n, of) if of > 0 => Some(format!(" {n}/{of}")),
            _ => None,
        }
    }
}

#[component]
fn StoryForm() -> impl IntoView {
    let units = Loader::new(api::story_units);
    let mine = Loader::new(api::my_stories);
    // Kept for retries of the same story; a new one after it arrived.
    let key = RwSignal::new(api::new_idempotency_key());
    // One line of status: what is missing, what is being sent (photo n of m), or that
    // it all arrived; and the server's or network's refusal.
    let note = RwSignal::new(None::<Note>);
    let failure = RwSignal::new(None::<ApiFailure>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        if note.get_untracked().is_some_and(|n| n.busy()) {
            return;
        }
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let field = |name: &str| data.get(name).as_string().unwrap_or_default();
        // A file input with nothing chosen still sends one empty, nameless file.
        let chosen: Vec<web_sys::File> = data
            .get_all("photos")
            .iter()
            .filter_map(|f| f.dyn_into::<web_sys::File>().ok())
            .filter(|f| f.size() > 0.0)
            .collect();
        let story = NewStory {
            client_key: key.get_untracked(),
            unit_id: field("unit"),
            scheme: field("scheme"),
            text_hi: field("text"),
            consent_confirmed: data.has("consent"),
            photo_count: chosen.len().min(255) as u8,
        };
        let refuse = if story.unit_id.is_empty() {
            Some(Text::ChoosePlaceFirst)
        } else if story.scheme.trim().is_empty() {
            Some(Text::EnterSchemeFirst)
        } else if story.text_hi.trim().is_empty() {
            Some(Text::WriteStoryFirst)
        } else if chosen.len() > usize::from(MAX_STORY_PHOTOS) {
            Some(Text::TooManyPhotos)
        } else if !story.consent_confirmed {
            Some(Text::ConfirmConsentFirst)
        } else {
            None
        };
        failure.set(None);
        if let Some(text) = refuse {
            note.set(Some(Note::Refused(text)));
            return;
        }
        note.set(Some(Note::Sending(Text::Sending, 0, 0)));
        spawn_local(async move {
            let outcome = send(story, chosen, note).await;
            note.set(None);
            match outcome {
                Ok(()) => {
                    note.set(Some(Note::Sent));
                    key.set(api::new_idempotency_key());
                    form.reset();
                    mine.refetch();
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };

    view! {
        <section class="card story-send">
            <h1>{tr(Text::SendStoryTitle)}</h1>
            <p>{tr(Text::SendStoryIntro)}</p>
            <div on:submit=submit inner_html=move || units.get().and_then(Result::ok).map(|u| form_html(&u))></div>
            <div class="status" aria-live="polite">
                {move || match units.get() {
                    Some(Err(failure)) => Some(view! { <ErrorBox failure/> }),
                    _ => None,
                }}
                {move || note.get().map(|n| view! { <p class=n.class() role="alert">{tr(n.text())} {n.count()}</p> })}
                {move || failure.get().map(|failure| view! { <ErrorBox failure/> })}
            </div>
        </section>
        <section class="card my-stories">
            <h2>{tr(Text::MyStories)}</h2>
            <div inner_html=move || mine.get().and_then(Result::ok).map(|l| mine_html(&l))></div>
        </section>
    }
}

/// The text, then each photo not yet stored.
async fn send(
    story: NewStory,
    files: Vec<web_sys::File>,
    note: RwSignal<Option<Note>>,
) -> Result<(), ApiFailure> {
    let created = api::send_story(&story).await?;
    let id = created.story.id;
    let stored: Vec<u8> = created.story.photos.iter().map(|p| p.position).collect();
    let total = files.len();
    for (n, file) in files.into_iter().enumerate() {
        if stored.contains(&(n as u8)) {
            continue;
        }
        note.set(Some(Note::Sending(Text::SendingPhoto, n + 1, total)));
        let blob = shrink(file).await;
        api::put_story_photo(&id, n as u8, &blob).await?;
    }
    Ok(())
}

/// The browser shrinks the photo (to 1280 px, re-encoded) with the admin PWA's
/// `PrasarMedia.compress` (public/media.js: boot.js loads it for the admins' pages, the
/// officials' app loads it here on demand); where that fails the original goes, and the
/// server's limits still apply.
async fn shrink(file: web_sys::File) -> web_sys::Blob {
    use js_sys::{Function, Promise, Reflect};
    let media = match Reflect::get(&js_sys::global(), &"PrasarMedia".into()) {
        Ok(m) if m.is_object() => m,
        #[cfg(feature = "officials")]
        _ => {
            load_media().await;
            match Reflect::get(&js_sys::global(), &"PrasarMedia".into()) {
                Ok(m) if m.is_object() => m,
                _ => return file.into(),
            }
        }
        #[cfg(not(feature = "officials"))]
        _ => return file.into(),
    };
    let compress = Reflect::get(&media, &"compress".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    if let Some(compress) = compress {
        if let Ok(promise) = compress.call1(&media, &file) {
            if let Ok(out) = JsFuture::from(Promise::from(promise)).await {
                if let Ok(blob) = Reflect::get(&out, &"blob".into()) {
                    if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
                        return blob;
                    }
                }
            }
        }
    }
    file.into()
}

#[cfg(feature = "officials")]
/// Adds `/media.js` once (a classic script; the CSP allows same-origin scripts).
async fn load_media() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(script) = doc.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("src", "/media.js");
    let done = js_sys::Promise::new(&mut |resolve, _| {
        let settle = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        let _ = script.add_event_listener_with_callback("load", settle.unchecked_ref());
        let _ = script.add_event_listener_with_callback("error", settle.unchecked_ref());
    });
    if let Some(head) = doc.head() {
        if head.append_child(&script).is_ok() {
            let _ = JsFuture::from(done).await;
        }
    }
}
