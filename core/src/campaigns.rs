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
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_day(text).unwrap()
    }

    fn item() -> CampaignItemInput {
        CampaignItemInput {
            area_id: "district-108".into(),
            title_hi: " हर घर जल ".into(),
            title_en: "Water for every home".into(),
            description_hi: "पहली पंक्ति\r\nदूसरी पंक्ति".into(),
            description_en: String::new(),
            scheme: "जल जीवन मिशन".into(),
            link_url: Some("https://jaljeevanmission.gov.in/".into()),
            starts_on: "2026-11-27".into(),
            ends_on: "2026-12-03".into(),
        }
    }

    #[test]
    fn a_good_item_is_cleaned() {
        let v = validate_campaign_item(&item(), day("2026-11-27"), None).unwrap();
        assert_eq!(v.title_hi, "हर घर जल");
        assert_eq!(v.description_hi, "पहली पंक्ति\nदूसरी पंक्ति");
        assert_eq!(
            v.link_url.as_deref(),
            Some("https://jaljeevanmission.gov.in/")
        );
        assert_eq!(v.starts_on, day("2026-11-27"));
        assert_eq!(v.ends_on, day("2026-12-03"));
    }

    #[test]
    fn titles_are_required_single_line_and_bounded() {
        for bad in ["", "   ", "पहली\nदूसरी", "\u{202e}evil", &"क".repeat(201)]
        {
            let input = CampaignItemInput {
                title_hi: bad.into(),
                ..item()
            };
            assert_eq!(
                validate_campaign_item(&input, day("2026-11-27"), None),
                Err(ErrorCode::InvalidCampaignTitle),
                "{bad:?}"
            );
        }
        let long = CampaignItemInput {
            description_hi: "क".repeat(2001),
            ..item()
        };
        assert_eq!(
            validate_campaign_item(&long, day("2026-11-27"), None),
            Err(ErrorCode::InvalidText)
        );
        // Markup is text like any other: stored as typed, rendered inert by the app.
        let markup = CampaignItemInput {
            title_hi: "<script>alert(1)</script> योजना".into(),
            ..item()
        };
        assert!(validate_campaign_item(&markup, day("2026-11-27"), None).is_ok());
    }

    #[test]
    fn links_must_be_plain_web_addresses() {
        assert_eq!(validate_link_url("  "), Ok(None));
        assert_eq!(
            validate_link_url("http://example.gov.in/a?b=1#c"),
            Ok(Some("http://example.gov.in/a?b=1#c".into()))
        );
        assert_eq!(
            validate_link_url("HTTPS://Example.GOV.in"),
            Ok(Some("https://example.gov.in/".into()))
        );
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(document.cookie)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "ftp://example.org/x",
            "//example.org/x",
            "example.org",
            "https://",
            "https://gov.in@evil.example/",
            "https://user:pw@example.org/",
            "https://exa mple.org/",
            "https://example.org/\u{0000}",
        ] {
            assert_eq!(
                validate_link_url(bad),
                Err(ErrorCode::InvalidCampaignLink),
                "{bad:?}"
            );
        }
        let long = format!("https://example.org/{}", "a".repeat(490));
        assert_eq!(
            validate_link_url(&long),
            Err(ErrorCode::InvalidCampaignLink)
        );
    }

    #[test]
    fn date_ranges() {
        let today = day("2026-11-27");
        let with = |s: &str, e: &str| CampaignItemInput {
            starts_on: s.into(),
            ends_on: e.into(),
            ..item()
        };
        assert!(validate_campaign_item(&with("2026-11-27", "2026-11-27"), today, None).is_ok());
        // Back-dated items would let chat exports claim days before the item existed.
        assert_eq!(
            validate_campaign_item(&with("2026-11-01", "2026-11-27"), today, None),
            Err(ErrorCode::CampaignStartsInPast)
        );
        for (s, e) in [
            ("2026-11-28", "2026-11-27"),
            ("2026-11-01", "2026-11-26"),
            ("2026-11-27", "2027-11-28"),
            ("2026-02-30", "2026-03-01"),
            ("27/11/2026", "2026-12-01"),
            ("", ""),
        ] {
            assert_eq!(
                validate_campaign_item(&with(s, e), today, None),
                Err(ErrorCode::InvalidCampaignDates),
                "{s}..{e}"
            );
        }
        // An edit may keep a range that has ended, but not move its start back.
        let stored = Some(day("2026-11-01"));
        assert!(validate_campaign_item(&with("2026-11-01", "2026-11-26"), today, stored).is_ok());
        assert!(validate_campaign_item(&with("2026-11-05", "2026-11-30"), today, stored).is_ok());
        assert_eq!(
            validate_campaign_item(&with("2026-10-31", "2026-11-30"), today, stored),
            Err(ErrorCode::CampaignStartsInPast)
        );
        assert!(validate_campaign_item(&with("2026-11-27", "2027-11-27"), today, None).is_ok());
    }

    #[test]
    fn status_follows_ist_days() {
        let (s, e) = (day("2026-11-27"), day("2026-11-30"));
        assert_eq!(
            campaign_status(s, e, false, day("2026-11-26")),
            CampaignStatus::Upcoming
        );
        assert_eq!(
            campaign_status(s, e, false, day("2026-11-27")),
            CampaignStatus::Active
        );
        assert_eq!(
            campaign_status(s, e, false, day("2026-11-30")),
            CampaignStatus::Active
        );
        assert_eq!(
            campaign_status(s, e, false, day("2026-12-01")),
            CampaignStatus::Ended
        );
        assert_eq!(
            campaign_status(s, e, true, day("2026-11-28")),
            CampaignStatus::Withdrawn
        );
        assert_eq!(shown_under(CampaignStatus::Withdrawn), CampaignWhen::Past);
        for w in CampaignWhen::ALL {
            assert_eq!(CampaignWhen::parse(w.as_str()), Some(w));
        }
        assert_eq!(CampaignWhen::parse("all"), None);
    }

    #[test]
    fn area_kinds() {
        assert!(is_campaign_area_kind(UnitKind::Block));
        assert!(is_campaign_area_kind(UnitKind::Ulb));
        assert!(!is_campaign_area_kind(UnitKind::GramPanchayat));
        assert!(!is_campaign_area_kind(UnitKind::Ward));
        assert!(is_story_unit_kind(UnitKind::Ward));
        assert!(!is_story_unit_kind(UnitKind::District));
    }

    fn story() -> NewStory {
        NewStory {
            client_key: "story-key-0001".into(),
            unit_id: "gp-42356".into(),
            scheme: "प्रधानमंत्री आवास योजना".into(),
            text_hi: "सीता देवी को पक्का घर मिला।\nअब परिवार सुरक्षित है।".into(),
            consent_confirmed: true,
            photo_count: 2,
        }
    }

    #[test]
    fn stories_need_consent_hindi_text_a_scheme_and_few_photos() {
        let ok = validate_story(&story()).unwrap();
        assert_eq!(ok.photo_count, 2);
        assert!(ok.text_hi.contains('\n'));
        let cases = [
            (
                NewStory {
                    consent_confirmed: false,
                    ..story()
                },
                ErrorCode::StoryConsentMissing,
            ),
            (
                NewStory {
                    text_hi: "Only English here".into(),
                    ..story()
                },
                ErrorCode::InvalidStoryText,
            ),
            (
                NewStory {
                    text_hi: "  ".into(),
                    ..story()
                },
                ErrorCode::InvalidStoryText,
            ),
            (
                NewStory {
                    text_hi: "क".repeat(5001),
                    ..story()
                },
                ErrorCode::InvalidStoryText,
            ),
            (
                NewStory {
                    text_hi: "कहानी\u{0007}".into(),
                    ..story()
                },
                ErrorCode::InvalidStoryText,
            ),
            (
                NewStory {
                    scheme: "".into(),
                    ..story()
                },
                ErrorCode::InvalidStoryScheme,
            ),
            (
                NewStory {
                    photo_count: 4,
                    ..story()
                },
                ErrorCode::InvalidStoryPhotoCount,
            ),
            (
                NewStory {
                    client_key: "x".into(),
                    ..story()
                },
                ErrorCode::InvalidIdempotencyKey,
            ),
        ];
        for (input, code) in cases {
            assert_eq!(validate_story(&input), Err(code), "{input:?}");
        }
        assert!(validate_story(&NewStory {
            text_hi: "क".repeat(5000),
            ..story()
        })
        .is_ok());
    }

    #[test]
    fn reviews() {
        let accept = StoryReview {
            decision: StoryDecision::Accept,
            remark: String::new(),
        };
        let reject = StoryReview {
            decision: StoryDecision::Reject,
            remark: " ".into(),
        };
        assert_eq!(
            validate_review(StoryStatus::Submitted, &accept),
            Ok((StoryStatus::Accepted, String::new()))
        );
        assert_eq!(
            validate_review(StoryStatus::Submitted, &reject),
            Err(ErrorCode::StoryRemarkRequired)
        );
        let reasoned = StoryReview {
            remark: "फ़ोटो धुंधली है".into(),
            ..reject
        };
        assert_eq!(
            validate_review(StoryStatus::Submitted, &reasoned),
            Ok((StoryStatus::Rejected, "फ़ोटो धुंधली है".into()))
        );
        assert_eq!(
            validate_review(StoryStatus::Accepted, &accept),
            Err(ErrorCode::StoryAlreadyReviewed)
        );
        assert_eq!(
            validate_review(StoryStatus::Rejected, &reasoned),
            Err(ErrorCode::StoryAlreadyReviewed)
        );
    }

    #[test]
    fn a_story_drafts_a_valid_week_long_item_and_overrides_apply() {
        let today = day("2026-11-27");
        let long_text = "क".repeat(4000);
        let facts = StoryFacts {
            district_id: "district-108",
            unit_name_hi: "अलसीगढ़",
            unit_name_en: "Alsigarh",
            scheme: "प्रधानमंत्री आवास योजना",
            text_hi: &long_text,
        };
        let draft = draft_item_from_story(&facts, today);
        assert_eq!(draft.area_id, "district-108");
        assert_eq!(
            draft.title_hi,
            "सफलता की कहानी: प्रधानमंत्री आवास योजना — अलसीगढ़"
        );
        assert_eq!(draft.starts_on, "2026-11-27");
        assert_eq!(draft.ends_on, "2026-12-03");
        assert_eq!(draft.description_hi.chars().count(), MAX_DESCRIPTION_CHARS);
        assert!(draft.description_hi.ends_with('…'));
        assert!(validate_campaign_item(&draft, today, None).is_ok());

        let changed = apply_story_overrides(
            draft.clone(),
            &StoryToItem {
                title_hi: Some("नया शीर्षक".into()),
                area_id: Some("block-1378".into()),
                link_url: Some("https://pmayg.nic.in/".into()),
                ..Default::default()
            },
        );
        assert_eq!(changed.title_hi, "नया शीर्षक");
        assert_eq!(changed.area_id, "block-1378");
        assert_eq!(changed.description_hi, draft.description_hi);
        assert_eq!(changed.link_url.as_deref(), Some("https://pmayg.nic.in/"));
        assert_eq!(changed.scheme, draft.scheme);

        // No Hindi name recorded: the English one stands in.
        let bare = draft_item_from_story(
            &StoryFacts {
                unit_name_hi: "",
                ..facts
            },
            today,
        );
        assert!(bare.title_hi.ends_with("Alsigarh"));
    }
}
