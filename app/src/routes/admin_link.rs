use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::{self, ApiFailure};
use crate::components::error_box::ErrorBox;
use crate::i18n::{tr, Text};
use crate::session::{signed_in, use_session};

#[derive(Clone, Debug, PartialEq)]
enum LinkState {
    Checking,
    /// The address has no token (a link cut short when it was copied).
    Missing,
    Failed(ApiFailure),
}

/// Takes the token out of the address bar and forgets it there.
fn take_token() -> String {
    let location = window().location();
    let token = location.hash().unwrap_or_default();
    let token = token.trim_start_matches('#').trim().to_owned();
    if !token.is_empty() {
        let path = location.pathname().unwrap_or_else(|_| "/a".into());
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
    token
}

/// `/a#<token>`: a group admin's personal link. The token travels in the fragment, which
/// browsers never send to servers; the app posts it, clears it from the address bar and
/// opens the screenshot page.
#[component]
pub fn AdminLink() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let token = StoredValue::new(take_token());
    let state = RwSignal::new(if token.with_value(String::is_empty) {
        LinkState::Missing
    } else {
        LinkState::Checking
    });

    let attempt = move || {
        state.set(LinkState::Checking);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::admin_link_login_remembered(token.get_value()).await {
                Ok(me) => {
                    signed_in(session, me);
                    navigate(
                        "/submit",
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(f) => state.set(LinkState::Failed(f)),
            }
        });
    };
    if state.get_untracked() == LinkState::Checking {
        attempt();
    }

    view! {
        <section class="card admin-link">
            {move || match state.get() {
                LinkState::Checking => view! { <p class="hint">{tr(Text::CheckingLink)}</p> }.into_any(),
                LinkState::Missing => view! {
                    <h1>{tr(Text::OpenPersonalLinkTitle)}</h1>
                    <p class="error" role="alert">{tr(Text::LinkIncomplete)}</p>
                }
                .into_any(),
                LinkState::Failed(failure) => {
                    let retry = matches!(failure, ApiFailure::Network);
                    let attempt = attempt.clone();
                    view! {
                        <h1>{tr(Text::OpenPersonalLinkTitle)}</h1>
                        <ErrorBox failure/>
                        {retry.then(|| view! {
                            <button type="button" class="primary" on:click=move |_| attempt()>{tr(Text::Retry)}</button>
                        })}
                    }
                    .into_any()
                }
            }}
            <p class="hint">{tr(Text::OfficersSignInHint)} " " <A href="/login">{tr(Text::SignIn)}</A></p>
        </section>
    }
}
