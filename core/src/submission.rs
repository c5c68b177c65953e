//! Rules for a group admin's daily submission (see `api::submissions` for the protocol).

use crate::api::{is_valid_phash, NewSubmission, MAX_IMAGES_PER_SUBMISSION, MAX_NOTE_CHARS};
use crate::error::ErrorCode;
use crate::ids::{is_valid_group_id, is_valid_idempotency_key};
use crate::registry::clean_text;

/// Most campaign items one submission may mark as posted.
pub const MAX_CAMPAIGN_MARKS: usize = 50;

/// Earliest believable capture time: 2010-01-01 (WhatsApp did not exist before 2009).
const EARLIEST_CAPTURE_MS: i64 = 1_262_304_000_000;
/// How far ahead of the server's clock a phone's clock may run.
const CAPTURE_CLOCK_SKEW_MS: i64 = 24 * 3600 * 1000;

/// A submission that passed every rule, text cleaned.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidSubmission {
    pub client_key: String,
    pub image_count: u8,
    pub member_count: Option<u32>,
    pub campaign_item_ids: Vec<String>,
    pub note: String,
    pub client_created_at_ms: Option<i64>,
}

pub fn validate_new_submission(
    input: &NewSubmission,
    member_limit: u32,
) -> Result<ValidSubmission, ErrorCode> {
    if !is_valid_idempotency_key(&input.client_key) {
        return Err(ErrorCode::InvalidIdempotencyKey);
    }
    if !(1..=MAX_IMAGES_PER_SUBMISSION).contains(&input.image_count) {
        return Err(ErrorCode::InvalidImageCount);
    }
    let member_count = input
        .member_count
        .map(|count| crate::registry::validate_member_count(count, member_limit))
        .transpose()?;
    let note = clean_text(&input.note, MAX_NOTE_CHARS).ok_or(ErrorCode::InvalidText)?;
    if input.campaign_item_ids.len() > MAX_CAMPAIGN_MARKS
        || !input
            .campaign_item_ids
            .iter()
            .all(|id| is_valid_group_id(id))
    {
        return Err(ErrorCode::InvalidCampaignItems);
    }
    let mut campaign_item_ids = input.campaign_item_ids.clone();
    campaign_item_ids.sort();
    campaign_item_ids.dedup();
    Ok(ValidSubmission {
        client_key: input.client_key.clone(),
        image_count: input.image_count,
        member_count,
        campaign_item_ids,
        note,
        // A phone clock is reported as is; only an absurd value is dropped.
        client_created_at_ms: input
            .client_created_at_ms
            .filter(|ms| *ms >= EARLIEST_CAPTURE_MS),
    })
}

/// The `X-Prasar-Phash` header: absent is fine, malformed is refused.
pub fn parse_phash_header(value: Option<&str>) -> Result<Option<String>, ErrorCode> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) if is_valid_phash(text) => Ok(Some(text.to_owned())),
        Some(_) => Err(ErrorCode::InvalidPhash),
    }
}

/// The `X-Prasar-Captured-At` header (epoch ms): absent is fine; a value that is not a
/// number, before 2010 or more than a day ahead of `now_ms` is refused.
pub fn parse_captured_at_header(
    value: Option<&str>,
    now_ms: i64,
) -> Result<Option<i64>, ErrorCode> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => {
            let ms: i64 = text.parse().map_err(|_| ErrorCode::InvalidCapturedAt)?;
            if (EARLIEST_CAPTURE_MS..=now_ms.saturating_add(CAPTURE_CLOCK_SKEW_MS)).contains(&ms) {
                Ok(Some(ms))
            } else {
                Err(ErrorCode::InvalidCapturedAt)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> NewSubmission {
        NewSubmission {
            client_key: "key-12345678".into(),
            image_count: 2,
            member_count: Some(900),
            campaign_item_ids: vec!["b".into(), "a".into(), "b".into()],
            note: "  आज दो पोस्ट  ".into(),
            client_created_at_ms: Some(5),
        }
    }

    #[test]
    fn a_good_submission_is_cleaned() {
        let valid = validate_new_submission(&input(), 1024).unwrap();
        assert_eq!(valid.campaign_item_ids, vec!["a", "b"]);
        assert_eq!(valid.note, "आज दो पोस्ट");
        assert_eq!(valid.member_count, Some(900));
        assert_eq!(
            valid.client_created_at_ms, None,
            "a 1970 phone clock is dropped"
        );
    }

    #[test]
    fn hostile_submissions_are_refused() {
        let refused = |f: &dyn Fn(&mut NewSubmission), code| {
            let mut i = input();
            f(&mut i);
            assert_eq!(validate_new_submission(&i, 1024), Err(code));
        };
        refused(&|i| i.image_count = 0, ErrorCode::InvalidImageCount);
        refused(&|i| i.image_count = 6, ErrorCode::InvalidImageCount);
        refused(
            &|i| i.client_key = "short".into(),
            ErrorCode::InvalidIdempotencyKey,
        );
        refused(
            &|i| i.client_key = "<script>alert(1)</script>".into(),
            ErrorCode::InvalidIdempotencyKey,
        );
        refused(
            &|i| i.note = "x".repeat(MAX_NOTE_CHARS + 1),
            ErrorCode::InvalidText,
        );
        refused(&|i| i.note = "a\u{202e}b".into(), ErrorCode::InvalidText);
        refused(
            &|i| i.member_count = Some(5000),
            ErrorCode::InvalidMemberCount,
        );
        refused(
            &|i| i.campaign_item_ids = vec!["../x".into()],
            ErrorCode::InvalidCampaignItems,
        );
        refused(
            &|i| i.campaign_item_ids = (0..51).map(|n| format!("c{n}")).collect(),
            ErrorCode::InvalidCampaignItems,
        );
    }

    #[test]
    fn headers() {
        assert_eq!(parse_phash_header(None), Ok(None));
        assert_eq!(
            parse_phash_header(Some("00ff00ff00ff00ff")),
            Ok(Some("00ff00ff00ff00ff".into()))
        );
        assert_eq!(parse_phash_header(Some("zz")), Err(ErrorCode::InvalidPhash));
        let now = 1_790_000_000_000;
        assert_eq!(
            parse_captured_at_header(Some("1780000000000"), now),
            Ok(Some(1_780_000_000_000))
        );
        assert_eq!(
            parse_captured_at_header(Some("12"), now),
            Err(ErrorCode::InvalidCapturedAt)
        );
        assert_eq!(
            parse_captured_at_header(Some("1e12"), now),
            Err(ErrorCode::InvalidCapturedAt)
        );
        assert_eq!(
            parse_captured_at_header(Some(&(now + 2 * 86_400_000).to_string()), now),
            Err(ErrorCode::InvalidCapturedAt)
        );
    }
}
