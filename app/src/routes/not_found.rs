use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, Text};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>{tr(Text::NotFoundTitle)}</h1>
            <A href="/">{tr(Text::GoHome)}</A>
        </section>
    }
}
