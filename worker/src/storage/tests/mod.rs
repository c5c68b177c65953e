//! The storage layer's statements on SQLite with every migration applied: each test
//! calls the real storage functions (the same SQL and bindings the worker sends to D1),
//! so a wrong column, alias or parameter count, or a row that does not decode into its
//! type, fails in `cargo test` within seconds. A small fixture (a district, a block, two
//! GPs, a ULB with a ward, their groups, admins and a day of reports) gives the reads
//! rows to decode.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use crate::db::D1Database;
use crate::scope::Scope;

mod content;
mod group_day;
mod registry;

/// Runs a storage future: on SQLite every call completes at once.
pub fn run<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("a storage call waited: SQLite calls complete at once"),
    }
}

const FIXTURE: &str = "
INSERT INTO units (id, kind, code, parent_id, state_id, district_id, block_id, name_en, name_hi, lon, lat, location_exact, valid_from, valid_to, is_demo) VALUES
 ('state-08', 'state', '08', NULL, 'state-08', NULL, NULL, 'Rajasthan', 'राजस्थान', NULL, NULL, 0, '2024-01-01', NULL, 0),
 ('district-108', 'district', '108', 'state-08', 'state-08', 'district-108', NULL, 'Udaipur', 'उदयपुर', 73.7, 24.5, 0, '2024-01-01', NULL, 0),
 ('block-1378', 'block', '1378', 'district-108', 'state-08', 'district-108', 'block-1378', 'Girwa', 'गिर्वा', 73.6, 24.4, 0, '2024-01-01', NULL, 0),
 ('gp-1', 'gram_panchayat', '1', 'block-1378', 'state-08', 'district-108', 'block-1378', 'Alsigarh', '', 73.6, 24.4, 1, '2024-01-01', NULL, 0),
 ('gp-2', 'gram_panchayat', '2', 'block-1378', 'state-08', 'district-108', 'block-1378', 'Bari', '', 73.6, 24.4, 1, '2024-01-01', '2026-11-30', 0),
 ('ulb-1', 'ulb', 'UDR', 'district-108', 'state-08', 'district-108', NULL, 'Udaipur MC', 'उदयपुर नगर निगम', 73.7, 24.5, 0, '2024-01-01', NULL, 0),
 ('ward-1', 'ward', 'UDR-W1', 'ulb-1', 'state-08', 'district-108', NULL, 'Ward 1', 'वार्ड 1', 73.7, 24.5, 1, '2024-01-01', NULL, 0);
INSERT INTO groups (id, unit_id, district_id, name, created_at) VALUES
 ('gp-1', 'gp-1', 'district-108', 'Alsigarh samooh', '2024-01-01T00:00:00.000+05:30'),
 ('gp-2', 'gp-2', 'district-108', 'Bari samooh', '2024-01-01T00:00:00.000+05:30'),
 ('ward-1', 'ward-1', 'district-108', 'Ward 1 samooh', '2024-01-01T00:00:00.000+05:30');
INSERT INTO admins (id, district_id, name, mobile, created_at) VALUES
 ('admin-1', 'district-108', 'Kamla Devi', '+919829011111', '2024-01-01T00:00:00.000+05:30'),
 ('admin-2', 'district-108', 'Ramesh Meena', '+919829022222', '2024-01-01T00:00:00.000+05:30');
INSERT INTO assignments (id, admin_id, group_id, started_at) VALUES
 ('asg-1', 'admin-1', 'gp-1', '2024-01-01T00:00:00.000+05:30'),
 ('asg-2', 'admin-2', 'ward-1', '2024-01-01T00:00:00.000+05:30');
INSERT INTO accounts (id, username, display_name, role, area_id, password_hash, created_at) VALUES
 ('acct-1', 'collector.udaipur', 'Collector Udaipur', 'collector', 'district-108', 'x', '2024-01-01T00:00:00.000+05:30');
INSERT INTO submissions (id, group_id, admin_id, submitted_at, submitted_at_ms, ist_day, image_count) VALUES
 ('sub-1', 'gp-1', 'admin-1', '2026-11-16T10:00:00.000+05:30', 1795318200000, '2026-11-16', 1),
 ('sub-2', 'ward-1', 'admin-2', '2026-11-16T11:00:00.000+05:30', 1795321800000, '2026-11-16', 1);
INSERT INTO submission_images (submission_id, position, r2_key, content_type, bytes, sha256, width, height, uploaded_at, uploaded_at_ms) VALUES
 ('sub-1', 0, 'screenshots/sub-1/0', 'image/webp', 65000, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 720, 1600, '2026-11-16T10:00:05.000+05:30', 1795318205000);
INSERT INTO submission_reviews (submission_id, outcome, remark, reviewed_at, reviewed_at_ms, reviewed_by) VALUES
 ('sub-1', 'verified', '', '2026-11-16T12:00:00.000+05:30', 1795325400000, 'account:acct-1');
INSERT INTO checks (id, district_id, ist_day, level, pool, group_id, admin_id, round, reason, deadline_ms, created_at) VALUES
 ('chk-1', 'district-108', '2026-11-16', 'collector', 'gram_panchayat', 'gp-1', 'admin-1', 1, '{}', 1795336200000, '2026-11-16T09:00:00.000+05:30');
";

/// A database with every migration of `migrations/` applied, in order, and the fixture.
pub fn db() -> D1Database {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "migrations in {dir}");
    for f in files {
        let sql = std::fs::read_to_string(&f).unwrap();
        conn.execute_batch(&sql)
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    }
    conn.execute_batch(FIXTURE)
        .expect("the fixture fits the schema");
    D1Database::new(conn)
}

pub fn district() -> Scope {
    Scope::Area(area("district_id", "district-108"))
}

pub fn block() -> Scope {
    Scope::Area(area("block_id", "block-1378"))
}

/// A state, district or block of the test data.
pub fn area(column: &'static str, id: &str) -> crate::scope::Area {
    crate::scope::Area {
        id: id.into(),
        column,
    }
}

pub fn admin_scope() -> Scope {
    Scope::Admin {
        admin_id: "admin-1".into(),
    }
}

#[test]
fn a_wrong_statement_fails_here() {
    // The harness itself: SQLite refuses what D1 would refuse.
    let db = db();
    assert!(db.prepare("SELECT nope FROM units").bind(&[]).is_err());
    assert!(db
        .prepare("SELECT id FROM units WHERE id = ?1")
        .bind(&[])
        .is_err());
    assert!(db
        .prepare("SELECT id FROM units WHERE id = ?1")
        .bind(&["a".into(), "b".into()])
        .is_err());
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Wrong {
        id: u32,
    }
    let stmt = db.prepare("SELECT id FROM units").bind(&[]).unwrap();
    assert!(run(stmt.all()).unwrap().results::<Wrong>().is_err());
}
