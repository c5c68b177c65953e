//! The collector's reports, computed from the registry and the day's reports with the
//! compliance rules of [`crate::compliance`] (DHIS2's meaning of a reporting rate), and
//! their CSV and XLSX exports.
//!
//! Exports neutralise text cells that a spreadsheet would run as a formula (those that
//! start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading apostrophe):
//! names come from imports and uploads, so a GP called `=HYPERLINK(…)` must stay text.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};

use crate::api::{
    below_fill_target, AreaReport, AreaReportRow, DailySummary, LeagueRow, LowMembershipRow,
    ReportLevel, SummaryLine, TrendPoint,
};
use crate::compliance::{rate_table, unit_counts, Counts, Period, Report, ReportingUnit, RowLevel};
use crate::i18n::Lang;
use crate::map::status::{count_statuses, day_status, DayReview, DayStatus, GroupDayFacts};
use crate::time::{ist_day_bounds_ms, ist_timestamp, parse_day};

/// An IST calendar day (re-exported so the worker needs no date crate of its own).
pub use chrono::NaiveDate as Day;

/// How many days the trend chart shows.
pub const TREND_DAYS: u64 = 30;
/// Longest date range one report covers (a year and a day).
pub const MAX_RANGE_DAYS: i64 = 366;

/// A district, block or ULB of the area (a report's rows above its groups), as stored.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct ParentInfo {
    pub id: String,
    pub kind: crate::api::UnitKind,
    pub name_en: String,
    pub name_hi: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AdminInfo {
    pub id: String,
    pub name: String,
    pub mobile: String,
    pub assigned_on: NaiveDate,
    /// The latest day this admin reported for this group.
    pub last_report: Option<NaiveDate>,
}

/// A GP's or ward's group, with what the reports show about it.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupInfo {
    pub unit: ReportingUnit,
    /// The WhatsApp group's own name.
    pub group_name: String,
    pub name_en: String,
    pub name_hi: String,
    /// The current admin.
    pub admin: Option<AdminInfo>,
    /// Someone administered the group on the last day of the range.
    pub had_admin_on_last_day: bool,
    /// The deadline of a check drawn for the group on the last day of the range.
    pub check_deadline_on_last_day: Option<i64>,
    /// A report of the last day has a verification as its newest review.
    pub verified_on_last_day: bool,
    pub member_count: Option<u32>,
    pub member_limit: u32,
}

/// Everything a report is computed from.
pub struct ReportInput<'a> {
    pub parents: &'a [ParentInfo],
    pub groups: &'a [GroupInfo],
    /// Counted reports (review did not reject them) in the range.
    pub reports: &'a [Report],
    /// Today (IST) and now: days after today are not expected yet.
    pub today: NaiveDate,
    pub now_ms: i64,
    /// The district's daily deadline for "on time", minutes after IST midnight.
    pub deadline_minutes: u32,
}

pub(crate) fn rate(c: Counts) -> Option<f64> {
    c.reporting_rate().map(round1)
}

pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

impl ReportInput<'_> {
    pub(crate) fn parent(&self, id: &str) -> Option<&ParentInfo> {
        self.parents.iter().find(|p| p.id == id)
    }

    pub(crate) fn units(&self) -> Vec<ReportingUnit> {
        self.groups.iter().map(|g| g.unit.clone()).collect()
    }

    /// Status of each group on `day` (the range's last day, whose admin, check and
    /// review facts the groups carry): as of now for today, at the day's end before.
    fn statuses_on(&self, day: NaiveDate) -> HashMap<&str, DayStatus> {
        let mut reported: HashMap<&str, u32> = HashMap::new();
        for r in self.reports.iter().filter(|r| r.day == day) {
            *reported.entry(r.group_id.as_str()).or_default() += 1;
        }
        let at = if day >= self.today {
            self.now_ms
        } else {
            ist_day_bounds_ms(day).1 - 1
        };
        self.groups
            .iter()
            .filter(|g| g.unit.exists_on(day))
            .map(|g| {
                let facts = GroupDayFacts {
                    has_admin: g.had_admin_on_last_day,
                    counted_reports: reported.get(g.unit.group_id.as_str()).copied().unwrap_or(0),
                    review: if g.verified_on_last_day {
                        DayReview::Verified
                    } else {
                        DayReview::None
                    },
                    check_deadline_ms: g.check_deadline_on_last_day,
                };
                (g.unit.group_id.as_str(), day_status(&facts, at))
            })
            .collect()
    }

    /// Every group's status on `day` (the range's last day), by group id: `/api/status`
    /// is this view of the reports' facts, so it cannot disagree with them.
    pub fn day_statuses(&self, day: NaiveDate) -> Vec<crate::api::GroupStatus> {
        let statuses = self.statuses_on(day);
        let mut out: Vec<crate::api::GroupStatus> = self
            .groups
            .iter()
            .filter_map(|g| {
                let status = *statuses.get(g.unit.group_id.as_str())?;
                Some(crate::api::GroupStatus {
                    group_id: g.unit.group_id.clone(),
                    status,
                    checked: g.check_deadline_on_last_day.is_some(),
                })
            })
            .collect();
        out.sort_by(|a, b| a.group_id.cmp(&b.group_id));
        out
    }

    /// The compliance table of `level` over `from..=to`, optionally only group rows with
    /// `status` on `to`.
    pub fn compliance(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        level: ReportLevel,
        status: Option<DayStatus>,
    ) -> AreaReport {
        let period = Period {
            start: from,
            end: to,
        };
        let units = self.units();
        let table = rate_table(
            &units,
            self.reports,
            period,
            self.today,
            self.deadline_minutes,
        );
        let total = table.iter().filter(|r| r.level == RowLevel::District).fold(
            Counts::default(),
            |mut acc, r| {
                acc.add(r.counts);
                acc
            },
        );
        let mut rows = Vec::new();
        if level.is_group_level() {
            let statuses = self.statuses_on(to);
            let per_unit: HashMap<&str, Counts> = table
                .iter()
                .filter(|r| matches!(r.level, RowLevel::GramPanchayat | RowLevel::Ward))
                .map(|r| (r.id.as_str(), r.counts))
                .collect();
            let want_ward = level == ReportLevel::Ward;
            for g in self.groups {
                let is_ward = g.unit.kind == crate::api::GroupKind::Ward;
                if is_ward != want_ward {
                    continue;
                }
                let id = g.unit.group_id.as_str();
                let row_status = statuses.get(id).copied();
                if status.is_some() && row_status != status {
                    continue;
                }
                let counts = per_unit.get(id).copied().unwrap_or_default();
                if counts.expected == 0 && row_status.is_none() {
                    continue; // did not exist in the range
                }
                let parent = self.parent(&g.unit.parent_id);
                rows.push(AreaReportRow {
                    id: id.to_owned(),
                    name_en: g.name_en.clone(),
                    name_hi: g.name_hi.clone(),
                    parent_en: parent.map(|p| p.name_en.clone()).unwrap_or_default(),
                    parent_hi: parent.map(|p| p.name_hi.clone()).unwrap_or_default(),
                    counts,
                    reporting_rate: rate(counts),
                    on_time_rate: counts.on_time_rate().map(round1),
                    status: row_status,
                    admin_name: g.admin.as_ref().map(|a| a.name.clone()),
                });
            }
            rows.sort_by(|a, b| {
                (&a.parent_en, &a.name_en, &a.id).cmp(&(&b.parent_en, &b.name_en, &b.id))
            });
        } else {
            let want = if level == ReportLevel::Ulb {
                RowLevel::Ulb
            } else {
                RowLevel::Block
            };
            for r in table.iter().filter(|r| r.level == want) {
                let parent = self.parent(&r.id);
                rows.push(AreaReportRow {
                    id: r.id.clone(),
                    name_en: parent
                        .map(|p| p.name_en.clone())
                        .unwrap_or_else(|| r.id.clone()),
                    name_hi: parent.map(|p| p.name_hi.clone()).unwrap_or_default(),
                    parent_en: String::new(),
                    parent_hi: String::new(),
                    counts: r.counts,
                    reporting_rate: rate(r.counts),
                    on_time_rate: r.counts.on_time_rate().map(round1),
                    status: None,
                    admin_name: None,
                });
            }
            rows.sort_by(|a, b| (&a.name_en, &a.id).cmp(&(&b.name_en, &b.id)));
        }
        AreaReport {
            from: from.to_string(),
            to: to.to_string(),
            level,
            status,
            rows,
            total,
        }
    }

    /// Expected, actual and on-time reports of the whole area per day, for the
    /// [`TREND_DAYS`] days ending on `to`.
    pub fn trend(&self, to: NaiveDate) -> Vec<TrendPoint> {
        let units = self.units();
        (0..TREND_DAYS)
            .rev()
            .map(|back| {
                let day = to - Days::new(back);
                let per_unit = unit_counts(
                    &units,
                    self.reports,
                    Period {
                        start: day,
                        end: day,
                    },
                    self.today,
                    self.deadline_minutes,
                );
                let counts = per_unit.values().fold(Counts::default(), |mut acc, c| {
                    acc.add(*c);
                    acc
                });
                TrendPoint {
                    day: day.to_string(),
                    counts,
                }
            })
            .collect()
    }

    /// Blocks by reporting rate over the range, best first; ties share a rank.
    pub fn league(&self, from: NaiveDate, to: NaiveDate) -> Vec<LeagueRow> {
        let report = self.compliance(from, to, ReportLevel::Block, None);
        let mut rows: Vec<LeagueRow> = report
            .rows
            .into_iter()
            .map(|r| LeagueRow {
                rank: 0,
                id: r.id,
                name_en: r.name_en,
                name_hi: r.name_hi,
                counts: r.counts,
                reporting_rate: r.reporting_rate,
            })
            .collect();
        let key = |r: &LeagueRow| r.reporting_rate.unwrap_or(-1.0);
        rows.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.name_en.cmp(&b.name_en)));
        let mut previous: Option<(f64, u32)> = None;
        for (i, r) in rows.iter_mut().enumerate() {
            r.rank = match previous {
                Some((rate, rank)) if rate == key(r) => rank,
                _ => i as u32 + 1,
            };
            previous = Some((key(r), r.rank));
        }
        rows
    }

    /// Open groups under 80 % of their member limit (or with no count yet), emptiest
    /// first.
    pub fn low_membership(&self) -> Vec<LowMembershipRow> {
        let mut rows: Vec<LowMembershipRow> = self
            .groups
            .iter()
            .filter(|g| g.unit.exists_on(self.today))
            .filter(|g| below_fill_target(g.member_count, g.member_limit))
            .map(|g| {
                let parent = self.parent(&g.unit.parent_id);
                LowMembershipRow {
                    group_id: g.unit.group_id.clone(),
                    group_name: g.name_en.clone(),
                    parent_en: parent.map(|p| p.name_en.clone()).unwrap_or_default(),
                    parent_hi: parent.map(|p| p.name_hi.clone()).unwrap_or_default(),
                    member_count: g.member_count,
                    member_limit: g.member_limit,
                    fill_percent: g
                        .member_count
                        .map(|n| round1(100.0 * f64::from(n) / f64::from(g.member_limit.max(1)))),
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            a.fill_percent
                .unwrap_or(-1.0)
                .total_cmp(&b.fill_percent.unwrap_or(-1.0))
                .then(a.group_id.cmp(&b.group_id))
        });
        rows
    }

    /// The one-page summary of `day`.
    pub fn daily_summary(
        &self,
        day: NaiveDate,
        area_en: &str,
        area_hi: &str,
        inactive_days: u32,
    ) -> DailySummary {
        let statuses = self.statuses_on(day);
        let mut lines: BTreeMap<&str, [u32; 6]> = BTreeMap::new();
        for g in self.groups {
            if let Some(s) = statuses.get(g.unit.group_id.as_str()) {
                lines.entry(g.unit.parent_id.as_str()).or_default()[s.index()] += 1;
            }
        }
        let mut lines: Vec<SummaryLine> = lines
            .into_iter()
            .map(|(id, statuses)| {
                let p = self.parent(id);
                SummaryLine {
                    id: id.to_owned(),
                    name_en: p
                        .map(|p| p.name_en.clone())
                        .unwrap_or_else(|| id.to_owned()),
                    name_hi: p.map(|p| p.name_hi.clone()).unwrap_or_default(),
                    statuses,
                }
            })
            .collect();
        lines.sort_by(|a, b| a.name_en.cmp(&b.name_en));
        let day_report = self.compliance(day, day, ReportLevel::Block, None);
        let week = self.compliance(day - Days::new(6), day, ReportLevel::Block, None);
        let mut overdue: Vec<AreaReportRow> = [ReportLevel::GramPanchayat, ReportLevel::Ward]
            .into_iter()
            .flat_map(|l| self.compliance(day, day, l, Some(DayStatus::Overdue)).rows)
            .collect();
        let overdue_total = overdue.len() as u32;
        overdue.truncate(25);
        DailySummary {
            day: day.to_string(),
            generated_at: ist_timestamp(self.now_ms),
            area_en: area_en.to_owned(),
            area_hi: area_hi.to_owned(),
            statuses: count_statuses(statuses.values().copied()),
            groups: statuses.len() as u32,
            day_rate: rate(day_report.total),
            week_rate: rate(week.total),
            week_self_reported: week.total.self_reported,
            lines,
            overdue,
            overdue_total,
            inactive_total: self.inactive(inactive_days).len() as u32,
            low_membership_total: self.low_membership().len() as u32,
        }
    }
}

// ---- From storage rows ---------------------------------------------------------------

/// A group as the worker reads it (one row of `storage::group_day::groups`): dates as
/// stored (`YYYY-MM-DD`); the admin and the check, review and assignment facts of the
/// range's last day.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct GroupRecord {
    pub group_id: String,
    pub kind: crate::api::GroupKind,
    pub group_name: String,
    pub parent_id: String,
    pub district_id: String,
    pub name_en: String,
    pub name_hi: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub created_on: String,
    pub closed_on: Option<String>,
    pub member_limit: u32,
    pub member_count: Option<u32>,
    pub admin_id: Option<String>,
    pub admin_name: Option<String>,
    pub admin_mobile: Option<String>,
    pub admin_since: Option<String>,
    pub admin_last_day: Option<String>,
    /// An assignment covered the range's last day.
    #[serde(deserialize_with = "crate::rows::int_bool")]
    pub had_admin: bool,
    /// The deadline of a check drawn for the group on the last day.
    pub check_deadline_ms: Option<i64>,
    /// A report of the last day has a verification as its newest review.
    #[serde(deserialize_with = "crate::rows::int_bool")]
    pub verified: bool,
}

impl GroupRecord {
    /// The group exists from the later of the unit's and the group's first day to the
    /// earlier of the unit's last day and the day before the group was closed.
    pub fn into_info(self) -> Option<GroupInfo> {
        let day = |t: &str| parse_day(t.get(..10).unwrap_or(t));
        let (open_from, open_to) = ReportingUnit::open_span(
            &self.valid_from,
            self.valid_to.as_deref(),
            &self.created_on,
            self.closed_on.as_deref(),
        )?;
        let admin = match (self.admin_id, self.admin_name, self.admin_mobile) {
            (Some(id), Some(name), Some(mobile)) => Some(AdminInfo {
                id,
                name,
                mobile,
                assigned_on: self
                    .admin_since
                    .as_deref()
                    .and_then(day)
                    .unwrap_or(open_from),
                last_report: self.admin_last_day.as_deref().and_then(day),
            }),
            _ => None,
        };
        Some(GroupInfo {
            unit: ReportingUnit {
                group_id: self.group_id,
                kind: self.kind,
                parent_id: self.parent_id,
                district_id: self.district_id,
                open_from,
                open_to,
            },
            group_name: self.group_name,
            name_en: self.name_en,
            name_hi: self.name_hi,
            admin,
            had_admin_on_last_day: self.had_admin,
            check_deadline_on_last_day: self.check_deadline_ms,
            verified_on_last_day: self.verified,
            member_count: self.member_count,
            member_limit: self.member_limit,
        })
    }
}

/// Reports as the database lists them: `[[group id, "YYYY-MM-DD", epoch ms,
/// self-reported 0/1], …]`.
pub fn parse_report_days(json: &str) -> Vec<Report> {
    let rows: Vec<(String, String, i64, u8)> = serde_json::from_str(json).unwrap_or_default();
    rows.into_iter()
        .filter_map(|(group_id, day, ms, self_reported)| {
            Some(Report {
                group_id,
                day: parse_day(&day)?,
                submitted_at_ms: ms,
                self_reported: self_reported != 0,
            })
        })
        .collect()
}

/// A report's date range: `from..=to` as given, by default the 7 days ending today;
/// `from` after `to`, a range over [`MAX_RANGE_DAYS`] or a malformed day is refused.
pub fn parse_range(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), crate::error::ErrorCode> {
    use crate::error::ErrorCode::InvalidDateRange;
    let to = match to {
        Some(t) => parse_day(t).ok_or(InvalidDateRange)?,
        None => today,
    };
    let from = match from {
        Some(f) => parse_day(f).ok_or(InvalidDateRange)?,
        None => to - Days::new(6),
    };
    if from > to || (to - from).num_days() >= MAX_RANGE_DAYS {
        return Err(InvalidDateRange);
    }
    Ok((from, to))
}

/// The days whose reports a report page needs: the range, the trend's 30 days and the
/// summary's week, all ending on `to`.
pub fn load_range(from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    (from.min(to - Days::new(TREND_DAYS - 1)), to)
}

mod export;
mod monitoring;
pub use export::*;
pub use monitoring::{compliance_range, InactiveAdminOf};

#[cfg(test)]
mod tests;
