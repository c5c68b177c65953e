//! WhatsApp groups, one per gram panchayat or ward, and their member counts.

use prasar_core::api::{GroupKind, GroupSummary, MemberCountEntry, UnitKind};
use serde::Deserialize;

use super::opt;
use super::units::parse_kind;
use crate::db::{D1Database, D1PreparedStatement, Result};
use crate::scope::Scope;

#[derive(Deserialize)]
struct SummaryRow {
    id: String,
    kind: String,
    name_en: String,
    name_hi: String,
    parent_en: Option<String>,
    parent_hi: Option<String>,
}

fn group_kind(unit_kind: &str) -> GroupKind {
    if parse_kind(unit_kind) == UnitKind::Ward {
        GroupKind::Ward
    } else {
        GroupKind::GramPanchayat
    }
}

/// Open groups the caller may submit for (admins) or see (officials), for the picker.
pub async fn list_summaries(db: &D1Database, scope: &Scope) -> Result<Vec<GroupSummary>> {
    let rows: Vec<SummaryRow> = db
        .prepare(format!(
            "SELECT g.id, u.kind, u.name_en, u.name_hi, p.name_en AS parent_en, p.name_hi AS parent_hi \
             FROM groups g JOIN units u ON u.id = g.unit_id LEFT JOIN units p ON p.id = u.parent_id \
             WHERE g.closed_at IS NULL AND {} ORDER BY u.kind, p.name_en, u.name_en LIMIT 5000",
            scope.unit_condition("u", 1)
        ))
        .bind(&[scope.param().into()])?
        .all()
        .await?
        .results()?;
    Ok(rows
        .into_iter()
        .map(|r| GroupSummary {
            kind: group_kind(&r.kind),
            id: r.id,
            name_en: r.name_en,
            name_hi: r.name_hi,
            parent_en: r.parent_en.unwrap_or_default(),
            parent_hi: r.parent_hi.unwrap_or_default(),
        })
        .collect())
}

#[derive(Deserialize)]
pub struct GroupRow {
    pub id: String,
    pub unit_id: String,
    pub district_id: String,
    pub name: String,
    pub invite_link: Option<String>,
    pub member_limit: u32,
}

/// The group if it lies inside the caller's scope; otherwise `None` (answered as 404).
pub async fn find(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<GroupRow>> {
    db.prepare(format!(
        "SELECT g.id, g.unit_id, g.district_id, g.name, g.invite_link, g.member_limit \
         FROM groups g JOIN units u ON u.id = g.unit_id WHERE g.id = ?1 AND {}",
        scope.unit_condition("u", 2)
    ))
    .bind(&[id.into(), scope.param().into()])?
    .first(None)
    .await
}

pub async fn member_counts(db: &D1Database, group_id: &str) -> Result<Vec<MemberCountEntry>> {
    db.prepare(
        "SELECT member_count, reported_at, reported_by FROM member_counts WHERE group_id = ?1 \
         ORDER BY reported_at_ms DESC, id DESC LIMIT 100",
    )
    .bind(&[group_id.into()])?
    .all()
    .await?
    .results()
}

pub fn update(
    db: &D1Database,
    id: &str,
    name: &str,
    invite_link: Option<&str>,
    member_limit: u32,
) -> Result<D1PreparedStatement> {
    db.prepare("UPDATE groups SET name = ?2, invite_link = ?3, member_limit = ?4 WHERE id = ?1")
        .bind(&[
            id.into(),
            name.into(),
            opt(invite_link),
            member_limit.into(),
        ])
}

pub fn insert_member_count(
    db: &D1Database,
    group_id: &str,
    count: u32,
    at: &str,
    at_ms: i64,
    by: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO member_counts (group_id, member_count, reported_at, reported_at_ms, reported_by) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(&[group_id.into(), count.into(), at.into(), (at_ms as f64).into(), by.into()])
}
