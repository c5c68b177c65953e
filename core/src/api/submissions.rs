//! The admin's daily submission: one report with up to five screenshots.
//!
//! Protocol (every step idempotent, so the phone's outbox can retry anything):
//! 1. `POST /api/groups/:group_id/submissions` with [`NewSubmission`] as JSON creates the
//!    report (or finds the one with the same `client_key`) → [`SubmissionCreated`].
//! 2. `PUT /api/submissions/:id/images/:position` with the image bytes as the body (and
//!    the perceptual hash in [`PHASH_HEADER`]) stores one screenshot →
//!    [`SubmissionCreated`]; the same bytes again answer 200 with `created: false`,
//!    different bytes for a stored position answer 409.
//!
//! Older clients may still POST a bare image body to the path of step 1: that is a
//! one-image submission (key from [`super::IDEMPOTENCY_HEADER`]).

use serde::{Deserialize, Serialize};

use super::GroupKind;

/// Most screenshots in one submission.
pub const MAX_IMAGES_PER_SUBMISSION: u8 = 5;
/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;
/// Header carrying a screenshot's 64-bit perceptual hash as 16 lowercase hex digits.
pub const PHASH_HEADER: &str = "X-Prasar-Phash";
/// Header carrying when the picture was taken (epoch ms), read on the phone from the
/// original file's EXIF DateTimeOriginal or, failing that, its last-modified date.
pub const CAPTURED_AT_HEADER: &str = "X-Prasar-Captured-At";

/// Step 1 of a submission, sent as JSON.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewSubmission {
    /// Generated on the phone when the admin pressed "send"; the same key is used for
    /// every retry (see `ids::is_valid_idempotency_key`).
    pub client_key: String,
    /// How many screenshots will follow, 1 to [`MAX_IMAGES_PER_SUBMISSION`].
    pub image_count: u8,
    /// The group's current member count, if the admin entered it.
    #[serde(default)]
    pub member_count: Option<u32>,
    /// Today's campaign items the admin marked as posted.
    #[serde(default)]
    pub campaign_item_ids: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// When the admin pressed "send" (epoch ms, phone clock); reported, not trusted.
    #[serde(default)]
    pub client_created_at_ms: Option<i64>,
}

/// One stored screenshot of a submission.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionImage {
    pub position: u8,
    pub bytes: u64,
    pub sha256: String,
    pub content_type: String,
    pub width: u32,
    pub height: u32,
    /// 64-bit perceptual hash as 16 hex digits, when the phone sent one.
    pub phash: Option<String>,
    /// When the picture was taken, by its metadata (epoch ms), if known.
    pub captured_at_ms: Option<i64>,
    /// Same-origin URL of the image bytes.
    pub image_url: String,
}

/// A stored submission with the screenshots that have arrived so far.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub id: String,
    pub group_id: String,
    pub group_kind: GroupKind,
    pub group_name_en: String,
    pub group_name_hi: String,
    /// RFC 3339 with the +05:30 offset: when the worker first heard of it.
    pub submitted_at: String,
    /// The IST calendar day, `YYYY-MM-DD`.
    pub ist_day: String,
    pub image_count: u8,
    /// Ordered by position; fewer than `image_count` while uploads are under way.
    pub images: Vec<SubmissionImage>,
    pub member_count: Option<u32>,
    pub campaign_item_ids: Vec<String>,
    pub note: String,
    /// `app` (the PWA) or `form` (the no-JavaScript form).
    pub channel: String,
}

impl Submission {
    /// Every announced screenshot has arrived.
    pub fn is_complete(&self) -> bool {
        self.images.len() >= usize::from(self.image_count)
    }
}

/// Response to steps 1 and 2: `created` is false when an idempotent retry found what the
/// first attempt stored.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionCreated {
    pub created: bool,
    pub submission: Submission,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionList {
    pub ist_day: String,
    pub submissions: Vec<Submission>,
}

pub fn group_submissions_path(group_id: &str) -> String {
    format!("/api/groups/{group_id}/submissions")
}

pub fn submission_image_path(submission_id: &str, position: u8) -> String {
    format!("/api/submissions/{submission_id}/images/{position}")
}

/// Is `text` a perceptual hash as the API carries it (16 lowercase hex digits)?
pub fn is_valid_phash(text: &str) -> bool {
    text.len() == 16
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phash_format() {
        assert!(is_valid_phash("0123456789abcdef"));
        assert!(!is_valid_phash("0123456789ABCDEF"));
        assert!(!is_valid_phash("0123456789abcde"));
        assert!(!is_valid_phash("0123456789abcdeg"));
    }

    #[test]
    fn new_submission_defaults_optional_fields() {
        let parsed: NewSubmission =
            serde_json::from_str(r#"{"client_key":"k","image_count":2}"#).unwrap();
        assert_eq!(parsed.campaign_item_ids, Vec::<String>::new());
        assert_eq!(parsed.member_count, None);
        assert_eq!(parsed.note, "");
    }
}
