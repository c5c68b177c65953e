//! Whole-seed tests: counts, schema rules, determinism, and (when the `sqlite3` command
//! is installed) loading the SQL twice into SQLite with the real migration.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock};

use super::*;
use crate::seed::{Kind, Seed, MAX_STATEMENT_BYTES};

/// The real hash, computed once per account: 100,000 PBKDF2 rounds take about a second
/// in an unoptimised test build.
fn real_hash(account_id: &str) -> String {
    static CACHE: OnceLock<Mutex<BTreeMap<String, String>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(h) = cache.lock().unwrap().get(account_id) {
        return h.clone();
    }
    let h = password::demo_password_hash(account_id);
    cache
        .lock()
        .unwrap()
        .insert(account_id.to_string(), h.clone());
    h
}

/// Same format and salt, one round: for the 34 accounts of the state fixture.
fn quick_hash(account_id: &str) -> String {
    let salt = password::demo_salt(account_id);
    password::encode(
        1,
        &salt,
        &password::pbkdf2_sha256(password::DEMO_PASSWORD.as_bytes(), &salt, 1),
    )
}

fn udaipur_out() -> &'static udaipur::Output {
    static OUT: OnceLock<udaipur::Output> = OnceLock::new();
    OUT.get_or_init(|| udaipur::build(&data::tests::data_dir(), &real_hash).expect("udaipur seed"))
}

fn state_out() -> &'static state::Output {
    static OUT: OnceLock<state::Output> = OnceLock::new();
    OUT.get_or_init(|| state::build(&data::tests::data_dir(), &quick_hash).expect("state seed"))
}

fn count_kind(seed: &Seed, kind: Kind) -> usize {
    seed.units.iter().filter(|u| u.kind == kind).count()
}

fn is_mobile(m: &str) -> bool {
    let b = m.as_bytes();
    b.len() == 13
        && m.starts_with("+91")
        && (b'6'..=b'9').contains(&b[3])
        && b[3..].iter().all(u8::is_ascii_digit)
}

/// The rules of migrations/0001_foundation.sql, checked on the rows.
fn check_schema_rules(seed: &Seed) {
    let ids: BTreeSet<&str> = seed.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids.len(), seed.units.len(), "unit ids unique");
    let kind_codes: BTreeSet<(Kind, &str)> = seed
        .units
        .iter()
        .map(|u| (u.kind, u.code.as_str()))
        .collect();
    assert_eq!(kind_codes.len(), seed.units.len(), "UNIQUE (kind, code)");
    let by_id: BTreeMap<&str, &seed::Unit> =
        seed.units.iter().map(|u| (u.id.as_str(), u)).collect();
    for u in &seed.units {
        assert!((1..=64).contains(&u.id.len()), "{}", u.id);
        assert!((1..=200).contains(&u.name_en.chars().count()), "{}", u.id);
        assert!(u.name_hi.chars().count() <= 200, "{}", u.id);
        if let Some(p) = u.location {
            assert!((-180.0..=180.0).contains(&p[0]) && (-90.0..=90.0).contains(&p[1]));
        }
        match &u.parent_id {
            None => assert_eq!(u.kind, Kind::State),
            Some(parent) => {
                let parent = by_id.get(parent.as_str()).expect("parent exists");
                assert!(parent.kind < u.kind, "{} under {}", u.id, parent.id);
                // Scope keys agree with the parent's.
                assert_eq!(
                    u.state_id,
                    parent.state_id.clone().or(Some(parent.id.clone()))
                );
                if parent.kind >= Kind::District {
                    assert_eq!(u.district_id, parent.district_id, "{}", u.id);
                }
            }
        }
        for scope in [&u.state_id, &u.district_id, &u.block_id]
            .into_iter()
            .flatten()
        {
            assert!(by_id.contains_key(scope.as_str()), "{} scope {scope}", u.id);
        }
        if u.kind == Kind::GramPanchayat {
            assert_eq!(u.block_id, u.parent_id, "{}", u.id);
        }
    }
    let group_ids: BTreeSet<&str> = seed.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(group_ids.len(), seed.groups.len());
    for g in &seed.groups {
        assert_eq!(g.id, g.unit_id);
        assert!(prasar_core::ids::is_valid_group_id(&g.id), "{}", g.id);
        let unit = by_id[g.unit_id.as_str()];
        assert!(matches!(unit.kind, Kind::GramPanchayat | Kind::Ward));
        assert_eq!(Some(&g.district_id), unit.district_id.as_ref());
        assert!((1..=200).contains(&g.name.chars().count()));
    }
    assert_eq!(
        seed.groups.len(),
        count_kind(seed, Kind::GramPanchayat) + count_kind(seed, Kind::Ward),
        "one group per GP and ward"
    );
    assert_eq!(seed.member_counts.len(), seed.groups.len());
    let mut mobiles = BTreeSet::new();
    for a in &seed.admins {
        assert!(is_mobile(&a.mobile), "{}", a.mobile);
        assert!(
            a.mobile.starts_with("+919")
                || a.mobile.starts_with("+918")
                || a.mobile.starts_with("+917")
        );
        assert!(
            mobiles.insert((a.district_id.as_str(), a.mobile.as_str())),
            "UNIQUE (district_id, mobile)"
        );
        assert!((1..=120).contains(&a.name.chars().count()));
        assert!(a.designation.chars().count() <= 120 && a.department.chars().count() <= 120);
        assert!(by_id.contains_key(a.district_id.as_str()));
    }
    let admin_ids: BTreeSet<&str> = seed.admins.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(admin_ids.len(), seed.admins.len());
    let assigned: BTreeSet<&str> = seed
        .assignments
        .iter()
        .map(|a| a.group_id.as_str())
        .collect();
    assert_eq!(
        assigned.len(),
        seed.assignments.len(),
        "one open assignment per group"
    );
    for a in &seed.assignments {
        assert!(admin_ids.contains(a.admin_id.as_str()) && group_ids.contains(a.group_id.as_str()));
    }
    let usernames: BTreeSet<&str> = seed.accounts.iter().map(|a| a.username.as_str()).collect();
    assert_eq!(usernames.len(), seed.accounts.len());
    for a in &seed.accounts {
        assert!(
            prasar_core::auth::is_valid_username(&a.username),
            "{}",
            a.username
        );
        assert!(
            prasar_core::auth::Role::parse(a.role).is_some(),
            "{}",
            a.role
        );
        let area = by_id[a.area_id.as_str()];
        let expected = match a.role {
            "state_admin" => Kind::State,
            "block_officer" => Kind::Block,
            _ => Kind::District,
        };
        assert_eq!(area.kind, expected, "{}", a.username);
        assert!(prasar_core::auth::PasswordHash::parse(&a.password_hash).is_some());
    }
}

#[test]
fn args() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let a = parse_args(&s(&["udaipur", "--data", "d", "--out", "o.sql"])).unwrap();
    assert_eq!(
        (a.mode, a.data, a.out),
        (Mode::Udaipur, "d".into(), "o.sql".into())
    );
    let a = parse_args(&s(&["state", "--out", "o.sql"])).unwrap();
    assert_eq!(a.mode, Mode::State);
    assert!(a.data.ends_with("shared/data"));
    assert!(parse_args(&s(&["udaipur"])).is_err(), "--out is required");
    assert!(parse_args(&s(&["district", "--out", "x"])).is_err());
    assert!(parse_args(&s(&["state", "--out", "x", "--matches", "m.csv"])).is_err());
    assert!(parse_args(&s(&["udaipur", "--out"])).is_err());
}

#[test]
fn udaipur_counts() {
    let seed = &udaipur_out().seed;
    assert_eq!(count_kind(seed, Kind::State), 1);
    assert_eq!(count_kind(seed, Kind::District), 1);
    assert_eq!(count_kind(seed, Kind::Block), 16);
    assert_eq!(count_kind(seed, Kind::GramPanchayat), 481);
    assert_eq!(count_kind(seed, Kind::Ulb), 3);
    assert_eq!(count_kind(seed, Kind::Ward), 125);
    assert_eq!(seed.groups.len(), 606);
    // About 4 % of groups without an admin.
    assert_eq!(seed.groups.len() - seed.admins.len(), 24);
    assert_eq!(seed.assignments.len(), seed.admins.len());
    assert_eq!(seed.accounts.len(), 5);
    assert!(seed.units.iter().all(|u| !u.is_demo));
    let gp = |id: &str| seed.units.iter().find(|u| u.id == id).unwrap();
    let alsigarh = gp("gp-42356");
    assert_eq!(
        (alsigarh.name_en.as_str(), alsigarh.name_hi.as_str()),
        ("Alsigarh", "")
    );
    assert_eq!(alsigarh.parent_id.as_deref(), Some("block-1378"));
    assert!(alsigarh.location_exact);
    assert_eq!(gp("block-1378").name_hi, "गिर्वा");
    assert_eq!(gp("ward-udaipur-mc-80").code, "UDR-MC-W80");
    assert!(seed
        .groups
        .iter()
        .any(|g| g.id == "gp-42356" && g.name == "Alsigarh सूचना समूह"));
    assert!(seed
        .groups
        .iter()
        .any(|g| g.id == "ward-udaipur-mc-7" && g.name == "Udaipur MC Ward 7 सूचना समूह"));
    // Salumbar's blocks are not here.
    assert!(seed.units.iter().all(|u| u.name_en != "Salumbar"));
    // Wards stay within their scatter radius of the town centre.
    for ulb in &udaipur::ULBS {
        for u in seed
            .units
            .iter()
            .filter(|u| u.parent_id.as_deref() == Some(&format!("ulb-{}", ulb.slug)))
        {
            assert!(geo::distance_km(u.location.unwrap(), ulb.centre) <= ulb.scatter_km + 1e-6);
            assert!(!u.location_exact);
        }
    }
}

#[test]
fn udaipur_follows_the_schema() {
    check_schema_rules(&udaipur_out().seed);
    let seed = &udaipur_out().seed;
    assert_eq!(seed.admins[0].id, "admin-demo-0001");
    assert_eq!(seed.admins[0].mobile, "+919000000001");
    assert!(seed
        .admins
        .iter()
        .all(|a| a.district_id == udaipur::DISTRICT_ID));
    assert!(seed
        .admins
        .iter()
        .all(|a| a.name.starts_with("डेमो एडमिन ") && a.name.contains("(Demo Admin ")));
}

#[test]
fn udaipur_is_deterministic() {
    let again = udaipur::build(&data::tests::data_dir(), &real_hash).unwrap();
    let (a, b) = (udaipur_out().seed.render().sql, again.seed.render().sql);
    assert!(a == b, "two runs differ");
    assert!(a.starts_with("-- Prasar seed: Udaipur demo district"));
    assert!(!a.contains("BEGIN") && !a.contains("COMMIT"));
}

#[test]
fn rendered_statements_stay_small() {
    for sql in [udaipur_out().seed.render(), state_out().seed.render()] {
        assert!(
            sql.largest_statement <= MAX_STATEMENT_BYTES,
            "{}",
            sql.largest_statement
        );
        assert!(sql.statements > 1);
    }
}

#[test]
fn state_has_exactly_25000_groups() {
    let out = state_out();
    let seed = &out.seed;
    assert_eq!(seed.groups.len(), state::TOTAL_GROUPS);
    assert_eq!(out.gps, 11_071);
    assert_eq!(out.blocks, 360);
    assert_eq!(out.districts, 33);
    assert_eq!(out.gps + out.wards, 25_000);
    assert_eq!((out.duplicate_gps, out.duplicate_blocks), (0, 0));
    assert_eq!(count_kind(seed, Kind::Ulb), 33);
    assert_eq!(count_kind(seed, Kind::Ward), 25_000 - 11_071);
    assert_eq!(seed.admins.len(), 23_750, "95 % of groups");
    assert_eq!(seed.accounts.len(), 34);
    for u in &seed.units {
        if let Some(p) = u.location {
            assert!((state::LON.0..=state::LON.1).contains(&p[0]), "{}", u.id);
            assert!((state::LAT.0..=state::LAT.1).contains(&p[1]), "{}", u.id);
        }
        assert!(!u.location_exact);
        assert_eq!(
            u.is_demo,
            matches!(u.kind, Kind::Ulb | Kind::Ward),
            "{}",
            u.id
        );
    }
    check_schema_rules(seed);
}

#[test]
fn synthetic_mobiles() {
    assert_eq!(state::mobile(1), "+918000000001");
    assert_eq!(state::mobile(99_999), "+918000099999");
    assert_eq!(state::mobile(100_000), "+917000000001");
}

/// Runs the SQL twice into a fresh SQLite database with the real migration and foreign
/// keys on (as D1 does), and returns `SELECT` results. Skipped without `sqlite3`.
fn load_twice(sql: &str, query: &str) -> Option<String> {
    use std::process::Command;
    if Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("sqlite3 not installed: skipping the SQLite load test");
        return None;
    }
    // One folder per call: the two load tests run in parallel.
    let dir = std::env::temp_dir().join(format!(
        "prasar-seed-test-{}-{}",
        std::process::id(),
        sql.len()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("seed.db");
    // Every migration, in order, as `wrangler d1 migrations apply` does.
    let migrations_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let mut migrations: Vec<PathBuf> = std::fs::read_dir(&migrations_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    migrations.sort();
    let seed_file = dir.join("seed.sql");
    std::fs::write(&seed_file, sql).unwrap();
    let mut script = String::from("PRAGMA foreign_keys = ON;\n.bail on\n");
    for m in &migrations {
        script.push_str(&format!(".read {}\n", m.display()));
    }
    script.push_str(&format!(
        ".read {seed}\n.read {seed}\nPRAGMA foreign_key_check;\n{query}\n",
        seed = seed_file.display()
    ));
    let out = Command::new("sqlite3")
        .arg(&db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(script.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

const COUNTS_QUERY: &str =
    "SELECT (SELECT count(*) FROM units) || ' ' || (SELECT count(*) FROM groups) || ' ' || \
(SELECT count(*) FROM member_counts) || ' ' || (SELECT count(*) FROM admins) || ' ' || \
(SELECT count(*) FROM assignments) || ' ' || (SELECT count(*) FROM accounts);";

#[test]
fn udaipur_sql_loads_twice_into_sqlite() {
    let seed = &udaipur_out().seed;
    if let Some(out) = load_twice(&seed.render().sql, COUNTS_QUERY) {
        let expected = format!(
            "{} {} {} {} {} {}\n",
            seed.units.len(),
            seed.groups.len(),
            seed.member_counts.len(),
            seed.admins.len(),
            seed.assignments.len(),
            seed.accounts.len()
        );
        assert_eq!(out, expected);
    }
}

#[test]
fn state_sql_loads_twice_into_sqlite() {
    let seed = &state_out().seed;
    if let Some(out) = load_twice(&seed.render().sql, COUNTS_QUERY) {
        assert_eq!(
            out,
            format!("{} 25000 25000 23750 23750 34\n", seed.units.len())
        );
    }
}

/// A port of wrangler 4.86's `splitSqlIntoStatements` (src/d1/splitter.ts), which
/// `wrangler d1 execute --file` uses locally: quotes and comments are skipped, `;` ends
/// a statement unless a ` BEGIN `/` CASE ` is waiting for its ` END`.
fn wrangler_split(sql: &str) -> Vec<String> {
    fn ends_with_word(s: &str, words: &[&str], after: fn(char) -> bool, ci: bool) -> bool {
        let mut chars = s.chars().rev();
        let Some(last) = chars.next() else {
            return false;
        };
        if !after(last) {
            return false;
        }
        let rest: String = chars.rev().collect();
        words.iter().any(|w| {
            let n = rest.len();
            n > w.len()
                && rest.is_char_boundary(n - w.len())
                && {
                    let tail = &rest[n - w.len()..];
                    if ci {
                        tail.eq_ignore_ascii_case(w)
                    } else {
                        tail == *w
                    }
                }
                && rest[..n - w.len()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_whitespace)
        })
    }
    // Only the last few characters matter (and looking at more makes this quadratic).
    fn tail(s: &str) -> &str {
        let mut start = s.len().saturating_sub(12);
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        &s[start..]
    }
    let is_start = |s: &str| ends_with_word(tail(s), &["BEGIN", "CASE"], char::is_whitespace, true);
    let is_end =
        |s: &str| ends_with_word(tail(s), &["END"], |c| c == ';' || c.is_whitespace(), false);
    let chars: Vec<char> = sql.chars().collect();
    let (mut out, mut cur, mut stack, mut i) = (Vec::new(), String::new(), 0usize, 0);
    while i < chars.len() {
        let c = chars[i];
        if stack > 0 && is_end(&format!("{}{c}", tail(&cur))) {
            stack -= 1;
        }
        match c {
            '\'' | '"' | '`' => {
                cur.push(c);
                i += 1;
                while i < chars.len() {
                    cur.push(chars[i]);
                    i += 1;
                    if chars[i - 1] == c {
                        break;
                    }
                }
                i -= 1;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                cur.push('\n');
            }
            ';' if stack == 0 => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
        if is_start(&cur) {
            stack += 1;
        }
        i += 1;
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn wrangler_splits_the_files_into_our_statements() {
    // The splitter port itself: a CASE without a following blank swallows the rest.
    assert_eq!(
        wrangler_split("SELECT 1;\nSELECT 'a;b';\n-- c;d\nSELECT 2;").len(),
        3
    );
    assert_eq!(
        wrangler_split("SELECT CASE WHEN 1 THEN 2 END, 3;\nSELECT 4;").len(),
        1
    );
    for rendered in [udaipur_out().seed.render(), state_out().seed.render()] {
        let statements = wrangler_split(&rendered.sql);
        assert_eq!(statements.len(), rendered.statements);
        assert!(statements.iter().all(|s| s.len() <= MAX_STATEMENT_BYTES));
        assert!(statements.iter().all(|s| s.starts_with("INSERT INTO ")));
    }
}

#[test]
fn state_is_deterministic() {
    let again = state::build(&data::tests::data_dir(), &quick_hash).unwrap();
    assert!(
        state_out().seed.render().sql == again.seed.render().sql,
        "two runs differ"
    );
}
