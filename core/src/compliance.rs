//! Compliance with DHIS2's meaning of a reporting rate: for every unit (a gram panchayat
//! or ward, through its WhatsApp group) and every day it existed, one report is
//! *expected*; a day with at least one counted submission is *actual*; the day is *on
//! time* when its first submission arrived by the deadline (default 18:00 IST).
//!
//! reporting rate = actual / expected, on-time rate = on time / expected, summed over
//! units for a block, ULB or district and over the days of a period. A unit opened or
//! closed inside the period is expected only on the days it existed, and a submission on
//! any other day does not count, so no rate ever exceeds 100 %. Days after `as_of`
//! (today) are not expected yet; today is, since admins may report all day.
//!
//! Which submissions count (for example: not rejected in review) is the caller's choice;
//! it passes one [`Report`] per submission and this module takes the earliest per day.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::api::GroupKind;
use crate::time::ist_day_bounds_ms;

/// Reports are due by 18:00 IST on their day.
pub const DEFAULT_DEADLINE_MINUTES: u32 = 18 * 60;
/// An admin with no submission in this many days is listed for replacement.
pub const DEFAULT_INACTIVE_DAYS: u32 = 7;

/// The instant (epoch ms) a day's report is due: `deadline_minutes` after IST midnight.
pub fn deadline_ms(day: NaiveDate, deadline_minutes: u32) -> i64 {
    ist_day_bounds_ms(day).0 + i64::from(deadline_minutes) * 60_000
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Day,
    /// ISO week, Monday to Sunday (DHIS2's `Weekly`).
    Week,
    Month,
}

impl PeriodKind {
    pub fn parse(text: &str) -> Option<PeriodKind> {
        match text {
            "day" => Some(PeriodKind::Day),
            "week" => Some(PeriodKind::Week),
            "month" => Some(PeriodKind::Month),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Day => "day",
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
        }
    }
}

/// Days `start..=end`, both IST calendar days.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// The day, ISO week or calendar month that contains `day`.
    pub fn containing(kind: PeriodKind, day: NaiveDate) -> Period {
        match kind {
            PeriodKind::Day => Period {
                start: day,
                end: day,
            },
            PeriodKind::Week => {
                let start = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
                Period {
                    start,
                    end: start + Days::new(6),
                }
            }
            PeriodKind::Month => {
                let start = day.with_day(1).expect("day 1 exists");
                let next = start
                    .checked_add_months(chrono::Months::new(1))
                    .expect("in range");
                Period {
                    start,
                    end: next - Days::new(1),
                }
            }
        }
    }

    /// The days of the period up to `as_of`, clipped to `[from, to]`.
    fn days(&self, as_of: NaiveDate, from: NaiveDate, to: Option<NaiveDate>) -> u32 {
        let start = self.start.max(from);
        let mut end = self.end.min(as_of);
        if let Some(to) = to {
            end = end.min(to);
        }
        if end < start {
            0
        } else {
            (end - start).num_days() as u32 + 1
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// A unit that is expected to report, as compliance sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportingUnit {
    /// The group id (equal to the unit id for GPs and wards).
    pub group_id: String,
    pub kind: GroupKind,
    /// The block (for a GP) or ULB (for a ward).
    pub parent_id: String,
    pub district_id: String,
    /// First and last day the unit and its group both existed (`None`: still open).
    pub open_from: NaiveDate,
    pub open_to: Option<NaiveDate>,
}

impl ReportingUnit {
    /// The days a group exists: from the later of its unit's first day and the group's
    /// creation, to the earlier of the unit's last day and the day before the group was
    /// closed (a group closed on day X is not expected from X on). The one "open on that
    /// day" rule of the draw, compliance, the reports and the status; the map's SQL twin
    /// is `storage::OPEN_ON` in the worker. Days may be timestamps (their first ten
    /// characters count). `None` when the unit's first day is unreadable.
    pub fn open_span(
        valid_from: &str,
        valid_to: Option<&str>,
        created: &str,
        closed: Option<&str>,
    ) -> Option<(NaiveDate, Option<NaiveDate>)> {
        let day = |t: &str| crate::time::parse_day(t.get(..10).unwrap_or(t));
        let valid_from = day(valid_from)?;
        let open_from = day(created).map_or(valid_from, |c| c.max(valid_from));
        let closed_before = closed.and_then(day).map(|d| d - Days::new(1));
        let open_to = [valid_to.and_then(day), closed_before]
            .into_iter()
            .flatten()
            .min();
        Some((open_from, open_to))
    }

    pub fn exists_on(&self, day: NaiveDate) -> bool {
        self.open_from <= day && self.open_to.is_none_or(|to| day <= to)
    }
}

/// One counted report of a group's day: a stored screenshot (at the instant its first
/// image was stored), or a day the group's chat export shows campaign material posted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub group_id: String,
    /// The report's IST day.
    pub day: NaiveDate,
    pub submitted_at_ms: i64,
    /// Only the admin's own chat export says so: self-reported evidence, counted but
    /// shown apart from a screenshot reviewers can see.
    pub self_reported: bool,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub expected: u32,
    pub actual: u32,
    pub on_time: u32,
    /// Of `actual`, the days whose only evidence is the admin's chat export (no stored
    /// screenshot): self-reported, shown apart wherever compliance is shown.
    #[serde(default)]
    pub self_reported: u32,
}

impl Counts {
    /// Percent, or `None` when nothing was expected (a rate of 0/0 is not 0 %).
    pub fn reporting_rate(&self) -> Option<f64> {
        (self.expected > 0).then(|| 100.0 * f64::from(self.actual) / f64::from(self.expected))
    }

    pub fn on_time_rate(&self) -> Option<f64> {
        (self.expected > 0).then(|| 100.0 * f64::from(self.on_time) / f64::from(self.expected))
    }

    pub fn add(&mut self, other: Counts) {
        self.expected += other.expected;
        self.actual += other.actual;
        self.on_time += other.on_time;
        self.self_reported += other.self_reported;
    }
}

/// The earliest counted report per (group, day), and whether every report of that day
/// is self-reported.
fn first_per_day(reports: &[Report]) -> BTreeMap<(&str, NaiveDate), (i64, bool)> {
    let mut first: BTreeMap<(&str, NaiveDate), (i64, bool)> = BTreeMap::new();
    for r in reports {
        first
            .entry((r.group_id.as_str(), r.day))
            .and_modify(|(t, only_self)| {
                *t = (*t).min(r.submitted_at_ms);
                *only_self &= r.self_reported;
            })
            .or_insert((r.submitted_at_ms, r.self_reported));
    }
    first
}

/// Counts per unit over `period` up to `as_of`.
pub fn unit_counts(
    units: &[ReportingUnit],
    reports: &[Report],
    period: Period,
    as_of: NaiveDate,
    deadline_minutes: u32,
) -> BTreeMap<String, Counts> {
    let first = first_per_day(reports);
    let mut out = BTreeMap::new();
    for u in units {
        let mut c = Counts {
            expected: period.days(as_of, u.open_from, u.open_to),
            ..Counts::default()
        };
        for (&(_, day), &(at, only_self)) in
            first.range((u.group_id.as_str(), period.start)..=(u.group_id.as_str(), period.end))
        {
            if day <= as_of && u.exists_on(day) {
                c.actual += 1;
                c.self_reported += u32::from(only_self);
                if at <= deadline_ms(day, deadline_minutes) {
                    c.on_time += 1;
                }
            }
        }
        out.insert(u.group_id.clone(), c);
    }
    out
}

/// What a row of the compliance table is about.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowLevel {
    GramPanchayat,
    Ward,
    Block,
    Ulb,
    District,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateRow {
    pub level: RowLevel,
    pub id: String,
    pub counts: Counts,
}

/// Rows for every unit, every block and ULB, and the district(s), in that order.
pub fn rate_table(
    units: &[ReportingUnit],
    reports: &[Report],
    period: Period,
    as_of: NaiveDate,
    deadline_minutes: u32,
) -> Vec<RateRow> {
    let per_unit = unit_counts(units, reports, period, as_of, deadline_minutes);
    let mut rows = Vec::new();
    let mut parents: BTreeMap<(RowLevel, &str), Counts> = BTreeMap::new();
    let mut districts: BTreeMap<&str, Counts> = BTreeMap::new();
    for u in units {
        let c = per_unit[&u.group_id];
        let (level, parent_level) = match u.kind {
            GroupKind::GramPanchayat => (RowLevel::GramPanchayat, RowLevel::Block),
            GroupKind::Ward => (RowLevel::Ward, RowLevel::Ulb),
        };
        rows.push(RateRow {
            level,
            id: u.group_id.clone(),
            counts: c,
        });
        parents
            .entry((parent_level, &u.parent_id))
            .or_default()
            .add(c);
        districts.entry(&u.district_id).or_default().add(c);
    }
    rows.extend(parents.into_iter().map(|((level, id), counts)| RateRow {
        level,
        id: id.to_owned(),
        counts,
    }));
    rows.extend(districts.into_iter().map(|(id, counts)| RateRow {
        level: RowLevel::District,
        id: id.to_owned(),
        counts,
    }));
    rows
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streak {
    /// Consecutive reported days ending today, or yesterday while today's report may
    /// still come.
    pub current: u32,
    /// Longest run of consecutive reported days among the days given.
    pub longest: u32,
}

/// Streaks of one unit from the days it reported (only days it existed count).
pub fn streak(unit: &ReportingUnit, reported: &BTreeSet<NaiveDate>, as_of: NaiveDate) -> Streak {
    let mut s = Streak::default();
    let mut run = 0;
    let mut prev: Option<NaiveDate> = None;
    for &day in reported
        .iter()
        .filter(|d| **d <= as_of && unit.exists_on(**d))
    {
        run = if prev.is_some_and(|p| p + Days::new(1) == day) {
            run + 1
        } else {
            1
        };
        s.longest = s.longest.max(run);
        prev = Some(day);
    }
    let yesterday = as_of - Days::new(1);
    if prev == Some(as_of) || prev == Some(yesterday) {
        s.current = run;
    }
    s
}

/// An admin's current assignment and latest submission for that group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminActivity {
    pub admin_id: String,
    pub group_id: String,
    /// IST day the assignment started.
    pub assigned_on: NaiveDate,
    pub last_submission: Option<NaiveDate>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InactiveAdmin {
    pub admin_id: String,
    pub group_id: String,
    /// Days since the last submission (`None`: never submitted for this group).
    pub days_since_last: Option<u32>,
    pub assigned_on: NaiveDate,
}

/// Admins with no submission on any of the last `days` days (today included), among
/// those assigned at least `days` days ago; the longest silent first.
pub fn inactive_admins(
    activity: &[AdminActivity],
    as_of: NaiveDate,
    days: u32,
) -> Vec<InactiveAdmin> {
    let days = days.max(1);
    let first_of_window = as_of - Days::new(u64::from(days - 1));
    let mut out: Vec<InactiveAdmin> = activity
        .iter()
        .filter(|a| a.assigned_on < first_of_window)
        .filter(|a| a.last_submission.is_none_or(|d| d < first_of_window))
        .map(|a| InactiveAdmin {
            admin_id: a.admin_id.clone(),
            group_id: a.group_id.clone(),
            days_since_last: a
                .last_submission
                .map(|d| (as_of - d).num_days().max(0) as u32),
            assigned_on: a.assigned_on,
        })
        .collect();
    // Never submitted first (oldest assignment first), then the longest silence.
    out.sort_by(|a, b| match (a.days_since_last, b.days_since_last) {
        (None, None) => a
            .assigned_on
            .cmp(&b.assigned_on)
            .then(a.group_id.cmp(&b.group_id)),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x).then(a.group_id.cmp(&b.group_id)),
    });
    out
}

#[cfg(test)]
mod tests;
