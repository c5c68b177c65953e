use super::*;
use crate::api::{GroupKind, UnitKind};
use crate::compliance::PeriodKind;
use crate::time::parse_day;

fn d(text: &str) -> NaiveDate {
    parse_day(text).unwrap()
}

/// Epoch ms of hh:mm IST on `day`.
fn at(day: &str, hh: i64, mm: i64) -> i64 {
    ist_day_bounds_ms(d(day)).0 + (hh * 60 + mm) * 60_000
}

fn group(id: &str, kind: GroupKind, parent: &str, from: &str, admin: bool) -> GroupInfo {
    GroupInfo {
        unit: ReportingUnit {
            group_id: id.into(),
            kind,
            parent_id: parent.into(),
            district_id: "district-108".into(),
            open_from: d(from),
            open_to: None,
        },
        group_name: format!("Group {id}"),
        name_en: format!("{id} name"),
        name_hi: format!("{id} नाम"),
        admin: admin.then(|| AdminInfo {
            id: format!("admin-{id}"),
            name: format!("Admin {id}"),
            mobile: "+919800000001".into(),
            assigned_on: d("2026-01-01"),
            last_report: None,
        }),
        had_admin_on_last_day: admin,
        check_deadline_on_last_day: None,
        verified_on_last_day: false,
        member_count: Some(900),
        member_limit: 1024,
    }
}

fn report(id: &str, day: &str, hh: i64) -> Report {
    Report {
        group_id: id.into(),
        day: d(day),
        submitted_at_ms: at(day, hh, 0),
        self_reported: false,
    }
}

/// Two blocks and a ULB, on 2026-11-10 at 19:00 IST (after the daily deadline):
/// - gp-a (block-1) reports every day 1st–10th at 10:00;
/// - gp-b (block-1) reports on the 9th at 20:00 only (late); drawn for a check on the
///   10th with an 18:00 deadline;
/// - gp-c (block-2) has no admin and never reports; opened on the 6th;
/// - ward-1 (ulb-1) reports on the 10th at 09:00 and has 100 of 1024 members.
fn fixture() -> (Vec<ParentInfo>, Vec<GroupInfo>, Vec<Report>) {
    let parents = vec![
        ParentInfo {
            id: "district-108".into(),
            kind: UnitKind::District,
            name_en: "Udaipur".into(),
            name_hi: "उदयपुर".into(),
        },
        ParentInfo {
            id: "block-1".into(),
            kind: UnitKind::Block,
            name_en: "Girwa".into(),
            name_hi: "गिर्वा".into(),
        },
        ParentInfo {
            id: "block-2".into(),
            kind: UnitKind::Block,
            name_en: "Badgaon".into(),
            name_hi: "बड़गांव".into(),
        },
        ParentInfo {
            id: "ulb-1".into(),
            kind: UnitKind::Ulb,
            name_en: "Udaipur MC".into(),
            name_hi: "उदयपुर नगर निगम".into(),
        },
    ];
    let mut ward = group("ward-1", GroupKind::Ward, "ulb-1", "2024-01-01", true);
    ward.member_count = Some(100);
    let mut gp_b = group(
        "gp-b",
        GroupKind::GramPanchayat,
        "block-1",
        "2024-01-01",
        true,
    );
    gp_b.admin.as_mut().unwrap().last_report = Some(d("2026-11-01"));
    gp_b.member_count = None;
    gp_b.check_deadline_on_last_day = Some(at("2026-11-10", 18, 0));
    let groups = vec![
        group(
            "gp-a",
            GroupKind::GramPanchayat,
            "block-1",
            "2024-01-01",
            true,
        ),
        gp_b,
        group(
            "gp-c",
            GroupKind::GramPanchayat,
            "block-2",
            "2026-11-06",
            false,
        ),
        ward,
    ];
    let mut reports: Vec<Report> = (1..=10)
        .map(|n| report("gp-a", &format!("2026-11-{n:02}"), 10))
        .collect();
    reports.push(report("gp-b", "2026-11-09", 20));
    reports.push(report("ward-1", "2026-11-10", 9));
    (parents, groups, reports)
}

/// The fixture's facts on 2026-11-10 at 19:00 IST, with the default 18:00 deadline.
fn input_of<'a>(
    parents: &'a [ParentInfo],
    groups: &'a [GroupInfo],
    reports: &'a [Report],
) -> ReportInput<'a> {
    ReportInput {
        parents,
        groups,
        reports,
        today: d("2026-11-10"),
        now_ms: at("2026-11-10", 19, 0),
        deadline_minutes: crate::compliance::DEFAULT_DEADLINE_MINUTES,
    }
}

fn with_input<T>(f: impl FnOnce(&ReportInput<'_>) -> T) -> T {
    let (parents, groups, reports) = fixture();
    f(&input_of(&parents, &groups, &reports))
}

#[test]
fn block_rows_count_only_days_units_existed() {
    let report =
        with_input(|i| i.compliance(d("2026-11-01"), d("2026-11-10"), ReportLevel::Block, None));
    let names: Vec<&str> = report.rows.iter().map(|r| r.name_en.as_str()).collect();
    assert_eq!(names, ["Badgaon", "Girwa"]);
    let girwa = &report.rows[1];
    assert_eq!(
        (
            girwa.counts.expected,
            girwa.counts.actual,
            girwa.counts.on_time
        ),
        (20, 11, 10)
    );
    assert_eq!(girwa.reporting_rate, Some(55.0));
    assert_eq!(girwa.on_time_rate, Some(50.0));
    let badgaon = &report.rows[0];
    assert_eq!(
        (badgaon.counts.expected, badgaon.counts.actual),
        (5, 0),
        "gp-c opened on the 6th"
    );
    assert_eq!(report.total.expected, 20 + 5 + 10);
    assert_eq!(report.total.actual, 11 + 1);
    let ulb =
        with_input(|i| i.compliance(d("2026-11-01"), d("2026-11-10"), ReportLevel::Ulb, None));
    assert_eq!(ulb.rows.len(), 1);
    assert_eq!(ulb.rows[0].reporting_rate, Some(10.0));
}

#[test]
fn group_rows_carry_the_last_days_status_and_filter_by_it() {
    let gps = with_input(|i| {
        i.compliance(
            d("2026-11-01"),
            d("2026-11-10"),
            ReportLevel::GramPanchayat,
            None,
        )
    });
    let got: Vec<(&str, Option<DayStatus>)> =
        gps.rows.iter().map(|r| (r.id.as_str(), r.status)).collect();
    assert_eq!(
        got,
        [
            ("gp-c", Some(DayStatus::NoActiveAdmin)), // Badgaon sorts first
            ("gp-a", Some(DayStatus::Submitted)),
            ("gp-b", Some(DayStatus::Overdue)),
        ]
    );
    assert_eq!(gps.rows[1].parent_hi, "गिर्वा");
    let overdue = with_input(|i| {
        i.compliance(
            d("2026-11-01"),
            d("2026-11-10"),
            ReportLevel::GramPanchayat,
            Some(DayStatus::Overdue),
        )
    });
    assert_eq!(overdue.rows.len(), 1);
    assert_eq!(overdue.rows[0].id, "gp-b");
    // The 9th: gp-b reported (late); the check facts belong to the 10th only.
    let past = with_input(|i| {
        i.compliance(
            d("2026-11-09"),
            d("2026-11-09"),
            ReportLevel::GramPanchayat,
            None,
        )
    });
    assert_eq!(
        past.rows.iter().find(|r| r.id == "gp-b").unwrap().status,
        Some(DayStatus::Submitted)
    );
    let wards =
        with_input(|i| i.compliance(d("2026-11-10"), d("2026-11-10"), ReportLevel::Ward, None));
    assert_eq!(wards.rows.len(), 1);
    assert_eq!(wards.rows[0].counts.on_time, 1);
}

#[test]
fn trend_league_inactive_and_low_membership() {
    with_input(|i| {
        let trend = i.trend(d("2026-11-10"));
        assert_eq!(trend.len(), 30);
        assert_eq!(trend[29].day, "2026-11-10");
        assert_eq!(trend[29].counts.expected, 4);
        assert_eq!(trend[29].counts.actual, 2);
        assert_eq!(trend[28].counts.actual, 2, "the 9th: gp-a and gp-b");
        assert_eq!(trend[28].counts.on_time, 1);
        assert_eq!(trend[0].day, "2026-10-12");
        assert_eq!(trend[0].counts.expected, 3, "gp-c did not exist yet");

        let league = i.league(d("2026-11-01"), d("2026-11-10"));
        let ranks: Vec<(u32, &str)> = league
            .iter()
            .map(|r| (r.rank, r.name_en.as_str()))
            .collect();
        assert_eq!(ranks, [(1, "Girwa"), (2, "Badgaon")]);

        let inactive = i.inactive(7);
        let ids: Vec<&str> = inactive.iter().map(|r| r.group_id.as_str()).collect();
        assert_eq!(
            ids,
            ["gp-a", "ward-1", "gp-b"],
            "never reported (by this data) first, then longest silence"
        );
        let gp_b = inactive.iter().find(|r| r.group_id == "gp-b").unwrap();
        assert_eq!(gp_b.days_since_last, Some(9));

        let low = i.low_membership();
        let ids: Vec<(&str, Option<f64>)> = low
            .iter()
            .map(|r| (r.group_id.as_str(), r.fill_percent))
            .collect();
        assert_eq!(ids, [("gp-b", None), ("ward-1", Some(9.8))]);
    });
}

#[test]
fn daily_summary_counts_each_status_per_block() {
    let s = with_input(|i| i.daily_summary(d("2026-11-10"), "Udaipur", "उदयपुर", 7));
    assert_eq!(s.groups, 4);
    // verified, submitted, requested, overdue, no admin, not submitted
    assert_eq!(s.statuses, [0, 2, 0, 1, 1, 0]);
    let girwa = s.lines.iter().find(|l| l.id == "block-1").unwrap();
    assert_eq!(girwa.statuses, [0, 1, 0, 1, 0, 0]);
    assert_eq!(s.overdue_total, 1);
    assert_eq!(s.overdue[0].id, "gp-b");
    assert_eq!(s.day_rate, Some(50.0));
    assert_eq!(s.low_membership_total, 2);
}

#[test]
fn neutralise_formula_starts() {
    for bad in ["=1+2", "+91 98", "-2", "@SUM(A1)", "\tx", "\rx"] {
        assert!(neutralise(bad).starts_with('\''), "{bad:?}");
    }
    for ok in ["Girwa", "गिर्वा", "", "1=1", " =x"] {
        assert_eq!(neutralise(ok), ok);
    }
}

fn hostile_report() -> AreaReport {
    let mut report = with_input(|i| {
        i.compliance(
            d("2026-11-01"),
            d("2026-11-10"),
            ReportLevel::GramPanchayat,
            None,
        )
    });
    report.rows[0].name_en = "=HYPERLINK(\"http://x\",\"y\")".into();
    report.rows[0].name_hi = String::new();
    report.rows[1].admin_name = Some("@admin".into());
    report
}

#[test]
fn csv_export_has_bom_translated_headers_and_neutralised_cells() {
    let csv_bytes = to_csv(&compliance_table(&hostile_report(), Lang::Hi));
    assert!(csv_bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers[1], "नाम");
    assert_eq!(headers.len(), 11);
    assert_eq!(headers[6], "इनमें स्व-घोषित (चैट एक्सपोर्ट, स्क्रीनशॉट नहीं)");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(&rows[1][10], "'@admin");
    assert_eq!(&rows[1][3], "10", "expected reports as a plain number");
    assert_eq!(&rows[1][6], "0", "self-reported days as a plain number");
    assert_eq!(&rows[1][9], "भेजा गया");
}

#[test]
fn xlsx_export_reads_back_with_numbers_and_neutralised_text() {
    use calamine::{Data, Reader, Xlsx};
    let bytes = to_xlsx(&compliance_table(&hostile_report(), Lang::En)).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Compliance"]);
    let range = book.worksheet_range("Compliance").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0][0], Data::String("Id".into()));
    assert_eq!(
        rows[1][1],
        Data::String("'=HYPERLINK(\"http://x\",\"y\")".into())
    );
    assert_eq!(rows[2][3], Data::Float(10.0));
    assert_eq!(rows[2][7], Data::Float(100.0));
    assert_eq!(rows[2][10], Data::String("'@admin".into()));
}

#[test]
fn other_tables_translate_and_neutralise() {
    with_input(|i| {
        let mut rows = i.inactive(7);
        rows[0].admin_name = "-1".into();
        let t = inactive_table(&rows, Lang::En);
        assert_eq!(t.headers[3], "Admin");
        let csv_text = String::from_utf8(to_csv(&t)).unwrap();
        assert!(csv_text.contains(",'-1,"), "{csv_text}");
        assert!(csv_text.contains("never"));
        let low = low_membership_table(&i.low_membership(), Lang::Hi);
        assert_eq!(low.headers[5], "भराव %");
        assert_eq!(low.rows[1][5], Cell::Number(9.8));
        assert!(to_xlsx(&low).is_ok());
    });
}

/// A row of `storage::group_day::groups` as SQLite hands it over (integers, and 0/1
/// for booleans), with `changes` applied.
fn record(changes: serde_json::Value) -> Result<GroupRecord, serde_json::Error> {
    let mut row = serde_json::json!({
        "group_id": "gp-1", "kind": "gram_panchayat", "group_name": "GP 1 group",
        "parent_id": "block-1", "district_id": "district-108",
        "name_en": "GP 1", "name_hi": "ग्राम पंचायत 1",
        "valid_from": "2024-01-01", "valid_to": null,
        "created_on": "2026-11-05", "closed_on": "2026-11-20",
        "member_limit": 1024, "member_count": null,
        "admin_id": "a", "admin_name": "A", "admin_mobile": "+919800000001",
        "admin_since": "2026-11-06", "admin_last_day": "2026-11-09",
        "had_admin": 1, "check_deadline_ms": 1794920400000_i64, "verified": 0,
    });
    for (k, v) in changes.as_object().unwrap() {
        row[k] = v.clone();
    }
    serde_json::from_value(row)
}

#[test]
fn records_become_groups_with_the_days_they_existed() {
    let info = record(serde_json::json!({})).unwrap().into_info().unwrap();
    assert_eq!(info.unit.kind, GroupKind::GramPanchayat);
    assert_eq!(info.unit.open_from, d("2026-11-05"));
    assert_eq!(info.unit.open_to, Some(d("2026-11-19")));
    assert!(info.had_admin_on_last_day && !info.verified_on_last_day);
    assert_eq!(info.check_deadline_on_last_day, Some(1_794_920_400_000));
    assert_eq!(info.group_name, "GP 1 group");
    assert_eq!(info.admin.unwrap().last_report, Some(d("2026-11-09")));
    let broken = record(serde_json::json!({"valid_from": "not a day"})).unwrap();
    assert!(broken.into_info().is_none());
}

#[test]
fn a_group_row_outside_the_schema_fails_where_it_is_read() {
    assert!(record(serde_json::json!({"kind": "block"})).is_err());
    assert!(record(serde_json::json!({"had_admin": 2})).is_err());
    assert!(record(serde_json::json!({"member_limit": "many"})).is_err());
    assert!(record(serde_json::json!({"kind": "ward"})).is_ok());
}

#[test]
fn report_days_and_ranges_parse_defensively() {
    let days = parse_report_days(r#"[["gp-1","2026-11-09",5,1],["gp-2","bad",6,0]]"#);
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].day, d("2026-11-09"));
    assert!(days[0].self_reported);
    assert!(parse_report_days("not json").is_empty());
    let today = d("2026-11-10");
    assert_eq!(parse_range(None, None, today), Ok((d("2026-11-04"), today)));
    assert_eq!(
        parse_range(Some("2026-11-01"), Some("2026-11-03"), today),
        Ok((d("2026-11-01"), d("2026-11-03")))
    );
    use crate::error::ErrorCode::InvalidDateRange;
    assert_eq!(
        parse_range(Some("2026-11-05"), Some("2026-11-03"), today),
        Err(InvalidDateRange)
    );
    assert_eq!(
        parse_range(Some("2025-01-01"), Some("2026-11-03"), today),
        Err(InvalidDateRange)
    );
    assert_eq!(
        parse_range(Some("2026-13-01"), None, today),
        Err(InvalidDateRange)
    );
    assert_eq!(
        parse_range(Some("'; DROP TABLE units; --"), None, today),
        Err(InvalidDateRange)
    );
    assert_eq!(load_range(d("2026-11-08"), today), (d("2026-10-12"), today));
}

#[test]
fn monitoring_compliance_is_a_view_of_the_same_facts() {
    with_input(|i| {
        let c = i.compliance_report(PeriodKind::Month, d("2026-11-10"));
        assert_eq!(
            (c.start.as_str(), c.end.as_str()),
            ("2026-11-01", "2026-11-30")
        );
        assert_eq!(
            c.as_of, "2026-11-10",
            "days after today are not counted yet"
        );
        assert_eq!(c.deadline, "18:00");
        let row = |id: &str| c.rows.iter().find(|r| r.id == id).unwrap();
        // The same counts as the reports' block table over the same days.
        let blocks = i.compliance(d("2026-11-01"), d("2026-11-10"), ReportLevel::Block, None);
        for b in &blocks.rows {
            assert_eq!(row(&b.id).counts, b.counts, "{}", b.id);
            assert_eq!(row(&b.id).name_en, b.name_en);
        }
        assert_eq!(row("district-108").counts, blocks.total);
        assert_eq!(row("district-108").name_hi, "उदयपुर");
        let gp_a = row("gp-a");
        assert_eq!(gp_a.parent_id.as_deref(), Some("block-1"));
        assert_eq!(gp_a.streak.unwrap().current, 10);
        assert_eq!(gp_a.name_en, "gp-a name");
        assert!(row("block-1").streak.is_none());
    });
}

#[test]
fn rows_above_the_groups_only_for_the_areas_own_parents() {
    // A block officer's area: their block only; its units add up to a district row
    // that would look like the whole district's, so none is shown.
    let (parents, groups, reports) = fixture();
    let parents: Vec<ParentInfo> = parents.into_iter().filter(|p| p.id == "block-1").collect();
    let groups: Vec<GroupInfo> = groups
        .into_iter()
        .filter(|g| g.unit.parent_id == "block-1")
        .collect();
    let input = ReportInput {
        deadline_minutes: 10 * 60,
        ..input_of(&parents, &groups, &reports)
    };
    let c = input.compliance_report(PeriodKind::Day, d("2026-11-09"));
    let ids: Vec<&str> = c.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["gp-a", "gp-b", "block-1"]);
    assert_eq!(c.deadline, "10:00");
    // gp-a at 10:00 is on time for a 10:00 deadline; gp-b at 20:00 is not.
    assert_eq!(c.rows[2].counts.actual, 2);
    assert_eq!(c.rows[2].counts.on_time, 1);
}

#[test]
fn both_inactive_lists_name_the_same_admins() {
    with_input(|i| {
        let rows = i.inactive(7);
        let view = i.inactive_view(7);
        assert_eq!(view.days, 7);
        assert_eq!(view.as_of, "2026-11-10");
        let from_rows: Vec<_> = rows
            .iter()
            .map(|r| (&r.admin_id, &r.group_id, r.days_since_last))
            .collect();
        let from_view: Vec<_> = view
            .admins
            .iter()
            .map(|a| (&a.admin_id, &a.group_id, a.days_since_last))
            .collect();
        assert_eq!(from_rows, from_view);
        let gp_b = view.admins.iter().find(|a| a.group_id == "gp-b").unwrap();
        assert_eq!(gp_b.group_name, "Group gp-b");
        assert_eq!(gp_b.unit_name_hi, "gp-b नाम");
        assert_eq!(gp_b.tel_url, "tel:+919800000001");
        assert_eq!(rows[0].parent_en, "Girwa");
    });
}
