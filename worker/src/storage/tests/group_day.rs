//! The statements behind "did group G report on day D, and what is its status?": the
//! draw, checks, reviews, screenshot flags, compliance, the reports and the map.

use super::{admin_scope, area, block, db, district, run};
use crate::db::D1PreparedStatement;
use crate::storage::map;
use crate::storage::{checks, draws, group_day, reviews, screenshot_flags};

const DAY: &str = "2026-11-16";

/// Runs a write statement alone and returns the rows it changed.
fn write(stmt: crate::db::Result<D1PreparedStatement>) -> usize {
    let result = run(stmt.expect("binds").run()).expect("runs");
    result.meta().unwrap().unwrap().changes.unwrap()
}

#[test]
fn the_draw() {
    let db = db();
    assert_eq!(
        run(draws::districts_on(&db, DAY)).unwrap(),
        ["district-108"]
    );
    for scope in [district(), block(), admin_scope()] {
        run(draws::districts_in_scope(&db, &scope, DAY)).unwrap();
    }
    assert!(run(draws::drawn_levels(&db, "district-108", DAY))
        .unwrap()
        .is_empty());
    let candidates = run(draws::candidates(&db, "district-108", DAY)).unwrap();
    assert_eq!(candidates.len(), 3, "gp-1, gp-2 (closes later) and ward-1");
    let gp1 = candidates.iter().find(|c| c.group_id == "gp-1").unwrap();
    assert!(gp1.has_admin);
    let gp2 = candidates.iter().find(|c| c.group_id == "gp-2").unwrap();
    assert!(!gp2.has_admin);
    let d = draws::NewDraw {
        district_id: "district-108",
        ist_day: DAY,
        level: "nodal_officer",
        seed: "00000000000000ff",
        window_days: 30,
        skipped: "{}",
        created_at: "2026-11-16T09:00:00.000+05:30",
        created_by: "system:cron",
    };
    assert_eq!(write(draws::audit_draw_once(&db, &d, "{}")), 1);
    for scope in [district(), block(), admin_scope()] {
        assert!(!run(draws::drawn_for_scope(&db, &scope, DAY)).unwrap());
    }
    assert_eq!(write(draws::insert_draw(&db, &d)), 1);
    // The district's draw ran for the block officer's block and the admin's group too.
    for scope in [district(), block(), admin_scope()] {
        assert!(run(draws::drawn_for_scope(&db, &scope, DAY)).unwrap());
        assert!(!run(draws::drawn_for_scope(&db, &scope, "2026-11-15")).unwrap());
    }
    assert_eq!(write(draws::audit_draw_once(&db, &d, "{}")), 0, "once");
    assert_eq!(
        run(draws::drawn_levels(&db, "district-108", DAY)).unwrap(),
        ["nodal_officer"]
    );
    assert_eq!(
        run(draws::draw_seeds(&db, "district-108", DAY))
            .unwrap()
            .len(),
        1
    );
    let c = draws::NewCheck {
        id: "chk-2",
        district_id: "district-108",
        ist_day: DAY,
        level: "nodal_officer",
        pool: "ward",
        group_id: "ward-1",
        admin_id: Some("admin-2"),
        round: 1,
        reason: "{}",
        deadline_ms: 1_795_336_200_000,
        created_at: "2026-11-16T09:00:00.000+05:30",
        seed: "00000000000000ff",
    };
    assert_eq!(write(draws::insert_check(&db, &c)), 1);
}

#[test]
fn checks_and_calls() {
    let db = db();
    let list = run(checks::checks_for_day(&db, &district(), DAY)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].submission_id.as_deref(),
        Some("sub-1"),
        "the stored, verified report"
    );
    assert!(run(checks::checks_for_day(&db, &admin_scope(), DAY)).is_ok());
    assert!(run(checks::find_check(&db, &block(), "chk-1"))
        .unwrap()
        .is_some());
    assert!(run(checks::find_check(&db, &district(), "chk-none"))
        .unwrap()
        .is_none());
    let call = checks::NewCall {
        check_id: "chk-1",
        outcome: "reached",
        remark: "",
        called_at: "2026-11-16T15:00:00.000+05:30",
        called_at_ms: 1_795_329_000_000,
        called_by: "account:acct-1",
    };
    assert_eq!(write(checks::insert_call(&db, &call)), 1);
    let one = run(checks::find_check(&db, &district(), "chk-1"))
        .unwrap()
        .unwrap();
    assert!(one.calls.contains("Collector Udaipur"), "{}", one.calls);
}

#[test]
fn reviews_and_the_queue() {
    let db = db();
    let ids = vec!["sub-1".to_owned(), "sub-2".to_owned()];
    assert_eq!(run(reviews::reviews_of(&db, &ids)).unwrap().len(), 1);
    assert_eq!(
        run(reviews::checked_submissions(&db, &ids)).unwrap(),
        ["sub-1"]
    );
    for pending in [true, false] {
        run(reviews::review_queue_ids(
            &db,
            &district(),
            DAY,
            pending,
            50,
        ))
        .unwrap();
    }
    assert_eq!(
        run(reviews::admin_submissions(&db, "admin-1", 20))
            .unwrap()
            .len(),
        1
    );
    let r = reviews::NewReview {
        submission_id: "sub-2",
        outcome: "rejected",
        remark: "पुराना",
        reviewed_at: "2026-11-16T13:00:00.000+05:30",
        reviewed_at_ms: 1_795_329_000_000,
        reviewed_by: "account:acct-1",
    };
    assert_eq!(write(reviews::insert_review(&db, &r)), 1);
}

#[test]
fn screenshot_flags() {
    let db = db();
    let h = screenshot_flags::StoredHash {
        submission_id: "sub-1",
        position: 0,
        district_id: "district-108",
        group_id: "gp-1",
        hash: 0x0f0f_0f0f_0f0f_0f0f,
        uploaded_at_ms: 1_795_318_205_000,
    };
    assert_eq!(write(screenshot_flags::insert_hash(&db, &h)), 1);
    let near = run(screenshot_flags::near_images(
        &db,
        0x0f0f_0f0f_0f0f_0f0e,
        "district-108",
        "gp-1",
        "sub-9",
        0,
        6,
    ))
    .unwrap();
    assert_eq!(near.len(), 1);
    run(screenshot_flags::same_bytes(
        &db,
        &"a".repeat(64),
        "district-108",
        "sub-9",
    ))
    .unwrap();
    let f = screenshot_flags::NewFlag {
        submission_id: "sub-1",
        position: 0,
        kind: "captured_other_day",
        earlier: None,
        distance: None,
        captured_day: Some("2026-11-15"),
        created_at: "2026-11-16T10:00:06.000+05:30",
    };
    assert_eq!(write(screenshot_flags::insert_flag(&db, &f)), 1);
    assert_eq!(
        run(screenshot_flags::flags_of(&db, &["sub-1".to_owned()]))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn reports_and_the_map() {
    let db = db();
    for a in [
        area("district_id", "district-108"),
        area("block_id", "block-1378"),
    ] {
        let (groups, _) = run(group_day::groups(&db, &a, DAY)).unwrap();
        assert!(!groups.is_empty());
        let gp1 = groups.iter().find(|g| g.group_id == "gp-1").unwrap();
        assert!(gp1.had_admin && gp1.verified, "{gp1:?}");
        let parents = run(group_day::parents(&db, &a)).unwrap();
        assert!(parents.iter().any(|p| p.id == "block-1378"), "{parents:?}");
        let (days, _) = run(group_day::report_days(&db, &a, "2026-11-01", DAY)).unwrap();
        // sub-2 has no stored screenshot: it does not count.
        let reported: Vec<_> = prasar_core::report::parse_report_days(&days)
            .into_iter()
            .filter(|r| r.day.to_string() == DAY)
            .map(|r| r.group_id)
            .collect();
        assert_eq!(reported, ["gp-1"], "{days}");
        run(map::version(&db, Some("district-108"))).unwrap();
        let (_, units, _) = run(map::units(&db, &a, DAY)).unwrap();
        assert!(units.contains("gp-1"));
        let (_, reports, checks, _) = run(map::status(&db, &a, DAY)).unwrap();
        assert!(reports.contains("verified"), "{reports}");
        assert!(checks.contains("gp-1"), "{checks}");
    }
    // gp-2's unit ended on 30 November: no marker from 1 December.
    let (_, units, _) = run(map::units(
        &db,
        &area("district_id", "district-108"),
        "2026-12-01",
    ))
    .unwrap();
    assert!(!units.contains("gp-2"), "{units}");
    run(map::version(&db, None)).unwrap();
    run(map::outlines(&db, "district-108")).unwrap();
    for scope in [district(), block(), admin_scope()] {
        run(map::area_unit(&db, &scope, "block-1378")).unwrap();
    }
    assert!(run(map::area_unit(&db, &block(), "district-108"))
        .unwrap()
        .is_none());
    let o = map::NewOutline {
        district_id: "district-108",
        layer: "blocks",
        body: "{}",
        features: 1,
        vertices: 4,
        uploaded_by: "account:acct-1",
        uploaded_at: "2026-11-16T10:00:00.000+05:30",
    };
    assert_eq!(write(map::upsert_outline(&db, &o)), 1);
    assert_eq!(
        run(map::group_checks(&db, "gp-1", "2026-11-01"))
            .unwrap()
            .len(),
        1
    );
    run(map::group_reviews(&db, "gp-1", "2026-11-01")).unwrap();
}
