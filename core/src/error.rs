//! Every error the API can return, with its HTTP status and its message in English and
//! Hindi. One exhaustive `match` per language means a new error cannot ship untranslated.

use serde::{Deserialize, Serialize};

use crate::screenshot::{MAX_SCREENSHOT_BYTES, MAX_SIDE_PX};

/// Machine-readable error code; serialised in snake_case as the `code` field.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    MethodNotAllowed,
    InvalidId,
    InvalidDay,
    InvalidIdempotencyKey,
    GroupNotFound,
    SubmissionNotFound,
    EmptyUpload,
    UploadTooLarge,
    UnsupportedImageType,
    TruncatedImage,
    UnreadableImageDimensions,
    ImageDimensionsTooLarge,
    StorageUnavailable,
    Internal,
    Unauthenticated,
    InvalidCredentials,
    TooManyAttempts,
    InvalidLink,
    Forbidden,
    CsrfFailed,
    InvalidJson,
    SweepGraceTooShort,
    BodyTooLarge,
    JsonRequired,
    InvalidMobile,
    InvalidName,
    InvalidText,
    InvalidMemberCount,
    InvalidMemberLimit,
    InvalidInviteLink,
    UnitNotFound,
    AdminNotFound,
    NoActiveAdmin,
    SameAdmin,
    ImportFileRejected,
    ImportNotFound,
    ImportHasErrors,
    ImportAlreadyApplied,
    ImportStale,
    // --- admin PWA submissions ---
    InvalidImageCount,
    InvalidImagePosition,
    ImageAlreadyStored,
    InvalidPhash,
    InvalidCapturedAt,
    InvalidCampaignItems,
    // --- campaigns and success stories ---
    CampaignItemNotFound,
    InvalidCampaignTitle,
    InvalidCampaignLink,
    InvalidCampaignDates,
    CampaignStartsInPast,
    InvalidCampaignArea,
    CampaignItemWithdrawn,
    StoryNotFound,
    StoryPhotoNotFound,
    InvalidStoryText,
    InvalidStoryScheme,
    StoryConsentMissing,
    InvalidStoryPhotoCount,
    StoryPhotoConflict,
    StoryAlreadyReviewed,
    StoryRemarkRequired,
    StoryNotAccepted,
    StoryAlreadyPromoted,
    // --- map and reports ---
    OutlineNotGeoJson,
    OutlineUnsupportedGeometry,
    OutlineTooComplex,
    OutlineOutOfRange,
    InvalidDateRange,
    InvalidReportFilter,
    ChooseDistrict,
    // --- monitoring ---
    CheckNotFound,
    RemarkRequired,
    InvalidQuery,
    CheckWithoutAdmin,
    // --- chat export activity ---
    ChatActivityNoDays,
    ChatActivityTooManyDays,
    ChatActivityDayOutOfRange,
    ChatActivityDuplicateDay,
    ChatActivityImplausibleCounts,
    ChatActivityInvalidWindow,
}

/// The JSON body of every error response.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message_en: String,
    pub message_hi: String,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 81] = [
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::InvalidId,
        ErrorCode::InvalidDay,
        ErrorCode::InvalidIdempotencyKey,
        ErrorCode::GroupNotFound,
        ErrorCode::SubmissionNotFound,
        ErrorCode::EmptyUpload,
        ErrorCode::UploadTooLarge,
        ErrorCode::UnsupportedImageType,
        ErrorCode::TruncatedImage,
        ErrorCode::UnreadableImageDimensions,
        ErrorCode::ImageDimensionsTooLarge,
        ErrorCode::StorageUnavailable,
        ErrorCode::Internal,
        ErrorCode::Unauthenticated,
        ErrorCode::InvalidCredentials,
        ErrorCode::TooManyAttempts,
        ErrorCode::InvalidLink,
        ErrorCode::Forbidden,
        ErrorCode::CsrfFailed,
        ErrorCode::InvalidJson,
        ErrorCode::BodyTooLarge,
        ErrorCode::SweepGraceTooShort,
        ErrorCode::JsonRequired,
        ErrorCode::InvalidMobile,
        ErrorCode::InvalidName,
        ErrorCode::InvalidText,
        ErrorCode::InvalidMemberCount,
        ErrorCode::InvalidMemberLimit,
        ErrorCode::InvalidInviteLink,
        ErrorCode::UnitNotFound,
        ErrorCode::AdminNotFound,
        ErrorCode::NoActiveAdmin,
        ErrorCode::SameAdmin,
        ErrorCode::ImportFileRejected,
        ErrorCode::ImportNotFound,
        ErrorCode::ImportHasErrors,
        ErrorCode::ImportAlreadyApplied,
        ErrorCode::ImportStale,
        // --- admin PWA submissions ---
        ErrorCode::InvalidImageCount,
        ErrorCode::InvalidImagePosition,
        ErrorCode::ImageAlreadyStored,
        ErrorCode::InvalidPhash,
        ErrorCode::InvalidCapturedAt,
        ErrorCode::InvalidCampaignItems,
        // --- campaigns and success stories ---
        ErrorCode::CampaignItemNotFound,
        ErrorCode::InvalidCampaignTitle,
        ErrorCode::InvalidCampaignLink,
        ErrorCode::InvalidCampaignDates,
        ErrorCode::CampaignStartsInPast,
        ErrorCode::InvalidCampaignArea,
        ErrorCode::CampaignItemWithdrawn,
        ErrorCode::StoryNotFound,
        ErrorCode::StoryPhotoNotFound,
        ErrorCode::InvalidStoryText,
        ErrorCode::InvalidStoryScheme,
        ErrorCode::StoryConsentMissing,
        ErrorCode::InvalidStoryPhotoCount,
        ErrorCode::StoryPhotoConflict,
        ErrorCode::StoryAlreadyReviewed,
        ErrorCode::StoryRemarkRequired,
        ErrorCode::StoryNotAccepted,
        ErrorCode::StoryAlreadyPromoted,
        // --- map and reports ---
        ErrorCode::OutlineNotGeoJson,
        ErrorCode::OutlineUnsupportedGeometry,
        ErrorCode::OutlineTooComplex,
        ErrorCode::OutlineOutOfRange,
        ErrorCode::InvalidDateRange,
        ErrorCode::InvalidReportFilter,
        ErrorCode::ChooseDistrict,
        // --- monitoring ---
        ErrorCode::CheckNotFound,
        ErrorCode::RemarkRequired,
        ErrorCode::InvalidQuery,
        ErrorCode::CheckWithoutAdmin,
        // --- chat export activity ---
        ErrorCode::ChatActivityNoDays,
        ErrorCode::ChatActivityTooManyDays,
        ErrorCode::ChatActivityDayOutOfRange,
        ErrorCode::ChatActivityDuplicateDay,
        ErrorCode::ChatActivityImplausibleCounts,
        ErrorCode::ChatActivityInvalidWindow,
    ];

    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            NotFound | GroupNotFound | SubmissionNotFound => 404,
            MethodNotAllowed => 405,
            InvalidId | InvalidDay | InvalidIdempotencyKey | EmptyUpload => 400,
            UploadTooLarge | BodyTooLarge => 413,
            JsonRequired => 415,
            SweepGraceTooShort => 400,
            UnsupportedImageType => 415,
            TruncatedImage | UnreadableImageDimensions | ImageDimensionsTooLarge => 422,
            StorageUnavailable => 503,
            Internal => 500,
            InvalidJson => 400,
            Unauthenticated | InvalidCredentials | InvalidLink => 401,
            Forbidden | CsrfFailed => 403,
            UnitNotFound | AdminNotFound | ImportNotFound => 404,
            NoActiveAdmin | SameAdmin | ImportAlreadyApplied | ImportStale => 409,
            InvalidMobile | InvalidName | InvalidText | InvalidMemberCount | InvalidMemberLimit
            | InvalidInviteLink | ImportFileRejected | ImportHasErrors => 422,
            TooManyAttempts => 429,
            // --- admin PWA submissions ---
            InvalidImagePosition | InvalidPhash | InvalidCapturedAt => 400,
            ImageAlreadyStored => 409,
            InvalidImageCount | InvalidCampaignItems => 422,
            // --- campaigns and success stories ---
            CampaignItemNotFound | StoryNotFound | StoryPhotoNotFound => 404,
            InvalidCampaignTitle
            | InvalidCampaignLink
            | InvalidCampaignDates
            | CampaignStartsInPast
            | InvalidCampaignArea
            | InvalidStoryText
            | InvalidStoryScheme
            | StoryConsentMissing
            | InvalidStoryPhotoCount
            | StoryRemarkRequired => 422,
            CampaignItemWithdrawn
            | StoryPhotoConflict
            | StoryAlreadyReviewed
            | StoryNotAccepted
            | StoryAlreadyPromoted => 409,
            // --- map and reports ---
            OutlineNotGeoJson
            | OutlineUnsupportedGeometry
            | OutlineTooComplex
            | OutlineOutOfRange => 422,
            InvalidDateRange | InvalidReportFilter | ChooseDistrict => 400,
            // --- monitoring ---
            CheckNotFound => 404,
            RemarkRequired => 422,
            InvalidQuery => 400,
            CheckWithoutAdmin => 409,
            // --- chat export activity ---
            ChatActivityInvalidWindow => 400,
            ChatActivityNoDays
            | ChatActivityTooManyDays
            | ChatActivityDayOutOfRange
            | ChatActivityDuplicateDay
            | ChatActivityImplausibleCounts => 422,
        }
    }

    pub fn message_en(self) -> String {
        use ErrorCode::*;
        match self {
            NotFound => "There is nothing at this address.".into(),
            MethodNotAllowed => "This action is not allowed here.".into(),
            InvalidId => "The identifier in the address is not valid.".into(),
            InvalidDay => "The date must be a real day written as YYYY-MM-DD.".into(),
            InvalidIdempotencyKey => {
                "The upload key must be 8 to 64 letters, digits or dashes.".into()
            }
            GroupNotFound => "This WhatsApp group is not registered in Prasar.".into(),
            SubmissionNotFound => "This submission does not exist.".into(),
            EmptyUpload => "The file is empty. Choose the screenshot again.".into(),
            UploadTooLarge => format!(
                "The file is larger than {} MB. Send a smaller screenshot.",
                MAX_SCREENSHOT_BYTES / (1024 * 1024)
            ),
            UnsupportedImageType => {
                "This is not a PNG, JPEG or WebP image. Send a screenshot.".into()
            }
            TruncatedImage => {
                "The image is incomplete; the upload may have been cut off. Send it again.".into()
            }
            UnreadableImageDimensions => "The image size could not be read from the file.".into(),
            ImageDimensionsTooLarge => {
                format!("The image is wider or taller than {MAX_SIDE_PX} pixels.")
            }
            StorageUnavailable => {
                "Saving failed for a moment. Nothing was stored; please try again.".into()
            }
            Internal => "Something went wrong on the server. Please try again.".into(),
            Unauthenticated => "Please sign in first.".into(),
            InvalidCredentials => "The username or password is wrong.".into(),
            TooManyAttempts => "Too many failed sign-ins. Wait 15 minutes and try again.".into(),
            InvalidLink => "This personal link is not valid any more. Ask your officer for a new one.".into(),
            Forbidden => "Your role does not allow this action.".into(),
            CsrfFailed => "The request could not be verified. Reload the page and try again.".into(),
            InvalidJson => "The request is not in the expected form.".into(),
            BodyTooLarge => "The request is larger than this form allows.".into(),
            SweepGraceTooShort => format!(
                "The grace period must be at least {} minutes, so that uploads still in progress are not deleted.",
                crate::api::SWEEP_MIN_GRACE_MINUTES
            ),
            JsonRequired => "The request must be sent as JSON from Prasar's own page.".into(),
            InvalidMobile => "Enter a valid 10-digit Indian mobile number.".into(),
            InvalidName => "Enter a name of 1 to 120 characters without line breaks.".into(),
            InvalidText => "A text field is too long or contains control characters.".into(),
            InvalidMemberCount => "The member count must be a whole number from 0 to the group's member limit.".into(),
            InvalidMemberLimit => "The member limit must be a whole number from 1 to 100000.".into(),
            InvalidInviteLink => "The invite link must look like https://chat.whatsapp.com/…".into(),
            UnitNotFound => "This unit does not exist in your area.".into(),
            AdminNotFound => "This group admin does not exist in your area.".into(),
            NoActiveAdmin => "This group has no active admin to replace; assign one instead.".into(),
            SameAdmin => "The new admin is the same person as the current admin.".into(),
            ImportFileRejected => "The file could not be imported.".into(),
            ImportNotFound => "This import does not exist or has expired. Upload the file again.".into(),
            ImportHasErrors => "The file has row errors. Correct them and upload it again.".into(),
            ImportAlreadyApplied => "This import has already been applied.".into(),
            ImportStale => "The registry changed after this preview. Upload the file again to see a fresh preview.".into(),
            // --- admin PWA submissions ---
            InvalidImageCount => format!(
                "A submission has 1 to {} screenshots.",
                crate::api::MAX_IMAGES_PER_SUBMISSION
            ),
            InvalidImagePosition => "This submission has no screenshot at that place.".into(),
            ImageAlreadyStored => {
                "A different screenshot is already stored at this place of the submission.".into()
            }
            InvalidPhash => "The picture fingerprint must be 16 hexadecimal digits.".into(),
            InvalidCapturedAt => "The picture's date is not a valid time.".into(),
            InvalidCampaignItems => "The list of posted campaign items is not valid.".into(),
            // --- campaigns and success stories ---
            CampaignItemNotFound => "This campaign item does not exist in your area.".into(),
            InvalidCampaignTitle => "Enter a Hindi title of 1 to 200 characters on one line (the English title is optional, up to 200).".into(),
            InvalidCampaignLink => "The link must be a web address starting with http:// or https:// (at most 500 characters, no user name).".into(),
            InvalidCampaignDates => "Give real start and end dates (YYYY-MM-DD): the end on or after the start and not in the past, at most a year apart.".into(),
            CampaignStartsInPast => "An item cannot start before today: admins could otherwise claim to have posted it on days it did not exist. Start it today or later.".into(),
            InvalidCampaignArea => "Target your own area, or a district, block or urban body inside it.".into(),
            CampaignItemWithdrawn => "This campaign item has been withdrawn and can no longer be changed.".into(),
            StoryNotFound => "This success story does not exist in your area.".into(),
            StoryPhotoNotFound => "This story has no photo at this place.".into(),
            InvalidStoryText => "Write the story in Hindi, 1 to 5000 characters.".into(),
            InvalidStoryScheme => "Name the scheme the story is about (1 to 200 characters, one line).".into(),
            StoryConsentMissing => "Confirm that the beneficiary agreed to the story and photos being shared.".into(),
            InvalidStoryPhotoCount => "A story may have up to 3 photos.".into(),
            StoryPhotoConflict => "A different photo is already stored at this place in the story.".into(),
            StoryAlreadyReviewed => "This story has already been reviewed.".into(),
            StoryRemarkRequired => "Write why the story is rejected (up to 1000 characters); the sender will see it.".into(),
            StoryNotAccepted => "Only an accepted story can become a campaign item.".into(),
            StoryAlreadyPromoted => "This story has already been turned into a campaign item.".into(),
            // --- map and reports ---
            OutlineNotGeoJson => "The file is not GeoJSON: upload a FeatureCollection, Feature or geometry of polygons.".into(),
            OutlineUnsupportedGeometry => "Only Polygon and MultiPolygon outlines can be drawn; points and lines cannot.".into(),
            OutlineTooComplex => format!(
                "The outline has too many areas or points (at most {} areas and {} points). Simplify it first.",
                crate::map::geo::MAX_FEATURES,
                crate::map::geo::MAX_VERTICES
            ),
            OutlineOutOfRange => "The outline has coordinates outside India, or rings with fewer than three corners. Check that longitude comes before latitude (WGS84).".into(),
            InvalidDateRange => format!(
                "Choose dates as YYYY-MM-DD, the first not after the last, at most {} days apart.",
                crate::report::MAX_RANGE_DAYS
            ),
            InvalidReportFilter => "The report level, status or file format is not one of those offered.".into(),
            ChooseDistrict => "Choose a district for this report.".into(),
            // --- monitoring ---
            CheckNotFound => "This check does not exist in your area.".into(),
            RemarkRequired => "Write a remark that tells the admin what is wrong.".into(),
            InvalidQuery => "A filter in the address is not valid (day YYYY-MM-DD, period day/week/month, days 1 to 90).".into(),
            CheckWithoutAdmin => "This group has no active admin to contact. Assign an admin first.".into(),
            // --- chat export activity ---
            ChatActivityNoDays => "The chat activity has no days.".into(),
            ChatActivityTooManyDays => format!(
                "Chat activity can cover at most {} days.",
                crate::api::MAX_CHAT_ACTIVITY_DAYS
            ),
            ChatActivityDayOutOfRange => {
                "A day of the chat activity is in the future or more than a year ago.".into()
            }
            ChatActivityDuplicateDay => "A day appears twice in the chat activity.".into(),
            ChatActivityImplausibleCounts => {
                "A day's counts are impossible (too large, or more media than messages).".into()
            }
            ChatActivityInvalidWindow => format!(
                "The number of days must be a whole number from 7 to {}.",
                crate::api::MAX_CHAT_ACTIVITY_VIEW_DAYS
            ),
        }
    }

    pub fn message_hi(self) -> String {
        use ErrorCode::*;
        match self {
            NotFound => "इस पते पर कुछ नहीं है।".into(),
            MethodNotAllowed => "यहाँ यह कार्य अनुमत नहीं है।".into(),
            InvalidId => "पते में दी गई पहचान संख्या मान्य नहीं है।".into(),
            InvalidDay => "तारीख़ सही होनी चाहिए और YYYY-MM-DD रूप में लिखी हो।".into(),
            InvalidIdempotencyKey => "अपलोड कुंजी 8 से 64 अक्षर, अंक या डैश की होनी चाहिए।".into(),
            GroupNotFound => "यह व्हाट्सऐप समूह प्रसार में पंजीकृत नहीं है।".into(),
            SubmissionNotFound => "यह प्रविष्टि मौजूद नहीं है।".into(),
            EmptyUpload => "फ़ाइल खाली है। स्क्रीनशॉट फिर से चुनें।".into(),
            UploadTooLarge => format!(
                "फ़ाइल {} MB से बड़ी है। छोटा स्क्रीनशॉट भेजें।",
                MAX_SCREENSHOT_BYTES / (1024 * 1024)
            ),
            UnsupportedImageType => "यह PNG, JPEG या WebP चित्र नहीं है। कृपया स्क्रीनशॉट भेजें।".into(),
            TruncatedImage => "चित्र अधूरा है; शायद अपलोड बीच में कट गया। फिर से भेजें।".into(),
            UnreadableImageDimensions => "फ़ाइल से चित्र का आकार नहीं पढ़ा जा सका।".into(),
            ImageDimensionsTooLarge => {
                format!("चित्र की चौड़ाई या ऊँचाई {MAX_SIDE_PX} पिक्सेल से अधिक है।")
            }
            StorageUnavailable => {
                "अभी सहेजना विफल रहा। कुछ भी सहेजा नहीं गया; कृपया फिर कोशिश करें।".into()
            }
            Internal => "सर्वर पर कोई गड़बड़ी हुई। कृपया फिर कोशिश करें।".into(),
            Unauthenticated => "कृपया पहले साइन इन करें।".into(),
            InvalidCredentials => "उपयोगकर्ता नाम या पासवर्ड गलत है।".into(),
            TooManyAttempts => "बहुत अधिक असफल प्रयास। 15 मिनट रुककर फिर कोशिश करें।".into(),
            InvalidLink => "यह व्यक्तिगत लिंक अब मान्य नहीं है। अपने अधिकारी से नया लिंक माँगें।".into(),
            Forbidden => "आपकी भूमिका में यह कार्य अनुमत नहीं है।".into(),
            CsrfFailed => "अनुरोध सत्यापित नहीं हो सका। पृष्ठ फिर से लोड करके कोशिश करें।".into(),
            InvalidJson => "अनुरोध अपेक्षित रूप में नहीं है।".into(),
            BodyTooLarge => "अनुरोध इस फ़ॉर्म की सीमा से बड़ा है।".into(),
            SweepGraceTooShort => format!(
                "छूट अवधि कम से कम {} मिनट हो, ताकि चल रहे अपलोड मिट न जाएँ।",
                crate::api::SWEEP_MIN_GRACE_MINUTES
            ),
            JsonRequired => "अनुरोध प्रसार के अपने पेज से JSON रूप में भेजा जाना चाहिए।".into(),
            InvalidMobile => "10 अंकों का मान्य भारतीय मोबाइल नंबर दर्ज करें।".into(),
            InvalidName => "1 से 120 अक्षरों का नाम दर्ज करें, बिना नई पंक्ति के।".into(),
            InvalidText => "कोई पाठ बहुत लंबा है या उसमें नियंत्रण वर्ण हैं।".into(),
            InvalidMemberCount => {
                "सदस्य संख्या 0 से समूह की सदस्य सीमा तक की पूर्ण संख्या होनी चाहिए।".into()
            }
            InvalidMemberLimit => "सदस्य सीमा 1 से 100000 तक की पूर्ण संख्या होनी चाहिए।".into(),
            InvalidInviteLink => "आमंत्रण लिंक https://chat.whatsapp.com/… जैसा होना चाहिए।".into(),
            UnitNotFound => "यह इकाई आपके क्षेत्र में मौजूद नहीं है।".into(),
            AdminNotFound => "यह समूह एडमिन आपके क्षेत्र में मौजूद नहीं है।".into(),
            NoActiveAdmin => "इस समूह का कोई सक्रिय एडमिन नहीं है; नया एडमिन नियुक्त करें।".into(),
            SameAdmin => "नया एडमिन वर्तमान एडमिन ही है।".into(),
            ImportFileRejected => "फ़ाइल आयात नहीं की जा सकी।".into(),
            ImportNotFound => "यह आयात मौजूद नहीं है या समाप्त हो गया। फ़ाइल फिर से अपलोड करें।".into(),
            ImportHasErrors => "फ़ाइल की पंक्तियों में त्रुटियाँ हैं। उन्हें सुधारकर फिर से अपलोड करें।".into(),
            ImportAlreadyApplied => "यह आयात पहले ही लागू हो चुका है।".into(),
            ImportStale => {
                "इस पूर्वावलोकन के बाद रजिस्ट्री बदल गई। नया पूर्वावलोकन देखने के लिए फ़ाइल फिर से अपलोड करें।"
                    .into()
            }
            // --- admin PWA submissions ---
            InvalidImageCount => format!(
                "एक प्रविष्टि में 1 से {} स्क्रीनशॉट होते हैं।",
                crate::api::MAX_IMAGES_PER_SUBMISSION
            ),
            InvalidImagePosition => "इस प्रविष्टि में उस स्थान पर कोई स्क्रीनशॉट नहीं है।".into(),
            ImageAlreadyStored => "इस प्रविष्टि में इस स्थान पर दूसरा स्क्रीनशॉट पहले से सहेजा है।".into(),
            InvalidPhash => "चित्र की पहचान (फ़िंगरप्रिंट) 16 हेक्साडेसिमल अंकों की होनी चाहिए।".into(),
            InvalidCapturedAt => "चित्र की तारीख़ मान्य समय नहीं है।".into(),
            InvalidCampaignItems => "पोस्ट की गई अभियान सामग्री की सूची मान्य नहीं है।".into(),
            // --- campaigns and success stories ---
            CampaignItemNotFound => "यह अभियान सामग्री आपके क्षेत्र में मौजूद नहीं है।".into(),
            InvalidCampaignTitle => "1 से 200 अक्षरों का हिन्दी शीर्षक एक पंक्ति में दर्ज करें (अंग्रेज़ी शीर्षक वैकल्पिक है, अधिकतम 200)।".into(),
            InvalidCampaignLink => "लिंक http:// या https:// से शुरू होने वाला वेब पता होना चाहिए (अधिकतम 500 अक्षर, बिना उपयोगकर्ता नाम)।".into(),
            InvalidCampaignDates => "सही आरंभ और समाप्ति तिथि (YYYY-MM-DD) दें: समाप्ति आरंभ के बाद हो, बीती हुई न हो, और दोनों में एक वर्ष से अधिक का अंतर न हो।".into(),
            CampaignStartsInPast => "सामग्री आज से पहले शुरू नहीं हो सकती: वरना उन दिनों के लिए भी पोस्ट करने का दावा हो सकता है जब यह सामग्री थी ही नहीं। आज या बाद की तिथि चुनें।".into(),
            InvalidCampaignArea => "अपना क्षेत्र, या उसके भीतर का कोई जिला, ब्लॉक या नगर निकाय चुनें।".into(),
            CampaignItemWithdrawn => "यह अभियान सामग्री वापस ले ली गई है; अब इसे बदला नहीं जा सकता।".into(),
            StoryNotFound => "यह सफलता की कहानी आपके क्षेत्र में मौजूद नहीं है।".into(),
            StoryPhotoNotFound => "इस कहानी में इस स्थान पर कोई फ़ोटो नहीं है।".into(),
            InvalidStoryText => "कहानी हिन्दी में लिखें, 1 से 5000 अक्षर।".into(),
            InvalidStoryScheme => "कहानी किस योजना की है, उसका नाम लिखें (1 से 200 अक्षर, एक पंक्ति)।".into(),
            StoryConsentMissing => "पुष्टि करें कि लाभार्थी ने कहानी और फ़ोटो साझा करने की सहमति दी है।".into(),
            InvalidStoryPhotoCount => "एक कहानी में अधिकतम 3 फ़ोटो हो सकते हैं।".into(),
            StoryPhotoConflict => "कहानी में इस स्थान पर पहले से दूसरी फ़ोटो सहेजी हुई है।".into(),
            StoryAlreadyReviewed => "इस कहानी की समीक्षा पहले ही हो चुकी है।".into(),
            StoryRemarkRequired => "कहानी अस्वीकार करने का कारण लिखें (अधिकतम 1000 अक्षर); भेजने वाले को यह दिखेगा।".into(),
            StoryNotAccepted => "केवल स्वीकृत कहानी ही अभियान सामग्री बन सकती है।".into(),
            StoryAlreadyPromoted => "यह कहानी पहले ही अभियान सामग्री बनाई जा चुकी है।".into(),
            // --- map and reports ---
            OutlineNotGeoJson => "फ़ाइल GeoJSON नहीं है: बहुभुजों (पॉलीगॉन) का FeatureCollection, Feature या ज्यामिति अपलोड करें।".into(),
            OutlineUnsupportedGeometry => "केवल Polygon और MultiPolygon सीमाएँ बनाई जा सकती हैं; बिंदु और रेखाएँ नहीं।".into(),
            OutlineTooComplex => format!(
                "सीमा में बहुत अधिक क्षेत्र या बिंदु हैं (अधिकतम {} क्षेत्र और {} बिंदु)। पहले इसे सरल करें।",
                crate::map::geo::MAX_FEATURES,
                crate::map::geo::MAX_VERTICES
            ),
            OutlineOutOfRange => "सीमा के निर्देशांक भारत से बाहर हैं, या किसी घेरे में तीन से कम कोने हैं। देखें कि देशांतर अक्षांश से पहले लिखा हो (WGS84)।".into(),
            InvalidDateRange => format!(
                "तारीख़ें YYYY-MM-DD रूप में चुनें, पहली अंतिम के बाद न हो, और अंतर अधिकतम {} दिन हो।",
                crate::report::MAX_RANGE_DAYS
            ),
            InvalidReportFilter => "रिपोर्ट का स्तर, स्थिति या फ़ाइल प्रकार दिए गए विकल्पों में से नहीं है।".into(),
            ChooseDistrict => "इस रिपोर्ट के लिए एक जिला चुनें।".into(),
            // --- monitoring ---
            CheckNotFound => "यह जाँच आपके क्षेत्र में मौजूद नहीं है।".into(),
            RemarkRequired => "टिप्पणी लिखें, ताकि एडमिन जान सके कि क्या ठीक करना है।".into(),
            InvalidQuery => {
                "पते में कोई फ़िल्टर मान्य नहीं है (दिन YYYY-MM-DD, अवधि day/week/month, दिन 1 से 90)।"
                    .into()
            }
            CheckWithoutAdmin => {
                "इस समूह का कोई सक्रिय एडमिन नहीं है जिससे संपर्क किया जा सके। पहले एडमिन नियुक्त करें।".into()
            }
            // --- chat export activity ---
            ChatActivityNoDays => "चैट गतिविधि में कोई दिन नहीं है।".into(),
            ChatActivityTooManyDays => format!(
                "चैट गतिविधि में अधिकतम {} दिन हो सकते हैं।",
                crate::api::MAX_CHAT_ACTIVITY_DAYS
            ),
            ChatActivityDayOutOfRange => {
                "चैट गतिविधि का कोई दिन भविष्य का है या एक साल से अधिक पुराना है।".into()
            }
            ChatActivityDuplicateDay => "चैट गतिविधि में कोई दिन दो बार आया है।".into(),
            ChatActivityImplausibleCounts => {
                "किसी दिन की गिनती असंभव है (बहुत बड़ी, या संदेशों से अधिक मीडिया)।".into()
            }
            ChatActivityInvalidWindow => format!(
                "दिनों की संख्या 7 से {} तक की पूर्ण संख्या होनी चाहिए।",
                crate::api::MAX_CHAT_ACTIVITY_VIEW_DAYS
            ),
        }
    }
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
