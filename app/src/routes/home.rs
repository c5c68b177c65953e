use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, Text};
use crate::session::{is_official, use_session, Session};

/// Start page: what the caller came to do.
#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    let kind = Memo::new(move |_| session.with(|s| s.me().map(is_official)));
    view! {
        <section class="home">
            <h1>{tr(Text::AppName)}</h1>
            <p class="tagline">{tr(Text::Tagline)}</p>
            {move || match kind.get() {
                Some(true) => view! {
                    <A href="/registry" attr:class="big-link">{tr(Text::NavRegistry)}</A>
                    <A href="/dashboard" attr:class="big-link secondary">{tr(Text::NavDashboard)}</A>
                }
                .into_any(),
                Some(false) => view! { <A href="/submit" attr:class="big-link">{tr(Text::NavSubmit)}</A> }.into_any(),
                None if session.with(|s| matches!(s, Session::Loading)) => ().into_any(),
                None => view! {
                    <p>{tr(Text::OpenPersonalLinkText)}</p>
                    <A href="/login" attr:class="big-link secondary">{tr(Text::OfficersSignIn)}</A>
                }
                .into_any(),
            }}
        </section>
    }
}
