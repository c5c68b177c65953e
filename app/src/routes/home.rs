use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, Text};

/// Start page: the two things people come to do.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <section class="home">
            <h1>{tr(Text::AppName)}</h1>
            <p class="tagline">{tr(Text::Tagline)}</p>
            <A href="/submit" attr:class="big-link">{tr(Text::NavSubmit)}</A>
            <A href="/dashboard" attr:class="big-link secondary">{tr(Text::NavDashboard)}</A>
        </section>
    }
}
