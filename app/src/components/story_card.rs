use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::api::{Story, StoryStatus};

use crate::format::{date_time, kind_label};
use prasar_core::campaign_text::CampaignText;

use crate::components::campaign_card::ct;
use crate::i18n::{pick, tr, use_lang, Text};

pub fn story_status_text(status: StoryStatus) -> Text {
    match status {
        StoryStatus::Submitted => Text::StorySubmitted,
        StoryStatus::Accepted => Text::StoryAccepted,
        StoryStatus::Rejected => Text::StoryRejected,
    }
}

/// A success story for officers: place, scheme, status, sender, the text (shortened in
/// lists), photos, the review remark and the campaign item made from it.
#[component]
pub fn StoryCard(story: Story, link: bool) -> impl IntoView {
    let lang = use_lang();
    let s = story;
    let place = pick(s.unit.name_hi.clone(), s.unit.name_en.clone());
    let kind = s.unit.kind;
    let heading = format!("{} — ", s.scheme);
    let title = if link {
        let href = format!("/stories/{}", s.id);
        view! { <h2><A href=href>{heading} {place}</A></h2> }.into_any()
    } else {
        view! { <h1>{heading} {place}</h1> }.into_any()
    };
    let text = if link && s.text_hi.chars().count() > 280 {
        let mut short: String = s.text_hi.chars().take(279).collect();
        short.push('…');
        short
    } else {
        s.text_hi.clone()
    };
    let missing = s.photos.len() < usize::from(s.photo_count);
    let photos = s
        .photos
        .iter()
        .map(|p| {
            view! {
                <a href=p.url.clone() target="_blank" rel="noopener" title=tr(Text::OpenFullSize)>
                    <img src=p.url.clone() alt="" loading="lazy" width=p.width height=p.height/>
                </a>
            }
        })
        .collect_view();
    let status_class = format!("status story-{}", s.status.as_str());
    view! {
        <article class="card story-card" data-story-id=s.id.clone()>
            <p class=status_class>{tr(story_status_text(s.status))}</p>
            {title}
            <p class="campaign-meta">
                <span>{move || kind_label(kind, lang.get())}</span>
                " · " <span>{ct(CampaignText::SentBy)} " " {s.author_name.clone()}</span>
                " · " <time datetime=s.created_at.clone()>{date_time(&s.created_at)}</time>
            </p>
            <p class="story-text" lang="hi">{text}</p>
            <div class="thumbs">{photos}</div>
            {missing.then(|| view! { <p class="hint">{ct(CampaignText::PhotosStillArriving)}</p> })}
            <p class="hint consent">"✓ " {ct(CampaignText::ConsentConfirmed)}</p>
            {(!s.review_remark.is_empty()).then(|| view! {
                <p class="remark">{ct(CampaignText::ReviewRemarkLabel)} ": " {s.review_remark.clone()}</p>
            })}
            {s.campaign_item_id.clone().map(|id| view! {
                <p><A href=format!("/campaigns/{id}") attr:class="big-link secondary">{ct(CampaignText::OpenCampaignItem)}</A></p>
            })}
        </article>
    }
}
