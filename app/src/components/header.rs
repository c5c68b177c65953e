use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, use_lang, Text};

/// App bar: name, the two pages, and the language switch (labelled in the other language).
#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    view! {
        <header class="bar">
            <A href="/" attr:class="brand">{tr(Text::AppName)}</A>
            <nav>
                <A href="/submit">{tr(Text::NavSubmit)}</A>
                <A href="/dashboard">{tr(Text::NavDashboard)}</A>
            </nav>
            <button
                class="lang"
                type="button"
                on:click=move |_| lang.update(|l| *l = l.other())
                lang=move || lang.get().other().code()
            >
                {move || Text::SwitchLanguage.get(lang.get().other())}
            </button>
        </header>
    }
}
