//! Administrative units and the hierarchy browser's queries.

use prasar_core::api::{GroupBrief, Location, UnitKind, UnitNode, UnitRef};
use serde::Deserialize;

use crate::db::{D1Database, Result};
use crate::scope::Scope;

#[derive(Deserialize)]
struct NodeRow {
    id: String,
    kind: String,
    code: String,
    name_en: String,
    name_hi: String,
    lon: Option<f64>,
    lat: Option<f64>,
    location_exact: u8,
    valid_from: String,
    valid_to: Option<String>,
    child_count: u32,
    group_id: Option<String>,
    group_name: Option<String>,
    member_limit: Option<u32>,
    member_count: Option<u32>,
    admin_name: Option<String>,
}

pub fn parse_kind(kind: &str) -> UnitKind {
    // The schema's CHECK constraint admits only known kinds.
    UnitKind::parse(kind).unwrap_or(UnitKind::GramPanchayat)
}

impl NodeRow {
    fn into_node(self) -> UnitNode {
        let location = match (self.lon, self.lat) {
            (Some(lon), Some(lat)) => Some(Location {
                lon,
                lat,
                exact: self.location_exact == 1,
            }),
            _ => None,
        };
        let group = self.group_id.map(|id| GroupBrief {
            id,
            name: self.group_name.unwrap_or_default(),
            member_count: self.member_count,
            member_limit: self.member_limit.unwrap_or(1024),
            admin_name: self.admin_name,
        });
        UnitNode {
            unit: UnitRef {
                kind: parse_kind(&self.kind),
                id: self.id,
                code: self.code,
                name_en: self.name_en,
                name_hi: self.name_hi,
            },
            location,
            child_count: self.child_count,
            group,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
        }
    }
}

/// A unit's identity and names, for breadcrumbs and the caller's area.
#[derive(Deserialize)]
struct RefRow {
    id: String,
    kind: String,
    code: String,
    name_en: String,
    name_hi: String,
}

impl RefRow {
    fn into_ref(self) -> UnitRef {
        UnitRef {
            kind: parse_kind(&self.kind),
            id: self.id,
            code: self.code,
            name_en: self.name_en,
            name_hi: self.name_hi,
        }
    }
}

/// Each unit with its group's latest member count and current admin.
const NODE_SELECT: &str = "SELECT u.id, u.kind, u.code, u.name_en, u.name_hi, u.lon, u.lat, \
     u.location_exact, u.valid_from, u.valid_to, \
     (SELECT count(*) FROM units c WHERE c.parent_id = u.id AND c.valid_to IS NULL) AS child_count, \
     g.id AS group_id, g.name AS group_name, g.member_limit, \
     (SELECT mc.member_count FROM member_counts mc WHERE mc.group_id = g.id \
        ORDER BY mc.reported_at_ms DESC, mc.id DESC LIMIT 1) AS member_count, \
     (SELECT ad.name FROM assignments a JOIN admins ad ON ad.id = a.admin_id \
        WHERE a.group_id = g.id AND a.ended_at IS NULL) AS admin_name \
     FROM units u LEFT JOIN groups g ON g.unit_id = u.id";

pub async fn find(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<UnitNode>> {
    let row: Option<NodeRow> = db
        .prepare(format!(
            "{NODE_SELECT} WHERE u.id = ?1 AND {}",
            scope.unit_condition("u", 2)
        ))
        .bind(&[id.into(), scope.param().into()])?
        .first(None)
        .await?;
    Ok(row.map(NodeRow::into_node))
}

pub async fn children(db: &D1Database, scope: &Scope, parent_id: &str) -> Result<Vec<UnitNode>> {
    let rows: Vec<NodeRow> = db
        .prepare(format!(
            "{NODE_SELECT} WHERE u.parent_id = ?1 AND u.valid_to IS NULL AND {} \
             ORDER BY u.kind, u.name_en LIMIT 2000",
            scope.unit_condition("u", 2)
        ))
        .bind(&[parent_id.into(), scope.param().into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(NodeRow::into_node).collect())
}

/// Ancestors of `id` inside the caller's scope, outermost first.
pub async fn breadcrumbs(db: &D1Database, scope: &Scope, id: &str) -> Result<Vec<UnitRef>> {
    let rows: Vec<RefRow> = db
        .prepare(format!(
            "WITH RECURSIVE chain(id, parent_id, depth) AS ( \
               SELECT id, parent_id, 0 FROM units WHERE id = ?1 \
               UNION ALL SELECT p.id, p.parent_id, c.depth + 1 FROM units p \
               JOIN chain c ON p.id = c.parent_id WHERE c.depth < 8) \
             SELECT u.id, u.kind, u.code, u.name_en, u.name_hi FROM chain c \
             JOIN units u ON u.id = c.id WHERE c.depth > 0 AND {} ORDER BY c.depth DESC",
            scope.unit_condition("u", 2)
        ))
        .bind(&[id.into(), scope.param().into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(RefRow::into_ref).collect())
}

/// Units (any level) whose English or Hindi name contains `query`, or whose code is it.
/// `instr`, not `LIKE`: D1 refuses LIKE patterns over 50 bytes, which 17 Devanagari
/// letters already exceed, and `instr` needs no escaping of `%` and `_`.
pub async fn search(db: &D1Database, scope: &Scope, query: &str) -> Result<Vec<UnitNode>> {
    let rows: Vec<NodeRow> = db
        .prepare(format!(
            "{NODE_SELECT} WHERE {} AND (u.code = ?2 OR instr(lower(u.name_en), lower(?2)) > 0 \
             OR instr(u.name_hi, ?2) > 0) \
             ORDER BY (u.code = ?2) DESC, length(u.name_en), u.name_en LIMIT 50",
            scope.unit_condition("u", 1)
        ))
        .bind(&[scope.param().into(), query.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(NodeRow::into_node).collect())
}

/// A unit by id regardless of scope, for naming the caller's own area.
pub async fn unit_ref(db: &D1Database, id: &str) -> Result<Option<UnitRef>> {
    let row: Option<RefRow> = db
        .prepare("SELECT id, kind, code, name_en, name_hi FROM units WHERE id = ?1")
        .bind(&[id.into()])?
        .first(None)
        .await?;
    Ok(row.map(RefRow::into_ref))
}

/// The district of a unit (empty for the state).
pub async fn district_of(db: &D1Database, unit_id: &str) -> Result<String> {
    #[derive(Deserialize)]
    struct Row {
        district_id: Option<String>,
    }
    let row: Option<Row> = db
        .prepare("SELECT district_id FROM units WHERE id = ?1")
        .bind(&[unit_id.into()])?
        .first(None)
        .await?;
    Ok(row.and_then(|r| r.district_id).unwrap_or_default())
}
