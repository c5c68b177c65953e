use super::*;
use proptest::prelude::*;

fn parsed(text: &str) -> ParsedChat {
    parse(text.as_bytes().to_vec()).unwrap()
}

fn day(s: &str) -> NaiveDate {
    crate::time::parse_day(s).unwrap()
}

fn sender_index(p: &ParsedChat, name: &str) -> u32 {
    p.preview()
        .senders
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no sender {name}"))
        .index
}

#[test]
fn multi_line_messages_belong_to_their_sender() {
    let p = parsed(
        "12/01/24, 9:15 pm - Ramesh: line one\nline two\n13/01/24, 8:00 am - Suresh: hi\n\nstill Suresh\n",
    );
    let r = &p.records;
    assert_eq!(r.len(), 2);
    assert_eq!(
        &p.text[r[0].start as usize..r[0].end as usize],
        "line one\nline two"
    );
    assert_eq!(
        &p.text[r[1].start as usize..r[1].end as usize],
        "hi\n\nstill Suresh"
    );
    assert_eq!(p.date_order, DateOrder::DayMonthYear);
    assert!(p.twelve_hour);
}

#[test]
fn a_sender_line_whose_text_starts_on_the_next_line() {
    let p = parsed("12/01/24, 21:15 - Ramesh:\nfirst\nsecond\n12/01/24, 21:16 - Suresh: x\n");
    let r = &p.records[0];
    assert_eq!(&p.text[r.start as usize..r.end as usize], "\nfirst\nsecond");
    assert_eq!(p.preview().senders.len(), 2);
}

#[test]
fn date_order_is_read_from_the_whole_file() {
    // Only the third line shows that the first number is the month.
    let p = parsed(
        "1/2/24, 10:00 - A: x\n1/5/24, 10:00 - A: x\n1/13/24, 10:00 - A: x\n2/1/24, 10:00 - A: x\n",
    );
    assert_eq!(p.date_order, DateOrder::MonthDayYear);
    assert_eq!(p.first_day(), day("2024-01-02"));
    assert_eq!(p.last_day(), day("2024-02-01"));
    // All numbers ≤ 12: the order that runs forward in time wins.
    let p = parsed("11/12/24, 10:00 - A: x\n12/12/24, 10:00 - A: x\n1/1/25, 10:00 - A: x\n");
    assert_eq!(p.date_order, DateOrder::DayMonthYear);
    let p = parsed("1/2/25, 10:00 - A: x\n1/3/25, 10:00 - A: x\n2/1/25, 10:00 - A: x\n");
    assert_eq!(p.date_order, DateOrder::MonthDayYear);
}

#[test]
fn conflicting_dates_or_layouts_are_mixed_formats() {
    let both = "13/01/24, 10:00 - A: x\n01/13/24, 10:00 - A: x\n";
    assert_eq!(
        parse(both.into()).err(),
        Some(ChatExportError::MixedFormats)
    );
    let mut joined = String::new();
    for i in 1..=10 {
        joined.push_str(&format!("{i:02}/01/24, 10:00 - A: x\n"));
        joined.push_str(&format!("[{i:02}/01/24, 10:00:00] B: y\n"));
    }
    assert_eq!(
        parse(joined.into()).err(),
        Some(ChatExportError::MixedFormats)
    );
}

#[test]
fn a_line_in_another_format_inside_a_message_is_text() {
    let p = parsed(
        "12/01/24, 21:15 - A: forwarded:\n[11/01/24, 10:00:00] X: old\n12/01/24, 21:16 - B: ok\n",
    );
    assert_eq!(p.records.len(), 2);
    assert!(p.text[p.records[0].start as usize..p.records[0].end as usize].contains("X: old"));
}

#[test]
fn not_chat_exports() {
    for text in [
        "Dear sir,\nplease find the list.\n12/01/24, 9:15 pm - A: x\n",
        "name,mobile\nRamesh,9829012345\n",
        "\u{FEFF}\n\n",
    ] {
        let err = parse(text.into()).err();
        assert!(
            matches!(
                err,
                Some(ChatExportError::NotAChatExport | ChatExportError::Empty)
            ),
            "{text:?}: {err:?}"
        );
    }
}

#[test]
fn iphone_group_name_is_not_a_sender() {
    let p = parsed(concat!(
        "\u{FEFF}[12/01/24, 9:00:00 AM] GP Alsigarh: \u{200E}Messages and calls are end-to-end encrypted.\r\n",
        "[12/01/24, 9:01:00 AM] GP Alsigarh: \u{200E}Ramesh added Suresh and Mahesh\r\n",
        "[12/01/24, 9:02:00 AM] GP Alsigarh: \u{200E}Something new WhatsApp says\r\n",
        "\u{200E}[12/01/24, 9:03:00 AM] Suresh: \u{200E}image omitted\r\n",
        "[12/01/24, 9:04:00 AM] Ramesh: welcome\r\n",
    ));
    let preview = p.preview();
    let names: Vec<&str> = preview.senders.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ramesh", "Suresh"]);
    let ramesh = sender_index(&p, "Ramesh");
    let s = p.summarise(Some(ramesh), &[], day("2024-01-12"));
    let d = &s.upload.days[0];
    assert_eq!(
        (d.admin_messages, d.other_messages, d.other_media, d.joins),
        (1, 1, 1, 2)
    );
    assert_eq!(s.upload.platform, ExportPlatform::Iphone);
}

#[test]
fn summary_counts_and_quiet_days() {
    let p = parsed(concat!(
        "10/11/26, 9:00 am - Ramesh: Gram sabha tomorrow\n",
        "10/11/26, 9:05 am - Suresh: <Media omitted>\n",
        "10/11/26, 9:06 am - Suresh: This message was deleted\n",
        "10/11/26, 9:07 am - Mahesh joined using this group's invite link\n",
        "13/11/26, 6:00 pm - Ramesh: <Media omitted>\n",
        "13/11/26, 6:01 pm - Mahesh left\n",
    ));
    let ramesh = sender_index(&p, "Ramesh");
    let s = p.summarise(Some(ramesh), &[], day("2026-11-27"));
    let days: Vec<(&str, u32, u32, u32, u32, u32, u32)> = s
        .upload
        .days
        .iter()
        .map(|d| {
            (
                d.day.as_str(),
                d.admin_messages,
                d.other_messages,
                d.admin_media,
                d.other_media,
                d.joins,
                d.leaves,
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            ("2026-11-10", 1, 1, 0, 1, 1, 0),
            ("2026-11-11", 0, 0, 0, 0, 0, 0),
            ("2026-11-12", 0, 0, 0, 0, 0, 0),
            ("2026-11-13", 1, 0, 1, 0, 0, 1),
        ]
    );
    assert_eq!(s.totals.days, 4);
    // Nobody picked: everything is "others".
    let s = p.summarise(None, &[], day("2026-11-27"));
    assert_eq!(s.totals.admin_messages, 0);
    assert_eq!(s.totals.other_messages, 3);
}

#[test]
fn window_leaves_out_old_and_future_days() {
    let p = parsed("01/01/25, 10:00 - A: x\n20/11/26, 10:00 - A: y\n30/11/26, 10:00 - A: z\n");
    let s = p.summarise(Some(0), &[], day("2026-11-27"));
    assert_eq!(s.upload.days.len(), MAX_CHAT_ACTIVITY_DAYS);
    assert_eq!(s.upload.days.last().unwrap().day, "2026-11-27");
    assert_eq!(s.upload.days.first().unwrap().day, "2025-11-27");
    assert_eq!(s.days_left_out, 330);
    assert_eq!(s.totals.admin_messages, 1);
}

#[test]
fn campaign_items_match_only_the_admins_messages_on_active_days() {
    let item = ChatCampaignItem {
        id: "item-7".into(),
        title_hi: "स्वच्छ भारत मिशन ग्रामीण".into(),
        title_en: String::new(),
        description_hi: String::new(),
        description_en: String::new(),
        link_url: Some("https://swachhbharatmission.gov.in/sbmcms/index.htm".into()),
        starts_on: "2026-11-12".into(),
        ends_on: "2026-11-20".into(),
    };
    let p = parsed(concat!(
        "11/11/26, 9:00 am - Ramesh: स्वच्छ भारत मिशन (ग्रामीण)\n",
        "12/11/26, 9:00 am - Suresh: स्वच्छ भारत मिशन (ग्रामीण)\n",
        "13/11/26, 9:00 am - Ramesh: 🧹 *स्वच्छ भारत मिशन – ग्रामीण*\n",
        "13/11/26, 9:01 am - Ramesh: again स्वच्छ भारत मिशन ग्रामीण\n",
        "14/11/26, 9:00 am - Ramesh: details\nhttps://SwachhBharatMission.gov.in/sbmcms/index.htm\n",
    ));
    let ramesh = sender_index(&p, "Ramesh");
    let s = p.summarise(Some(ramesh), &[item], day("2026-11-27"));
    let matched: Vec<(&str, usize)> = s
        .upload
        .days
        .iter()
        .map(|d| (d.day.as_str(), d.campaign_item_ids.len()))
        .collect();
    assert_eq!(
        matched,
        [
            ("2026-11-11", 0),
            ("2026-11-12", 0),
            ("2026-11-13", 1),
            ("2026-11-14", 1)
        ]
    );
    assert_eq!(s.totals.campaign_days, 2);
}

#[test]
fn iso_days_parse_like_the_server() {
    for text in [
        "2026-11-27",
        "2024-02-29",
        "2026-02-30",
        "2026-2-3",
        "",
        "२०२६-११-२७",
        "2026-11-2x",
    ] {
        assert_eq!(iso_day(text), crate::time::parse_day(text), "{text:?}");
    }
    // Stricter than chrono, which reads "+202" as the year 202.
    assert_eq!(iso_day("+202-11-27"), None);
}

#[test]
fn errors_have_codes_and_messages() {
    for e in ChatExportError::ALL {
        assert_eq!(ChatExportError::from_code(e.code()), Some(e));
        assert!(!e.text().get(crate::i18n::Lang::Hi).is_empty());
        assert_ne!(
            e.text().get(crate::i18n::Lang::En),
            e.text().get(crate::i18n::Lang::Hi)
        );
    }
    assert_eq!(ChatExportError::from_code("nope"), None);
}

/// Lines that look like WhatsApp's, in every layout, with hostile pieces mixed in.
fn chat_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("12/01/24, 9:15 pm - ".to_owned()),
        Just("[12/01/24, 9:15:30\u{202F}PM] ".to_owned()),
        Just("2024-01-12, 21:15 - ".to_owned()),
        Just("१२/०१/२४, ९:१५ अपराह्न - ".to_owned()),
        Just("Ramesh: ".to_owned()),
        Just("\u{200E}".to_owned()),
        Just("<Media omitted>".to_owned()),
        Just(" added ".to_owned()),
        Just(" ने ".to_owned()),
        Just(" को जोड़ा".to_owned()),
        Just(" left".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just(": ".to_owned()),
        Just("\"".to_owned()),
        "[0-9/.:,\\[\\] -]{0,12}",
        "\\PC{0,20}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        exercise(&bytes, &[]);
    }

    #[test]
    fn never_panics_on_chat_like_text(text in chat_like()) {
        let item = ChatCampaignItem {
            id: "item-1".into(),
            title_hi: "स्वच्छ भारत मिशन ग्रामीण".into(),
            title_en: "Ramesh added you to the list".into(),
            description_hi: String::new(),
            description_en: String::new(),
            link_url: Some("https://example.gov.in/a".into()),
            starts_on: "2024-01-01".into(),
            ends_on: "2026-12-31".into(),
        };
        exercise(text.as_bytes(), &[item]);
    }
}
