//! Interface text of the map and report pages, in Hindi and English. Same design as
//! [`crate::i18n::Text`] (one exhaustive match per language), kept apart so that only
//! the officials' bundle carries it.

bilingual_texts! {
pub enum MapText {
    NavMap => "Map", "नक्शा";
    /// The audit log's actor for changes Prasar made by itself (the morning draw, the sweep).
    AuditSystem => "Prasar (automatic)", "प्रसार (स्वचालित)";
    NavReports => "Reports", "रिपोर्ट";
    MapTitle => "Today's map", "आज का नक्शा";
    MapHint => "Drag to move, use the wheel or two fingers to zoom, tap a marker for details.", "खिसकाने के लिए खींचें, ज़ूम के लिए माउस का पहिया या दो उँगलियाँ, विवरण के लिए निशान पर टैप करें।";
    Legend => "Legend", "संकेत";
    AllAreas => "All blocks and urban bodies", "सभी ब्लॉक और नगर निकाय";
    FilterArea => "Block / urban body", "ब्लॉक / नगर निकाय";
    FilterStatus => "Status", "स्थिति";
    AllStatuses => "All statuses", "सभी स्थितियाँ";
    DrawnToday => "Drawn for today's check (ringed)", "आज की जाँच के लिए चुने गए (घेरे में)";
    ApproxLocation => "Approximate location (hollow marker)", "अनुमानित स्थान (खोखला निशान)";
    WithoutLocation => "groups without a location are not drawn", "बिना स्थान वाले समूह नक्शे पर नहीं दिखते";
    ZoomIn => "Zoom in", "बड़ा करें";
    ZoomOut => "Zoom out", "छोटा करें";
    WholeArea => "Whole area", "पूरा क्षेत्र";
    UpdatedAt => "Updated", "अद्यतन";
    Reconnecting => "Connection lost; trying again…", "कनेक्शन टूट गया; फिर कोशिश हो रही है…";
    MapData => "Map data", "नक्शा डेटा";
    UploadOutlines => "Upload outlines (GeoJSON)", "सीमाएँ अपलोड करें (GeoJSON)";
    LayerDistrict => "District boundary", "जिले की सीमा";
    LayerBlocks => "Block boundaries", "ब्लॉकों की सीमाएँ";
    Upload => "Upload", "अपलोड करें";
    OutlinesSaved => "Outlines saved.", "सीमाएँ सहेजी गईं।";
    Close => "Close", "बंद करें";
    Admin => "Admin", "एडमिन";
    NoAdmin => "No active admin", "कोई सक्रिय एडमिन नहीं";
    Call => "Call", "कॉल करें";
    WhatsApp => "WhatsApp", "व्हाट्सऐप";
    Members => "Members", "सदस्य";
    TodaysScreenshots => "Today's screenshots", "आज के स्क्रीनशॉट";
    RecentReports => "Recent reports", "हाल की रिपोर्ट";
    NoRecentReports => "No reports in the last 14 days.", "पिछले 14 दिनों में कोई रिपोर्ट नहीं।";
    Checks => "Checks", "जाँचें";
    NoChecks => "No checks recorded.", "कोई जाँच दर्ज नहीं।";
    Reviews => "Reviews", "समीक्षाएँ";
    NoReviews => "No reviews yet.", "अभी कोई समीक्षा नहीं।";
    OpenGroupPage => "Open the group's page", "समूह का पेज खोलें";
    ScreenshotOf => "Screenshot", "स्क्रीनशॉट";
    TapForFullSize => "Tap a screenshot to see it full size.", "पूरे आकार में देखने के लिए स्क्रीनशॉट पर टैप करें।";
    ReportsTitle => "Reports", "रिपोर्ट";
    From => "From", "से";
    To => "To", "तक";
    Level => "Rows", "पंक्तियाँ";
    LevelBlock => "Blocks", "ब्लॉक";
    LevelUlb => "Urban bodies", "नगर निकाय";
    LevelGp => "Gram panchayats", "ग्राम पंचायतें";
    LevelWard => "Wards", "वार्ड";
    Show => "Show", "दिखाएँ";
    DownloadCsv => "Download CSV", "CSV डाउनलोड करें";
    DownloadXlsx => "Download Excel (XLSX)", "Excel (XLSX) डाउनलोड करें";
    Compliance => "Compliance", "अनुपालन";
    Trend => "Reporting rate, last 30 days", "रिपोर्टिंग दर, पिछले 30 दिन";
    League => "League table of blocks", "ब्लॉकों की रैंकिंग";
    Inactive => "Admins with no report in 7 days", "7 दिनों से बिना रिपोर्ट वाले एडमिन";
    LowMembership => "Groups below 80 % of the member limit", "सदस्य सीमा के 80 % से कम वाले समूह";
    ColName => "Name", "नाम";
    ColParent => "Block / urban body", "ब्लॉक / नगर निकाय";
    ColExpected => "Expected", "अपेक्षित";
    ColReports => "Reports", "रिपोर्ट";
    ColOnTime => "On time", "समय पर";
    ColSelfReported => "Self-reported (chat export only)", "स्व-घोषित (केवल चैट एक्सपोर्ट)";
    FailedSignInsCount => "Wrong passwords were tried on your account in the last 30 days:", "पिछले 30 दिनों में आपके खाते पर गलत पासवर्ड से प्रवेश के प्रयास:";
    FailedSignInsAdvice => "If this was not you, tell the state administrator. After 5 wrong passwords the account is locked for 15 minutes.", "यदि यह आप नहीं थे, तो राज्य प्रशासक को बताएँ। 5 गलत पासवर्ड के बाद खाता 15 मिनट के लिए बंद हो जाता है।";
    LatestAt => "latest", "अंतिम";
    ColRate => "Reporting rate", "रिपोर्टिंग दर";
    ColOnTimeRate => "On-time rate", "समय पर दर";
    ColStatus => "Status", "स्थिति";
    ColAdmin => "Admin", "एडमिन";
    ColRank => "Rank", "रैंक";
    ColMobile => "Mobile", "मोबाइल";
    ColDaysSince => "Days since last report", "अंतिम रिपोर्ट से दिन";
    Never => "never", "कभी नहीं";
    ColMembers => "Members", "सदस्य";
    ColLimit => "Limit", "सीमा";
    ColFill => "Fill", "भराव";
    NothingToShow => "Nothing to show.", "दिखाने को कुछ नहीं।";
    DailySummary => "Daily summary", "दैनिक सारांश";
    OpenDailySummary => "Printable daily summary", "छापने योग्य दैनिक सारांश";
    Print => "Print", "छापें";
    DayRate => "Reporting rate today", "आज की रिपोर्टिंग दर";
    WeekRate => "Reporting rate, last 7 days", "पिछले 7 दिनों की रिपोर्टिंग दर";
    OverdueGroups => "Overdue groups", "समय सीमा पार समूह";
    AndMore => "more not shown", "और, जो यहाँ नहीं दिखाए गए";
    Groups => "Groups", "समूह";
    Generated => "Generated", "बनाया गया";
    Total => "Total", "कुल";
    Rows => "rows", "पंक्तियाँ";
}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn hindi_is_devanagari_and_differs_from_english() {
        for &t in MapText::ALL {
            let (hi, en) = (t.get(Lang::Hi), t.get(Lang::En));
            assert!(!en.is_empty(), "{t:?}");
            assert!(
                hi.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)) || hi.contains("CSV"),
                "{t:?}: {hi}"
            );
            assert_ne!(hi, en, "{t:?}");
        }
    }
}
