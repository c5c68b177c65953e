use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api::ApiFailure;
use crate::components::error_box::ErrorBox;
use crate::i18n::{tr, Text};
use crate::session::{allows, reload_session, use_session, Need, Session};

#[derive(Clone, Debug, PartialEq)]
enum Access {
    Loading,
    Failed(ApiFailure),
    SignedOut,
    Denied,
    Allowed,
}

/// Shows `children` only to a caller the page is for. Officials who are signed out go
/// to the sign-in page (and come back after); group admins learn how to sign in.
#[component]
pub fn Guard(need: Need, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    // A memo, so that a session update that keeps the access does not rebuild the page.
    let access = Memo::new(move |_| {
        session.with(|s| match s {
            Session::Loading => Access::Loading,
            Session::Failed(f) => Access::Failed(f.clone()),
            Session::SignedOut => Access::SignedOut,
            Session::SignedIn(me) if allows(need, me) => Access::Allowed,
            Session::SignedIn(_) => Access::Denied,
        })
    });
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move |_| {
        if access.get() == Access::SignedOut && need != Need::GroupAdmin {
            let search = location.search.get_untracked();
            let mut here = location.pathname.get_untracked();
            if !search.is_empty() {
                here.push('?');
                here.push_str(&search);
            }
            let to = format!("/login?next={}", js_sys::encode_uri_component(&here));
            navigate(
                &to,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    move || {
        match access.get() {
        Access::Loading => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
        Access::Failed(failure) => view! {
            <section class="card">
                <ErrorBox failure/>
                <button type="button" class="secondary" on:click=move |_| reload_session(session)>{tr(Text::Retry)}</button>
            </section>
        }
        .into_any(),
        Access::SignedOut if need == Need::GroupAdmin => view! { <PersonalLinkHelp/> }.into_any(),
        Access::SignedOut => view! { <p class="hint">{tr(Text::SignInFirst)}</p> }.into_any(),
        Access::Denied => view! {
            <section class="card">
                <h1>{tr(Text::NotAllowedTitle)}</h1>
                <p>{tr(if need == Need::GroupAdmin { Text::PageForAdmins } else { Text::NotAllowedText })}</p>
                <A href="/">{tr(Text::GoHome)}</A>
            </section>
        }
        .into_any(),
        Access::Allowed => children().into_any(),
    }
    }
}

/// For a group admin who is not signed in: the personal link is the way in.
#[component]
pub fn PersonalLinkHelp() -> impl IntoView {
    view! {
        <section class="card personal-link-help">
            <h1>{tr(Text::OpenPersonalLinkTitle)}</h1>
            <p>{tr(Text::OpenPersonalLinkText)}</p>
            <p class="hint">{tr(Text::OfficersSignInHint)} " " <A href="/login">{tr(Text::SignIn)}</A></p>
        </section>
    }
}
