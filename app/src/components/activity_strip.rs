//! Chat-export activity for officers: a 30-day strip (one cell per IST day: no export,
//! admin silent, admin posted, campaign material posted), the member-growth chart, and
//! the panel that loads both for a group. The map's drill-down can reuse
//! [`ActivityStrip`] and [`MemberGrowth`] with data from
//! `GET /api/groups/:id/chat-activity`.

use leptos::prelude::*;
use prasar_core::api::{ChatActivityDayView, ChatDayStatus, MemberGrowthPoint};
use prasar_core::chat_export::texts::ChatText;

use crate::api;
use crate::components::error_box::ErrorBox;
use crate::format::{date, date_time};
use crate::i18n::{tr, use_lang, Lang, Text};
use crate::load::Loader;

/// A reactive chat text (these live outside `Text`, so the admins' bundle skips them).
fn ct(text: ChatText) -> impl Fn() -> &'static str + Copy {
    let lang = use_lang();
    move || text.get(lang.get())
}

fn status_text(status: ChatDayStatus) -> ChatText {
    match status {
        ChatDayStatus::NoData => ChatText::DayNoData,
        ChatDayStatus::Quiet => ChatText::DayQuiet,
        ChatDayStatus::AdminPosted => ChatText::DayAdminPosted,
        ChatDayStatus::Campaign => ChatText::DayCampaign,
    }
}

fn status_class(status: ChatDayStatus) -> &'static str {
    match status {
        ChatDayStatus::NoData => "day s-none",
        ChatDayStatus::Quiet => "day s-quiet",
        ChatDayStatus::AdminPosted => "day s-posted",
        ChatDayStatus::Campaign => "day s-campaign",
    }
}

/// What a cell says (its tooltip and screen-reader label).
fn cell_label(d: &ChatActivityDayView, lang: Lang) -> String {
    let mut label = format!("{}: {}", date(&d.day), status_text(d.status).get(lang));
    if d.status != ChatDayStatus::NoData {
        label.push_str(&format!(
            " · {} {} / {} {}",
            ChatText::ColYours.get(lang),
            d.admin_messages,
            ChatText::ColOthers.get(lang),
            d.other_messages
        ));
    }
    label
}

/// One cell per day, oldest first, with a legend.
#[component]
pub fn ActivityStrip(days: Vec<ChatActivityDayView>) -> impl IntoView {
    let lang = use_lang();
    let cells = days
        .into_iter()
        .map(|d| {
            let (class, day) = (status_class(d.status), d.day.clone());
            let status = serde_json::to_value(d.status).ok().and_then(|v| v.as_str().map(str::to_owned));
            let d2 = d.clone();
            let title = move || cell_label(&d, lang.get());
            let label = move || cell_label(&d2, lang.get());
            view! { <li class=class data-day=day data-status=status title=title aria-label=label></li> }
        })
        .collect_view();
    let legend = [
        ChatDayStatus::Campaign,
        ChatDayStatus::AdminPosted,
        ChatDayStatus::Quiet,
        ChatDayStatus::NoData,
    ]
    .into_iter()
    .map(|s| view! { <li><span class=status_class(s)></span> {ct(status_text(s))}</li> })
    .collect_view();
    view! {
        <ol class="activity-strip">{cells}</ol>
        <ul class="strip-legend">{legend}</ul>
    }
}

const CHART_W: f64 = 600.0;
const CHART_H: f64 = 160.0;
const PAD: f64 = 28.0;

/// Members over the days (or, with no member count ever reported, the net change from
/// joins and leaves), with the group's member limit drawn as a line.
#[component]
pub fn MemberGrowth(growth: Vec<MemberGrowthPoint>, limit: u32) -> impl IntoView {
    let anchored = growth.iter().all(|p| p.members.is_some());
    let values: Vec<f64> = growth
        .iter()
        .map(|p| match p.members {
            Some(m) if anchored => f64::from(m),
            _ => f64::from(p.net_change),
        })
        .collect();
    let (low, high) = if anchored {
        let top = values.iter().copied().fold(f64::from(limit), f64::max);
        (0.0, top.max(1.0))
    } else {
        let lo = values.iter().copied().fold(0.0, f64::min);
        let hi = values.iter().copied().fold(0.0, f64::max);
        (lo, if hi > lo { hi } else { lo + 1.0 })
    };
    let n = values.len().max(2) as f64 - 1.0;
    let x = move |i: usize| PAD + (CHART_W - 2.0 * PAD) * i as f64 / n;
    let y = move |v: f64| CHART_H - PAD - (CHART_H - 2.0 * PAD) * (v - low) / (high - low);
    let points = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect::<Vec<_>>()
        .join(" ");
    let last = values.last().copied().unwrap_or(0.0);
    let first_day = growth.first().map(|p| date(&p.day)).unwrap_or_default();
    let last_day = growth.last().map(|p| date(&p.day)).unwrap_or_default();
    let limit_line = anchored.then(|| {
        let ly = y(f64::from(limit));
        view! {
            <line class="limit" x1=PAD x2=CHART_W - PAD y1=ly y2=ly></line>
            <text class="limit-label" x=CHART_W - PAD y=ly - 4.0 text-anchor="end">
                {ct(ChatText::MemberLimit)} " " {limit}
            </text>
        }
    });
    view! {
        <figure class="member-growth">
            <svg viewBox=format!("0 0 {CHART_W} {CHART_H}") role="img" aria-label=ct(ChatText::MemberGrowth)>
                <line class="axis" x1=PAD x2=CHART_W - PAD y1=CHART_H - PAD y2=CHART_H - PAD></line>
                {limit_line}
                <polyline class="series" points=points></polyline>
                <text class="axis-label" x=PAD y=CHART_H - 8.0>{first_day}</text>
                <text class="axis-label" x=CHART_W - PAD y=CHART_H - 8.0 text-anchor="end">{last_day}</text>
                <text class="value-label" x=CHART_W - PAD y=y(last) - 6.0 text-anchor="end">
                    {if anchored { format!("{last}") } else { format!("{last:+}") }}
                </text>
            </svg>
            <figcaption>
                {ct(ChatText::MemberGrowth)}
                {(!anchored).then(|| view! { <br/><span class="muted">{ct(ChatText::NetChangeOnly)}</span> })}
            </figcaption>
        </figure>
    }
}

/// The group page's panel: loads the last 30 days and shows the strip and the chart.
#[component]
pub fn ChatActivityPanel(group_id: String) -> impl IntoView {
    let view_data = Loader::new(move || api::chat_activity(group_id.clone(), 30));
    view! {
        <div class="card chat-activity">
            <h2>{ct(ChatText::ActivityTitle)}</h2>
            {move || match view_data.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(v)) => {
                    let last = v.last_upload_at.clone();
                    view! {
                        <h3>{ct(ChatText::Last30Days)}</h3>
                        <ActivityStrip days=v.days/>
                        {match last {
                            Some(at) => view! { <p class="muted">{ct(ChatText::LastUpload)} ": " {date_time(&at)}</p> }.into_any(),
                            None => view! { <p class="muted no-export">{ct(ChatText::NoExportYet)}</p> }.into_any(),
                        }}
                        <MemberGrowth growth=v.growth limit=v.member_limit/>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
