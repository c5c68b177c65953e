//! Prasar's front end: a Leptos CSR app with one page per file under `routes/`, small
//! components, and a thin `api` client over the worker's JSON API.

pub mod api;
mod components;
mod format;
pub mod i18n;
mod load;
mod routes;
mod session;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::i18n::provide_lang;
use crate::routes::{
    admin_link::AdminLink, audit::Audit, dashboard::Dashboard, group::GroupPage, home::Home,
    import::Import, login::Login, not_found::NotFound, registry::Registry, submit::Submit,
};
use crate::session::provide_session;

#[component]
pub fn App() -> impl IntoView {
    provide_lang();
    provide_session();
    view! {
        <Router>
            <Header/>
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/login") view=Login/>
                    <Route path=path!("/a") view=AdminLink/>
                    <Route path=path!("/submit") view=Submit/>
                    <Route path=path!("/dashboard") view=Dashboard/>
                    <Route path=path!("/registry") view=Registry/>
                    <Route path=path!("/registry/:unit_id") view=Registry/>
                    <Route path=path!("/groups/:group_id") view=GroupPage/>
                    <Route path=path!("/audit") view=Audit/>
                    <Route path=path!("/import") view=Import/>
                </Routes>
            </main>
        </Router>
    }
}
