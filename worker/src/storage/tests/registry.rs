//! The registry's statements: accounts, sessions, sign-in limits, units, groups, admins,
//! their assignments and personal links, the audit log and the orphan sweep's cursor.

use prasar_core::api::EndReason;
use prasar_core::audit::AuditAction;

use super::{admin_scope, block, db, district, run};
use crate::db::{D1PreparedStatement, Result};
use crate::storage::{
    accounts, admin_links, admins, assignments, audit, groups, guarded, login_failures,
    maintenance, sessions, units,
};

fn write(stmt: Result<D1PreparedStatement>) -> usize {
    let result = run(stmt.expect("binds").run()).expect("runs");
    result.meta().unwrap().unwrap().changes.unwrap()
}

#[test]
fn accounts_sessions_and_sign_in_limits() {
    let db = db();
    assert!(run(accounts::find_by_username(&db, "collector.udaipur"))
        .unwrap()
        .is_some());
    assert!(run(accounts::find(&db, "acct-1")).unwrap().is_some());
    let s = sessions::NewSession {
        id_hash: "h1",
        account_id: Some("acct-1"),
        admin_id: None,
        csrf_token: "c",
        now_ms: 1_000,
        expires_at_ms: 10_000,
    };
    assert_eq!(write(sessions::insert(&db, &s)), 1);
    assert!(run(sessions::find_active(&db, "h1", 2_000))
        .unwrap()
        .is_some());
    assert!(
        run(sessions::find_active(&db, "h1", 20_000))
            .unwrap()
            .is_none(),
        "expired"
    );
    assert_eq!(write(sessions::revoke(&db, "h1", 3_000)), 1);
    write(sessions::revoke_all_for_account(&db, "acct-1", 3_000));
    write(sessions::revoke_all_for_admin(&db, "admin-1", 3_000));
    // Five per account: the sixth reservation is refused.
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.extend(
            run(login_failures::reserve(
                &db,
                ("u:x", 5),
                ("a:y", 20),
                5_000,
                0,
            ))
            .unwrap()
            .expect("under the limit"),
        );
    }
    assert!(run(login_failures::reserve(
        &db,
        ("u:x", 5),
        ("a:y", 20),
        5_000,
        0
    ))
    .unwrap()
    .is_none());
    assert!(write(login_failures::release(&db, &ids[..2])) >= 1);
    write(login_failures::prune(&db, 6_000));
    assert!(run(audit::failed_sign_ins(&db, "acct-1", 7))
        .unwrap()
        .is_empty());
}

#[test]
fn units_groups_and_admins() {
    let db = db();
    for scope in [district(), block(), admin_scope()] {
        run(units::find(&db, &scope, "gp-1")).unwrap();
        run(units::children(&db, &scope, "block-1378")).unwrap();
        run(units::breadcrumbs(&db, &scope, "gp-1")).unwrap();
        run(units::search(&db, &scope, "alsi")).unwrap();
        run(groups::list_summaries(&db, &scope)).unwrap();
        run(groups::find(&db, &scope, "gp-1")).unwrap();
        run(admins::find(&db, &scope, "admin-1")).unwrap();
    }
    assert_eq!(
        run(units::search(&db, &district(), "alsi")).unwrap().len(),
        1
    );
    assert!(run(units::unit_ref(&db, "gp-1")).unwrap().is_some());
    assert_eq!(
        run(units::district_of(&db, "gp-1")).unwrap(),
        "district-108"
    );
    assert_eq!(
        write(groups::update(&db, "gp-1", "Alsigarh", None, 1024)),
        1
    );
    assert_eq!(
        write(groups::insert_member_count(
            &db,
            "gp-1",
            700,
            "2026-11-16T10:00:00.000+05:30",
            1,
            "account:acct-1"
        )),
        1
    );
    assert_eq!(run(groups::member_counts(&db, "gp-1")).unwrap().len(), 1);
    assert!(run(admins::find_unscoped(&db, "admin-2"))
        .unwrap()
        .is_some());
    assert!(
        run(admins::find_by_mobile(&db, "district-108", "+919829011111"))
            .unwrap()
            .is_some()
    );
    let f = admins::AdminFields {
        name: "Naya Sachiv",
        mobile: "+919829033333",
        designation: "VDO",
        department: "Panchayati Raj",
    };
    assert_eq!(
        write(admins::insert(
            &db,
            "admin-3",
            "district-108",
            &f,
            "2026-11-16T10:00:00.000+05:30"
        )),
        1
    );
    assert_eq!(write(admins::update(&db, "admin-3", &f)), 1);
    assert_eq!(
        run(assignments::open_count_for_admin(&db, "admin-1")).unwrap(),
        1
    );
    assert!(run(assignments::open_for_group(&db, "gp-1"))
        .unwrap()
        .is_some());
    assert_eq!(
        write(assignments::close(
            &db,
            "asg-1",
            "2026-11-16T11:00:00.000+05:30",
            EndReason::Transferred,
            ""
        )),
        1
    );
    assert_eq!(
        write(assignments::insert(
            &db,
            "asg-3",
            "admin-3",
            "gp-1",
            "2026-11-16T11:00:00.000+05:30"
        )),
        1
    );
    assert_eq!(run(assignments::history(&db, "gp-1")).unwrap().len(), 2);
    assert_eq!(
        write(admin_links::insert(
            &db,
            "t1",
            "admin-3",
            "2026-11-16T11:00:00.000+05:30",
            "account:acct-1"
        )),
        1
    );
    assert_eq!(
        run(admin_links::find_active_admin(&db, "t1"))
            .unwrap()
            .as_deref(),
        Some("admin-3")
    );
    assert_eq!(
        write(admin_links::revoke(
            &db,
            "t1",
            "2026-11-16T12:00:00.000+05:30"
        )),
        1
    );
    write(admin_links::revoke_all(
        &db,
        "admin-3",
        "2026-11-16T12:00:00.000+05:30",
    ));
    assert!(run(admin_links::find_active_admin(&db, "t1"))
        .unwrap()
        .is_none());
}

#[test]
fn the_audit_log_and_the_sweep_cursor() {
    let db = db();
    let entry = audit::AuditEntry {
        at: "2026-11-16T10:00:00.000+05:30",
        actor: "account:acct-1",
        district_id: Some("district-108"),
        action: AuditAction::GroupUpdate,
        entity: "group",
        entity_id: "gp-1",
        detail: "{}",
    };
    assert_eq!(write(audit::insert(&db, &entry)), 1);
    assert_eq!(
        write(guarded::audit_if(
            &db,
            &entry,
            "SELECT 1 FROM groups WHERE id = ?8",
            &["gp-1".into()]
        )),
        1
    );
    assert_eq!(
        write(guarded::audit_if(
            &db,
            &entry,
            "SELECT 1 FROM groups WHERE id = ?8",
            &["none".into()]
        )),
        0
    );
    let page = run(audit::page(
        &db,
        &super::area("district_id", "district-108"),
        None,
        50,
    ))
    .unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(page[0].action, "group.update");
    assert_eq!(
        page[0].actor_name, "Collector Udaipur",
        "the account's display name"
    );
    // An admin's entry names the admin; the system and unknown actors have no name.
    for (actor, name) in [
        ("admin:admin-1", "Kamla Devi"),
        ("system:cron", ""),
        ("account:gone", ""),
    ] {
        let e = audit::AuditEntry {
            actor,
            entity_id: actor,
            ..entry
        };
        assert_eq!(write(audit::insert(&db, &e)), 1);
        let page = run(audit::page(
            &db,
            &super::area("district_id", "district-108"),
            None,
            1,
        ))
        .unwrap();
        assert_eq!(
            (page[0].entity_id.as_str(), page[0].actor_name.as_str()),
            (actor, name)
        );
    }
    run(audit::page(
        &db,
        &super::area("block_id", "block-1378"),
        Some(2),
        50,
    ))
    .unwrap();
    assert!(run(maintenance::sweep_cursor(&db)).unwrap().is_none());
    write(maintenance::set_sweep_cursor(
        &db,
        Some("screenshots/x"),
        "2026-11-16T10:00:00.000+05:30",
    ));
    assert_eq!(
        run(maintenance::sweep_cursor(&db)).unwrap().as_deref(),
        Some("screenshots/x")
    );
    let kept = run(maintenance::keys_with_rows(
        &db,
        &["screenshots/sub-1/0".into(), "screenshots/none".into()],
    ))
    .unwrap();
    assert_eq!(kept, ["screenshots/sub-1/0"]);
}
