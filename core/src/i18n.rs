//! Interface text in Hindi and English. A typed key with one exhaustive `match` per
//! language makes a missing translation a compile error, and costs the WASM bundle
//! nothing beyond the strings themselves.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Hindi is the default: most group admins read it first.
    #[default]
    Hi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Hi => "hi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "hi" => Some(Lang::Hi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Hi => Lang::En,
            Lang::En => Lang::Hi,
        }
    }

    /// Picks the Hindi or English variant of a bilingual pair (names, server messages).
    pub fn pick<'a>(self, hi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Hi => hi,
            Lang::En => en,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    AppName,
    Tagline,
    /// The label of the language switch, written in the language it switches to.
    SwitchLanguage,
    NavSubmit,
    NavDashboard,
    SubmitTitle,
    SubmitIntro,
    ChooseGroup,
    ChooseGroupPlaceholder,
    ChooseImage,
    ChooseImageHint,
    SubmitButton,
    Sending,
    Sent,
    SendAnother,
    SelectGroupFirst,
    SelectImageFirst,
    LoadingGroups,
    NetworkError,
    Retry,
    GramPanchayat,
    Ward,
    DashboardTitle,
    TodaysSubmissions,
    NoSubmissionsToday,
    Refresh,
    Total,
    SubmittedAt,
    ImageSize,
    OpenFullSize,
    Loading,
    NotFoundTitle,
    GoHome,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Hi => self.hi(),
            Lang::En => self.en(),
        }
    }

    fn en(self) -> &'static str {
        use Text::*;
        match self {
            AppName => "Prasar",
            Tagline => "Daily proof that government WhatsApp groups are used",
            SwitchLanguage => "English",
            NavSubmit => "Send screenshot",
            NavDashboard => "Dashboard",
            SubmitTitle => "Today's screenshot",
            SubmitIntro => "Send a screenshot of what you posted in your group today.",
            ChooseGroup => "Your WhatsApp group",
            ChooseGroupPlaceholder => "Choose a group…",
            ChooseImage => "Screenshot",
            ChooseImageHint => "From the gallery or the camera. PNG, JPEG or WebP, up to 10 MB.",
            SubmitButton => "Send",
            Sending => "Sending…",
            Sent => "Sent. Thank you!",
            SendAnother => "Send another",
            SelectGroupFirst => "Choose your group first.",
            SelectImageFirst => "Choose a screenshot first.",
            LoadingGroups => "Loading groups…",
            NetworkError => "Could not reach the server. Check the network and try again.",
            Retry => "Try again",
            GramPanchayat => "Gram panchayat",
            Ward => "Ward",
            DashboardTitle => "Today's submissions",
            TodaysSubmissions => "Submissions on",
            NoSubmissionsToday => "No screenshots have come in yet today.",
            Refresh => "Refresh",
            Total => "Total",
            SubmittedAt => "Received",
            ImageSize => "Size",
            OpenFullSize => "Open full size",
            Loading => "Loading…",
            NotFoundTitle => "Page not found",
            GoHome => "Go to the start page",
        }
    }

    fn hi(self) -> &'static str {
        use Text::*;
        match self {
            AppName => "प्रसार",
            Tagline => "सरकारी व्हाट्सऐप समूहों के उपयोग का दैनिक प्रमाण",
            SwitchLanguage => "हिन्दी",
            NavSubmit => "स्क्रीनशॉट भेजें",
            NavDashboard => "डैशबोर्ड",
            SubmitTitle => "आज का स्क्रीनशॉट",
            SubmitIntro => "आज आपने अपने समूह में जो पोस्ट किया, उसका स्क्रीनशॉट भेजें।",
            ChooseGroup => "आपका व्हाट्सऐप समूह",
            ChooseGroupPlaceholder => "समूह चुनें…",
            ChooseImage => "स्क्रीनशॉट",
            ChooseImageHint => "गैलरी या कैमरे से। PNG, JPEG या WebP, 10 MB तक।",
            SubmitButton => "भेजें",
            Sending => "भेजा जा रहा है…",
            Sent => "भेज दिया गया। धन्यवाद!",
            SendAnother => "एक और भेजें",
            SelectGroupFirst => "पहले अपना समूह चुनें।",
            SelectImageFirst => "पहले स्क्रीनशॉट चुनें।",
            LoadingGroups => "समूह लोड हो रहे हैं…",
            NetworkError => "सर्वर से संपर्क नहीं हो सका। नेटवर्क जाँचें और फिर कोशिश करें।",
            Retry => "फिर कोशिश करें",
            GramPanchayat => "ग्राम पंचायत",
            Ward => "वार्ड",
            DashboardTitle => "आज की प्रविष्टियाँ",
            TodaysSubmissions => "प्रविष्टियाँ, दिनांक",
            NoSubmissionsToday => "आज अभी तक कोई स्क्रीनशॉट नहीं आया है।",
            Refresh => "ताज़ा करें",
            Total => "कुल",
            SubmittedAt => "प्राप्त",
            ImageSize => "आकार",
            OpenFullSize => "पूरा आकार खोलें",
            Loading => "लोड हो रहा है…",
            NotFoundTitle => "पृष्ठ नहीं मिला",
            GoHome => "मुख्य पृष्ठ पर जाएँ",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Text; 33] = {
        use Text::*;
        [
            AppName,
            Tagline,
            SwitchLanguage,
            NavSubmit,
            NavDashboard,
            SubmitTitle,
            SubmitIntro,
            ChooseGroup,
            ChooseGroupPlaceholder,
            ChooseImage,
            ChooseImageHint,
            SubmitButton,
            Sending,
            Sent,
            SendAnother,
            SelectGroupFirst,
            SelectImageFirst,
            LoadingGroups,
            NetworkError,
            Retry,
            GramPanchayat,
            Ward,
            DashboardTitle,
            TodaysSubmissions,
            NoSubmissionsToday,
            Refresh,
            Total,
            SubmittedAt,
            ImageSize,
            OpenFullSize,
            Loading,
            NotFoundTitle,
            GoHome,
        ]
    };

    fn has_devanagari(s: &str) -> bool {
        s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
    }

    #[test]
    fn hindi_text_is_devanagari_and_english_is_not() {
        for key in ALL {
            let (hi, en) = (key.get(Lang::Hi), key.get(Lang::En));
            // The language switch is labelled in the *other* language on purpose.
            if key == Text::SwitchLanguage {
                assert!(has_devanagari(hi) && !has_devanagari(en));
                continue;
            }
            assert!(has_devanagari(hi), "{key:?} lacks Hindi: {hi:?}");
            assert!(
                !has_devanagari(en),
                "{key:?} English has Devanagari: {en:?}"
            );
        }
    }

    #[test]
    fn lang_codes_round_trip_and_default_is_hindi() {
        assert_eq!(Lang::default(), Lang::Hi);
        for lang in [Lang::Hi, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::En.pick("नमस्ते", "hello"), "hello");
    }
}
