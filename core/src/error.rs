//! Every error the API can return, with its HTTP status and its message in English and
//! Hindi, each declared once on one line (`api_errors!`, in `declare.rs`): a new error
//! cannot ship without its status or a translation.

use serde::{Deserialize, Serialize};

use crate::screenshot::{MAX_SCREENSHOT_BYTES, MAX_SIDE_PX};

api_errors! {
/// Machine-readable error code; serialised in snake_case as the `code` field.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound => 404, "There is nothing at this address.", "इस पते पर कुछ नहीं है।";
    MethodNotAllowed => 405, "This action is not allowed here.", "यहाँ यह कार्य अनुमत नहीं है।";
    InvalidId => 400, "The identifier in the address is not valid.", "पते में दी गई पहचान संख्या मान्य नहीं है।";
    InvalidDay => 400, "The date must be a real day written as YYYY-MM-DD.", "तारीख़ सही होनी चाहिए और YYYY-MM-DD रूप में लिखी हो।";
    InvalidIdempotencyKey => 400, "The upload key must be 8 to 64 letters, digits or dashes.", "अपलोड कुंजी 8 से 64 अक्षर, अंक या डैश की होनी चाहिए।";
    GroupNotFound => 404, "This WhatsApp group is not registered in Prasar.", "यह व्हाट्सऐप समूह प्रसार में पंजीकृत नहीं है।";
    SubmissionNotFound => 404, "This submission does not exist.", "यह प्रविष्टि मौजूद नहीं है।";
    EmptyUpload => 400, "The file is empty. Choose the screenshot again.", "फ़ाइल खाली है। स्क्रीनशॉट फिर से चुनें।";
    UploadTooLarge => 413, format!("The file is larger than {} MB. Send a smaller screenshot.", MAX_SCREENSHOT_BYTES / (1024 * 1024)), format!("फ़ाइल {} MB से बड़ी है। छोटा स्क्रीनशॉट भेजें।", MAX_SCREENSHOT_BYTES / (1024 * 1024));
    UnsupportedImageType => 415, "This is not a PNG, JPEG or WebP image. Send a screenshot.", "यह PNG, JPEG या WebP चित्र नहीं है। कृपया स्क्रीनशॉट भेजें।";
    TruncatedImage => 422, "The image is incomplete; the upload may have been cut off. Send it again.", "चित्र अधूरा है; शायद अपलोड बीच में कट गया। फिर से भेजें।";
    UnreadableImageDimensions => 422, "The image size could not be read from the file.", "फ़ाइल से चित्र का आकार नहीं पढ़ा जा सका।";
    ImageDimensionsTooLarge => 422, format!("The image is wider or taller than {MAX_SIDE_PX} pixels."), format!("चित्र की चौड़ाई या ऊँचाई {MAX_SIDE_PX} पिक्सेल से अधिक है।");
    StorageUnavailable => 503, "Saving failed for a moment. Nothing was stored; please try again.", "अभी सहेजना विफल रहा। कुछ भी सहेजा नहीं गया; कृपया फिर कोशिश करें।";
    Internal => 500, "Something went wrong on the server. Please try again.", "सर्वर पर कोई गड़बड़ी हुई। कृपया फिर कोशिश करें।";
    Unauthenticated => 401, "Please sign in first.", "कृपया पहले साइन इन करें।";
    InvalidCredentials => 401, "The username or password is wrong.", "उपयोगकर्ता नाम या पासवर्ड गलत है।";
    TooManyAttempts => 429, "Too many failed sign-ins. Wait 15 minutes and try again.", "बहुत अधिक असफल प्रयास। 15 मिनट रुककर फिर कोशिश करें।";
    InvalidLink => 401, "This personal link is not valid any more. Ask your officer for a new one.", "यह व्यक्तिगत लिंक अब मान्य नहीं है। अपने अधिकारी से नया लिंक माँगें।";
    Forbidden => 403, "Your role does not allow this action.", "आपकी भूमिका में यह कार्य अनुमत नहीं है।";
    CsrfFailed => 403, "The request could not be verified. Reload the page and try again.", "अनुरोध सत्यापित नहीं हो सका। पृष्ठ फिर से लोड करके कोशिश करें।";
    InvalidJson => 400, "The request is not in the expected form.", "अनुरोध अपेक्षित रूप में नहीं है।";
    SweepGraceTooShort => 400, format!("The grace period must be at least {} minutes, so that uploads still in progress are not deleted.", crate::api::SWEEP_MIN_GRACE_MINUTES), format!("छूट अवधि कम से कम {} मिनट हो, ताकि चल रहे अपलोड मिट न जाएँ।", crate::api::SWEEP_MIN_GRACE_MINUTES);
    BodyTooLarge => 413, "The request is larger than this form allows.", "अनुरोध इस फ़ॉर्म की सीमा से बड़ा है।";
    JsonRequired => 415, "The request must be sent as JSON from Prasar's own page.", "अनुरोध प्रसार के अपने पेज से JSON रूप में भेजा जाना चाहिए।";
    InvalidMobile => 422, "Enter a valid 10-digit Indian mobile number.", "10 अंकों का मान्य भारतीय मोबाइल नंबर दर्ज करें।";
    InvalidName => 422, "Enter a name of 1 to 120 characters without line breaks.", "1 से 120 अक्षरों का नाम दर्ज करें, बिना नई पंक्ति के।";
    InvalidText => 422, "A text field is too long or contains control characters.", "कोई पाठ बहुत लंबा है या उसमें नियंत्रण वर्ण हैं।";
    InvalidMemberCount => 422, "The member count must be a whole number from 0 to the group's member limit.", "सदस्य संख्या 0 से समूह की सदस्य सीमा तक की पूर्ण संख्या होनी चाहिए।";
    InvalidMemberLimit => 422, "The member limit must be a whole number from 1 to 100000.", "सदस्य सीमा 1 से 100000 तक की पूर्ण संख्या होनी चाहिए।";
    InvalidInviteLink => 422, "The invite link must look like https://chat.whatsapp.com/…", "आमंत्रण लिंक https://chat.whatsapp.com/… जैसा होना चाहिए।";
    UnitNotFound => 404, "This unit does not exist in your area.", "यह इकाई आपके क्षेत्र में मौजूद नहीं है।";
    AdminNotFound => 404, "This group admin does not exist in your area.", "यह समूह एडमिन आपके क्षेत्र में मौजूद नहीं है।";
    NoActiveAdmin => 409, "This group has no active admin to replace; assign one instead.", "इस समूह का कोई सक्रिय एडमिन नहीं है; नया एडमिन नियुक्त करें।";
    SameAdmin => 409, "The new admin is the same person as the current admin.", "नया एडमिन वर्तमान एडमिन ही है।";
    ImportFileRejected => 422, "The file could not be imported.", "फ़ाइल आयात नहीं की जा सकी।";
    ImportNotFound => 404, "This import does not exist or has expired. Upload the file again.", "यह आयात मौजूद नहीं है या समाप्त हो गया। फ़ाइल फिर से अपलोड करें।";
    ImportHasErrors => 422, "The file has row errors. Correct them and upload it again.", "फ़ाइल की पंक्तियों में त्रुटियाँ हैं। उन्हें सुधारकर फिर से अपलोड करें।";
    ImportAlreadyApplied => 409, "This import has already been applied.", "यह आयात पहले ही लागू हो चुका है।";
    ImportStale => 409, "The registry changed after this preview. Upload the file again to see a fresh preview.", "इस पूर्वावलोकन के बाद रजिस्ट्री बदल गई। नया पूर्वावलोकन देखने के लिए फ़ाइल फिर से अपलोड करें।";
    // --- admin PWA submissions ---
    InvalidImageCount => 422, format!("A submission has 1 to {} screenshots.", crate::api::MAX_IMAGES_PER_SUBMISSION), format!("एक प्रविष्टि में 1 से {} स्क्रीनशॉट होते हैं।", crate::api::MAX_IMAGES_PER_SUBMISSION);
    InvalidImagePosition => 400, "This submission has no screenshot at that place.", "इस प्रविष्टि में उस स्थान पर कोई स्क्रीनशॉट नहीं है।";
    ImageAlreadyStored => 409, "A different screenshot is already stored at this place of the submission.", "इस प्रविष्टि में इस स्थान पर दूसरा स्क्रीनशॉट पहले से सहेजा है।";
    InvalidPhash => 400, "The picture fingerprint must be 16 hexadecimal digits.", "चित्र की पहचान (फ़िंगरप्रिंट) 16 हेक्साडेसिमल अंकों की होनी चाहिए।";
    InvalidCapturedAt => 400, "The picture's date is not a valid time.", "चित्र की तारीख़ मान्य समय नहीं है।";
    InvalidCampaignItems => 422, "The list of posted campaign items is not valid.", "पोस्ट की गई अभियान सामग्री की सूची मान्य नहीं है।";
    // --- campaigns and success stories ---
    CampaignItemNotFound => 404, "This campaign item does not exist in your area.", "यह अभियान सामग्री आपके क्षेत्र में मौजूद नहीं है।";
    InvalidCampaignTitle => 422, "Enter a Hindi title of 1 to 200 characters on one line (the English title is optional, up to 200).", "1 से 200 अक्षरों का हिन्दी शीर्षक एक पंक्ति में दर्ज करें (अंग्रेज़ी शीर्षक वैकल्पिक है, अधिकतम 200)।";
    InvalidCampaignLink => 422, "The link must be a web address starting with http:// or https:// (at most 500 characters, no user name).", "लिंक http:// या https:// से शुरू होने वाला वेब पता होना चाहिए (अधिकतम 500 अक्षर, बिना उपयोगकर्ता नाम)।";
    InvalidCampaignDates => 422, "Give real start and end dates (YYYY-MM-DD): the end on or after the start and not in the past, at most a year apart.", "सही आरंभ और समाप्ति तिथि (YYYY-MM-DD) दें: समाप्ति आरंभ के बाद हो, बीती हुई न हो, और दोनों में एक वर्ष से अधिक का अंतर न हो।";
    CampaignStartsInPast => 422, "An item cannot start before today: admins could otherwise claim to have posted it on days it did not exist. Start it today or later.", "सामग्री आज से पहले शुरू नहीं हो सकती: वरना उन दिनों के लिए भी पोस्ट करने का दावा हो सकता है जब यह सामग्री थी ही नहीं। आज या बाद की तिथि चुनें।";
    InvalidCampaignArea => 422, "Target your own area, or a district, block or urban body inside it.", "अपना क्षेत्र, या उसके भीतर का कोई जिला, ब्लॉक या नगर निकाय चुनें।";
    CampaignItemWithdrawn => 409, "This campaign item has been withdrawn and can no longer be changed.", "यह अभियान सामग्री वापस ले ली गई है; अब इसे बदला नहीं जा सकता।";
    StoryNotFound => 404, "This success story does not exist in your area.", "यह सफलता की कहानी आपके क्षेत्र में मौजूद नहीं है।";
    StoryPhotoNotFound => 404, "This story has no photo at this place.", "इस कहानी में इस स्थान पर कोई फ़ोटो नहीं है।";
    InvalidStoryText => 422, "Write the story in Hindi, 1 to 5000 characters.", "कहानी हिन्दी में लिखें, 1 से 5000 अक्षर।";
    InvalidStoryScheme => 422, "Name the scheme the story is about (1 to 200 characters, one line).", "कहानी किस योजना की है, उसका नाम लिखें (1 से 200 अक्षर, एक पंक्ति)।";
    StoryConsentMissing => 422, "Confirm that the beneficiary agreed to the story and photos being shared.", "पुष्टि करें कि लाभार्थी ने कहानी और फ़ोटो साझा करने की सहमति दी है।";
    InvalidStoryPhotoCount => 422, "A story may have up to 3 photos.", "एक कहानी में अधिकतम 3 फ़ोटो हो सकते हैं।";
    StoryPhotoConflict => 409, "A different photo is already stored at this place in the story.", "कहानी में इस स्थान पर पहले से दूसरी फ़ोटो सहेजी हुई है।";
    StoryAlreadyReviewed => 409, "This story has already been reviewed.", "इस कहानी की समीक्षा पहले ही हो चुकी है।";
    StoryRemarkRequired => 422, "Write why the story is rejected (up to 1000 characters); the sender will see it.", "कहानी अस्वीकार करने का कारण लिखें (अधिकतम 1000 अक्षर); भेजने वाले को यह दिखेगा।";
    StoryNotAccepted => 409, "Only an accepted story can become a campaign item.", "केवल स्वीकृत कहानी ही अभियान सामग्री बन सकती है।";
    StoryAlreadyPromoted => 409, "This story has already been turned into a campaign item.", "यह कहानी पहले ही अभियान सामग्री बनाई जा चुकी है।";
    // --- map and reports ---
    OutlineNotGeoJson => 422, "The file is not GeoJSON: upload a FeatureCollection, Feature or geometry of polygons.", "फ़ाइल GeoJSON नहीं है: बहुभुजों (पॉलीगॉन) का FeatureCollection, Feature या ज्यामिति अपलोड करें।";
    OutlineUnsupportedGeometry => 422, "Only Polygon and MultiPolygon outlines can be drawn; points and lines cannot.", "केवल Polygon और MultiPolygon सीमाएँ बनाई जा सकती हैं; बिंदु और रेखाएँ नहीं।";
    OutlineTooComplex => 422, format!("The outline has too many areas or points (at most {} areas and {} points). Simplify it first.", crate::map::geo::MAX_FEATURES, crate::map::geo::MAX_VERTICES), format!("सीमा में बहुत अधिक क्षेत्र या बिंदु हैं (अधिकतम {} क्षेत्र और {} बिंदु)। पहले इसे सरल करें।", crate::map::geo::MAX_FEATURES, crate::map::geo::MAX_VERTICES);
    OutlineOutOfRange => 422, "The outline has coordinates outside India, or rings with fewer than three corners. Check that longitude comes before latitude (WGS84).", "सीमा के निर्देशांक भारत से बाहर हैं, या किसी घेरे में तीन से कम कोने हैं। देखें कि देशांतर अक्षांश से पहले लिखा हो (WGS84)।";
    InvalidDateRange => 400, format!("Choose dates as YYYY-MM-DD, the first not after the last, at most {} days apart.", crate::report::MAX_RANGE_DAYS), format!("तारीख़ें YYYY-MM-DD रूप में चुनें, पहली अंतिम के बाद न हो, और अंतर अधिकतम {} दिन हो।", crate::report::MAX_RANGE_DAYS);
    InvalidReportFilter => 400, "The report level, status or file format is not one of those offered.", "रिपोर्ट का स्तर, स्थिति या फ़ाइल प्रकार दिए गए विकल्पों में से नहीं है।";
    ChooseDistrict => 400, "Choose a district for this report.", "इस रिपोर्ट के लिए एक जिला चुनें।";
    // --- monitoring ---
    CheckNotFound => 404, "This check does not exist in your area.", "यह जाँच आपके क्षेत्र में मौजूद नहीं है।";
    RemarkRequired => 422, "Write a remark that tells the admin what is wrong.", "टिप्पणी लिखें, ताकि एडमिन जान सके कि क्या ठीक करना है।";
    InvalidQuery => 400, "A filter in the address is not valid (day YYYY-MM-DD, period day/week/month, days 1 to 90).", "पते में कोई फ़िल्टर मान्य नहीं है (दिन YYYY-MM-DD, अवधि day/week/month, दिन 1 से 90)।";
    CheckWithoutAdmin => 409, "This group has no active admin to contact. Assign an admin first.", "इस समूह का कोई सक्रिय एडमिन नहीं है जिससे संपर्क किया जा सके। पहले एडमिन नियुक्त करें।";
    // --- chat export activity ---
    ChatActivityNoDays => 422, "The chat activity has no days.", "चैट गतिविधि में कोई दिन नहीं है।";
    ChatActivityTooManyDays => 422, format!("Chat activity can cover at most {} days.", crate::api::MAX_CHAT_ACTIVITY_DAYS), format!("चैट गतिविधि में अधिकतम {} दिन हो सकते हैं।", crate::api::MAX_CHAT_ACTIVITY_DAYS);
    ChatActivityDayOutOfRange => 422, "A day of the chat activity is in the future or more than a year ago.", "चैट गतिविधि का कोई दिन भविष्य का है या एक साल से अधिक पुराना है।";
    ChatActivityDuplicateDay => 422, "A day appears twice in the chat activity.", "चैट गतिविधि में कोई दिन दो बार आया है।";
    ChatActivityImplausibleCounts => 422, "A day's counts are impossible (too large, or more media than messages).", "किसी दिन की गिनती असंभव है (बहुत बड़ी, या संदेशों से अधिक मीडिया)।";
    ChatActivityInvalidWindow => 400, format!("The number of days must be a whole number from 7 to {}.", crate::api::MAX_CHAT_ACTIVITY_VIEW_DAYS), format!("दिनों की संख्या 7 से {} तक की पूर्ण संख्या होनी चाहिए।", crate::api::MAX_CHAT_ACTIVITY_VIEW_DAYS);
}
}

/// The JSON body of every error response.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message_en: String,
    pub message_hi: String,
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError {
            code,
            message_en: code.message_en(),
            message_hi: code.message_hi(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_distinct_message_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let (en, hi) = (code.message_en(), code.message_hi());
            assert!(!en.is_empty() && !hi.is_empty(), "{code:?}");
            assert!(
                hi.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)),
                "{code:?}: Hindi message has no Devanagari"
            );
            assert!(seen.insert(en), "{code:?}: duplicate English message");
            assert!((400..600).contains(&code.http_status()), "{code:?}");
        }
    }

    #[test]
    fn codes_serialise_as_snake_case() {
        let body = serde_json::to_value(ApiError::from(ErrorCode::UploadTooLarge)).unwrap();
        assert_eq!(body["code"], "upload_too_large");
        assert!(body["message_en"].as_str().unwrap().contains("10 MB"));
        assert!(body["message_hi"].as_str().unwrap().contains("10 MB"));
    }
}
