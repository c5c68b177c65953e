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
mod tests {
    use super::*;
    use crate::time::parse_day;

    fn d(text: &str) -> NaiveDate {
        parse_day(text).unwrap()
    }

    /// Epoch ms of `hh:mm` IST on `day`.
    fn at(day: &str, hh: i64, mm: i64) -> i64 {
        ist_day_bounds_ms(d(day)).0 + (hh * 60 + mm) * 60_000
    }

    fn unit(
        id: &str,
        kind: GroupKind,
        parent: &str,
        from: &str,
        to: Option<&str>,
    ) -> ReportingUnit {
        ReportingUnit {
            group_id: id.into(),
            kind,
            parent_id: parent.into(),
            district_id: "district-108".into(),
            open_from: d(from),
            open_to: to.map(d),
        }
    }

    fn report(id: &str, day: &str, hh: i64, mm: i64) -> Report {
        Report {
            group_id: id.into(),
            day: d(day),
            submitted_at_ms: at(day, hh, mm),
            self_reported: false,
        }
    }

    fn nov(n: u32) -> String {
        format!("2026-11-{n:02}")
    }

    /// The fixture, by hand:
    /// - gp-a (block-1): all November; reports on the 1st–20th, 15 by 18:00 (1st–15th
    ///   at 10:00, 16th–20th at 19:30); on the 3rd a second, late report (counts once).
    /// - gp-b (block-1): created on the 16th; reports every day 16th–30th at 09:00, and
    ///   one on the 10th, before it existed (ignored).
    /// - gp-c (block-2): closed after the 15th (valid_to = 15th); reports 1st–10th at
    ///   17:59 and on the 20th (after closing: ignored).
    /// - ward-1 (ulb-1): all November, no report.
    fn fixture() -> (Vec<ReportingUnit>, Vec<Report>) {
        let units = vec![
            unit(
                "gp-a",
                GroupKind::GramPanchayat,
                "block-1",
                "2024-01-01",
                None,
            ),
            unit(
                "gp-b",
                GroupKind::GramPanchayat,
                "block-1",
                "2026-11-16",
                None,
            ),
            unit(
                "gp-c",
                GroupKind::GramPanchayat,
                "block-2",
                "2024-01-01",
                Some("2026-11-15"),
            ),
            unit("ward-1", GroupKind::Ward, "ulb-1", "2024-01-01", None),
        ];
        let mut reports = Vec::new();
        for n in 1..=20 {
            let (hh, mm) = if n <= 15 { (10, 0) } else { (19, 30) };
            reports.push(report("gp-a", &nov(n), hh, mm));
        }
        reports.push(report("gp-a", &nov(3), 20, 0));
        for n in 16..=30 {
            reports.push(report("gp-b", &nov(n), 9, 0));
        }
        reports.push(report("gp-b", &nov(10), 9, 0));
        for n in 1..=10 {
            reports.push(report("gp-c", &nov(n), 17, 59));
        }
        reports.push(report("gp-c", &nov(20), 9, 0));
        (units, reports)
    }

    fn row<'a>(rows: &'a [RateRow], id: &str) -> &'a Counts {
        &rows.iter().find(|r| r.id == id).unwrap().counts
    }

    fn c(expected: u32, actual: u32, on_time: u32) -> Counts {
        Counts {
            self_reported: 0,
            expected,
            actual,
            on_time,
        }
    }

    #[test]
    fn month_rates_by_unit_block_ulb_and_district() {
        let (units, reports) = fixture();
        let month = Period::containing(PeriodKind::Month, d("2026-11-18"));
        assert_eq!((month.start, month.end), (d("2026-11-01"), d("2026-11-30")));
        let rows = rate_table(
            &units,
            &reports,
            month,
            d("2026-11-30"),
            DEFAULT_DEADLINE_MINUTES,
        );
        assert_eq!(*row(&rows, "gp-a"), c(30, 20, 15));
        assert_eq!(*row(&rows, "gp-b"), c(15, 15, 15)); // mid-month start: 15 days, not 30
        assert_eq!(*row(&rows, "gp-c"), c(15, 10, 10)); // closed mid-month
        assert_eq!(*row(&rows, "ward-1"), c(30, 0, 0));
        assert_eq!(*row(&rows, "block-1"), c(45, 35, 30));
        assert_eq!(*row(&rows, "block-2"), c(15, 10, 10));
        assert_eq!(*row(&rows, "ulb-1"), c(30, 0, 0));
        assert_eq!(*row(&rows, "district-108"), c(90, 45, 40));
        let rate = |id: &str| row(&rows, id).reporting_rate().unwrap();
        assert!((rate("gp-a") - 66.666).abs() < 0.01);
        assert_eq!(rate("gp-b"), 100.0);
        assert!((rate("block-1") - 77.777).abs() < 0.01);
        assert_eq!(rate("district-108"), 50.0);
        assert!((row(&rows, "district-108").on_time_rate().unwrap() - 44.444).abs() < 0.01);
        assert_eq!(
            rows.iter()
                .filter(|r| r.level == RowLevel::District)
                .count(),
            1
        );
        assert!(rows.iter().all(|r| r.counts.actual <= r.counts.expected));
    }

    #[test]
    fn week_and_day_count_only_days_up_to_today() {
        let (units, reports) = fixture();
        // Wednesday the 18th: the ISO week is Mon 16th – Sun 22nd, so far 16th–18th.
        let week = Period::containing(PeriodKind::Week, d("2026-11-18"));
        assert_eq!((week.start, week.end), (d("2026-11-16"), d("2026-11-22")));
        let rows = rate_table(
            &units,
            &reports,
            week,
            d("2026-11-18"),
            DEFAULT_DEADLINE_MINUTES,
        );
        assert_eq!(*row(&rows, "gp-a"), c(3, 3, 0)); // 19:30 each day: late
        assert_eq!(*row(&rows, "gp-b"), c(3, 3, 3));
        assert_eq!(*row(&rows, "gp-c"), c(0, 0, 0)); // closed before the week
        assert_eq!(row(&rows, "gp-c").reporting_rate(), None);
        assert_eq!(*row(&rows, "district-108"), c(9, 6, 3));
        // The week containing the 10th (Mon 9th – Sun 15th), seen at its end: gp-b did
        // not exist, so its report on the 10th is ignored.
        let rows = rate_table(
            &units,
            &reports,
            Period::containing(PeriodKind::Week, d("2026-11-10")),
            d("2026-11-30"),
            DEFAULT_DEADLINE_MINUTES,
        );
        assert_eq!(*row(&rows, "gp-b"), c(0, 0, 0));
        assert_eq!(*row(&rows, "gp-c"), c(7, 2, 2));
        // One day: the 3rd, where gp-a sent an on-time and a late report.
        let day = Period::containing(PeriodKind::Day, d("2026-11-03"));
        let rows = rate_table(
            &units,
            &reports,
            day,
            d("2026-11-30"),
            DEFAULT_DEADLINE_MINUTES,
        );
        assert_eq!(*row(&rows, "gp-a"), c(1, 1, 1));
        assert_eq!(*row(&rows, "district-108"), c(3, 2, 2));
    }

    /// One gram panchayat group, open since 2024.
    fn one_gp() -> Vec<ReportingUnit> {
        vec![unit(
            "gp-a",
            GroupKind::GramPanchayat,
            "b",
            "2024-01-01",
            None,
        )]
    }

    #[test]
    fn chat_export_days_count_but_are_shown_as_self_reported() {
        let u = one_gp();
        let week = Period {
            start: d("2026-11-23"),
            end: d("2026-11-29"),
        };
        let chat = |day: &str| Report {
            self_reported: true,
            ..report("gp-a", day, 23, 59)
        };
        // 23rd: chat export only; 24th: chat export and a screenshot; 25th: screenshot.
        let reports = vec![
            chat("2026-11-23"),
            chat("2026-11-24"),
            report("gp-a", "2026-11-24", 10, 0),
            report("gp-a", "2026-11-25", 10, 0),
        ];
        let counts = unit_counts(
            &u,
            &reports,
            week,
            d("2026-11-29"),
            DEFAULT_DEADLINE_MINUTES,
        );
        assert_eq!(
            counts["gp-a"],
            Counts {
                expected: 7,
                actual: 3,
                on_time: 2,
                self_reported: 1
            }
        );
        let rows = rate_table(
            &u,
            &reports,
            week,
            d("2026-11-29"),
            DEFAULT_DEADLINE_MINUTES,
        );
        assert_eq!(row(&rows, "district-108").self_reported, 1);
    }

    #[test]
    fn deadline_is_inclusive_and_configurable() {
        let u = one_gp();
        let day = Period::containing(PeriodKind::Day, d("2026-11-27"));
        let exactly = vec![Report {
            group_id: "gp-a".into(),
            day: d("2026-11-27"),
            submitted_at_ms: deadline_ms(d("2026-11-27"), DEFAULT_DEADLINE_MINUTES),
            self_reported: false,
        }];
        assert_eq!(
            unit_counts(&u, &exactly, day, d("2026-11-27"), DEFAULT_DEADLINE_MINUTES)["gp-a"],
            c(1, 1, 1)
        );
        let mut late = exactly.clone();
        late[0].submitted_at_ms += 1;
        assert_eq!(
            unit_counts(&u, &late, day, d("2026-11-27"), DEFAULT_DEADLINE_MINUTES)["gp-a"],
            c(1, 1, 0)
        );
        assert_eq!(
            unit_counts(&u, &late, day, d("2026-11-27"), 20 * 60)["gp-a"],
            c(1, 1, 1)
        );
        // 18:00 IST is 12:30 UTC.
        assert_eq!(
            deadline_ms(d("2026-11-27"), DEFAULT_DEADLINE_MINUTES),
            chrono::DateTime::parse_from_rfc3339("2026-11-27T12:30:00Z")
                .unwrap()
                .timestamp_millis()
        );
    }

    #[test]
    fn months_of_every_length() {
        let feb = Period::containing(PeriodKind::Month, d("2028-02-10"));
        assert_eq!(feb.end, d("2028-02-29"));
        let dec = Period::containing(PeriodKind::Month, d("2026-12-31"));
        assert_eq!((dec.start, dec.end), (d("2026-12-01"), d("2026-12-31")));
        // A week that crosses a year.
        let w = Period::containing(PeriodKind::Week, d("2027-01-01"));
        assert_eq!((w.start, w.end), (d("2026-12-28"), d("2027-01-03")));
        assert_eq!(PeriodKind::parse("week"), Some(PeriodKind::Week));
        assert_eq!(PeriodKind::parse("year"), None);
    }

    #[test]
    fn streaks() {
        let (units, reports) = fixture();
        let days = |id: &str| -> BTreeSet<NaiveDate> {
            reports
                .iter()
                .filter(|r| r.group_id == id)
                .map(|r| r.day)
                .collect()
        };
        // gp-a: 1st–20th. On the 20th: current 20; on the 21st (today not in yet): still
        // 20; on the 22nd: broken.
        assert_eq!(
            streak(&units[0], &days("gp-a"), d("2026-11-20")),
            Streak {
                current: 20,
                longest: 20
            }
        );
        assert_eq!(
            streak(&units[0], &days("gp-a"), d("2026-11-21")).current,
            20
        );
        assert_eq!(
            streak(&units[0], &days("gp-a"), d("2026-11-22")),
            Streak {
                current: 0,
                longest: 20
            }
        );
        // gp-b: the report before it existed does not count; 16th–30th.
        assert_eq!(
            streak(&units[1], &days("gp-b"), d("2026-11-30")),
            Streak {
                current: 15,
                longest: 15
            }
        );
        // Seen on the 12th, only the 10th (ignored) → nothing.
        assert_eq!(
            streak(&units[1], &days("gp-b"), d("2026-11-12")),
            Streak::default()
        );
        // gp-c: 1st–10th, report on the 20th after closing ignored.
        assert_eq!(
            streak(&units[2], &days("gp-c"), d("2026-11-30")),
            Streak {
                current: 0,
                longest: 10
            }
        );
        assert_eq!(
            streak(&units[3], &days("ward-1"), d("2026-11-30")),
            Streak::default()
        );
    }

    #[test]
    fn inactive_admin_list() {
        let a = |admin: &str, group: &str, assigned: &str, last: Option<&str>| AdminActivity {
            admin_id: admin.into(),
            group_id: group.into(),
            assigned_on: d(assigned),
            last_submission: last.map(d),
        };
        let activity = vec![
            a("ad-1", "gp-1", "2026-01-01", Some("2026-11-27")), // active today
            a("ad-2", "gp-2", "2026-01-01", Some("2026-11-21")), // 6 days ago: still inside
            a("ad-3", "gp-3", "2026-01-01", Some("2026-11-20")), // 7 days ago: inactive
            a("ad-4", "gp-4", "2026-01-01", None),               // never
            a("ad-5", "gp-5", "2026-11-25", None),               // new: give them time
            a("ad-6", "gp-6", "2026-11-20", None),               // assigned 7 days ago
            a("ad-7", "gp-7", "2026-01-01", Some("2026-09-01")),
        ];
        let list = inactive_admins(&activity, d("2026-11-27"), DEFAULT_INACTIVE_DAYS);
        let ids: Vec<(&str, Option<u32>)> = list
            .iter()
            .map(|i| (i.admin_id.as_str(), i.days_since_last))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("ad-4", None),
                ("ad-6", None),
                ("ad-7", Some(87)),
                ("ad-3", Some(7))
            ]
        );
        // Configurable: 30 days leaves only the never-submitted old one and ad-7.
        let list = inactive_admins(&activity, d("2026-11-27"), 30);
        let ids: Vec<&str> = list.iter().map(|i| i.admin_id.as_str()).collect();
        assert_eq!(ids, vec!["ad-4", "ad-7"]);
    }
}
