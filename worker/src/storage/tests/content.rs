//! The statements of what admins and officers send: submissions and their screenshots,
//! campaign items, chat-export activity, success stories and registry imports.

use chrono::NaiveDate;
use prasar_core::api::StoryStatus;
use prasar_core::chat_activity::{DayCounts, ValidDay};
use prasar_core::import_plan::Plan;

use super::{admin_scope, block, db, district, run};
use crate::db::{D1PreparedStatement, Result};
use crate::storage::{campaign_items, chat_activity, imports, stories, submissions};

const AT: &str = "2026-11-16T10:00:00.000+05:30";

fn write(stmt: Result<D1PreparedStatement>) -> usize {
    let result = run(stmt.expect("binds").run()).expect("runs");
    result.meta().unwrap().unwrap().changes.unwrap()
}

#[test]
fn submissions_and_screenshots() {
    let db = db();
    let s = submissions::NewSubmission {
        id: "sub-3",
        group_id: "gp-1",
        admin_id: "admin-1",
        client_key: "key-0003",
        submitted_at: AT,
        submitted_at_ms: 1_795_318_200_000,
        ist_day: "2026-11-16",
        client_created_at_ms: None,
        image_count: 1,
        member_count: Some(700),
        note: "",
        channel: "app",
    };
    assert_eq!(write(submissions::insert(&db, &s)), 1);
    let sha = "b".repeat(64);
    let i = submissions::NewImage {
        submission_id: "sub-3",
        position: 0,
        r2_key: "screenshots/sub-3/0",
        content_type: "image/webp",
        bytes: 60_000,
        sha256: &sha,
        width: 720,
        height: 1600,
        phash: Some("0f0f0f0f0f0f0f0f"),
        captured_at_ms: None,
        uploaded_at: AT,
        uploaded_at_ms: 1_795_318_200_000,
    };
    assert_eq!(write(submissions::insert_image(&db, &i)), 1);
    for scope in [district(), block(), admin_scope()] {
        assert!(run(submissions::find(&db, &scope, "sub-3"))
            .unwrap()
            .is_some());
        run(submissions::owner(&db, &scope, "sub-3")).unwrap();
        run(submissions::find_many(
            &db,
            &scope,
            &["sub-1".into(), "sub-3".into()],
        ))
        .unwrap();
        run(submissions::list_for_day(&db, &scope, "2026-11-16", 50)).unwrap();
        run(submissions::image_location(&db, &scope, "sub-3", 0)).unwrap();
        run(submissions::list_for_group(
            &db,
            &scope,
            "gp-1",
            "2026-11-01",
            50,
        ))
        .unwrap();
    }
    assert!(
        run(submissions::find_by_client_key(&db, "gp-1", "key-0003"))
            .unwrap()
            .is_some()
    );
    assert!(run(submissions::image_at(&db, "sub-3", 0))
        .unwrap()
        .is_some());
}

#[test]
fn campaign_items() {
    let db = db();
    let f = campaign_items::Fields {
        area_id: "district-108",
        state_id: "state-08",
        district_id: Some("district-108"),
        title_hi: "स्वच्छता ही सेवा",
        title_en: "Swachhata Hi Seva",
        description_hi: "",
        description_en: "",
        scheme: "SBM",
        link_url: None,
        starts_on: "2026-11-10",
        ends_on: "2026-11-30",
    };
    assert_eq!(
        write(campaign_items::insert(
            &db,
            "ci-1",
            &f,
            "account:acct-1",
            AT
        )),
        1
    );
    assert_eq!(
        write(campaign_items::update(
            &db,
            "ci-1",
            &f,
            "2026-11-16T11:00:00.000+05:30"
        )),
        1
    );
    let sha = "c".repeat(64);
    let image = campaign_items::Image {
        r2_key: "campaign/ci-1",
        content_type: "image/png",
        sha256: &sha,
        bytes: 1000,
        width: 100,
        height: 100,
    };
    assert_eq!(
        write(campaign_items::set_image(
            &db,
            "ci-1",
            Some(&image),
            "2026-11-16T11:30:00.000+05:30"
        )),
        1
    );
    for scope in [district(), block(), admin_scope()] {
        run(campaign_items::find(&db, &scope, "ci-1")).unwrap();
        for window in [
            campaign_items::Window::Active,
            campaign_items::Window::Upcoming,
            campaign_items::Window::Past,
        ] {
            for counts in [true, false] {
                run(campaign_items::list(
                    &db,
                    &scope,
                    window,
                    "2026-11-16",
                    50,
                    counts,
                ))
                .unwrap();
            }
        }
        run(campaign_items::area_inside(&db, &scope, "block-1378")).unwrap();
        run(campaign_items::posted(&db, &scope, "ci-1")).unwrap();
        run(campaign_items::target_groups(&db, &scope, "district-108")).unwrap();
    }
    assert_eq!(
        run(campaign_items::list(
            &db,
            &district(),
            campaign_items::Window::Active,
            "2026-11-16",
            50,
            true
        ))
        .unwrap()
        .len(),
        1
    );
    assert_eq!(
        write(submissions::insert_campaign_mark(
            &db, "sub-1", "gp-1", "ci-1"
        )),
        1
    );
    assert_eq!(
        write(campaign_items::withdraw(
            &db,
            "ci-1",
            "2026-11-16T12:00:00.000+05:30"
        )),
        1
    );
}

#[test]
fn chat_export_activity() {
    let db = db();
    db.connection()
        .execute_batch(
            "INSERT INTO campaign_items (id, area_id, state_id, district_id, title_hi, starts_on, ends_on, created_by, created_at) \
             VALUES ('ci-2', 'district-108', 'state-08', 'district-108', 'अभियान', '2026-11-01', '2026-11-30', 'account:acct-1', '2026-10-30T10:00:00.000+05:30')",
        )
        .unwrap();
    let day = ValidDay {
        day: NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
        counts: DayCounts {
            admin_messages: 2,
            other_messages: 5,
            admin_media: 1,
            other_media: 0,
            joins: 1,
            leaves: 0,
        },
        campaign_item_ids: vec!["ci-2".into()],
    };
    let days = chat_activity::days_json(&[&day]);
    let claims = chat_activity::claims_json(&[&day]);
    assert_eq!(
        run(chat_activity::valid_campaign_claims(
            &db, "gp-1", "admin-1", &claims
        ))
        .unwrap(),
        1
    );
    assert_eq!(
        write(chat_activity::upsert_days(
            &db,
            "gp-1",
            &days,
            AT,
            1_795_318_200_000,
            "admin:admin-1"
        )),
        1
    );
    assert_eq!(
        write(chat_activity::insert_campaign_items(&db, "gp-1", &claims)),
        1
    );
    write(chat_activity::recount_campaign_items(&db, "gp-1", &days));
    assert_eq!(
        run(chat_activity::days(&db, "gp-1", "2026-11-01", "2026-11-16"))
            .unwrap()
            .len(),
        1
    );
    run(chat_activity::membership(
        &db,
        "gp-1",
        "2026-11-01",
        "2026-11-16",
    ))
    .unwrap();
    assert!(run(chat_activity::last_update(&db, "gp-1"))
        .unwrap()
        .is_some());
    run(chat_activity::latest_member_count(&db, "gp-1")).unwrap();
    assert_eq!(
        run(chat_activity::campaign_items(
            &db,
            "gp-1",
            "2026-11-01",
            "2026-11-16",
            50
        ))
        .unwrap()
        .len(),
        1
    );
    // The chat-active day counts for compliance (the `chat_active_days` view).
    let (days, _) = run(crate::storage::group_day::report_days(
        &db,
        &super::area("district_id", "district-108"),
        "2026-11-15",
        "2026-11-15",
    ))
    .unwrap();
    let counted = prasar_core::report::parse_report_days(&days);
    assert_eq!(counted.len(), 1);
    assert!(counted[0].self_reported);
}

#[test]
fn success_stories() {
    let db = db();
    let s = stories::NewStoryRow {
        id: "story-1",
        district_id: "district-108",
        unit_id: "gp-1",
        author: "admin:admin-1",
        client_key: "story-key-1",
        scheme: "PMAY",
        text_hi: "नया घर मिला",
        photo_count: 1,
        created_at: AT,
        created_at_ms: 1_795_318_200_000,
    };
    assert_eq!(write(stories::insert(&db, &s)), 1);
    let p = stories::PhotoRow {
        story_id: "story-1".into(),
        position: 0,
        r2_key: "stories/story-1/0".into(),
        content_type: "image/jpeg".into(),
        bytes: 50_000,
        sha256: "d".repeat(64),
        width: 800,
        height: 600,
    };
    assert_eq!(write(stories::insert_photo(&db, &p, AT)), 1);
    for scope in [district(), block(), admin_scope()] {
        run(stories::find(&db, &scope, "story-1")).unwrap();
        for status in [
            None,
            Some(StoryStatus::Submitted),
            Some(StoryStatus::Accepted),
        ] {
            run(stories::list(&db, &scope, status, 50)).unwrap();
        }
        run(stories::units_for(&db, &scope)).unwrap();
        run(stories::unit_in_scope(&db, &scope, "gp-1")).unwrap();
    }
    assert!(run(stories::find_by_client_key(
        &db,
        "admin:admin-1",
        "story-key-1"
    ))
    .unwrap()
    .is_some());
    assert_eq!(run(stories::photos(&db, &["story-1"])).unwrap().len(), 1);
    assert_eq!(
        write(stories::review(
            &db,
            "story-1",
            StoryStatus::Accepted,
            "",
            "account:acct-1",
            AT
        )),
        1
    );
    let f = campaign_items::Fields {
        area_id: "gp-1",
        state_id: "state-08",
        district_id: Some("district-108"),
        title_hi: "नया घर",
        title_en: "",
        description_hi: "",
        description_en: "",
        scheme: "PMAY",
        link_url: None,
        starts_on: "2026-11-16",
        ends_on: "2026-11-30",
    };
    assert_eq!(
        write(campaign_items::insert_for_story(
            &db,
            "ci-3",
            &f,
            None,
            "story-1",
            "account:acct-1",
            AT
        )),
        1
    );
    assert_eq!(write(stories::link_item(&db, "story-1", "ci-3")), 1);
}

#[test]
fn registry_imports() {
    let db = db();
    assert!(!run(imports::district_units(&db, "district-108"))
        .unwrap()
        .is_empty());
    run(imports::district_admins(&db, "district-108")).unwrap();
    run(imports::foreign_units(
        &db,
        "district-108",
        &["gp-1".into(), "gp-999".into()],
    ))
    .unwrap();
    assert!(run(imports::district(&db, "district-108"))
        .unwrap()
        .is_some());
    let version = run(imports::version(&db, "district-108")).unwrap();
    let import = imports::NewImport {
        id: "imp-1",
        district_id: "district-108",
        created_by: "account:acct-1",
        created_at: AT,
        base_version: version,
        counts: "{}",
    };
    let statements = imports::save(&db, &import, &Plan::default()).unwrap();
    run(db.batch(statements)).unwrap();
    assert!(run(imports::find(&db, "imp-1")).unwrap().is_some());
    let apply = imports::apply(
        &db,
        "imp-1",
        AT,
        1_795_318_200_000,
        "account:acct-1",
        "2026-11-16",
    )
    .unwrap();
    run(db.batch(apply)).unwrap();
    let audit: u32 = db
        .connection()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'import.apply'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 1, "an applied import is audited once");
}
