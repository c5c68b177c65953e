//! Rules of the daily follow-up: where a check stands, each group's status for a day,
//! remarks, the WhatsApp request text, and screenshots whose own date contradicts the
//! day they were submitted for.

use chrono::NaiveDate;

use crate::api::{CheckState, GroupDayStatus, ReviewOutcome};
use crate::error::ErrorCode;
use crate::registry::clean_text;
use crate::time::{ist_day, ist_timestamp};

/// Longest remark on a call or a review, in characters.
pub const MAX_REMARK_CHARS: usize = 500;

/// Where a check stands at `now_ms`, from its deadline and the group's first submission
/// that day (the day's submissions count even when sent before the draw: the admin did
/// the day's work).
pub fn check_state(deadline_ms: i64, first_submission_ms: Option<i64>, now_ms: i64) -> CheckState {
    match first_submission_ms {
        Some(at) if at <= deadline_ms => CheckState::Submitted,
        Some(_) => CheckState::Late,
        None if now_ms > deadline_ms => CheckState::Overdue,
        None => CheckState::Pending,
    }
}

/// What the map shows for a group on a day.
///
/// `submitted`: a submission that day whose newest review is not a rejection; `verified`:
/// one whose newest review is a verification. `check_deadline_ms`: set when the group was
/// drawn that day.
pub fn group_day_status(
    has_admin: bool,
    submitted: bool,
    verified: bool,
    check_deadline_ms: Option<i64>,
    now_ms: i64,
) -> GroupDayStatus {
    if verified {
        GroupDayStatus::Verified
    } else if submitted {
        GroupDayStatus::Submitted
    } else if !has_admin {
        GroupDayStatus::NoActiveAdmin
    } else {
        match check_deadline_ms {
            Some(deadline) if now_ms > deadline => GroupDayStatus::Overdue,
            Some(_) => GroupDayStatus::Requested,
            None => GroupDayStatus::NotSubmitted,
        }
    }
}

/// A call's or review's remark: one trimmed text of at most [`MAX_REMARK_CHARS`] without
/// control characters; required for issues and rejections.
pub fn clean_remark(remark: &str, required: bool) -> Result<String, ErrorCode> {
    let text = clean_text(remark, MAX_REMARK_CHARS).ok_or(ErrorCode::InvalidText)?;
    if required && text.is_empty() {
        return Err(ErrorCode::RemarkRequired);
    }
    Ok(text)
}

pub fn review_remark(outcome: ReviewOutcome, remark: &str) -> Result<String, ErrorCode> {
    clean_remark(remark, outcome.needs_remark())
}

/// The Hindi request an officer sends on WhatsApp to the drawn group's admin.
pub fn check_message_hi(
    admin_name: &str,
    group_name: &str,
    day: NaiveDate,
    deadline_ms: i64,
    link: &str,
) -> String {
    // "18:00" from the RFC 3339 timestamp (IST).
    let stamp = ist_timestamp(deadline_ms);
    let time = stamp.get(11..16).unwrap_or("18:00");
    format!(
        "नमस्ते {admin_name}, आज ({}) की दैनिक जाँच में आपका समूह \"{group_name}\" चुना गया है। \
         कृपया समूह में आज डाली गई सामग्री का स्क्रीनशॉट {time} बजे तक इस लिंक से भेजें: {link} \
         — यह लिंक केवल आपके लिए है, इसे किसी और के साथ साझा न करें। धन्यवाद, जिला प्रशासन।",
        day.format("%d-%m-%Y")
    )
}

/// `tel:` link for a stored `+91XXXXXXXXXX` mobile.
pub fn tel_url(mobile: &str) -> String {
    let digits: String = mobile
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// The IST day a screenshot was taken on, by its own metadata, when that is another day
/// than the one it was submitted for.
pub fn captured_other_day(
    captured_at_ms: Option<i64>,
    submitted_day: NaiveDate,
) -> Option<NaiveDate> {
    let day = ist_day(captured_at_ms?);
    (day != submitted_day).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compliance::{deadline_ms, DEFAULT_DEADLINE_MINUTES};
    use crate::time::{ist_day_bounds_ms, parse_day};

    fn d(t: &str) -> NaiveDate {
        parse_day(t).unwrap()
    }

    #[test]
    fn checks_turn_overdue_after_the_deadline_not_at_it() {
        let deadline = deadline_ms(d("2026-11-27"), DEFAULT_DEADLINE_MINUTES);
        assert_eq!(
            check_state(deadline, None, deadline - 1),
            CheckState::Pending
        );
        assert_eq!(check_state(deadline, None, deadline), CheckState::Pending);
        assert_eq!(
            check_state(deadline, None, deadline + 1),
            CheckState::Overdue
        );
        assert_eq!(
            check_state(deadline, Some(deadline), deadline + 5),
            CheckState::Submitted
        );
        assert_eq!(
            check_state(deadline, Some(deadline + 1), deadline + 5),
            CheckState::Late
        );
    }

    #[test]
    fn status_precedence() {
        use GroupDayStatus::*;
        let dl = Some(1000);
        assert_eq!(group_day_status(true, true, true, dl, 2000), Verified);
        assert_eq!(group_day_status(true, true, false, dl, 2000), Submitted);
        // Submitted before the admin was removed still shows as submitted.
        assert_eq!(group_day_status(false, true, false, None, 0), Submitted);
        assert_eq!(group_day_status(false, false, false, dl, 0), NoActiveAdmin);
        assert_eq!(group_day_status(true, false, false, dl, 999), Requested);
        assert_eq!(group_day_status(true, false, false, dl, 1001), Overdue);
        assert_eq!(
            group_day_status(true, false, false, None, 5000),
            NotSubmitted
        );
    }

    #[test]
    fn remarks() {
        assert_eq!(clean_remark("  ठीक है  ", false).unwrap(), "ठीक है");
        assert_eq!(clean_remark("", true), Err(ErrorCode::RemarkRequired));
        assert_eq!(
            clean_remark("a\u{202e}b", false),
            Err(ErrorCode::InvalidText)
        );
        assert_eq!(
            clean_remark(&"x".repeat(501), false),
            Err(ErrorCode::InvalidText)
        );
        // Script is kept as text (it is escaped where shown), not refused.
        assert_eq!(
            clean_remark("<script>alert(1)</script>", false).unwrap(),
            "<script>alert(1)</script>"
        );
        assert_eq!(review_remark(ReviewOutcome::Verified, "").unwrap(), "");
        assert_eq!(
            review_remark(ReviewOutcome::HasIssues, " "),
            Err(ErrorCode::RemarkRequired)
        );
    }

    #[test]
    fn message_and_links() {
        let day = d("2026-11-27");
        let text = check_message_hi(
            "सीता",
            "अलसीगढ़ सूचना समूह",
            day,
            deadline_ms(day, DEFAULT_DEADLINE_MINUTES),
            "https://x/a/t",
        );
        assert!(text.contains("27-11-2026"));
        assert!(text.contains("18:00 बजे तक"));
        assert!(text.contains("https://x/a/t"));
        assert!(text.starts_with("नमस्ते सीता"));
        assert_eq!(tel_url("+919876543210"), "tel:+919876543210");
    }

    #[test]
    fn capture_day_contradictions() {
        let day = d("2026-11-27");
        let (start, end) = ist_day_bounds_ms(day);
        assert_eq!(captured_other_day(None, day), None);
        assert_eq!(captured_other_day(Some(start), day), None);
        assert_eq!(captured_other_day(Some(end - 1), day), None);
        assert_eq!(
            captured_other_day(Some(start - 1), day),
            Some(d("2026-11-26"))
        );
        assert_eq!(
            captured_other_day(Some(start - 40 * 86_400_000), day),
            Some(d("2026-10-18"))
        );
    }
}
