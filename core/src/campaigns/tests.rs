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
    for bad in ["", "   ", "पहली\nदूसरी", "\u{202e}evil", &"क".repeat(201)] {
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
