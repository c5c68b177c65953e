//! Feeds arbitrary bytes to everything the phone does with a chat export: zip directory,
//! decoding, parsing, the preview and the summary for each sender, with campaign items to
//! match. Any panic (or an invariant the server relies on failing) is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prasar_core::api::ChatCampaignItem;

fuzz_target!(|data: &[u8]| {
    let items = [ChatCampaignItem {
        id: "ci-swachh".into(),
        title_hi: "स्वच्छता ही सेवा अभियान 2026".into(),
        title_en: "Swachhata Hi Seva campaign 2026".into(),
        description_hi: String::new(),
        description_en: String::new(),
        link_url: Some("https://swachhbharatmission.gov.in/shs2026".into()),
        starts_on: "2026-01-01".into(),
        ends_on: "2026-12-31".into(),
    }];
    prasar_core::chat_export::exercise(data, &items);
});
