//! A group's status today, as the collector's map colours it. The status itself and its
//! rule are monitoring's ([`crate::api::GroupDayStatus`],
//! [`crate::checks::group_day_status`]): *requested* and *overdue* apply to the
//! groups drawn for today's check (before and after its deadline); a group with an admin
//! that was not drawn and has not reported is *not submitted*. Here: the facts the map
//! ships, the legend order, colours and labels.
//!
//! The worker sends the facts and the app derives the status with the same function, so
//! a check's deadline passing turns its marker overdue without a new request.

use serde::{Deserialize, Serialize};

pub use crate::api::GroupDayStatus as DayStatus;
use crate::checks::group_day_status;

impl DayStatus {
    /// In legend order.
    pub const ALL: [DayStatus; 6] = [
        DayStatus::Verified,
        DayStatus::Submitted,
        DayStatus::Requested,
        DayStatus::Overdue,
        DayStatus::NoActiveAdmin,
        DayStatus::NotSubmitted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DayStatus::Verified => "verified",
            DayStatus::Submitted => "submitted",
            DayStatus::Requested => "requested",
            DayStatus::Overdue => "overdue",
            DayStatus::NoActiveAdmin => "no_active_admin",
            DayStatus::NotSubmitted => "not_submitted",
        }
    }

    pub fn parse(text: &str) -> Option<DayStatus> {
        DayStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Position in [`DayStatus::ALL`] (and in count arrays).
    pub fn index(self) -> usize {
        match self {
            DayStatus::Verified => 0,
            DayStatus::Submitted => 1,
            DayStatus::Requested => 2,
            DayStatus::Overdue => 3,
            DayStatus::NoActiveAdmin => 4,
            DayStatus::NotSubmitted => 5,
        }
    }

    /// Marker fill colour (colour-blind-safe Okabe–Ito palette), as CSS hex.
    pub fn colour(self) -> &'static str {
        match self {
            DayStatus::Verified => "#009e73",
            DayStatus::Submitted => "#56b4e9",
            DayStatus::Requested => "#e69f00",
            DayStatus::Overdue => "#d55e00",
            DayStatus::NoActiveAdmin => "#cc79a7",
            DayStatus::NotSubmitted => "#b4b4b4",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DayStatus::Verified => "Submitted and verified",
            DayStatus::Submitted => "Submitted",
            DayStatus::Requested => "Requested today, pending",
            DayStatus::Overdue => "Overdue",
            DayStatus::NoActiveAdmin => "No active admin",
            DayStatus::NotSubmitted => "No report yet today",
        }
    }

    pub fn label_hi(self) -> &'static str {
        match self {
            DayStatus::Verified => "भेजा और सत्यापित",
            DayStatus::Submitted => "भेजा गया",
            DayStatus::Requested => "आज माँगा गया, बाकी",
            DayStatus::Overdue => "समय सीमा निकली",
            DayStatus::NoActiveAdmin => "कोई सक्रिय एडमिन नहीं",
            DayStatus::NotSubmitted => "आज अभी रिपोर्ट नहीं",
        }
    }
}

/// How review judged a group's reports of the day.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayReview {
    /// No report of the day has a verification as its newest review.
    #[default]
    None,
    /// At least one has.
    Verified,
}

/// What the status of one group on one day depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupDayFacts {
    /// Someone administers the group (an open assignment).
    pub has_admin: bool,
    /// Reports of the day whose newest review is not a rejection.
    pub counted_reports: u32,
    pub review: DayReview,
    /// The deadline of the day's drawn check, if the group was drawn.
    pub check_deadline_ms: Option<i64>,
}

/// The status at instant `now_ms` of the day the facts describe.
pub fn day_status(facts: &GroupDayFacts, now_ms: i64) -> DayStatus {
    group_day_status(
        facts.has_admin,
        facts.counted_reports > 0,
        facts.counted_reports > 0 && facts.review == DayReview::Verified,
        facts.check_deadline_ms,
        now_ms,
    )
}

/// Counts per status, in [`DayStatus::ALL`] order.
pub fn count_statuses(statuses: impl IntoIterator<Item = DayStatus>) -> [u32; 6] {
    let mut counts = [0u32; 6];
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
        f.review = DayReview::Verified;
        assert_eq!(day_status(&f, at(23, 0)), DayStatus::Verified);
        // A report counts even when the admin was replaced since.
        f.has_admin = false;
        assert_eq!(day_status(&f, at(23, 0)), DayStatus::Verified);
        // Verified needs a counted report: a rejected one does not verify anything.
        f.counted_reports = 0;
        assert_eq!(day_status(&f, at(23, 0)), DayStatus::NoActiveAdmin);
    }

    #[test]
    fn a_drawn_check_is_requested_until_its_deadline_then_overdue() {
        let mut f = facts();
        assert_eq!(
            day_status(&f, at(20, 0)),
            DayStatus::NotSubmitted,
            "not drawn"
        );
        f.check_deadline_ms = Some(at(18, 0));
        assert_eq!(day_status(&f, at(11, 59)), DayStatus::Requested);
        assert_eq!(
            day_status(&f, at(18, 0)),
            DayStatus::Requested,
            "18:00 is still on time"
        );
        assert_eq!(day_status(&f, at(18, 1)), DayStatus::Overdue);
        f.counted_reports = 1;
        assert_eq!(
            day_status(&f, at(19, 0)),
            DayStatus::Submitted,
            "late is still submitted"
        );
    }

    #[test]
    fn wire_names_legend_order_and_counts() {
        for (i, s) in DayStatus::ALL.into_iter().enumerate() {
            assert_eq!(DayStatus::parse(s.as_str()), Some(s));
            assert_eq!(s.index(), i);
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str()),
                "serde and as_str agree"
            );
            assert_ne!(s.label_hi(), s.label_en());
        }
        assert_eq!(DayStatus::parse("green"), None);
        let counts = count_statuses([
            DayStatus::Overdue,
            DayStatus::Overdue,
            DayStatus::NoActiveAdmin,
        ]);
        assert_eq!(counts, [0, 0, 0, 2, 1, 0]);
    }
}
