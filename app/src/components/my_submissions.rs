use leptos::prelude::*;
use prasar_core::api::ReviewOutcome;

use crate::api;
use crate::components::error_box::ErrorBox;
use crate::i18n::{tr, Text};
use crate::load::Loader;

/// The admin's own recent submissions with the review outcome and remark (for the
/// admin's page; part of the small admin bundle, so plain markup and no images).
#[component]
pub fn MySubmissions() -> impl IntoView {
    let list = Loader::new(api::my_submissions);
    view! {
        <section class="my-submissions" aria-labelledby="my-submissions-title">
            <h2 id="my-submissions-title">{tr(Text::MySubmissionsTitle)}</h2>
            {move || match list.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(mine)) if mine.items.is_empty() => {
                    view! { <p class="empty">{tr(Text::MyNoSubmissions)}</p> }.into_any()
                }
                Some(Ok(mine)) => view! {
                    <ul class="mine">
                        {mine.items.into_iter().map(|s| {
                            let (class, label) = match s.outcome {
                                None => ("outcome pending", Text::MyAwaitingReview),
                                Some(ReviewOutcome::Verified) => ("outcome verified", Text::ReviewVerified),
                                Some(ReviewOutcome::HasIssues) => ("outcome has-issues", Text::ReviewHasIssues),
                                Some(ReviewOutcome::Rejected) => ("outcome rejected", Text::ReviewRejected),
                            };
                            let time = s.submitted_at.get(11..16).unwrap_or_default().to_owned();
                            let day = s.ist_day.clone();
                            view! {
                                <li data-submission-id=s.id>
                                    <span class=class>{tr(label)}</span>
                                    <span class="when"><time datetime=s.submitted_at>{day} " " {time}</time></span>
                                    <span class="group">{s.group_name}</span>
                                    <span class="count">{s.images_received} "/" {s.image_count} " " {tr(Text::MyScreenshotsReceived)}</span>
                                    {(!s.remark.is_empty()).then(|| view! { <p class="remark">{s.remark}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
