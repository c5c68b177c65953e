//! Daily monitoring: the drawn checks and their follow-up, review decisions, flags on
//! screenshots, compliance rates, inactive admins, and each group's status for a day.

use serde::{Deserialize, Serialize};

use super::{GroupKind, Submission};
use crate::compliance::{Counts, PeriodKind, RowLevel, Streak};
use crate::draw::{Level, Reason};

// ---- Checks ------------------------------------------------------------------------------

/// Where a check stands; derived from the group's submissions that day and the clock.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckState {
    /// Before the deadline, nothing received yet.
    Pending,
    /// A submission arrived by the deadline.
    Submitted,
    /// A submission arrived, after the deadline.
    Late,
    /// The deadline passed with nothing received.
    Overdue,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    Reached,
    NotReached,
    /// The admin promised to send the screenshot.
    Promised,
    Refused,
}

impl CallOutcome {
    pub const ALL: [CallOutcome; 4] = [
        CallOutcome::Reached,
        CallOutcome::NotReached,
        CallOutcome::Promised,
        CallOutcome::Refused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CallOutcome::Reached => "reached",
            CallOutcome::NotReached => "not_reached",
            CallOutcome::Promised => "promised",
            CallOutcome::Refused => "refused",
        }
    }

    pub fn parse(text: &str) -> Option<CallOutcome> {
        CallOutcome::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

/// `POST /api/checks/:id/calls`
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewCall {
    pub outcome: CallOutcome,
    #[serde(default)]
    pub remark: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallEntry {
    pub outcome: CallOutcome,
    pub remark: String,
    pub called_at: String,
    /// The officer's display name.
    pub called_by: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckAdmin {
    pub id: String,
    pub name: String,
    pub mobile: String,
    /// `tel:` link for one tap to call.
    pub tel_url: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckView {
    pub id: String,
    pub ist_day: String,
    pub level: Level,
    pub pool: GroupKind,
    pub group_id: String,
    pub group_name: String,
    pub unit_name_en: String,
    pub unit_name_hi: String,
    /// Block or ULB.
    pub parent_name_en: String,
    pub parent_name_hi: String,
    /// The group's admin now (`None`: the group has lost its admin since the draw).
    pub admin: Option<CheckAdmin>,
    pub round: u32,
    pub reason: Reason,
    /// RFC 3339 with +05:30.
    pub deadline: String,
    pub state: CheckState,
    /// The day's first submission of the group, if any.
    pub submission_id: Option<String>,
    pub submitted_at: Option<String>,
    /// Newest first.
    pub calls: Vec<CallEntry>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckList {
    pub ist_day: String,
    /// The draw has run for this day (in the caller's district).
    pub drawn: bool,
    pub checks: Vec<CheckView>,
}

/// `POST /api/checks/:id/message`: a fresh personal link for the admin inside a Hindi
/// message, ready to send on WhatsApp.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckMessage {
    pub message_hi: String,
    pub whatsapp_url: String,
    pub link_url: String,
}

/// `POST /api/checks/draw`: runs the day's draw for the caller's district (or, for a
/// state administrator, every district of the state) if it has not run yet.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DrawRequest {
    /// `YYYY-MM-DD`; today (IST) when absent. Only today or a past day.
    #[serde(default)]
    pub day: Option<String>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrawOutcome {
    pub ist_day: String,
    /// Districts whose draw ran now; the others had it already (running twice changes
    /// nothing).
    pub districts_drawn: u32,
    pub districts_unchanged: u32,
    pub checks_created: u32,
}

// ---- Review ------------------------------------------------------------------------------

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    Verified,
    HasIssues,
    Rejected,
}

impl ReviewOutcome {
    pub const ALL: [ReviewOutcome; 3] = [
        ReviewOutcome::Verified,
        ReviewOutcome::HasIssues,
        ReviewOutcome::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewOutcome::Verified => "verified",
            ReviewOutcome::HasIssues => "has_issues",
            ReviewOutcome::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<ReviewOutcome> {
        ReviewOutcome::ALL.into_iter().find(|o| o.as_str() == text)
    }

    /// Issues and rejections must say why, so the admin can act on it.
    pub fn needs_remark(self) -> bool {
        self != ReviewOutcome::Verified
    }
}

/// `POST /api/submissions/:id/reviews`
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewReview {
    pub outcome: ReviewOutcome,
    #[serde(default)]
    pub remark: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewEntry {
    pub outcome: ReviewOutcome,
    pub remark: String,
    pub reviewed_at: String,
    pub reviewed_by: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Nearly the same picture as an earlier screenshot (perceptual hash).
    Reused,
    /// The picture's own date is another day than the one it was submitted for.
    CapturedOtherDay,
}

/// The earlier screenshot a reused one matches, to show side by side.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarlierImage {
    pub submission_id: String,
    pub position: u8,
    pub image_url: String,
    pub group_id: String,
    pub group_name: String,
    pub ist_day: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImageFlag {
    pub position: u8,
    pub kind: FlagKind,
    /// For `reused`: differing bits of the two hashes (0 = identical).
    pub distance: Option<u32>,
    pub earlier: Option<EarlierImage>,
    /// For `captured_other_day`: the IST day the picture was taken.
    pub captured_day: Option<String>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub submission: Submission,
    /// Newest first; the first is the current outcome.
    pub reviews: Vec<ReviewEntry>,
    pub flags: Vec<ImageFlag>,
    /// The group was drawn for a check that day.
    pub checked: bool,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewQueue {
    pub ist_day: String,
    /// `pending` (not reviewed yet) or `all`.
    pub filter: String,
    pub items: Vec<ReviewItem>,
}

/// One of the admin's own recent submissions, with the review outcome they see.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MySubmission {
    pub id: String,
    pub group_name: String,
    pub ist_day: String,
    pub submitted_at: String,
    pub image_count: u8,
    pub images_received: u8,
    pub outcome: Option<ReviewOutcome>,
    pub remark: String,
    pub reviewed_at: Option<String>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MySubmissions {
    pub items: Vec<MySubmission>,
}

// ---- Compliance --------------------------------------------------------------------------

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplianceRow {
    pub level: RowLevel,
    pub id: String,
    pub name_en: String,
    pub name_hi: String,
    /// Block or ULB of a GP or ward row.
    pub parent_id: Option<String>,
    pub counts: Counts,
    /// Percent, `None` when nothing was expected.
    pub reporting_rate: Option<f64>,
    pub on_time_rate: Option<f64>,
    /// GP and ward rows only.
    pub streak: Option<Streak>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplianceReport {
    pub period: PeriodKind,
    pub start: String,
    pub end: String,
    /// Days after this one are not counted yet.
    pub as_of: String,
    pub deadline: String,
    /// Units first, then blocks and ULBs, then the district.
    pub rows: Vec<ComplianceRow>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InactiveAdminView {
    pub admin_id: String,
    pub admin_name: String,
    pub mobile: String,
    pub tel_url: String,
    pub group_id: String,
    pub group_name: String,
    pub unit_name_en: String,
    pub unit_name_hi: String,
    /// `None`: never submitted for this group.
    pub days_since_last: Option<u32>,
    pub assigned_on: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InactiveAdmins {
    pub days: u32,
    pub as_of: String,
    pub admins: Vec<InactiveAdminView>,
}

// ---- Status of every group for a day (the collector's map) ------------------------------

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupDayStatus {
    /// Submitted, and the newest review says verified.
    Verified,
    /// Submitted (not rejected), not verified yet.
    Submitted,
    /// Drawn for a check today, nothing received yet, deadline not passed.
    Requested,
    /// Drawn for a check today, deadline passed, nothing received.
    Overdue,
    /// Nobody administers the group.
    NoActiveAdmin,
    /// Not drawn and nothing received today (the everyday routine).
    NotSubmitted,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupStatus {
    pub group_id: String,
    pub status: GroupDayStatus,
    /// Drawn for a check today (at either level).
    pub checked: bool,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistrictStatus {
    pub ist_day: String,
    pub groups: Vec<GroupStatus>,
}

pub fn check_calls_path(check_id: &str) -> String {
    format!("/api/checks/{check_id}/calls")
}

pub fn submission_reviews_path(submission_id: &str) -> String {
    format!("/api/submissions/{submission_id}/reviews")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for o in CallOutcome::ALL {
            assert_eq!(
                serde_json::to_string(&o).unwrap(),
                format!("\"{}\"", o.as_str())
            );
            assert_eq!(CallOutcome::parse(o.as_str()), Some(o));
        }
        for o in ReviewOutcome::ALL {
            assert_eq!(
                serde_json::to_string(&o).unwrap(),
                format!("\"{}\"", o.as_str())
            );
            assert_eq!(ReviewOutcome::parse(o.as_str()), Some(o));
        }
        assert!(!ReviewOutcome::Verified.needs_remark());
        assert!(ReviewOutcome::Rejected.needs_remark());
        // Wrong types and unknown outcomes are refused by the parser.
        assert!(serde_json::from_str::<NewCall>(r#"{"outcome":"maybe"}"#).is_err());
        assert!(serde_json::from_str::<NewCall>(r#"{"outcome":1}"#).is_err());
        assert!(serde_json::from_str::<NewReview>(r#"{"outcome":"verified","remark":5}"#).is_err());
    }
}
