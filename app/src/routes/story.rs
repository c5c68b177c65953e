//! `/story`: a group admin (or block officer) sends a success story: where, the scheme,
//! the text in Hindi, up to three photos, and the beneficiary's consent. A plain form,
//! kept small for the admins' bundle. The text goes first (idempotent by a key made on
//! the phone), then each photo by its own request, shrunk by the browser first; pressing
//! "send" again after a failure only sends what is missing.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use prasar_core::api::{NewStory, Story, StoryStatus, MAX_STORY_PHOTOS};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiFailure};
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::i18n::{pick, tr, use_lang, Text};
use crate::load::Loader;
use crate::session::Need;

#[component]
pub fn SendStory() -> impl IntoView {
    view! { <Guard need=Need::SendStory><StoryForm/></Guard> }
}

#[derive(Clone, Debug, PartialEq)]
enum Sending {
    Idle,
    Text,
    Photo(usize, usize),
    Done,
    Failed(ApiFailure),
}

#[component]
fn StoryForm() -> impl IntoView {
    let lang = use_lang();
    let units = Loader::new(api::story_units);
    let mine = Loader::new(|| api::stories(None));
    let unit = RwSignal::new(String::new());
    let scheme = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let key = RwSignal::new(api::new_idempotency_key());
    let state = RwSignal::new(Sending::Idle);
    let hint = RwSignal::new(None::<Text>);
    let photos = NodeRef::<Input>::new();

    // One place to choose from: chosen already.
    Effect::new(move |_| {
        if let Some(Ok(list)) = units.get() {
            if let [only] = list.units.as_slice() {
                unit.set(only.unit.id.clone());
            }
        }
    });

    let files = move || -> Vec<web_sys::File> {
        photos
            .get()
            .and_then(|i| i.files())
            .map(|l| (0..l.length()).filter_map(|n| l.get(n)).collect())
            .unwrap_or_default()
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches!(state.get_untracked(), Sending::Text | Sending::Photo(..)) {
            return;
        }
        let chosen = files();
        let refuse = if unit.get_untracked().is_empty() {
            Some(Text::ChoosePlaceFirst)
        } else if scheme.get_untracked().trim().is_empty() {
            Some(Text::EnterSchemeFirst)
        } else if text.get_untracked().trim().is_empty() {
            Some(Text::WriteStoryFirst)
        } else if chosen.len() > usize::from(MAX_STORY_PHOTOS) {
            Some(Text::TooManyPhotos)
        } else if !consent.get_untracked() {
            Some(Text::ConfirmConsentFirst)
        } else {
            None
        };
        hint.set(refuse);
        if refuse.is_some() {
            return;
        }
        let story = NewStory {
            client_key: key.get_untracked(),
            unit_id: unit.get_untracked(),
            scheme: scheme.get_untracked(),
            text_hi: text.get_untracked(),
            consent_confirmed: true,
            photo_count: chosen.len() as u8,
        };
        state.set(Sending::Text);
        spawn_local(async move {
            match send(story, chosen, state).await {
                Ok(()) => {
                    state.set(Sending::Done);
                    key.set(api::new_idempotency_key());
                    scheme.set(String::new());
                    text.set(String::new());
                    consent.set(false);
                    if let Some(input) = photos.get_untracked() {
                        input.set_value("");
                    }
                    mine.refetch();
                }
                Err(f) => state.set(Sending::Failed(f)),
            }
        });
    };

    let unit_options = move || {
        units.get().map(|answer| match answer {
            Ok(list) => list
                .units
                .into_iter()
                .map(|u| {
                    let id = u.unit.id.clone();
                    let selected = move || unit.with(|s| *s == id);
                    let label = move || {
                        let l = lang.get();
                        let name = l.pick(&u.unit.name_hi, &u.unit.name_en);
                        let parent = l.pick(&u.parent_hi, &u.parent_en);
                        format!("{name} — {parent}")
                    };
                    view! { <option value=u.unit.id.clone() prop:selected=selected>{label}</option> }
                })
                .collect_view()
                .into_any(),
            Err(_) => ().into_any(),
        })
    };
    let busy = move || matches!(state.get(), Sending::Text | Sending::Photo(..));

    view! {
        <section class="card story-send">
            <h1>{tr(Text::SendStoryTitle)}</h1>
            <p>{tr(Text::SendStoryIntro)}</p>
            <form on:submit=submit novalidate>
                <label for="story-unit">{tr(Text::StoryPlace)}</label>
                <select id="story-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                    <option value="">{tr(Text::ChoosePlaceholder)}</option>
                    {unit_options}
                </select>
                {move || match units.get() {
                    Some(Err(failure)) => Some(view! { <ErrorBox failure/> }),
                    _ => None,
                }}
                <label for="story-scheme">{tr(Text::Scheme)}</label>
                <input id="story-scheme" maxlength="200" autocomplete="off" bind:value=scheme/>
                <label for="story-text">{tr(Text::StoryText)}</label>
                <textarea id="story-text" lang="hi" rows="8" maxlength="5000" bind:value=text></textarea>
                <label for="story-photos">{tr(Text::StoryPhotos)}</label>
                <input id="story-photos" type="file" accept="image/*" multiple node_ref=photos/>
                <label class="check">
                    <input id="story-consent" type="checkbox" bind:checked=consent/>
                    <span>{tr(Text::StoryConsent)}</span>
                </label>
                {move || hint.get().map(|h| view! { <p class="error" role="alert">{tr(h)}</p> })}
                <button type="submit" class="primary" disabled=busy>{tr(Text::SendStoryButton)}</button>
            </form>
            <div class="status" aria-live="polite">
                {move || match state.get() {
                    Sending::Idle => ().into_any(),
                    Sending::Text => view! { <p class="hint">{tr(Text::Sending)}</p> }.into_any(),
                    Sending::Photo(n, of) => view! { <p class="hint">{tr(Text::SendingPhoto)} " " {n} "/" {of}</p> }.into_any(),
                    Sending::Done => view! { <p class="ok story-sent">{tr(Text::StorySent)}</p> }.into_any(),
                    Sending::Failed(failure) => view! { <ErrorBox failure/> }.into_any(),
                }}
            </div>
        </section>
        <section class="card my-stories">
            <h2>{tr(Text::MyStories)}</h2>
            {move || mine.get().and_then(Result::ok).map(|l| {
                l.stories.into_iter().map(|s| view! { <MyStory story=s/> }).collect_view()
            })}
        </section>
    }
}

/// The text, then each photo not yet stored.
async fn send(
    story: NewStory,
    files: Vec<web_sys::File>,
    state: RwSignal<Sending>,
) -> Result<(), ApiFailure> {
    let created = api::send_story(&story).await?;
    let id = created.story.id;
    let stored: Vec<u8> = created.story.photos.iter().map(|p| p.position).collect();
    let total = files.len();
    for (n, file) in files.into_iter().enumerate() {
        if stored.contains(&(n as u8)) {
            continue;
        }
        state.set(Sending::Photo(n + 1, total));
        let blob = shrink(file).await;
        api::put_story_photo(&id, n as u8, &blob).await?;
    }
    Ok(())
}

/// The browser shrinks the photo (to 1280 px, re-encoded) with the admin PWA's
/// `PrasarMedia.compress` (public/media.js), loaded on demand; where that fails the
/// original goes, and the server's limits still apply.
async fn shrink(file: web_sys::File) -> web_sys::Blob {
    use js_sys::{Function, Promise, Reflect};
    let media = match Reflect::get(&js_sys::global(), &"PrasarMedia".into()) {
        Ok(m) if m.is_object() => m,
        _ => {
            load_media().await;
            match Reflect::get(&js_sys::global(), &"PrasarMedia".into()) {
                Ok(m) if m.is_object() => m,
                _ => return file.into(),
            }
        }
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

#[component]
fn MyStory(story: Story) -> impl IntoView {
    let status = match story.status {
        StoryStatus::Submitted => Text::StorySubmitted,
        StoryStatus::Accepted => Text::StoryAccepted,
        StoryStatus::Rejected => Text::StoryRejected,
    };
    let class = format!("my-story story-{}", story.status.as_str());
    view! {
        <p class=class data-story-id=story.id.clone()>
            <strong>{story.scheme}</strong> " — " {pick(story.unit.name_hi, story.unit.name_en)}
            " · " <span class="status">{tr(status)}</span>
            {(!story.review_remark.is_empty()).then(|| view! { <br/><span class="remark">{story.review_remark.clone()}</span> })}
        </p>
    }
}
