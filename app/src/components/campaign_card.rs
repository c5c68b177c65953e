use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::api::{CampaignItemSummary, CampaignStatus};

use crate::format::{date, kind_label};
use prasar_core::campaign_text::CampaignText;

use crate::i18n::{pick, tr, use_lang, Text};

/// A reactive officer-page text, like `i18n::tr`.
pub fn ct(text: CampaignText) -> impl Fn() -> &'static str + Copy {
    let lang = use_lang();
    move || text.get(lang.get())
}

pub fn status_text(status: CampaignStatus) -> CampaignText {
    match status {
        CampaignStatus::Active => CampaignText::StatusActive,
        CampaignStatus::Upcoming => CampaignText::StatusUpcoming,
        CampaignStatus::Ended => CampaignText::StatusEnded,
        CampaignStatus::Withdrawn => CampaignText::StatusWithdrawn,
    }
}

/// Only `http:` and `https:` links from the server become links (the worker accepts no
/// others; this keeps it so even for rows written some other way).
pub fn safe_web(url: &str) -> Option<String> {
    (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_owned())
}

/// One campaign item: title, status, area, days, scheme, description, link and image.
/// `link_title` makes the title a link to the item's page (in lists).
#[component]
pub fn CampaignCard(summary: CampaignItemSummary, link_title: bool) -> impl IntoView {
    let lang = use_lang();
    let CampaignItemSummary {
        item,
        area_kind,
        status,
        posted_groups,
        story_id,
        ..
    } = summary;
    let title = pick(item.title_hi.clone(), item.title_en.clone());
    let href = format!("/campaigns/{}", item.id);
    let heading = if link_title {
        view! { <h2><A href=href>{title}</A></h2> }.into_any()
    } else {
        view! { <h1>{title}</h1> }.into_any()
    };
    let english = (!item.title_en.is_empty() && link_title).then(|| item.title_en.clone());
    let description = pick(item.description_hi.clone(), item.description_en.clone());
    let link = item.link_url.as_deref().and_then(safe_web);
    let area = pick(item.area_name_hi.clone(), item.area_name_en.clone());
    let days = format!("{} – {}", date(&item.starts_on), date(&item.ends_on));
    let status_class = format!("status status-{status:?}").to_lowercase();
    view! {
        <article class="card campaign-card" data-item-id=item.id.clone()>
            {item.image_url.clone().map(|src| view! { <img class="campaign-image" src=src alt="" loading="lazy"/> })}
            <div class="campaign-body">
                <p class=status_class>{ct(status_text(status))}</p>
                {heading}
                {english.map(|t| view! { <p class="muted" lang="en">{t}</p> })}
                <p class="campaign-meta">
                    <span>{move || kind_label(area_kind, lang.get())} " " {area}</span>
                    " · " <span>{days}</span>
                    {(!item.scheme.is_empty()).then(|| view! { " · " <span>{tr(Text::Scheme)} ": " {item.scheme.clone()}</span> })}
                </p>
                <p class="campaign-description">{description}</p>
                {link.map(|href| view! {
                    <p><a class="campaign-link" href=href.clone() target="_blank" rel="noopener noreferrer">{href.clone()}</a></p>
                })}
                <p class="campaign-posted">
                    {ct(CampaignText::PostedByGroups)} ": " <strong class="posted-count">{posted_groups}</strong>
                    {story_id.map(|id| view! { " · " <A href=format!("/stories/{id}")>{ct(CampaignText::FromStory)}</A> })}
                </p>
            </div>
        </article>
    }
}
