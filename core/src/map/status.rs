//! A group's status today, as the collector's map colours it.
//!
//! Every admin is expected to report daily (the daily routine); the draw adds a
//! deadline-bound request for a few groups on top. So a group with an admin and no
//! report yet is *pending* until its deadline (the check's, if it was drawn today, else
//! the daily reporting deadline, 18:00 IST) and *overdue* after it. A report that review
//! rejected does not count as submitted.
//!
//! The worker sends the facts and the app derives the status with the same function, so
//! a deadline passing turns markers overdue without a new request.

use serde::{Deserialize, Serialize};

use crate::compliance::{deadline_ms, DEFAULT_DEADLINE_MINUTES};
use crate::time::ist_day;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayStatus {
    /// Submitted today and a reviewer marked it verified.
    Verified,
    /// Submitted today, not (yet) verified.
    Submitted,
    /// No report yet; the deadline has not passed.
    Pending,
    /// No report and the deadline has passed.
    Overdue,
    /// Nobody administers the group: nobody can be asked.
    NoAdmin,
}

impl DayStatus {
    /// In legend order.
    pub const ALL: [DayStatus; 5] = [
        DayStatus::Verified,
        DayStatus::Submitted,
        DayStatus::Pending,
        DayStatus::Overdue,
        DayStatus::NoAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DayStatus::Verified => "verified",
            DayStatus::Submitted => "submitted",
            DayStatus::Pending => "pending",
            DayStatus::Overdue => "overdue",
            DayStatus::NoAdmin => "no_admin",
        }
    }

    pub fn parse(text: &str) -> Option<DayStatus> {
        DayStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Marker fill colour (colour-blind-safe palette, Okabe–Ito), as CSS hex.
    pub fn colour(self) -> &'static str {
        match self {
            DayStatus::Verified => "#009e73",
            DayStatus::Submitted => "#56b4e9",
            DayStatus::Pending => "#e69f00",
            DayStatus::Overdue => "#d55e00",
            DayStatus::NoAdmin => "#7f7f7f",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DayStatus::Verified => "Submitted and verified",
            DayStatus::Submitted => "Submitted",
            DayStatus::Pending => "Requested today, pending",
            DayStatus::Overdue => "Overdue",
            DayStatus::NoAdmin => "No active admin",
        }
    }

    pub fn label_hi(self) -> &'static str {
        match self {
            DayStatus::Verified => "भेजा और सत्यापित",
            DayStatus::Submitted => "भेजा गया",
            DayStatus::Pending => "आज अपेक्षित, बाकी",
            DayStatus::Overdue => "समय सीमा निकली",
            DayStatus::NoAdmin => "कोई सक्रिय एडमिन नहीं",
        }
    }
}

/// How review judged a group's reports of the day: the best outcome among them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// Nobody reviewed yet.
    #[default]
    None,
    Rejected,
    HasIssues,
    Verified,
}

impl ReviewOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewOutcome::None => "none",
            ReviewOutcome::Rejected => "rejected",
            ReviewOutcome::HasIssues => "has_issues",
            ReviewOutcome::Verified => "verified",
        }
    }

    pub fn parse(text: &str) -> Option<ReviewOutcome> {
        [
            ReviewOutcome::None,
            ReviewOutcome::Rejected,
            ReviewOutcome::HasIssues,
            ReviewOutcome::Verified,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

/// What the status of one group on one day depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupDayFacts {
    /// Someone administers the group (an open assignment).
    pub has_admin: bool,
    /// Reports of the day that review has not rejected.
    pub counted_reports: u32,
    /// The best review outcome among the day's reports.
    pub review: ReviewOutcome,
    /// The deadline of the day's drawn check, if the group was drawn.
    pub check_deadline_ms: Option<i64>,
}

/// The daily reporting deadline of `day_ms`'s IST day (18:00 IST).
pub fn daily_deadline_ms(now_ms: i64) -> i64 {
    deadline_ms(ist_day(now_ms), DEFAULT_DEADLINE_MINUTES)
}

/// The status at instant `now_ms` of the day the facts describe.
pub fn day_status(facts: &GroupDayFacts, now_ms: i64) -> DayStatus {
    if facts.counted_reports > 0 {
        return if facts.review == ReviewOutcome::Verified {
            DayStatus::Verified
        } else {
            DayStatus::Submitted
        };
    }
    if !facts.has_admin {
        return DayStatus::NoAdmin;
    }
    let deadline = facts
        .check_deadline_ms
        .unwrap_or_else(|| daily_deadline_ms(now_ms));
    if now_ms > deadline {
        DayStatus::Overdue
    } else {
        DayStatus::Pending
    }
}

/// Counts per status, in [`DayStatus::ALL`] order.
pub fn count_statuses(statuses: impl IntoIterator<Item = DayStatus>) -> [u32; 5] {
    let mut counts = [0u32; 5];
    for s in statuses {
        counts[s.index()] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{ist_day_bounds_ms, parse_day};

    /// Epoch ms of hh:mm IST on 2026-11-27.
    fn at(hh: i64, mm: i64) -> i64 {
        ist_day_bounds_ms(parse_day("2026-11-27").unwrap()).0 + (hh * 60 + mm) * 60_000
    }

    fn facts() -> GroupDayFacts {
        GroupDayFacts {
            has_admin: true,
            ..GroupDayFacts::default()
        }
    }

    #[test]
    fn a_report_makes_the_group_submitted_and_review_can_verify_it() {
        let mut f = facts();
        f.counted_reports = 1;
        assert_eq!(day_status(&f, at(9, 0)), DayStatus::Submitted);
        f.review = ReviewOutcome::HasIssues;
        assert_eq!(day_status(&f, at(9, 0)), DayStatus::Submitted);
        f.review = ReviewOutcome::Verified;
        assert_eq!(day_status(&f, at(23, 0)), DayStatus::Verified);
        // A report counts even when the admin was replaced since.
        f.has_admin = false;
        assert_eq!(day_status(&f, at(23, 0)), DayStatus::Verified);
    }

    #[test]
    fn without_a_report_the_daily_deadline_decides_between_pending_and_overdue() {
        let f = facts();
        assert_eq!(day_status(&f, at(0, 1)), DayStatus::Pending);
        assert_eq!(
            day_status(&f, at(18, 0)),
            DayStatus::Pending,
            "18:00 is still on time"
        );
        assert_eq!(day_status(&f, at(18, 1)), DayStatus::Overdue);
    }

    #[test]
    fn a_drawn_check_has_its_own_deadline() {
        let mut f = facts();
        f.check_deadline_ms = Some(at(12, 0));
        assert_eq!(day_status(&f, at(11, 59)), DayStatus::Pending);
        assert_eq!(day_status(&f, at(12, 1)), DayStatus::Overdue);
        f.check_deadline_ms = Some(at(20, 0));
        assert_eq!(day_status(&f, at(19, 0)), DayStatus::Pending);
    }

    #[test]
    fn no_admin_wins_over_deadlines_and_rejected_reports_do_not_count() {
        let mut f = GroupDayFacts::default();
        assert_eq!(day_status(&f, at(9, 0)), DayStatus::NoAdmin);
        assert_eq!(day_status(&f, at(20, 0)), DayStatus::NoAdmin);
        f.has_admin = true;
        f.review = ReviewOutcome::Rejected; // the caller counted 0 reports: all rejected
        assert_eq!(day_status(&f, at(20, 0)), DayStatus::Overdue);
    }

    #[test]
    fn wire_names_and_counts() {
        for s in DayStatus::ALL {
            assert_eq!(DayStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json_name(&s),
                format!("\"{}\"", s.as_str()),
                "serde and as_str agree"
            );
        }
        assert_eq!(DayStatus::parse("green"), None);
        let counts = count_statuses([DayStatus::Overdue, DayStatus::Overdue, DayStatus::NoAdmin]);
        assert_eq!(counts, [0, 0, 0, 2, 1]);
    }

    fn serde_json_name(s: &DayStatus) -> String {
        serde_json::to_string(s).unwrap()
    }
}
