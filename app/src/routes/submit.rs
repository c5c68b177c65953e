use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use prasar_core::api::{GroupKind, GroupSummary, Submission};

use crate::api::{self, ApiFailure};
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::format::percent_of;
use crate::i18n::{tr, use_lang, Text};
use crate::load::Loader;
use crate::session::Need;

#[derive(Clone, Debug, PartialEq)]
enum SendState {
    Idle,
    Sending(f64),
    Sent(Submission),
    Failed(ApiFailure),
}

/// The group admin's page: choose the group, pick a screenshot, send it. Anyone else
/// learns that the way in is the personal link.
#[component]
pub fn Submit() -> impl IntoView {
    view! { <Guard need=Need::GroupAdmin><SubmitForm/></Guard> }
}

#[component]
fn SubmitForm() -> impl IntoView {
    let lang = use_lang();
    let groups = Loader::new(api::groups);
    let group_id = RwSignal::new(String::new());
    let preview_url = RwSignal::new(None::<String>);
    let idempotency_key = RwSignal::new(String::new());
    let state = RwSignal::new(SendState::Idle);
    let hint = RwSignal::new(None::<Text>);
    let file_input = NodeRef::<Input>::new();

    let selected_file = move || {
        file_input
            .get()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
    };

    let on_file = move |_| {
        if let Some(old) = preview_url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        preview_url
            .set(selected_file().and_then(|f| web_sys::Url::create_object_url_with_blob(&f).ok()));
        // A new file is a new submission; retries of this one reuse the key.
        idempotency_key.set(api::new_idempotency_key());
        state.set(SendState::Idle);
        hint.set(None);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches!(state.get_untracked(), SendState::Sending(_)) {
            return;
        }
        let group = group_id.get_untracked();
        if group.is_empty() {
            hint.set(Some(Text::SelectGroupFirst));
            return;
        }
        let Some(file) = selected_file() else {
            hint.set(Some(Text::SelectImageFirst));
            return;
        };
        hint.set(None);
        state.set(SendState::Sending(0.0));
        let key = idempotency_key.get_untracked();
        spawn_local(async move {
            let result = api::upload_screenshot(&group, &file, &key, move |p| {
                state.set(SendState::Sending(p));
            })
            .await;
            state.set(match result {
                Ok(created) => SendState::Sent(created.submission),
                Err(failure) => SendState::Failed(failure),
            });
        });
    };

    let reset = move |_| {
        if let Some(old) = preview_url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        preview_url.set(None);
        if let Some(input) = file_input.get() {
            input.set_value("");
        }
        state.set(SendState::Idle);
    };

    // An admin of exactly one group has nothing to choose.
    Effect::new(move |_| {
        if let Some(Ok(list)) = groups.get() {
            if let [only] = list.groups.as_slice() {
                if group_id.get_untracked().is_empty() {
                    group_id.set(only.id.clone());
                }
            }
        }
    });

    let group_options = move || {
        groups.get().map(|result| match result {
            Ok(list) => {
                let (gps, wards): (Vec<GroupSummary>, Vec<GroupSummary>) = list
                    .groups
                    .into_iter()
                    .partition(|g| g.kind == GroupKind::GramPanchayat);
                let options = move |label: Text, items: Vec<GroupSummary>| {
                    (!items.is_empty()).then(|| {
                        let items = items
                            .into_iter()
                            .map(|g| {
                                let id = g.id.clone();
                                let selected = move || group_id.with(|s| *s == id);
                                let label = move || {
                                    let l = lang.get();
                                    format!("{} — {}", l.pick(&g.name_hi, &g.name_en), l.pick(&g.parent_hi, &g.parent_en))
                                };
                                view! { <option value=g.id.clone() prop:selected=selected>{label}</option> }
                            })
                            .collect_view();
                        view! { <optgroup label=tr(label)>{items}</optgroup> }
                    })
                };
                view! { {options(Text::GramPanchayat, gps)} {options(Text::Ward, wards)} }.into_any()
            }
            Err(_) => ().into_any(),
        })
    };

    let groups_error = move || match groups.get() {
        Some(Err(failure)) => Some(view! {
            <ErrorBox failure/>
            <button type="button" class="secondary" on:click=move |_| groups.refetch()>{tr(Text::Retry)}</button>
        }),
        _ => None,
    };

    let sending = move || matches!(state.get(), SendState::Sending(_));

    view! {
        <section class="card submit">
            <h1>{tr(Text::SubmitTitle)}</h1>
            <p>{tr(Text::SubmitIntro)}</p>
            <form on:submit=on_submit novalidate>
                <label for="group">{tr(Text::ChooseGroup)}</label>
                <select
                    id="group"
                    name="group"
                    prop:value=move || group_id.get()
                    on:change=move |ev| group_id.set(event_target_value(&ev))
                >
                    <option value="">
                        {move || if groups.get().is_none() { Text::LoadingGroups.get(lang.get()) } else { Text::ChooseGroupPlaceholder.get(lang.get()) }}
                    </option>
                    {group_options}
                </select>
                {groups_error}

                <label for="screenshot">{tr(Text::ChooseImage)}</label>
                <input
                    id="screenshot"
                    name="screenshot"
                    type="file"
                    accept="image/png,image/jpeg,image/webp"
                    node_ref=file_input
                    on:change=on_file
                />
                <p class="hint">{tr(Text::ChooseImageHint)}</p>
                {move || preview_url.get().map(|url| view! { <img class="preview" src=url alt=""/> })}

                {move || hint.get().map(|h| view! { <p class="error" role="alert">{tr(h)}</p> })}

                <button type="submit" class="primary" disabled=sending>
                    {move || if sending() { Text::Sending.get(lang.get()) } else { Text::SubmitButton.get(lang.get()) }}
                </button>
            </form>

            <div class="status" aria-live="polite">
                {move || match state.get() {
                    SendState::Idle => ().into_any(),
                    SendState::Sending(p) => view! {
                        <progress max="100" value=percent_of(p)></progress>
                        <span class="percent">{percent_of(p)} " %"</span>
                    }.into_any(),
                    SendState::Sent(s) => view! {
                        <p class="ok" data-submission-id=s.id.clone()>{tr(Text::Sent)}</p>
                        <button type="button" class="secondary" on:click=reset>{tr(Text::SendAnother)}</button>
                    }.into_any(),
                    SendState::Failed(failure) => view! {
                        <ErrorBox failure/>
                        <p class="hint">{tr(Text::Retry)}: {tr(Text::SubmitButton)}</p>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}
