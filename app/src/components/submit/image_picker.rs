use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use prasar_core::api::MAX_IMAGES_PER_SUBMISSION;

use crate::i18n::{tr, use_lang, Text};
use crate::outbox::{self, Picked};

/// The screenshots of the submission being written (blobs: not `Send`, so local).
pub type Images = RwSignal<Vec<Picked>, LocalStorage>;

const MAX: usize = MAX_IMAGES_PER_SUBMISSION as usize;

/// Compresses `files` one after another (a cheap phone has little memory to spare) and
/// adds them, up to five. A refused file is named in `problem`; it is never added.
pub fn add_files(
    files: Vec<web_sys::Blob>,
    images: Images,
    preparing: RwSignal<u32>,
    problem: RwSignal<Option<Text>>,
) {
    if files.is_empty() {
        return;
    }
    problem.set(None);
    preparing.update(|n| *n += 1);
    spawn_local(async move {
        for file in files {
            if images.with_untracked(Vec::len) >= MAX {
                problem.set(Some(Text::PwaTooManyImages));
                break;
            }
            match outbox::prepare(file).await {
                Ok(picked) => images.update(|list| {
                    if list.len() < MAX {
                        list.push(picked);
                    } else {
                        let _ = web_sys::Url::revoke_object_url(&picked.url);
                        problem.set(Some(Text::PwaTooManyImages));
                    }
                }),
                Err(text) => problem.set(Some(text)),
            }
        }
        preparing.update(|n| *n -= 1);
    });
}

/// Thumbnails of the chosen screenshots (each removable) and the button that adds more.
#[component]
pub fn ImagePicker(
    images: Images,
    preparing: RwSignal<u32>,
    problem: RwSignal<Option<Text>>,
) -> impl IntoView {
    let lang = use_lang();
    let input = NodeRef::<Input>::new();
    let on_change = move |_| {
        let Some(el) = input.get() else { return };
        let files = el
            .files()
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.get(i))
                    .map(web_sys::Blob::from)
                    .collect()
            })
            .unwrap_or_default();
        // Let the same file be chosen again after removing it.
        el.set_value("");
        add_files(files, images, preparing, problem);
    };
    let remove = move |url: String| {
        let _ = web_sys::Url::revoke_object_url(&url);
        images.update(|list| list.retain(|p| p.url != url));
        problem.set(None);
    };
    let full = move || images.with(|list| list.len() >= MAX);

    let thumbs = move || {
        images
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, picked)| {
                let url = picked.url.clone();
                let alt = move || format!("{} {}", Text::ChooseImage.get(lang.get()), i + 1);
                view! {
                    <li class="thumb">
                        <img src=picked.url alt=alt/>
                        <button type="button" class="remove" title=tr(Text::PwaRemoveImage) aria-label=tr(Text::PwaRemoveImage)
                            on:click=move |_| remove(url.clone())>"×"</button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <fieldset class="picker">
            <legend>{tr(Text::PwaScreenshots)}</legend>
            <ul class="thumbs">{thumbs}</ul>
            <input id="screenshots" class="visually-hidden" type="file" multiple accept="image/*"
                node_ref=input on:change=on_change disabled=full/>
            <label for="screenshots" class="button secondary add-shots" class:disabled=full>
                {tr(Text::PwaAddScreenshots)}
            </label>
            <p class="hint">{tr(Text::PwaScreenshotsHint)}</p>
            {move || (preparing.get() > 0).then(|| view! { <p class="hint" role="status">{tr(Text::PwaPreparing)}</p> })}
            {move || problem.get().map(|t| view! { <p class="error picker-error" role="alert">{tr(t)}</p> })}
        </fieldset>
    }
}
