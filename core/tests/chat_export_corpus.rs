//! The chat-export test corpus (`fixtures/chat_export/`, described in its README): every
//! export parses to its hand-counted aggregates, however its line endings, byte-order
//! mark or zip wrapping vary; hostile zips get their own clear refusal; and the fuzz
//! target's harness runs over the corpus and mutations of it on the stable toolchain.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use prasar_core::api::ChatCampaignItem;
use prasar_core::chat_export::zip::{crc32, extract_in_memory};
use prasar_core::chat_export::{exercise, parse, ChatExportError, ParsedChat, MAX_EXPORT_BYTES};
use serde::Deserialize;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chat_export")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn items() -> Vec<ChatCampaignItem> {
    serde_json::from_str(&fs::read_to_string(dir().join("campaign-items.json")).unwrap()).unwrap()
}

/// admin messages, other messages, admin media, other media, joins, leaves, items.
type DayRow = (u32, u32, u32, u32, u32, u32, Vec<String>);

#[derive(Deserialize)]
struct Expected {
    platform: String,
    twelve_hour: bool,
    date_order: String,
    first_day: String,
    last_day: String,
    messages: u32,
    senders: Vec<(String, u32)>,
    admin: String,
    days: BTreeMap<String, DayRow>,
}

fn fixtures() -> Vec<(String, Vec<u8>, Expected)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let expected_path = path.with_extension("expected.json");
            let expected: Expected =
                serde_json::from_str(&fs::read_to_string(&expected_path).unwrap())
                    .unwrap_or_else(|e| panic!("{expected_path:?}: {e}"));
            out.push((name, fs::read(&path).unwrap(), expected));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn check(name: &str, parsed: &ParsedChat, expected: &Expected) {
    let preview = parsed.preview();
    let json = serde_json::to_value(&preview).unwrap();
    assert_eq!(
        json["platform"],
        Value::from(expected.platform.as_str()),
        "{name}"
    );
    assert_eq!(preview.twelve_hour, expected.twelve_hour, "{name}");
    assert_eq!(
        json["date_order"],
        Value::from(expected.date_order.as_str()),
        "{name}"
    );
    assert_eq!(preview.first_day, expected.first_day, "{name}");
    assert_eq!(preview.last_day, expected.last_day, "{name}");
    assert_eq!(preview.messages, expected.messages, "{name}");
    let senders: Vec<(String, u32)> = preview
        .senders
        .iter()
        .map(|s| (s.name.clone(), s.messages))
        .collect();
    assert_eq!(senders, expected.senders, "{name}");
    let admin = preview
        .senders
        .iter()
        .find(|s| s.name == expected.admin)
        .unwrap_or_else(|| panic!("{name}: admin {} not among senders", expected.admin));
    let summary = parsed.summarise(Some(admin.index), &items(), today());
    let days: BTreeMap<String, DayRow> = summary
        .upload
        .days
        .iter()
        .map(|d| {
            (
                d.day.clone(),
                (
                    d.admin_messages,
                    d.other_messages,
                    d.admin_media,
                    d.other_media,
                    d.joins,
                    d.leaves,
                    d.campaign_item_ids.clone(),
                ),
            )
        })
        .collect();
    assert_eq!(days, expected.days, "{name}");
    assert_eq!(summary.days_left_out, 0, "{name}");
}

#[test]
fn corpus_covers_the_documented_formats() {
    let names: Vec<String> = fixtures().into_iter().map(|f| f.0).collect();
    for platform in ["android", "iphone"] {
        for lang in ["en", "hi"] {
            assert!(
                names
                    .iter()
                    .any(|n| n.starts_with(&format!("{platform}-{lang}-"))),
                "no {platform} {lang} fixture"
            );
        }
        for clock in ["-12h-", "-24h-"] {
            assert!(names
                .iter()
                .any(|n| n.starts_with(platform) && n.contains(clock)));
        }
    }
    for order in ["-dmy", "-mdy", "-ymd"] {
        assert!(
            names.iter().any(|n| n.contains(order)),
            "no {order} fixture"
        );
    }
}

#[test]
fn every_fixture_parses_to_its_hand_counted_aggregates() {
    for (name, bytes, expected) in fixtures() {
        let parsed = parse(bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        check(&name, &parsed, &expected);
    }
}

#[test]
fn line_endings_marks_and_trailing_newline_do_not_change_anything() {
    for (name, bytes, expected) in fixtures() {
        let text = String::from_utf8(bytes).unwrap();
        let bare = text.trim_start_matches('\u{FEFF}').replace("\r\n", "\n");
        let variants = [
            bare.clone(),
            bare.replace('\n', "\r\n"),
            format!("\u{FEFF}{bare}"),
            bare.trim_end().to_owned(),
            format!("{bare}\n\n"),
        ];
        for (i, v) in variants.into_iter().enumerate() {
            let parsed = parse(v.into_bytes()).unwrap_or_else(|e| panic!("{name} #{i}: {e:?}"));
            check(&format!("{name} variant {i}"), &parsed, &expected);
        }
        // UTF-16 with a byte-order mark, as some apps re-save text.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(bare.encode_utf16().flat_map(u16::to_le_bytes));
        check(&format!("{name} utf-16"), &parse(utf16).unwrap(), &expected);
    }
}

// ---- zip -------------------------------------------------------------------------------

struct ZipEntry<'a> {
    name: &'a str,
    data: &'a [u8],
    stored: bool,
    /// Lie about the uncompressed size in the directory (a zip bomb's trick).
    declared_size: Option<u32>,
    flags: u16,
}

impl<'a> ZipEntry<'a> {
    fn new(name: &'a str, data: &'a [u8]) -> Self {
        ZipEntry {
            name,
            data,
            stored: false,
            declared_size: None,
            flags: 0,
        }
    }
}

/// A minimal zip writer, as WhatsApp's exports are laid out (local headers, central
/// directory, end record), able to write the lies hostile files tell.
fn make_zip(entries: &[ZipEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let packed = if e.stored {
            e.data.to_vec()
        } else {
            let mut enc =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
            enc.write_all(e.data).unwrap();
            enc.finish().unwrap()
        };
        let method: u16 = if e.stored { 0 } else { 8 };
        let crc = crc32(e.data);
        let size = e.declared_size.unwrap_or(e.data.len() as u32);
        let offset = out.len() as u32;
        let name = e.name.as_bytes();
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(20u16.to_le_bytes());
        out.extend(e.flags.to_le_bytes());
        out.extend(method.to_le_bytes());
        out.extend([0u8; 4]);
        out.extend(crc.to_le_bytes());
        out.extend((packed.len() as u32).to_le_bytes());
        out.extend(size.to_le_bytes());
        out.extend((name.len() as u16).to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out.extend(name);
        out.extend(&packed);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        central.extend(e.flags.to_le_bytes());
        central.extend(method.to_le_bytes());
        central.extend([0u8; 4]);
        central.extend(crc.to_le_bytes());
        central.extend((packed.len() as u32).to_le_bytes());
        central.extend(size.to_le_bytes());
        central.extend((name.len() as u16).to_le_bytes());
        central.extend([0u8; 2 + 2 + 2 + 2 + 4]);
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// Inflates like the browser does: stop as soon as more than `limit` bytes came out.
fn inflate(data: &[u8], limit: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(data)
        .take(limit + 1)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn unzip(zip: &[u8]) -> Result<Vec<u8>, ChatExportError> {
    extract_in_memory(zip, &mut inflate)
}

fn iphone_fixture() -> (Vec<u8>, Expected) {
    fixtures()
        .into_iter()
        .find(|f| f.0 == "iphone-en-12h-dmy.txt")
        .map(|f| (f.1, f.2))
        .unwrap()
}

#[test]
fn zipped_exports_read_like_the_text() {
    let (text, expected) = iphone_fixture();
    for stored in [false, true] {
        let zip = make_zip(&[ZipEntry {
            stored,
            ..ZipEntry::new("_chat.txt", &text)
        }]);
        let inner = unzip(&zip).unwrap();
        assert_eq!(inner, text);
        check("zip", &parse(inner).unwrap(), &expected);
    }
    // A folder entry and macOS resource forks (re-zipped on a Mac) are ignored.
    let zip = make_zip(&[
        ZipEntry::new("WhatsApp Chat - GP Alsigarh/", b""),
        ZipEntry::new("WhatsApp Chat - GP Alsigarh/_chat.txt", &text),
        ZipEntry::new("__MACOSX/WhatsApp Chat - GP Alsigarh/._chat.txt", b"junk"),
    ]);
    assert_eq!(unzip(&zip).unwrap(), text);
}

#[test]
fn hostile_zips_get_clear_refusals() {
    let (text, _) = iphone_fixture();
    let photo = [0xFFu8, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    let cases: Vec<(&str, Vec<u8>, ChatExportError)> = vec![
        (
            "export with media",
            make_zip(&[
                ZipEntry::new("_chat.txt", &text),
                ZipEntry::new("00000012-PHOTO-2026-11-15-10-06-15.jpg", &photo),
            ]),
            ChatExportError::ZipOtherContents,
        ),
        (
            "a spreadsheet",
            make_zip(&[
                ZipEntry::new("[Content_Types].xml", b"<Types/>"),
                ZipEntry::new("xl/workbook.xml", b"<workbook/>"),
            ]),
            ChatExportError::ZipOtherContents,
        ),
        (
            "two chats",
            make_zip(&[ZipEntry::new("a.txt", &text), ZipEntry::new("b.txt", &text)]),
            ChatExportError::ZipOtherContents,
        ),
        (
            "empty zip",
            make_zip(&[]),
            ChatExportError::ZipOtherContents,
        ),
        (
            "bomb lying about its size",
            make_zip(&[ZipEntry {
                declared_size: Some(1000),
                ..ZipEntry::new("_chat.txt", &vec![b'a'; 5_000_000])
            }]),
            ChatExportError::ZipBomb,
        ),
        (
            "honest but too large",
            make_zip(&[ZipEntry {
                declared_size: Some(MAX_EXPORT_BYTES as u32 + 1),
                ..ZipEntry::new("_chat.txt", b"x")
            }]),
            ChatExportError::TooLarge,
        ),
        (
            "encrypted",
            make_zip(&[ZipEntry {
                flags: 1,
                ..ZipEntry::new("_chat.txt", &text)
            }]),
            ChatExportError::ZipUnreadable,
        ),
        (
            "stored size lie",
            make_zip(&[ZipEntry {
                stored: true,
                declared_size: Some(10),
                ..ZipEntry::new("_chat.txt", &text)
            }]),
            ChatExportError::ZipUnreadable,
        ),
    ];
    for (what, zip, want) in cases {
        assert_eq!(unzip(&zip), Err(want), "{what}");
    }

    let good = make_zip(&[ZipEntry::new("_chat.txt", &text)]);
    // Cut short anywhere: refused, never a panic.
    for cut in [4, 30, good.len() / 2, good.len() - 23, good.len() - 1] {
        assert!(unzip(&good[..cut]).is_err(), "cut at {cut}");
    }
    // One flipped byte in the compressed data: the checksum catches it.
    let mut damaged = good.clone();
    damaged[60] ^= 0x55;
    assert!(matches!(
        unzip(&damaged),
        Err(ChatExportError::ZipUnreadable | ChatExportError::ZipBomb)
    ));
}

// ---- the fuzz target's harness, over the corpus -----------------------------------------

#[test]
fn fuzz_harness_over_the_corpus_and_its_mutations() {
    let items = items();
    let (text, _) = iphone_fixture();
    let mut inputs: Vec<Vec<u8>> = fixtures().into_iter().map(|f| f.1).collect();
    inputs.push(make_zip(&[ZipEntry::new("_chat.txt", &text)]));
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut runs = 0;
    for input in &inputs {
        exercise(input, &items);
        for _ in 0..200 {
            let mut m = input.clone();
            match next() % 4 {
                0 => {
                    let at = (next() % m.len() as u64) as usize;
                    m[at] = next() as u8;
                }
                1 => m.truncate((next() % m.len() as u64) as usize),
                2 => {
                    let at = (next() % m.len() as u64) as usize;
                    let from = (next() % input.len() as u64) as usize;
                    let piece: Vec<u8> = input[from..input.len().min(from + 40)].to_vec();
                    m.splice(at..at, piece);
                }
                _ => {
                    let at = (next() % m.len() as u64) as usize;
                    m.drain(at..m.len().min(at + 1 + (next() % 16) as usize));
                }
            }
            exercise(&m, &items);
            runs += 1;
        }
    }
    assert_eq!(runs, inputs.len() * 200);
}

// ---- a big export ----------------------------------------------------------------------

/// A 20,000-message Android export in Hindi over 200 days (what the browser bench parses).
fn big_export(messages: usize) -> String {
    let start = NaiveDate::from_ymd_opt(2026, 5, 11).unwrap();
    let names = ["रमेश मीणा", "सुरेश कुमार", "+91 98290 12345", "गीता देवी"];
    let mut out = String::new();
    for i in 0..messages {
        let day = start + chrono::Days::new((i / 100) as u64);
        let (h, m) = (8 + (i % 100) / 10, (i % 10) * 5);
        let stamp = format!(
            "{}, {}:{:02}\u{202F}{} - ",
            day.format("%d/%m/%y"),
            if h > 12 { h - 12 } else { h },
            m,
            if h >= 12 { "pm" } else { "am" }
        );
        let who = names[i % names.len()];
        match i % 20 {
            0 => out.push_str(&format!("{stamp}{who}: <मीडिया छोड़ा गया>\n")),
            1 => out.push_str(&format!(
                "{stamp}+91 94140 {:05} इस ग्रुप के इनवाइट लिंक से जुड़े\n",
                i % 100_000
            )),
            2 => out.push_str(&format!(
                "{stamp}{}: स्वच्छता ही सेवा अभियान 2026\nगाँव की सफ़ाई शनिवार को 🧹\n",
                names[0]
            )),
            _ => out.push_str(&format!(
                "{stamp}{who}: नमस्ते, आज ग्राम सभा की बैठक {i} बजे है। कृपया समय पर आएँ।\n"
            )),
        }
    }
    out
}

#[test]
fn a_20000_message_export_parses_with_exact_totals() {
    let text = big_export(20_000);
    let started = std::time::Instant::now();
    let parsed = parse(text.into_bytes()).unwrap();
    let preview = parsed.preview();
    let admin = preview
        .senders
        .iter()
        .find(|s| s.name == "रमेश मीणा")
        .unwrap();
    let summary = parsed.summarise(Some(admin.index), &items(), today());
    eprintln!(
        "native (debug build) parse + summary of 20,000 messages: {:?}",
        started.elapsed()
    );
    // 1,000 joins (every 20th line); the rest are messages: a quarter of them by the
    // admin, plus the 1,000 campaign posts.
    assert_eq!(summary.totals.joins, 1_000);
    assert_eq!(
        summary.totals.admin_messages + summary.totals.other_messages,
        19_000
    );
    assert_eq!(summary.totals.admin_messages, 6_000);
    assert_eq!(summary.totals.admin_media, 1_000);
    assert_eq!(summary.upload.days.len(), 200);
    // The campaign item runs 1–30 Nov; the export's last 26 days (to 26 Nov) fall inside.
    assert_eq!(summary.totals.campaign_days, 26);
}
