//! Interface text of the chat-export page and the officers' chat-activity views, in Hindi
//! and English. Kept apart from `i18n::Text` (like `campaign_text`) because the group
//! admins' first-load bundle must not carry these strings: the page runs in the lazily
//! loaded chat reader, and the activity strip only in the officials' app.

bilingual_texts! {
pub enum ChatText {
    Title => "Your group's chat activity", "आपके ग्रुप की चैट गतिविधि";
    Intro => "In WhatsApp open the group, tap ⋮ → More → Export chat → Without media, and share the file to Prasar or choose it here. The file is read on this phone: names, numbers and messages never leave it. Only the daily counts shown below are sent.", "व्हाट्सऐप में ग्रुप खोलें, ⋮ → और → चैट एक्सपोर्ट करें → बिना मीडिया दबाएँ, और फ़ाइल प्रसार पर शेयर करें या यहाँ चुनें। फ़ाइल इसी फ़ोन पर पढ़ी जाती है: नाम, नंबर और संदेश फ़ोन से बाहर नहीं जाते। केवल नीचे दिखाई गई दैनिक गिनती भेजी जाती है।";
    ChooseFile => "Exported chat (.txt or .zip)", "एक्सपोर्ट की गई चैट (.txt या .zip)";
    Reading => "Reading the file on this phone…", "फ़ाइल इसी फ़ोन पर पढ़ी जा रही है…";
    FromAndroid => "Android export", "एंड्रॉइड एक्सपोर्ट";
    FromIphone => "iPhone export", "आईफ़ोन एक्सपोर्ट";
    MessagesWord => "messages", "संदेश";
    WhoAreYou => "Which of these is you? (The names are shown only on this phone.)", "इनमें से आप कौन हैं? (नाम केवल इसी फ़ोन पर दिखते हैं।)";
    NotInList => "I am not in this list", "मैं इस सूची में नहीं हूँ";
    WillSend => "Exactly this will be sent", "ठीक यही भेजा जाएगा";
    ColDay => "Day", "दिन";
    ColYours => "Your messages", "आपके संदेश";
    ColOthers => "Others' messages", "दूसरों के संदेश";
    ColMedia => "Media (yours / others')", "मीडिया (आपके / दूसरों के)";
    ColJoined => "Joined", "जुड़े";
    ColLeft => "Left", "छोड़ा";
    ColCampaign => "Campaign items", "अभियान सामग्री";
    QuietDays => "Days without any activity, sent as zeros:", "बिना किसी गतिविधि वाले दिन, शून्य के रूप में भेजे जाएँगे:";
    OlderLeftOut => "Days older than a year, left out:", "एक साल से पुराने दिन, छोड़ दिए गए:";
    ExactData => "Show the exact data that will be sent", "भेजा जाने वाला डेटा ठीक-ठीक देखें";
    Send => "Send the counts", "गिनती भेजें";
    SentTitle => "Received, thank you.", "मिल गया, धन्यवाद।";
    DaysNew => "New days", "नए दिन";
    DaysUpdated => "Days updated", "अपडेट हुए दिन";
    DaysUnchanged => "Days already known", "पहले से दर्ज दिन";
    Another => "Send another export", "दूसरा एक्सपोर्ट भेजें";
    EngineFailed => "The chat reader could not be loaded. Check the connection and try again.", "चैट रीडर लोड नहीं हो सका। कनेक्शन जाँचकर फिर कोशिश करें।";
    NothingToSend => "The export has no days from the last year to send.", "एक्सपोर्ट में पिछले एक साल का कोई दिन भेजने के लिए नहीं है।";
    ErrEmpty => "The file is empty. Export the chat again.", "फ़ाइल खाली है। चैट फिर से एक्सपोर्ट करें।";
    ErrTooLarge => "The file is larger than 24 MB. Export the chat without media.", "फ़ाइल 24 MB से बड़ी है। चैट बिना मीडिया के एक्सपोर्ट करें।";
    ErrEncoding => "The file's characters are damaged (it is not UTF-8 text). Share the file straight from WhatsApp without opening it in another app.", "फ़ाइल के अक्षर खराब हैं (यह UTF-8 टेक्स्ट नहीं है)। फ़ाइल किसी दूसरे ऐप में खोले बिना सीधे व्हाट्सऐप से शेयर करें।";
    ErrNotExport => "This is not a WhatsApp chat export. In WhatsApp use ⋮ → More → Export chat.", "यह व्हाट्सऐप चैट एक्सपोर्ट नहीं है। व्हाट्सऐप में ⋮ → और → चैट एक्सपोर्ट करें का उपयोग करें।";
    ErrMixed => "The file mixes different date or time formats, as if several exports were joined. Share one export as WhatsApp made it.", "फ़ाइल में अलग-अलग तारीख़ या समय के प्रारूप मिले हैं, जैसे कई एक्सपोर्ट जोड़ दिए गए हों। व्हाट्सऐप का बनाया एक ही एक्सपोर्ट शेयर करें।";
    ErrZipUnreadable => "The zip file is damaged, encrypted or not a zip WhatsApp makes. Export the chat again.", "ज़िप फ़ाइल खराब है, पासवर्ड से सुरक्षित है या व्हाट्सऐप की बनाई ज़िप नहीं है। चैट फिर से एक्सपोर्ट करें।";
    ErrZipOther => "The zip file holds other files besides one chat text. Export the chat again choosing “Without media”.", "ज़िप फ़ाइल में एक चैट टेक्स्ट के अलावा दूसरी फ़ाइलें भी हैं। चैट फिर से एक्सपोर्ट करें और “बिना मीडिया” चुनें।";
    ErrZipBomb => "The zip file unpacks to more than it declares. It was not made by WhatsApp and was not read.", "ज़िप फ़ाइल खोलने पर अपने बताए आकार से बड़ी निकलती है। यह व्हाट्सऐप की बनाई नहीं है और पढ़ी नहीं गई।";
    ErrUnreadable => "The file could not be read on this phone. Choose it again.", "फ़ाइल इस फ़ोन पर पढ़ी नहीं जा सकी। उसे फिर से चुनें।";
    ActivityTitle => "Chat activity (from exported chats)", "चैट गतिविधि (एक्सपोर्ट की गई चैट से)";
    Last30Days => "Last 30 days", "पिछले 30 दिन";
    DayNoData => "No export covers this day", "इस दिन का कोई एक्सपोर्ट नहीं";
    DayQuiet => "Admin posted nothing", "एडमिन ने कुछ पोस्ट नहीं किया";
    DayAdminPosted => "Admin posted", "एडमिन ने पोस्ट किया";
    DayCampaign => "Admin posted campaign material", "एडमिन ने अभियान सामग्री पोस्ट की";
    MemberGrowth => "Members, from joins and leaves", "सदस्य, जुड़ने और छोड़ने से";
    MemberLimit => "Limit", "सीमा";
    NetChangeOnly => "No member count has been reported yet, so the chart shows the net change.", "अभी तक कोई सदस्य संख्या दर्ज नहीं हुई, इसलिए चार्ट केवल कुल बदलाव दिखाता है।";
    LastUpload => "Last export received", "अंतिम एक्सपोर्ट मिला";
    NoExportYet => "No chat export has been received for this group yet.", "इस ग्रुप का अभी तक कोई चैट एक्सपोर्ट नहीं मिला।";
    ChooseGroup => "Your WhatsApp group", "आपका व्हाट्सऐप समूह";
    ChooseGroupPlaceholder => "Choose a group…", "समूह चुनें…";
    SelectGroupFirst => "Choose your group first.", "पहले अपना समूह चुनें।";
    Sending => "Sending…", "भेजा जा रहा है…";
    NetworkError => "Could not reach the server. Check the network and try again.", "सर्वर से संपर्क नहीं हो सका। नेटवर्क जाँचें और फिर कोशिश करें।";
    Total => "Total", "कुल";
    AdminsOnly => "This page is for group admins. Open the personal link your officer sent you on WhatsApp.", "यह पृष्ठ समूह एडमिन के लिए है। अधिकारी द्वारा व्हाट्सऐप पर भेजा गया अपना व्यक्तिगत लिंक खोलें।";
}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn hindi_is_devanagari_english_is_not_and_none_repeats() {
        let devanagari = |s: &str| s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
        let mut seen = std::collections::HashSet::new();
        for t in ChatText::ALL {
            assert!(devanagari(t.get(Lang::Hi)), "{t:?}");
            assert!(!devanagari(t.get(Lang::En)), "{t:?}");
            assert!(seen.insert(t.get(Lang::En)), "{t:?} repeats");
        }
    }
}
