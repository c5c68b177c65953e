//! Every error the API can return, with its HTTP status and its message in English and
//! Hindi. One exhaustive `match` per language means a new error cannot ship untranslated.

use serde::{Deserialize, Serialize};

use crate::screenshot::{MAX_SCREENSHOT_BYTES, MAX_SIDE_PX};

/// Machine-readable error code; serialised in snake_case as the `code` field.
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
}

/// The JSON body of every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message_en: String,
    pub message_hi: String,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 15] = [
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
    ];

    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            NotFound | GroupNotFound | SubmissionNotFound => 404,
            MethodNotAllowed => 405,
            InvalidId | InvalidDay | InvalidIdempotencyKey | EmptyUpload => 400,
            UploadTooLarge => 413,
            UnsupportedImageType => 415,
            TruncatedImage | UnreadableImageDimensions | ImageDimensionsTooLarge => 422,
            StorageUnavailable => 503,
            Internal => 500,
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
