use leptos::prelude::*;
use prasar_core::api::{FlagKind, ImageFlag, NewReview, ReviewItem, ReviewOutcome};

use crate::api;
use crate::components::checks_nav::{today, ChecksNav, DayPicker};
use crate::components::decision_fields::{Choices, RemarkField};
use crate::components::error_box::ErrorBox;
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::components::guard::Guard;
use crate::format::{date, date_time};
use crate::i18n::{pick, tr, Text};
use crate::load::Loader;
use crate::session::Need;

/// `/monitoring/review`: the day's submissions to verify, with flags (a reused picture
/// side by side with the earlier one, a picture taken on another day) and the history
/// of decisions.
#[component]
pub fn Review() -> impl IntoView {
    view! { <Guard need=Need::Manage><ReviewView/></Guard> }
}

#[component]
fn ReviewView() -> impl IntoView {
    let day = RwSignal::new(today());
    let all = RwSignal::new(false);
    let queue = Loader::new(move || api::review_queue(day.get(), all.get()));
    view! {
        <section class="monitoring review-page">
            <ChecksNav/>
            <h1>{tr(Text::MonReviewTitle)}</h1>
            <div class="mon-tools">
                <DayPicker day/>
                <label class="choice">
                    <input type="radio" name="review-filter" prop:checked=move || !all.get() on:change=move |_| all.set(false)/>
                    {tr(Text::ReviewPendingOnly)}
                </label>
                <label class="choice">
                    <input type="radio" name="review-filter" prop:checked=move || all.get() on:change=move |_| all.set(true)/>
                    {tr(Text::ReviewShowAll)}
                </label>
            </div>
            {move || match queue.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(q)) if q.items.is_empty() => view! { <p class="empty">{tr(Text::ReviewEmpty)}</p> }.into_any(),
                Some(Ok(q)) => view! {
                    <ul class="review-items">
                        {q.items.into_iter().map(|item| view! { <ReviewCard item/> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

pub fn outcome_label(outcome: ReviewOutcome) -> Text {
    match outcome {
        ReviewOutcome::Verified => Text::ReviewVerified,
        ReviewOutcome::HasIssues => Text::ReviewHasIssues,
        ReviewOutcome::Rejected => Text::ReviewRejected,
    }
}

fn outcome_class(outcome: ReviewOutcome) -> &'static str {
    match outcome {
        ReviewOutcome::Verified => "outcome verified",
        ReviewOutcome::HasIssues => "outcome has-issues",
        ReviewOutcome::Rejected => "outcome rejected",
    }
}

#[component]
fn ReviewCard(item: ReviewItem) -> impl IntoView {
    let item = RwSignal::new(item);
    let s = item.get_untracked().submission;
    let id = s.id.clone();
    let time = s.submitted_at.get(11..16).unwrap_or_default().to_owned();
    let alt = pick(s.group_name_hi.clone(), s.group_name_en.clone());
    let thumbs = s
        .images
        .iter()
        .map(|i| {
            let alt = alt.clone();
            view! {
                <a href=i.image_url.clone() target="_blank" rel="noopener" title=tr(Text::OpenFullSize)>
                    <img src=i.image_url.clone() alt=alt loading="lazy" width=i.width height=i.height/>
                </a>
            }
        })
        .collect_view();
    let images = s.images.clone();
    let form_id = id.clone();
    view! {
        <li class="review-item" data-submission-id=id.clone() data-group-id=s.group_id.clone()>
            <header>
                <strong>{pick(s.group_name_hi.clone(), s.group_name_en.clone())}</strong>
                <span>{tr(Text::SubmittedAt)} " " <time datetime=s.submitted_at.clone()>{time}</time></span>
                {move || item.get().checked.then(|| view! { <span class="badge checked">{tr(Text::MonDrawnForCheck)}</span> })}
                {move || item.get().reviews.first().map(|r| view! { <span class=outcome_class(r.outcome)>{tr(outcome_label(r.outcome))}</span> })}
            </header>
            <div class="thumbs">{thumbs}</div>
            {(!s.note.is_empty()).then(|| view! { <p class="note"><span>{tr(Text::MonNote)} ": "</span>{s.note.clone()}</p> })}
            {move || {
                let flags = item.get().flags;
                let images = images.clone();
                (!flags.is_empty()).then(|| view! {
                    <div class="flags">
                        {flags.into_iter().map(|f| {
                            let this = images.iter().find(|i| i.position == f.position).map(|i| i.image_url.clone());
                            view! { <Flag flag=f this_url=this/> }
                        }).collect_view()}
                    </div>
                })
            }}
            <History item/>
            <DecisionForm submission_id=form_id item/>
        </li>
    }
}

#[component]
fn Flag(flag: ImageFlag, this_url: Option<String>) -> impl IntoView {
    match flag.kind {
        FlagKind::CapturedOtherDay => view! {
            <p class="flag captured">
                <strong>{tr(Text::FlagCapturedOtherDay)}</strong> ": "
                {flag.captured_day.as_deref().map(date).unwrap_or_default()}
            </p>
        }
        .into_any(),
        FlagKind::Reused => {
            let earlier = flag.earlier.clone();
            view! {
                <div class="flag reused">
                    <p>
                        <strong>{tr(Text::FlagReused)}</strong>
                        {flag.distance.map(|d| view! { " · " {tr(Text::FlagDifference)} ": " <span class="distance">{d}</span> })}
                    </p>
                    <div class="side-by-side">
                        {earlier.map(|e| view! {
                            <figure class="earlier">
                                <a href=e.image_url.clone() target="_blank" rel="noopener">
                                    <img src=e.image_url.clone() alt=tr(Text::FlagEarlier) loading="lazy"/>
                                </a>
                                <figcaption>{tr(Text::FlagEarlier)} " · " {e.group_name.clone()} " · " {date(&e.ist_day)}</figcaption>
                            </figure>
                        })}
                        {this_url.map(|u| {
                            let src = u.clone();
                            view! {
                            <figure class="this">
                                <a href=u target="_blank" rel="noopener">
                                    <img src=src alt=tr(Text::FlagThis) loading="lazy"/>
                                </a>
                                <figcaption>{tr(Text::FlagThis)}</figcaption>
                            </figure>
                        }})}
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn History(item: RwSignal<ReviewItem>) -> impl IntoView {
    view! {
        {move || {
            let reviews = item.get().reviews;
            (!reviews.is_empty()).then(|| view! {
                <details class="history">
                    <summary>{tr(Text::ReviewHistory)} " (" {reviews.len()} ")"</summary>
                    <ol>
                        {reviews.into_iter().map(|r| view! {
                            <li>
                                <span class=outcome_class(r.outcome)>{tr(outcome_label(r.outcome))}</span>
                                " · " <time datetime=r.reviewed_at.clone()>{date_time(&r.reviewed_at)}</time>
                                " · " {r.reviewed_by}
                                {(!r.remark.is_empty()).then(|| view! { <p class="remark">{r.remark}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                </details>
            })
        }}
    }
}

#[component]
fn DecisionForm(submission_id: String, item: RwSignal<ReviewItem>) -> impl IntoView {
    let form = FormState::new();
    let outcome = RwSignal::new(None::<ReviewOutcome>);
    let remark = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let name = format!("review-{submission_id}");
    let submission_id = StoredValue::new(submission_id);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.is_busy() {
            return;
        }
        saved.set(false);
        let Some(o) = outcome.get_untracked() else {
            form.refuse(Text::MonChooseOutcome);
            return;
        };
        let text = remark.get_untracked().trim().to_owned();
        if o.needs_remark() && text.is_empty() {
            form.refuse(Text::ReviewRemarkHint);
            return;
        }
        let review = NewReview {
            outcome: o,
            remark: text,
        };
        form.send(
            api::review(submission_id.get_value(), review),
            move |updated| {
                item.set(updated);
                remark.set(String::new());
                saved.set(true);
            },
        );
    };
    view! {
        <form class="decision" on:submit=on_submit novalidate>
            <Choices legend=Text::ReviewDecision name options=&ReviewOutcome::ALL
                value=ReviewOutcome::as_str label=outcome_label chosen=outcome/>
            <RemarkField remark/>
            <p class="hint">{tr(Text::ReviewRemarkHint)}</p>
            <FormAlerts state=form/>
            {move || saved.get().then(|| view! { <p class="notice ok" role="status">{tr(Text::ReviewSaved)}</p> })}
            <button type="submit" class="primary" disabled=form.busy>{tr(Text::ReviewSave)}</button>
        </form>
    }
}
