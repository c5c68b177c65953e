use leptos::html::Details;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use prasar_core::api::Me;
use prasar_core::error::ErrorCode;

use crate::api::{self, ApiFailure};
use crate::components::error_box::ErrorBox;
use crate::format::role_label;
use crate::i18n::{pick, tr, use_lang, Text};
use crate::session::{is_official, may_read_audit, may_send_story, signed_out, use_session};

/// App bar: name, the pages the caller may open, who is signed in (with the sign-out
/// menu) and the language switch (labelled in the other language).
#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let me = Memo::new(move |_| session.with(|s| s.me().cloned()));

    let nav = move || {
        me.get().map(|me| {
            if is_official(&me) {
                view! {
                    <A href="/registry">{tr(Text::NavRegistry)}</A>
                    <A href="/dashboard">{tr(Text::NavDashboard)}</A>
                    <A href="/monitoring">{tr(Text::NavMonitoring)}</A>
                    <MapLinks/>
                    {may_read_audit(&me).then(|| view! { <A href="/audit">{tr(Text::NavAudit)}</A> })}
                    {me.may_manage.then(|| view! { <A href="/import">{tr(Text::NavImport)}</A> })}
                    // --- campaigns and success stories ---
                    <A href="/campaigns">{tr(Text::NavCampaigns)}</A>
                    <A href="/stories">{tr(Text::NavStories)}</A>
                    {may_send_story(&me).then(|| view! { <A href="/story">{tr(Text::NavSendStory)}</A> })}
                }
                .into_any()
            } else {
                view! {
                    <A href="/submit">{tr(Text::NavSubmit)}</A>
                    <A href="/story">{tr(Text::NavSendStory)}</A>
                    <A href="/chat">{tr(Text::NavChat)}</A>
                }
                .into_any()
            }
        })
    };

    view! {
        <header class="bar">
            <A href="/" attr:class="brand">{tr(Text::AppName)}</A>
            <nav aria-label=tr(Text::MainMenu)>{nav}</nav>
            <div class="bar-end">
                {move || match me.get() {
                    Some(me) => view! { <AccountMenu me/> }.into_any(),
                    None => view! { <A href="/login" attr:class="signin">{tr(Text::SignIn)}</A> }.into_any(),
                }}
                <button
                    class="lang"
                    type="button"
                    on:click=move |_| lang.update(|l| *l = l.other())
                    lang=move || lang.get().other().code()
                >
                    {move || Text::SwitchLanguage.get(lang.get().other())}
                </button>
            </div>
        </header>
    }
}

/// Name and role; opens to sign out here or on every device.
#[component]
fn AccountMenu(me: Me) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let details = NodeRef::<Details>::new();
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let official = is_official(&me);

    // Close the menu whenever the page changes.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(d) = details.get_untracked() {
            d.set_open(false);
        }
    });

    let sign_out = move |everywhere: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::logout(everywhere).await {
                Err(f) if !f.is(ErrorCode::Unauthenticated) => failure.set(Some(f)),
                _ => {
                    signed_out(session);
                    navigate(if official { "/login" } else { "/" }, Default::default());
                }
            }
            busy.set(false);
        });
    };
    let sign_out_all = sign_out.clone();

    let role_of = me.role;
    let role = move || role_label(role_of, lang.get());
    let area = me.area.clone().map(|a| pick(a.name_hi, a.name_en));
    view! {
        <details class="account" node_ref=details>
            <summary>
                <span class="who">{me.name.clone()}</span>
                <span class="role">{role}</span>
            </summary>
            <div class="menu">
                <p class="who-full"><strong>{me.name.clone()}</strong><br/>{role}{area.map(|a| view! { " · " {a} })}</p>
                {(!official).then(|| view! { <p class="hint">{tr(Text::AdminSignOutHint)}</p> })}
                <button type="button" class="secondary signout" disabled=busy on:click=move |_| sign_out(false)>
                    {tr(Text::SignOut)}
                </button>
                <button type="button" class="secondary signout-all" disabled=busy on:click=move |_| sign_out_all(true)>
                    {tr(Text::SignOutEverywhere)}
                </button>
                {move || failure.get().map(|failure| view! { <ErrorBox failure/> })}
            </div>
        </details>
    }
}

/// The map and the reports (officials' bundle only).
#[cfg(feature = "officials")]
#[component]
fn MapLinks() -> impl IntoView {
    use crate::routes::map::mt;
    use prasar_core::map::text::MapText;
    view! {
        <A href="/map">{mt(MapText::NavMap)}</A>
        <A href="/reports">{mt(MapText::NavReports)}</A>
    }
}

#[cfg(not(feature = "officials"))]
#[component]
fn MapLinks() -> impl IntoView {}
