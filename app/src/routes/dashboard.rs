use std::time::Duration;

use leptos::prelude::*;

use crate::api;
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::components::submission_card::SubmissionCard;
use crate::format::date_time;
use crate::i18n::{tr, Text};
use crate::load::Loader;
use crate::routes::map::mt;
use crate::session::{use_session, Need};
use prasar_core::map::text::MapText;

/// How often the open dashboard asks for new submissions.
const REFRESH_EVERY: Duration = Duration::from_secs(30);

/// Today's (IST) submissions, newest first (officials only).
#[component]
pub fn Dashboard() -> impl IntoView {
    view! { <Guard need=Need::Official><DashboardView/></Guard> }
}

#[component]
fn DashboardView() -> impl IntoView {
    let list = Loader::new(api::submissions_today);
    if let Ok(handle) = set_interval_with_handle(move || list.refetch(), REFRESH_EVERY) {
        on_cleanup(move || handle.clear());
    }

    view! {
        <section class="dashboard">
            <div class="dash-head">
                <h1>{tr(Text::DashboardTitle)}</h1>
                <button type="button" class="secondary" on:click=move |_| list.refetch()>{tr(Text::Refresh)}</button>
            </div>
            <FailedSignIns/>
            {move || match list.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(day)) => {
                    let count = day.submissions.len();
                    view! {
                        <p class="summary">
                            {tr(Text::TodaysSubmissions)} " " <time datetime=day.ist_day.clone()>{day.ist_day.clone()}</time>
                            " · " {tr(Text::Total)} ": " <strong class="count">{count}</strong>
                        </p>
                        {if count == 0 {
                            view! { <p class="empty">{tr(Text::NoSubmissionsToday)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="shots">
                                    {day.submissions.into_iter().map(|s| view! { <SubmissionCard submission=s/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Wrong passwords tried on the signed-in official's account lately (the worker audits
/// each one it checks; the rate limit bounds them).
#[component]
fn FailedSignIns() -> impl IntoView {
    let session = use_session();
    move || {
        let attempts = session.with(|s| s.me().map(|m| m.failed_sign_ins.clone()))?;
        let latest = attempts.first()?.clone();
        Some(view! {
            <div class="notice failed-sign-ins" role="status">
                <p>
                    {mt(MapText::FailedSignInsCount)} " " <strong class="count">{attempts.len()}</strong>
                    " · " {mt(MapText::LatestAt)} " " <time datetime=latest.clone()>{date_time(&latest)}</time>
                </p>
                <p>{mt(MapText::FailedSignInsAdvice)}</p>
            </div>
        })
    }
}
