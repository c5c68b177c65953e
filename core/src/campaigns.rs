//! Rules for campaign items (publicity material PR officers publish for group admins to
//! post) and success stories (sent back by admins and block officers, reviewed by PR
//! officers, and turned into campaign items).

use chrono::{Days, NaiveDate};

use crate::api::{
    CampaignItemInput, CampaignStatus, CampaignWhen, NewStory, StoryDecision, StoryReview,
    StoryStatus, StoryToItem, UnitKind, MAX_STORY_PHOTOS,
};
use crate::error::ErrorCode;
use crate::registry::{clean_name, clean_text, is_forbidden_char};
use crate::time::parse_day;

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
pub const MAX_SCHEME_CHARS: usize = 200;
pub const MAX_LINK_CHARS: usize = 500;
pub const MAX_STORY_CHARS: usize = 5000;
pub const MAX_REMARK_CHARS: usize = 1000;
/// An item runs for at most a year; a longer range is a typo in the year.
pub const MAX_CAMPAIGN_DAYS: u64 = 366;
/// Items (and stories turned into items) run for a week unless the officer says otherwise.
pub const DEFAULT_ITEM_DAYS: u64 = 7;

/// Multi-line free text: line breaks (any convention, stored as `\n`) and tabs are
/// kept; other control characters, line separators and bidirectional overrides are not.
pub fn clean_multiline(input: &str, max: usize) -> Option<String> {
    let text = input.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    let ok = text.chars().count() <= max
        && !text
            .chars()
            .any(|c| c != '\n' && c != '\t' && is_forbidden_char(c));
    ok.then(|| text.to_owned())
}

/// A link officers attach to an item: an absolute `http:` or `https:` URL with a host,
/// no user name or password (`https://gov.in@evil.example` hides the real host), at most
/// 500 characters. Returns the normalised URL; an empty input means no link.
pub fn validate_link_url(input: &str) -> Result<Option<String>, ErrorCode> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > MAX_LINK_CHARS
        || text
            .chars()
            .any(|c| c.is_whitespace() || is_forbidden_char(c))
    {
        return Err(ErrorCode::InvalidCampaignLink);
    }
    let url = url::Url::parse(text).map_err(|_| ErrorCode::InvalidCampaignLink)?;
    let host_ok = url.host_str().is_some_and(|h| !h.is_empty());
    if !matches!(url.scheme(), "http" | "https")
        || !host_ok
        || !url.username().is_empty()
        || url.password().is_some()
        || url.as_str().len() > MAX_LINK_CHARS
    {
        return Err(ErrorCode::InvalidCampaignLink);
    }
    Ok(Some(url.into()))
}

/// Units an item may target: admins of groups inside them see it.
pub fn is_campaign_area_kind(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::State | UnitKind::District | UnitKind::Block | UnitKind::Ulb
    )
}

/// Units a story may be about.
pub fn is_story_unit_kind(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::Block | UnitKind::GramPanchayat | UnitKind::Ulb | UnitKind::Ward
    )
}

/// A checked item, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCampaignItem {
    pub area_id: String,
    pub title_hi: String,
    pub title_en: String,
    pub description_hi: String,
    pub description_en: String,
    pub scheme: String,
    pub link_url: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// Checks an item's fields. `current_start` is the stored start of an item being edited
/// (`None` when creating). A new item must start today or later (`today` is the IST day):
/// an item back-dated to days before it existed would let a chat export claim it was
/// posted on those days. An edit may keep its stored range, even one that has ended, but
/// cannot move the start further into the past. The area is checked against the
/// registry later.
pub fn validate_campaign_item(
    input: &CampaignItemInput,
    today: NaiveDate,
    current_start: Option<NaiveDate>,
) -> Result<ValidCampaignItem, ErrorCode> {
    let creating = current_start.is_none();
    let title_hi =
        clean_name(&input.title_hi, MAX_TITLE_CHARS).ok_or(ErrorCode::InvalidCampaignTitle)?;
    let title_en =
        clean_text(&input.title_en, MAX_TITLE_CHARS).ok_or(ErrorCode::InvalidCampaignTitle)?;
    let description_hi = clean_multiline(&input.description_hi, MAX_DESCRIPTION_CHARS)
        .ok_or(ErrorCode::InvalidText)?;
    let description_en = clean_multiline(&input.description_en, MAX_DESCRIPTION_CHARS)
        .ok_or(ErrorCode::InvalidText)?;
    let scheme = clean_text(&input.scheme, MAX_SCHEME_CHARS).ok_or(ErrorCode::InvalidText)?;
    let link_url = validate_link_url(input.link_url.as_deref().unwrap_or(""))?;
    let (starts_on, ends_on) = validate_range(&input.starts_on, &input.ends_on)?;
    if creating && ends_on < today {
        return Err(ErrorCode::InvalidCampaignDates);
    }
    if starts_on < today && current_start.is_none_or(|c| starts_on < c) {
        return Err(ErrorCode::CampaignStartsInPast);
    }
    Ok(ValidCampaignItem {
        area_id: input.area_id.trim().to_owned(),
        title_hi,
        title_en,
        description_hi,
        description_en,
        scheme,
        link_url,
        starts_on,
        ends_on,
    })
}

fn validate_range(starts: &str, ends: &str) -> Result<(NaiveDate, NaiveDate), ErrorCode> {
    let starts = parse_day(starts.trim()).ok_or(ErrorCode::InvalidCampaignDates)?;
    let ends = parse_day(ends.trim()).ok_or(ErrorCode::InvalidCampaignDates)?;
    let longest = starts.checked_add_days(Days::new(MAX_CAMPAIGN_DAYS - 1));
    if ends < starts || longest.is_none_or(|last| ends > last) {
        return Err(ErrorCode::InvalidCampaignDates);
    }
    Ok((starts, ends))
}

/// Where an item stands on the IST day `today`.
pub fn campaign_status(
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    withdrawn: bool,
    today: NaiveDate,
) -> CampaignStatus {
    if withdrawn {
        CampaignStatus::Withdrawn
    } else if today < starts_on {
        CampaignStatus::Upcoming
    } else if today > ends_on {
        CampaignStatus::Ended
    } else {
        CampaignStatus::Active
    }
}

/// Which list filter shows an item with this status.
pub fn shown_under(status: CampaignStatus) -> CampaignWhen {
    match status {
        CampaignStatus::Active => CampaignWhen::Active,
        CampaignStatus::Upcoming => CampaignWhen::Upcoming,
        CampaignStatus::Ended | CampaignStatus::Withdrawn => CampaignWhen::Past,
    }
}

/// A checked story, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidStory {
    pub client_key: String,
    pub unit_id: String,
    pub scheme: String,
    pub text_hi: String,
    pub photo_count: u8,
}

fn has_devanagari(text: &str) -> bool {
    text.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

/// Consent first: without it nothing else matters. The text must be Hindi (contain
/// Devanagari), the scheme named, at most three photos announced.
pub fn validate_story(input: &NewStory) -> Result<ValidStory, ErrorCode> {
    if !crate::ids::is_valid_idempotency_key(&input.client_key) {
        return Err(ErrorCode::InvalidIdempotencyKey);
    }
    if !input.consent_confirmed {
        return Err(ErrorCode::StoryConsentMissing);
    }
    let text_hi = clean_multiline(&input.text_hi, MAX_STORY_CHARS)
        .filter(|t| !t.is_empty() && has_devanagari(t))
        .ok_or(ErrorCode::InvalidStoryText)?;
    let scheme =
        clean_name(&input.scheme, MAX_SCHEME_CHARS).ok_or(ErrorCode::InvalidStoryScheme)?;
    if input.photo_count > MAX_STORY_PHOTOS {
        return Err(ErrorCode::InvalidStoryPhotoCount);
    }
    Ok(ValidStory {
        client_key: input.client_key.clone(),
        unit_id: input.unit_id.trim().to_owned(),
        scheme,
        text_hi,
        photo_count: input.photo_count,
    })
}

/// The new status and remark. Only a story still waiting may be decided; a rejection
/// says why, so the sender can learn from it.
pub fn validate_review(
    current: StoryStatus,
    review: &StoryReview,
) -> Result<(StoryStatus, String), ErrorCode> {
    if current != StoryStatus::Submitted {
        return Err(ErrorCode::StoryAlreadyReviewed);
    }
    let remark = clean_multiline(&review.remark, MAX_REMARK_CHARS).ok_or(ErrorCode::InvalidText)?;
    match review.decision {
        StoryDecision::Accept => Ok((StoryStatus::Accepted, remark)),
        StoryDecision::Reject if remark.is_empty() => Err(ErrorCode::StoryRemarkRequired),
        StoryDecision::Reject => Ok((StoryStatus::Rejected, remark)),
    }
}

/// What a story needs to become a campaign item.
pub struct StoryFacts<'a> {
    pub district_id: &'a str,
    pub unit_name_hi: &'a str,
    pub unit_name_en: &'a str,
    pub scheme: &'a str,
    pub text_hi: &'a str,
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn truncate_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The item a story becomes unless the officer changes it: targeted at the story's
/// district, running for a week from `today`, titled after the scheme and the place.
pub fn draft_item_from_story(story: &StoryFacts<'_>, today: NaiveDate) -> CampaignItemInput {
    let place_hi = if story.unit_name_hi.trim().is_empty() {
        story.unit_name_en
    } else {
        story.unit_name_hi
    };
    let (starts_on, ends_on) = default_item_days(today);
    CampaignItemInput {
        area_id: story.district_id.to_owned(),
        title_hi: truncate_chars(
            &format!("सफलता की कहानी: {} — {place_hi}", story.scheme),
            MAX_TITLE_CHARS,
        ),
        title_en: truncate_chars(
            &format!("Success story from {}", story.unit_name_en),
            MAX_TITLE_CHARS,
        ),
        description_hi: truncate_chars(story.text_hi, MAX_DESCRIPTION_CHARS),
        description_en: String::new(),
        scheme: story.scheme.to_owned(),
        link_url: None,
        starts_on,
        ends_on,
    }
}

/// A new item's default days: a week from `today` (IST).
pub fn default_item_days(today: NaiveDate) -> (String, String) {
    let ends = today
        .checked_add_days(Days::new(DEFAULT_ITEM_DAYS - 1))
        .unwrap_or(today);
    (today.to_string(), ends.to_string())
}

/// The draft with the officer's changes applied.
pub fn apply_story_overrides(mut draft: CampaignItemInput, o: &StoryToItem) -> CampaignItemInput {
    let set = |field: &mut String, value: &Option<String>| {
        if let Some(v) = value {
            v.clone_into(field);
        }
    };
    set(&mut draft.area_id, &o.area_id);
    set(&mut draft.title_hi, &o.title_hi);
    set(&mut draft.title_en, &o.title_en);
    set(&mut draft.description_hi, &o.description_hi);
    set(&mut draft.description_en, &o.description_en);
    set(&mut draft.scheme, &o.scheme);
    if let Some(link) = &o.link_url {
        draft.link_url = Some(link.clone());
    }
    set(&mut draft.starts_on, &o.starts_on);
    set(&mut draft.ends_on, &o.ends_on);
    draft
}

#[cfg(test)]
mod tests;
