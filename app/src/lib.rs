//! Prasar's front end: a Leptos CSR app with one page per file under `routes/`, small
//! components, and a thin `api` client over the worker's JSON API.
//!
//! The `officials` feature (on by default) holds the officials' pages. Built without it,
//! the app is the group admins' own small bundle: `/a` and `/submit` only; any other
//! address reloads from the server, which serves the full app there.

// Without `officials`, helpers only those pages use are left unused.
#![cfg_attr(not(feature = "officials"), allow(dead_code, unused_imports))]

pub mod api;
mod components;
mod format;
pub mod i18n;
mod load;
// --- map and reports ---
#[cfg(feature = "officials")]
mod map;
mod outbox;
mod routes;
mod session;

use leptos::prelude::*;
use leptos_router::components::Router;
#[cfg(feature = "officials")]
use leptos_router::{
    components::{Route, Routes},
    path,
};

use crate::components::header::Header;
use crate::i18n::provide_lang;
use crate::routes::{admin_link::AdminLink, not_found::NotFound, submit::Submit};
// --- chat export ---
use crate::routes::chat::ChatExport;
#[cfg(feature = "officials")]
use crate::routes::{
    audit::Audit, dashboard::Dashboard, group::GroupPage, home::Home, import::Import, login::Login,
    registry::Registry,
};
use crate::session::provide_session;
// --- monitoring ---
#[cfg(feature = "officials")]
use crate::routes::{checks::Checks, compliance::Compliance, inactive::Inactive, reviews::Review};
// --- campaigns and success stories ---
use crate::routes::story::SendStory;
#[cfg(feature = "officials")]
use crate::routes::{
    campaigns::{CampaignItemPage, CampaignPosted, Campaigns, NewCampaignItem},
    stories::{Stories, StoryPage},
};

#[component]
pub fn App() -> impl IntoView {
    provide_lang();
    provide_session();
    view! {
        <Router>
            <Header/>
            <main id="main">
                <Pages/>
            </main>
        </Router>
    }
}

#[cfg(feature = "officials")]
#[component]
fn Pages() -> impl IntoView {
    view! {
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
            // --- monitoring ---
            <Route path=path!("/monitoring") view=Checks/>
            <Route path=path!("/monitoring/review") view=Review/>
            <Route path=path!("/monitoring/compliance") view=Compliance/>
            <Route path=path!("/monitoring/inactive") view=Inactive/>
            // --- campaigns and success stories ---
            <Route path=path!("/campaigns") view=Campaigns/>
            <Route path=path!("/campaigns/new") view=NewCampaignItem/>
            <Route path=path!("/campaigns/:id") view=CampaignItemPage/>
            <Route path=path!("/campaigns/:id/posted") view=CampaignPosted/>
            <Route path=path!("/stories") view=Stories/>
            <Route path=path!("/stories/:id") view=StoryPage/>
            <Route path=path!("/story") view=SendStory/>
            // --- map and reports ---
            <Route path=path!("/map") view=crate::routes::map::MapPage/>
            <Route path=path!("/reports") view=crate::routes::reports::Reports/>
            <Route path=path!("/reports/daily") view=crate::routes::daily_summary::DailySummaryPage/>
            // --- chat export ---
            <Route path=path!("/chat") view=ChatExport/>
        </Routes>
    }
}

/// Two pages need no route matching: a plain switch on the path keeps the router's
/// matching machinery out of the admins' bundle (first load on 2G).
#[cfg(not(feature = "officials"))]
#[component]
fn Pages() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    move || match location.pathname.get().as_str() {
        "/a" => view! { <AdminLink/> }.into_any(),
        "/submit" => view! { <Submit/> }.into_any(),
        // --- campaigns and success stories ---
        "/story" => view! { <SendStory/> }.into_any(),
        // --- chat export ---
        "/chat" => view! { <ChatExport/> }.into_any(),
        _ => view! { <NotFound/> }.into_any(),
    }
}
