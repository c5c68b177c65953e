//! The rows a seed consists of, the demo data shared by both modes, and their rendering
//! as idempotent SQL for D1.
//!
//! Rendering rules: multi-row `INSERT` statements of at most `MAX_STATEMENT_BYTES`, no
//! explicit transaction (wrangler refuses them), no `CASE`/`BEGIN` keywords (wrangler's
//! statement splitter then waits for an `END` and glues the rest of the file into one
//! statement: SQLITE_TOOBIG), parents before children (D1 checks foreign keys), and
//! every statement safe to run again:
//! - units, groups, admins, accounts: upsert on `id`; a clash on another unique key
//!   (an admin's mobile, an account's username) leaves the existing row alone;
//! - member counts: inserted unless the group already has the seed's report
//!   (same `reported_by` and `reported_at_ms`);
//! - assignments: inserted unless the id exists or the group already has an open one.

use rand::seq::index;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

use crate::geo::Point;
use crate::time;

/// D1 refuses statements over 100 KB. Much smaller ones load faster locally:
/// `wrangler d1 execute --file` splits the file with a per-character regex over the
/// statement read so far, which is quadratic in statement length (the 18 MB state
/// fixture: 112 s to split with 90 KB statements, 3.5 s with 8 KB ones).
pub const MAX_STATEMENT_BYTES: usize = 8_000;
pub const MEMBER_LIMIT: u32 = 1024;
pub const REPORTED_BY: &str = "system:seed";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    State,
    District,
    Block,
    GramPanchayat,
    Ulb,
    Ward,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::State => "state",
            Kind::District => "district",
            Kind::Block => "block",
            Kind::GramPanchayat => "gram_panchayat",
            Kind::Ulb => "ulb",
            Kind::Ward => "ward",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Unit {
    pub id: String,
    pub kind: Kind,
    pub code: String,
    pub parent_id: Option<String>,
    pub state_id: Option<String>,
    pub district_id: Option<String>,
    pub block_id: Option<String>,
    pub name_en: String,
    pub name_hi: String,
    pub location: Option<Point>,
    pub location_exact: bool,
    pub is_demo: bool,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub unit_id: String,
    pub district_id: String,
    pub name: String,
    /// Wards get a ward councillor as demo admin, GPs a local official.
    pub is_ward: bool,
}

#[derive(Clone, Debug)]
pub struct MemberCount {
    pub group_id: String,
    pub count: u32,
}

#[derive(Clone, Debug)]
pub struct Admin {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub mobile: String,
    pub designation: &'static str,
    pub department: &'static str,
}

#[derive(Clone, Debug)]
pub struct Assignment {
    pub id: String,
    pub admin_id: String,
    pub group_id: String,
}

#[derive(Clone, Debug)]
pub struct Account {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: &'static str,
    pub area_id: String,
    pub password_hash: String,
}

#[derive(Clone, Debug, Default)]
pub struct Seed {
    /// Comment lines for the top of the file (without `-- `).
    pub header: Vec<String>,
    pub units: Vec<Unit>,
    pub groups: Vec<Group>,
    pub member_counts: Vec<MemberCount>,
    pub admins: Vec<Admin>,
    pub assignments: Vec<Assignment>,
    pub accounts: Vec<Account>,
}

/// A deterministic random stream per purpose, so changing one part of the seed does not
/// reshuffle the others.
pub fn rng(label: &str) -> ChaCha8Rng {
    ChaCha8Rng::from_seed(Sha256::digest(format!("prasar-seed:{label}").as_bytes()).into())
}

// ---- Demo groups, counts and admins ------------------------------------------------------

/// One group per unit that has one (GPs and wards), with the same id as the unit.
pub fn group_for(unit: &Unit, name: String) -> Group {
    Group {
        id: unit.id.clone(),
        unit_id: unit.id.clone(),
        district_id: unit
            .district_id
            .clone()
            .expect("GPs and wards have a district"),
        name,
        is_ward: unit.kind == Kind::Ward,
    }
}

/// Member counts between 150 and the limit; about 30 % below the 80 % fill target.
pub fn member_counts(groups: &[Group], label: &str) -> Vec<MemberCount> {
    let mut rng = rng(label);
    let target = MEMBER_LIMIT * 80 / 100; // 819: below it means under 80 % (819.2)
    groups
        .iter()
        .map(|g| MemberCount {
            group_id: g.id.clone(),
            count: if rng.random_bool(0.3) {
                rng.random_range(150..=target)
            } else {
                rng.random_range(target + 1..=MEMBER_LIMIT)
            },
        })
        .collect()
}

const GP_POSTS: [(&str, &str); 4] = [
    (
        "ग्राम विकास अधिकारी (VDO)",
        "पंचायती राज विभाग (Panchayati Raj)",
    ),
    ("पटवारी (Patwari)", "राजस्व विभाग (Revenue)"),
    ("शिक्षक (Teacher)", "शिक्षा विभाग (Education)"),
    (
        "पंचायत सहायक (Panchayat Sahayak)",
        "पंचायती राज विभाग (Panchayati Raj)",
    ),
];
const WARD_POST: (&str, &str) = (
    "वार्ड पार्षद (Ward Councillor)",
    "स्वायत्त शासन विभाग (Local Self Government)",
);

pub struct DemoAdmins<'a> {
    /// `admin-demo` gives `admin-demo-0001` and `asg-demo-0001`.
    pub id_infix: &'a str,
    /// Digits in the serial number.
    pub width: usize,
    /// Share of groups left without an admin.
    pub without_admin: f64,
    /// Mobile number for the n-th admin (n from 1).
    pub mobile: &'a dyn Fn(usize) -> String,
    pub label: &'a str,
}

/// Demo admins and their open assignments for all groups but a deterministic few.
pub fn demo_admins(groups: &[Group], spec: &DemoAdmins) -> (Vec<Admin>, Vec<Assignment>) {
    let mut rng = rng(spec.label);
    let skip_count = (groups.len() as f64 * spec.without_admin).round() as usize;
    let skipped: std::collections::BTreeSet<usize> =
        index::sample(&mut rng, groups.len(), skip_count)
            .into_iter()
            .collect();
    let mut admins = Vec::new();
    let mut assignments = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if skipped.contains(&i) {
            continue;
        }
        let n = admins.len() + 1;
        let serial = format!("{n:0width$}", width = spec.width);
        let (designation, department) = if g.is_ward {
            WARD_POST
        } else {
            GP_POSTS[rng.random_range(0..GP_POSTS.len())]
        };
        let admin_id = format!("admin-{}-{serial}", spec.id_infix);
        admins.push(Admin {
            id: admin_id.clone(),
            district_id: g.district_id.clone(),
            name: format!("डेमो एडमिन {serial} (Demo Admin {serial})"),
            mobile: (spec.mobile)(n),
            designation,
            department,
        });
        assignments.push(Assignment {
            id: format!("asg-{}-{serial}", spec.id_infix),
            admin_id,
            group_id: g.id.clone(),
        });
    }
    (admins, assignments)
}

// ---- SQL ---------------------------------------------------------------------------------

/// A SQL string literal.
pub fn text(s: &str) -> String {
    assert!(!s.contains('\0'), "NUL in text: {s:?}");
    format!("'{}'", s.replace('\'', "''"))
}

fn opt_text(s: Option<&str>) -> String {
    s.map_or_else(|| "NULL".to_string(), text)
}

fn real(x: f64) -> String {
    format!("{x:.6}")
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

/// Writes `rows` as statements `head rows… tail;` of at most `MAX_STATEMENT_BYTES` each.
fn write_chunked(out: &mut String, head: &str, rows: &[String], tail: &str) -> usize {
    let fixed = head.len() + tail.len() + 4;
    let mut statements = 0;
    let mut start = 0;
    while start < rows.len() {
        let mut end = start;
        let mut size = fixed;
        while end < rows.len()
            && (end == start || size + rows[end].len() + 2 <= MAX_STATEMENT_BYTES)
        {
            size += rows[end].len() + 2;
            end += 1;
        }
        assert!(
            size <= MAX_STATEMENT_BYTES,
            "a single row exceeds the statement limit"
        );
        out.push_str(head);
        out.push('\n');
        out.push_str(&rows[start..end].join(",\n"));
        out.push('\n');
        out.push_str(tail);
        out.push_str(";\n\n");
        statements += 1;
        start = end;
    }
    statements
}

const UNITS_HEAD: &str =
    "INSERT INTO units (id, kind, code, parent_id, state_id, district_id, block_id, \
name_en, name_hi, lon, lat, location_exact, valid_from, valid_to, is_demo) VALUES";
/// A Hindi name added later is not blanked by a seed without one, and an approximate
/// seed position does not overwrite an exact one; `valid_to` is left to the app.
const UNITS_TAIL: &str =
    "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, code = excluded.code, \
parent_id = excluded.parent_id, state_id = excluded.state_id, district_id = excluded.district_id, \
block_id = excluded.block_id, name_en = excluded.name_en, \
name_hi = coalesce(nullif(excluded.name_hi, ''), units.name_hi), \
lon = iif(excluded.location_exact >= units.location_exact, excluded.lon, units.lon), \
lat = iif(excluded.location_exact >= units.location_exact, excluded.lat, units.lat), \
location_exact = max(excluded.location_exact, units.location_exact), \
valid_from = excluded.valid_from, is_demo = excluded.is_demo";

const GROUPS_HEAD: &str = "INSERT INTO groups (id, unit_id, district_id, name, invite_link, \
member_limit, created_at, is_demo) VALUES";
/// The invite link and `closed_at` belong to the app and are kept.
const GROUPS_TAIL: &str = "ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, \
district_id = excluded.district_id, name = excluded.name, member_limit = excluded.member_limit, \
is_demo = excluded.is_demo";

const ADMINS_HEAD: &str = "INSERT INTO admins (id, district_id, name, mobile, designation, \
department, created_at, is_demo) VALUES";
const ADMINS_TAIL: &str = "ON CONFLICT (id) DO UPDATE SET district_id = excluded.district_id, \
name = excluded.name, mobile = excluded.mobile, designation = excluded.designation, \
department = excluded.department, is_demo = excluded.is_demo\nON CONFLICT DO NOTHING";

const COUNTS_HEAD: &str = "INSERT INTO member_counts (group_id, member_count, reported_at, \
reported_at_ms, reported_by)\nSELECT v.column1, v.column2, v.column3, v.column4, v.column5 FROM (VALUES";
const COUNTS_TAIL: &str = ") AS v\nWHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = v.column1)\n\
AND NOT EXISTS (SELECT 1 FROM member_counts m WHERE m.group_id = v.column1 \
AND m.reported_at_ms = v.column4 AND m.reported_by = v.column5)";

const ASSIGNMENTS_HEAD: &str = "INSERT INTO assignments (id, admin_id, group_id, started_at)\n\
SELECT v.column1, v.column2, v.column3, v.column4 FROM (VALUES";
const ASSIGNMENTS_TAIL: &str =
    ") AS v\nWHERE EXISTS (SELECT 1 FROM admins a WHERE a.id = v.column2)\n\
AND EXISTS (SELECT 1 FROM groups g WHERE g.id = v.column3)\n\
AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.id = v.column1)\n\
AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.group_id = v.column3 AND s.ended_at IS NULL)";

const ACCOUNTS_HEAD: &str = "INSERT INTO accounts (id, username, display_name, role, area_id, \
password_hash, created_at, is_demo) VALUES";
/// `disabled_at` is kept: a demo account switched off stays off.
const ACCOUNTS_TAIL: &str = "ON CONFLICT (id) DO UPDATE SET username = excluded.username, \
display_name = excluded.display_name, role = excluded.role, area_id = excluded.area_id, \
password_hash = excluded.password_hash, is_demo = excluded.is_demo\nON CONFLICT DO NOTHING";

/// The SQL text with its statement count and largest statement, for the report.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub sql: String,
    pub statements: usize,
    pub largest_statement: usize,
}

impl Seed {
    pub fn render(&self) -> Rendered {
        let mut out = String::new();
        for line in &self.header {
            assert!(
                !line.contains(';') && !line.contains('\''),
                "keep comments free of ; and ' (statement splitters): {line}"
            );
            out.push_str("--");
            if !line.is_empty() {
                out.push(' ');
                out.push_str(line);
            }
            out.push('\n');
        }
        out.push('\n');
        let header_len = out.len();
        let mut statements = 0;

        let mut units: Vec<&Unit> = self.units.iter().collect();
        units.sort_by_key(|u| u.kind); // parents first; stable within a kind
        let rows: Vec<String> = units
            .iter()
            .map(|u| {
                let (lon, lat) = u
                    .location
                    .map_or(("NULL".into(), "NULL".into()), |p| (real(p[0]), real(p[1])));
                format!(
                    "({},{},{},{},{},{},{},{},{},{},{},{},{},NULL,{})",
                    text(&u.id),
                    text(u.kind.as_str()),
                    text(&u.code),
                    opt_text(u.parent_id.as_deref()),
                    opt_text(u.state_id.as_deref()),
                    opt_text(u.district_id.as_deref()),
                    opt_text(u.block_id.as_deref()),
                    text(&u.name_en),
                    text(&u.name_hi),
                    lon,
                    lat,
                    flag(u.location_exact),
                    text(time::VALID_FROM),
                    flag(u.is_demo)
                )
            })
            .collect();
        // One batch of statements per kind keeps every parent ahead of its children.
        let mut start = 0;
        while start < units.len() {
            let kind = units[start].kind;
            let end = start + units[start..].iter().take_while(|u| u.kind == kind).count();
            statements += write_chunked(&mut out, UNITS_HEAD, &rows[start..end], UNITS_TAIL);
            start = end;
        }

        let created = text(time::CREATED_AT);
        let rows: Vec<String> = self
            .groups
            .iter()
            .map(|g| {
                format!(
                    "({},{},{},{},NULL,{MEMBER_LIMIT},{created},1)",
                    text(&g.id),
                    text(&g.unit_id),
                    text(&g.district_id),
                    text(&g.name)
                )
            })
            .collect();
        statements += write_chunked(&mut out, GROUPS_HEAD, &rows, GROUPS_TAIL);

        let rows: Vec<String> = self
            .admins
            .iter()
            .map(|a| {
                format!(
                    "({},{},{},{},{},{},{created},1)",
                    text(&a.id),
                    text(&a.district_id),
                    text(&a.name),
                    text(&a.mobile),
                    text(a.designation),
                    text(a.department)
                )
            })
            .collect();
        statements += write_chunked(&mut out, ADMINS_HEAD, &rows, ADMINS_TAIL);

        let reported = text(time::REPORTED_AT);
        let reported_ms = time::reported_at_ms();
        let by = text(REPORTED_BY);
        let rows: Vec<String> = self
            .member_counts
            .iter()
            .map(|m| {
                format!(
                    "({},{},{reported},{reported_ms},{by})",
                    text(&m.group_id),
                    m.count
                )
            })
            .collect();
        statements += write_chunked(&mut out, COUNTS_HEAD, &rows, COUNTS_TAIL);

        let rows: Vec<String> = self
            .assignments
            .iter()
            .map(|a| {
                format!(
                    "({},{},{},{created})",
                    text(&a.id),
                    text(&a.admin_id),
                    text(&a.group_id)
                )
            })
            .collect();
        statements += write_chunked(&mut out, ASSIGNMENTS_HEAD, &rows, ASSIGNMENTS_TAIL);

        let rows: Vec<String> = self
            .accounts
            .iter()
            .map(|a| {
                format!(
                    "({},{},{},{},{},{},{created},1)",
                    text(&a.id),
                    text(&a.username),
                    text(&a.display_name),
                    text(a.role),
                    text(&a.area_id),
                    text(&a.password_hash)
                )
            })
            .collect();
        statements += write_chunked(&mut out, ACCOUNTS_HEAD, &rows, ACCOUNTS_TAIL);

        let largest_statement = out[header_len..]
            .split(";\n\n")
            .map(|s| s.len() + 1)
            .max()
            .unwrap_or(0);
        Rendered {
            sql: out,
            statements,
            largest_statement,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_quoted_and_escaped() {
        assert_eq!(text("Alsigarh"), "'Alsigarh'");
        assert_eq!(text("O'Brien's"), "'O''Brien''s'");
        assert_eq!(text("उदयपुर"), "'उदयपुर'");
        assert_eq!(opt_text(None), "NULL");
    }

    #[test]
    fn statements_are_split_below_the_limit() {
        let rows: Vec<String> = (0..10_000)
            .map(|i| format!("('row-{i:06}', 'x')"))
            .collect();
        let mut out = String::new();
        let n = write_chunked(
            &mut out,
            "INSERT INTO t VALUES",
            &rows,
            "ON CONFLICT DO NOTHING",
        );
        assert!(n > 1);
        let statements: Vec<&str> = out.split(";\n\n").filter(|s| !s.is_empty()).collect();
        assert_eq!(statements.len(), n);
        assert!(statements.iter().all(|s| s.len() < MAX_STATEMENT_BYTES));
        let total_rows: usize = statements.iter().map(|s| s.matches("('row-").count()).sum();
        assert_eq!(total_rows, 10_000);
    }

    #[test]
    fn member_counts_are_in_range_and_about_30_percent_below_target() {
        let groups: Vec<Group> = (0..2000)
            .map(|i| Group {
                id: format!("gp-{i}"),
                unit_id: format!("gp-{i}"),
                district_id: "district-1".into(),
                name: "x".into(),
                is_ward: false,
            })
            .collect();
        let counts = member_counts(&groups, "test");
        assert!(counts
            .iter()
            .all(|c| (150..=MEMBER_LIMIT).contains(&c.count)));
        let below = counts
            .iter()
            .filter(|c| prasar_core::api::below_fill_target(Some(c.count), MEMBER_LIMIT))
            .count();
        assert!((500..700).contains(&below), "{below} of 2000 below 80 %");
        // Deterministic.
        let again = member_counts(&groups, "test");
        assert!(counts.iter().zip(&again).all(|(a, b)| a.count == b.count));
    }
}
