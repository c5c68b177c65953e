//! The map's drill-down side panel: group, admin with call and WhatsApp links, today's
//! and recent screenshots (full size on tap), and the check and review history.

use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::api::{CheckState, GroupPanel, ReviewOutcome, Submission};
use prasar_core::map::status::DayStatus;
use prasar_core::map::text::MapText;

use crate::api;
use crate::components::error_box::ErrorBox;
use crate::format::{date_time, safe_https};
use crate::i18n::{pick, tr, use_lang, Text};
use crate::load::Loader;
use crate::routes::map::{mt, status_label};

#[component]
pub fn GroupPanelView(
    id: String,
    status: RwSignal<Option<DayStatus>>,
    version: RwSignal<u32>,
    on_close: Callback<()>,
) -> impl IntoView {
    let panel = Loader::new(move || {
        // A changed map status reloads the panel: a new screenshot shows at once.
        version.track();
        api::group_panel(id.clone())
    });
    let full = RwSignal::new(None::<String>);
    let reviewed = Callback::new(move |_: ()| panel.refetch());
    view! {
        <aside class="group-panel" role="dialog" aria-modal="false">
            <button type="button" class="secondary close" on:click=move |_| on_close.run(())>{mt(MapText::Close)}</button>
            {move || match panel.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(p)) => view! { <PanelBody panel=p status full reviewed/> }.into_any(),
            }}
            {move || full.get().map(|src| view! {
                <div class="lightbox" on:click=move |_| full.set(None)>
                    <img src=src alt=""/>
                </div>
            })}
        </aside>
    }
}

pub fn outcome_text(o: ReviewOutcome) -> Text {
    match o {
        ReviewOutcome::Verified => Text::ReviewVerified,
        ReviewOutcome::HasIssues => Text::ReviewHasIssues,
        ReviewOutcome::Rejected => Text::ReviewRejected,
    }
}

#[component]
fn PanelBody(
    panel: GroupPanel,
    status: RwSignal<Option<DayStatus>>,
    full: RwSignal<Option<String>>,
    reviewed: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let p = panel;
    let name = pick(p.unit.name_hi.clone(), p.unit.name_en.clone());
    let parent = p
        .parent
        .clone()
        .map(|u| pick(u.name_hi.clone(), u.name_en.clone()));
    let today: Vec<Submission> = p
        .submissions
        .iter()
        .filter(|s| s.ist_day == p.today)
        .cloned()
        .collect();
    let earlier: Vec<Submission> = p
        .submissions
        .iter()
        .filter(|s| s.ist_day != p.today)
        .cloned()
        .collect();
    let admin = match p.admin.clone() {
        Some(a) => {
            let whatsapp = p.whatsapp_url.clone().and_then(|u| safe_https(&u));
            view! {
                <div class="panel-admin">
                    <p><strong class="admin-name">{a.name.clone()}</strong>
                        {(!a.designation.is_empty()).then(|| format!(" · {}", a.designation))}</p>
                    <p class="mobile">{a.mobile.clone()}</p>
                    <p class="contact">
                        {p.call_url.clone().map(|href| view! { <a class="button call" href=href>{mt(MapText::Call)}</a> })}
                        {whatsapp.map(|href| view! { <a class="button whatsapp" href=href target="_blank" rel="noopener">{mt(MapText::WhatsApp)}</a> })}
                    </p>
                </div>
            }
            .into_any()
        }
        None => view! { <p class="panel-admin none">{mt(MapText::NoAdmin)}</p> }.into_any(),
    };
    let members = match p.member_count {
        Some(n) => format!("{n} / {}", p.member_limit),
        None => format!("– / {}", p.member_limit),
    };
    let checks = if p.checks.is_empty() {
        view! { <p class="hint">{mt(MapText::NoChecks)}</p> }.into_any()
    } else {
        p.checks
            .iter()
            .map(|c| {
                let level = if c.level == "collector" { Text::MonLevelCollector } else { Text::MonLevelNodal };
                let state = match c.state {
                    CheckState::Pending => Text::MonStatePending,
                    CheckState::Submitted => Text::MonStateSubmitted,
                    CheckState::Late => Text::MonStateLate,
                    CheckState::Overdue => Text::MonStateOverdue,
                };
                view! {
                    <li data-check-id=c.id.clone()>
                        {date_time(&c.day)} " · " {tr(level)} " · " {tr(Text::MonDeadline)} " " {date_time(&c.deadline)}
                        " · " <strong>{tr(state)}</strong> " · " {tr(Text::MonCalls)} ": " {c.calls}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let reviews = if p.reviews.is_empty() {
        view! { <p class="hint">{mt(MapText::NoReviews)}</p> }.into_any()
    } else {
        p.reviews
            .iter()
            .map(|r| {
                view! {
                    <li data-submission-id=r.submission_id.clone()>
                        {date_time(&r.reviewed_at)} " · " <strong>{tr(outcome_text(r.outcome))}</strong>
                        {(!r.remark.is_empty()).then(|| format!(" · {}", r.remark))}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let may_review = p.may_review;
    view! {
        <h2 class="panel-title">{name}</h2>
        <p class="panel-sub">
            {parent.map(|p| view! { <span>{p}</span> " · " })}
            <span class="status-badge" data-status=move || status.get().map(|s| s.as_str()).unwrap_or_default()>
                {move || status.get().map(|s| status_label(s, lang.get())).unwrap_or_default()}
            </span>
        </p>
        {admin}
        <p class="panel-members">{mt(MapText::Members)} ": " {members}</p>
        <h3>{mt(MapText::TodaysScreenshots)}</h3>
        <Gallery submissions=today full may_review reviewed/>
        <h3>{mt(MapText::RecentReports)}</h3>
        {if earlier.is_empty() {
            view! { <p class="hint">{mt(MapText::NoRecentReports)}</p> }.into_any()
        } else {
            view! { <Gallery submissions=earlier full may_review reviewed/> }.into_any()
        }}
        <p class="hint">{mt(MapText::TapForFullSize)}</p>
        <h3>{mt(MapText::Checks)}</h3>
        <ul class="history checks">{checks}</ul>
        <h3>{mt(MapText::Reviews)}</h3>
        <ul class="history reviews">{reviews}</ul>
        <p><A href=format!("/groups/{}", p.group_id)>{mt(MapText::OpenGroupPage)}</A></p>
    }
}

/// Thumbnails per report, newest first; a tap shows the screenshot full size. Reviewers
/// judge each report here (monitoring's `POST /api/submissions/:id/reviews`).
#[component]
fn Gallery(
    submissions: Vec<Submission>,
    full: RwSignal<Option<String>>,
    may_review: bool,
    reviewed: Callback<()>,
) -> impl IntoView {
    if submissions.is_empty() {
        return view! { <p class="hint empty-gallery">"—"</p> }.into_any();
    }
    submissions
        .into_iter()
        .map(|s| {
            let when = date_time(&s.submitted_at);
            let thumbs = s
                .images
                .iter()
                .map(|i| {
                    let src = i.image_url.clone();
                    let open = src.clone();
                    view! {
                        <button type="button" class="thumb" on:click=move |_| full.set(Some(open.clone()))>
                            <img src=src alt=mt(MapText::ScreenshotOf) loading="lazy" width=i.width height=i.height/>
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="gallery" data-submission-id=s.id.clone()>
                    <p class="when"><time datetime=s.submitted_at.clone()>{when}</time></p>
                    <div class="thumbs">{thumbs}</div>
                    {may_review.then(|| view! { <ReviewForm submission_id=s.id.clone() reviewed/> })}
                </div>
            }
        })
        .collect_view()
        .into_any()
}

/// Verified / has issues / rejected with a remark (required for the last two).
#[component]
fn ReviewForm(submission_id: String, reviewed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    // Nothing is pre-selected: a screenshot nobody has looked at must not be one click
    // from "verified".
    let outcome = RwSignal::new(None::<ReviewOutcome>);
    let remark = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let unchosen = RwSignal::new(false);
    let failure = RwSignal::new(None::<api::ApiFailure>);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let Some(chosen) = outcome.get_untracked() else {
            unchosen.set(true);
            return;
        };
        unchosen.set(false);
        busy.set(true);
        let id = submission_id.clone();
        leptos::task::spawn_local(async move {
            match api::map_review(id, chosen, remark.get_untracked()).await {
                Ok(()) => reviewed.run(()),
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="review-form" on:submit=submit>
            <div class="outcomes" role="radiogroup" aria-label=tr(Text::ReviewDecision)>
                {ReviewOutcome::ALL.into_iter().map(|o| view! {
                    <label class=format!("outcome {}", o.as_str())>
                        <input type="radio" value=o.as_str() prop:checked=move || outcome.get() == Some(o)
                            on:change=move |_| { outcome.set(Some(o)); unchosen.set(false); }/>
                        {tr(outcome_text(o))}
                    </label>
                }).collect_view()}
            </div>
            <input type="text" class="remark" maxlength="500" placeholder=move || Text::MonRemark.get(lang.get())
                prop:value=move || remark.get() on:input=move |ev| remark.set(event_target_value(&ev))/>
            <button type="submit" class="secondary save-review" disabled=move || busy.get()>{tr(Text::ReviewSave)}</button>
            {move || unchosen.get().then(|| view! { <p class="error" role="alert">{tr(Text::MonChooseOutcome)}</p> })}
            {move || failure.get().map(|failure| view! { <ErrorBox failure/> })}
        </form>
    }
}
