//! Prasar's front end: a Leptos CSR app with one page per file under `routes/`, small
//! components, and a thin `api` client over the worker's JSON API.

pub mod api;
mod components;
pub mod i18n;
mod routes;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::i18n::provide_lang;
use crate::routes::{dashboard::Dashboard, home::Home, not_found::NotFound, submit::Submit};

#[component]
pub fn App() -> impl IntoView {
    provide_lang();
    view! {
        <Router>
            <Header/>
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/submit") view=Submit/>
                    <Route path=path!("/dashboard") view=Dashboard/>
                </Routes>
            </main>
        </Router>
    }
}
