//! Reports for the collector: compliance tables, the 30-day trend, the league table of
//! blocks, inactive admins, groups short of members, and the one-page daily summary.

use serde::{Deserialize, Serialize};

use crate::compliance::Counts;
use crate::map::status::DayStatus;

/// Which rows a compliance table lists.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportLevel {
    Block,
    Ulb,
    GramPanchayat,
    Ward,
}

impl ReportLevel {
    pub const ALL: [ReportLevel; 4] = [
        ReportLevel::Block,
        ReportLevel::Ulb,
        ReportLevel::GramPanchayat,
        ReportLevel::Ward,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportLevel::Block => "block",
            ReportLevel::Ulb => "ulb",
            ReportLevel::GramPanchayat => "gram_panchayat",
            ReportLevel::Ward => "ward",
        }
    }

    pub fn parse(text: &str) -> Option<ReportLevel> {
        ReportLevel::ALL.into_iter().find(|l| l.as_str() == text)
    }

    /// Rows are groups (GPs, wards) rather than their parents.
    pub fn is_group_level(self) -> bool {
        matches!(self, ReportLevel::GramPanchayat | ReportLevel::Ward)
    }
}

/// One row of a compliance table.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaReportRow {
    pub id: String,
    pub name_en: String,
    pub name_hi: String,
    /// The block or ULB of a GP or ward row; empty for block and ULB rows.
    pub parent_en: String,
    pub parent_hi: String,
    pub counts: Counts,
    /// Percent, `None` where nothing was expected.
    pub reporting_rate: Option<f64>,
    pub on_time_rate: Option<f64>,
    /// Group rows: the status on the last day of the range.
    pub status: Option<DayStatus>,
    /// Group rows: the current admin.
    pub admin_name: Option<String>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaReport {
    pub from: String,
    pub to: String,
    pub level: ReportLevel,
    pub status: Option<DayStatus>,
    pub rows: Vec<AreaReportRow>,
    /// The whole area over the range (all rows, before the status filter).
    pub total: Counts,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub day: String,
    pub counts: Counts,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeagueRow {
    pub rank: u32,
    pub id: String,
    pub name_en: String,
    pub name_hi: String,
    pub counts: Counts,
    pub reporting_rate: Option<f64>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InactiveAdminRow {
    pub group_id: String,
    pub group_name: String,
    pub parent_en: String,
    pub parent_hi: String,
    pub admin_id: String,
    pub admin_name: String,
    pub mobile: String,
    /// `None`: never submitted for this group.
    pub days_since_last: Option<u32>,
    pub assigned_on: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LowMembershipRow {
    pub group_id: String,
    pub group_name: String,
    pub parent_en: String,
    pub parent_hi: String,
    pub member_count: Option<u32>,
    pub member_limit: u32,
    /// Percent of the limit, `None` while no count was reported.
    pub fill_percent: Option<f64>,
}

/// The reports page in one answer (besides the compliance table).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportsOverview {
    pub area_en: String,
    pub area_hi: String,
    pub from: String,
    pub to: String,
    /// The 30 days ending on `to`, oldest first.
    pub trend: Vec<TrendPoint>,
    /// Blocks ranked by reporting rate over `from..=to`.
    pub league: Vec<LeagueRow>,
    pub inactive_days: u32,
    pub inactive: Vec<InactiveAdminRow>,
    pub low_membership: Vec<LowMembershipRow>,
}

/// One block's (or ULB's) line of the daily summary.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryLine {
    pub id: String,
    pub name_en: String,
    pub name_hi: String,
    /// Groups per status, in [`DayStatus::ALL`] order.
    pub statuses: [u32; 6],
}

/// The one-page summary for the collector's review meeting.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailySummary {
    pub day: String,
    pub generated_at: String,
    pub area_en: String,
    pub area_hi: String,
    pub statuses: [u32; 6],
    pub groups: u32,
    /// The day's and the 7 days' reporting rates (percent).
    pub day_rate: Option<f64>,
    pub week_rate: Option<f64>,
    /// Of the 7 days' reports, those whose only evidence is a chat export.
    #[serde(default)]
    pub week_self_reported: u32,
    pub lines: Vec<SummaryLine>,
    /// Groups without a report past the deadline, at most 25.
    pub overdue: Vec<AreaReportRow>,
    pub overdue_total: u32,
    pub inactive_total: u32,
    pub low_membership_total: u32,
}

/// What an export holds.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Compliance,
    Inactive,
    LowMembership,
}

impl ExportKind {
    pub fn parse(text: &str) -> Option<ExportKind> {
        match text {
            "compliance" => Some(ExportKind::Compliance),
            "inactive" => Some(ExportKind::Inactive),
            "low_membership" => Some(ExportKind::LowMembership),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Compliance => "compliance",
            ExportKind::Inactive => "inactive",
            ExportKind::LowMembership => "low_membership",
        }
    }
}
