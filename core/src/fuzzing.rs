//! Fuzz harnesses, shared by the cargo-fuzz targets in `fuzz/` (nightly, bounded runs in
//! the bench) and by `tests/fuzz_corpus.rs` (stable, the saved corpus in CI). Each one
//! feeds arbitrary bytes to a parser of untrusted input and checks the invariants the
//! worker relies on; a panic or a failed assertion is a finding.

use crate::screenshot::{validate_screenshot, MAX_SCREENSHOT_BYTES, MAX_SIDE_PX};

/// Upload validation: anything accepted is within the size and dimension limits, and
/// its reported size and hash describe exactly these bytes.
pub fn screenshot(data: &[u8]) {
    if let Ok(info) = validate_screenshot(data) {
        assert_eq!(info.bytes, data.len());
        assert!(info.bytes <= MAX_SCREENSHOT_BYTES);
        assert!(info.width >= 1 && info.width <= MAX_SIDE_PX);
        assert!(info.height >= 1 && info.height <= MAX_SIDE_PX);
        assert_eq!(info.sha256_hex, crate::screenshot::sha256_hex(data));
    }
}

/// Registry import parsing (CSV or XLSX, detected from the bytes).
pub fn import(data: &[u8]) {
    if let Ok(parsed) = crate::import::parse_import(data) {
        // Every row the parser returns came from the file: a tiny file cannot turn into
        // a huge plan (zip bombs are refused before inflating).
        assert!(parsed.rows.len() <= crate::import::MAX_DATA_ROWS as usize);
        assert!(parsed.rows.len() as u64 <= u64::from(parsed.data_rows));
    }
}

/// WhatsApp chat exports (`.txt` or `.zip`): decoding, parsing, the preview and the
/// summary for each sender, with a campaign item to match (see `chat_export::exercise`).
pub fn chat_export(data: &[u8]) {
    let items = [crate::api::ChatCampaignItem {
        id: "ci-swachh".into(),
        title_hi: "स्वच्छता ही सेवा अभियान 2026".into(),
        title_en: "Swachhata Hi Seva campaign 2026".into(),
        description_hi: String::new(),
        description_en: String::new(),
        link_url: Some("https://swachhbharatmission.gov.in/shs2026".into()),
        starts_on: "2026-01-01".into(),
        ends_on: "2026-12-31".into(),
    }];
    crate::chat_export::exercise(data, &items);
}
