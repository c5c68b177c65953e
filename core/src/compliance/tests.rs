use super::*;
use crate::time::parse_day;

fn d(text: &str) -> NaiveDate {
    parse_day(text).unwrap()
}

/// Epoch ms of `hh:mm` IST on `day`.
fn at(day: &str, hh: i64, mm: i64) -> i64 {
    ist_day_bounds_ms(d(day)).0 + (hh * 60 + mm) * 60_000
}

fn unit(id: &str, kind: GroupKind, parent: &str, from: &str, to: Option<&str>) -> ReportingUnit {
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
fn open_span_is_the_later_start_and_the_earlier_end() {
    let span = |vf, vt, c, cl| ReportingUnit::open_span(vf, vt, c, cl);
    // Created after the unit existed; still open.
    assert_eq!(
        span("2024-01-01", None, "2026-11-16T10:00:00.000+05:30", None),
        Some((d("2026-11-16"), None))
    );
    // A group closed on the 20th is not expected from the 20th on; the unit's own
    // last day is inclusive, and the earlier end wins.
    assert_eq!(
        span(
            "2024-01-01",
            Some("2026-11-25"),
            "2024-01-01",
            Some("2026-11-20T09:00:00.000+05:30")
        ),
        Some((d("2024-01-01"), Some(d("2026-11-19"))))
    );
    assert_eq!(
        span(
            "2024-01-01",
            Some("2026-11-15"),
            "2024-01-01",
            Some("2026-11-20")
        ),
        Some((d("2024-01-01"), Some(d("2026-11-15"))))
    );
    // An unreadable creation day falls back to the unit's; an unreadable first day
    // of the unit is no span at all.
    assert_eq!(
        span("2024-01-01", None, "", None),
        Some((d("2024-01-01"), None))
    );
    assert_eq!(span("not a day", None, "2024-01-01", None), None);
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
