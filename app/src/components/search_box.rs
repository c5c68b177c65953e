use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api;
use crate::components::error_box::ErrorBox;
use crate::components::unit_row::UnitRow;
use crate::i18n::{tr, Text};
use crate::load::Loader;
use prasar_core::api::SearchResults;

/// Searching starts after this pause in typing.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// Finds units by Hindi or English name or by LGD code, anywhere in the caller's area.
#[component]
pub fn SearchBox() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);

    let set_text = move |value: String| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let q = value.trim().to_owned();
        text.set(value);
        let handle = set_timeout_with_handle(move || query.set(q), DEBOUNCE).ok();
        timer.set_value(handle);
    };
    on_cleanup(move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    });

    let results = Loader::new(move || {
        let q = query.get();
        async move {
            if q.is_empty() {
                Ok(SearchResults {
                    query: q,
                    results: vec![],
                })
            } else {
                api::search(q).await
            }
        }
    });

    // Opening a result (or any other page) ends the search.
    let location = use_location();
    Effect::new(move |first: Option<()>| {
        location.pathname.track();
        if first.is_some() {
            set_text(String::new());
            query.set(String::new());
        }
    });

    view! {
        <div class="search" role="search">
            <label for="registry-search" class="visually-hidden">{tr(Text::SearchLabel)}</label>
            <input
                id="registry-search"
                type="search"
                autocomplete="off"
                enterkeyhint="search"
                placeholder=tr(Text::SearchPlaceholder)
                prop:value=move || text.get()
                on:input=move |ev| set_text(event_target_value(&ev))
            />
            {move || {
                if query.with(String::is_empty) {
                    return None;
                }
                Some(match results.get() {
                    None => view! { <p class="hint">{tr(Text::Searching)}</p> }.into_any(),
                    Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                    Some(Ok(found)) if found.results.is_empty() => {
                        view! { <p class="hint">{tr(Text::NoResults)}</p> }.into_any()
                    }
                    Some(Ok(found)) => view! {
                        <ul class="units results">
                            {found.results.into_iter().map(|node| view! { <UnitRow node/> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                })
            }}
        </div>
    }
}
