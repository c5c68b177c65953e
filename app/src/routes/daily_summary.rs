//! `/reports/daily[?day=]`: the one-page summary for the collector's review meeting,
//! laid out for printing (see the print rules in style.css).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use prasar_core::api::DailySummary;
use prasar_core::map::status::DayStatus;
use prasar_core::map::text::MapText;

use crate::api;
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::format::date_time;
use crate::i18n::{tr, use_lang, Text};
use crate::load::Loader;
use crate::routes::map::{mt, status_label};
use crate::routes::reports::rate_text;
use crate::session::Need;

#[component]
pub fn DailySummaryPage() -> impl IntoView {
    view! { <Guard need=Need::Official><SummaryView/></Guard> }
}

#[component]
fn SummaryView() -> impl IntoView {
    let query = use_query_map();
    let summary = Loader::new(move || {
        let day = query.with(|q| q.get("day")).unwrap_or_default();
        api::daily_summary(api::query_string(&[("day", &day)]))
    });
    view! {
        <section class="daily-summary">
            <p class="no-print"><button type="button" class="print" on:click=move |_| { let _ = window().print(); }>{mt(MapText::Print)}</button></p>
            {move || match summary.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(s)) => view! { <Summary summary=s/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Summary(summary: DailySummary) -> impl IntoView {
    let lang = use_lang();
    let s = summary;
    let (area_hi, area_en) = (s.area_hi.clone(), s.area_en.clone());
    let tiles = DayStatus::ALL
        .into_iter()
        .map(|st| {
            view! {
                <div class="tile" data-status=st.as_str()>
                    <span class="swatch" style:background-color=st.colour()></span>
                    <strong>{s.statuses[st.index()]}</strong>
                    <span>{move || status_label(st, lang.get())}</span>
                </div>
            }
        })
        .collect_view();
    let lines = s
        .lines
        .iter()
        .map(|l| {
            let (hi, en) = (l.name_hi.clone(), l.name_en.clone());
            let cells = l
                .statuses
                .iter()
                .map(|n| view! { <td class="num">{*n}</td> })
                .collect_view();
            view! { <tr><td>{move || lang.get().pick(&hi, &en).to_owned()}</td>{cells}</tr> }
        })
        .collect_view();
    let overdue = s
        .overdue
        .iter()
        .map(|r| {
            let (hi, en) = (r.name_hi.clone(), r.name_en.clone());
            let (phi, pen) = (r.parent_hi.clone(), r.parent_en.clone());
            view! {
                <li>
                    <strong>{move || lang.get().pick(&hi, &en).to_owned()}</strong>
                    " · " {move || lang.get().pick(&phi, &pen).to_owned()}
                    {r.admin_name.clone().map(|a| format!(" · {a}"))}
                </li>
            }
        })
        .collect_view();
    let more = s.overdue_total.saturating_sub(s.overdue.len() as u32);
    view! {
        <header class="summary-head">
            <h1>{mt(MapText::DailySummary)} " · " {move || lang.get().pick(&area_hi, &area_en).to_owned()}</h1>
            <p><time datetime=s.day.clone()>{date_time(&s.day)}</time> " · " {mt(MapText::Generated)} " " {date_time(&s.generated_at)}</p>
        </header>
        <div class="tiles">{tiles}</div>
        <p class="rates">
            {mt(MapText::DayRate)} ": " <strong class="day-rate">{rate_text(s.day_rate)}</strong>
            " · " {mt(MapText::WeekRate)} ": " <strong>{rate_text(s.week_rate)}</strong>
            " · " {mt(MapText::ColSelfReported)} ": " <strong class="self-reported">{s.week_self_reported}</strong>
            " · " {mt(MapText::Groups)} ": " {s.groups}
        </p>
        <table class="summary-lines">
            <thead><tr>
                <th>{mt(MapText::ColParent)}</th>
                {DayStatus::ALL.into_iter().map(|st| view! { <th class="num">{move || status_label(st, lang.get())}</th> }).collect_view()}
            </tr></thead>
            <tbody>{lines}</tbody>
        </table>
        <h2>{mt(MapText::OverdueGroups)} " (" {s.overdue_total} ")"</h2>
        <ul class="overdue-list">{overdue}</ul>
        {(more > 0).then(|| view! { <p class="hint">"+" {more} " " {mt(MapText::AndMore)}</p> })}
        <p class="summary-foot">
            {mt(MapText::Inactive)} ": " <strong>{s.inactive_total}</strong>
            " · " {mt(MapText::LowMembership)} ": " <strong>{s.low_membership_total}</strong>
        </p>
    }
}
