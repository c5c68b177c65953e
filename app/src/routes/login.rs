use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::i18n::{tr, use_lang, Text};
use crate::session::{is_official, signed_in, use_session};

/// Only paths of this site may follow sign-in (no `//host` or `/\host` tricks).
fn safe_next(next: Option<String>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/\\") => p,
        _ => "/registry".to_owned(),
    }
}

/// Sign-in for officials; back to the page they came from (or the registry).
#[component]
pub fn Login() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Its own send: a refused sign-in also clears the password field.
    let form = FormState::new();
    let FormState {
        busy,
        hint,
        failure,
    } = form;

    // Signed in (now or already): go on.
    Effect::new(move |_| {
        if session.with(|s| s.me().is_some_and(is_official)) {
            let next = safe_next(query.with_untracked(|q| q.get("next")));
            navigate(
                &next,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (user, pass) = (
            username.get_untracked().trim().to_owned(),
            password.get_untracked(),
        );
        if user.is_empty() || pass.is_empty() {
            hint.set(Some(Text::EnterUsernameAndPassword));
            return;
        }
        hint.set(None);
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            match api::login(user, pass).await {
                Ok(me) => signed_in(session, me),
                Err(f) => {
                    password.set(String::new());
                    failure.set(Some(f));
                }
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card login">
            <h1>{tr(Text::SignInTitle)}</h1>
            <p class="hint">{tr(Text::SignInIntro)}</p>
            <form on:submit=on_submit novalidate>
                <label for="username">{tr(Text::Username)}</label>
                <input
                    id="username"
                    name="username"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    bind:value=username
                />
                <label for="password">{tr(Text::Password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" bind:value=password/>
                <FormAlerts state=form/>
                <button type="submit" class="primary" disabled=busy>
                    {move || if busy.get() { Text::SigningIn } else { Text::SignIn }.get(lang.get())}
                </button>
            </form>
            <p class="hint">{tr(Text::AdminsUseLinkHint)}</p>
        </section>
    }
}
