use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, Text};

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(not(feature = "officials"))]
    reload_for_full_app();
    view! {
        <section class="card">
            <h1>{tr(Text::NotFoundTitle)}</h1>
            <A href="/">{tr(Text::GoHome)}</A>
        </section>
    }
}

/// The group admins' bundle has only their pages; for any other address the server
/// serves the full app, so load it from there (once: a misconfigured server cannot make
/// this loop).
#[cfg(not(feature = "officials"))]
fn reload_for_full_app() {
    const KEY: &str = "prasar.reloaded";
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let now = js_sys::Date::now();
    let Some(storage) = window().session_storage().ok().flatten() else {
        return;
    };
    let recent = storage
        .get_item(KEY)
        .ok()
        .flatten()
        .and_then(|v| {
            let (p, at) = v.rsplit_once('|')?;
            Some(p == path && now - at.parse::<f64>().ok()? < 10_000.0)
        })
        .unwrap_or(false);
    if !recent {
        let _ = storage.set_item(KEY, &format!("{path}|{now}"));
        let _ = location.reload();
    }
}
