//! The append-only audit log. Entries are written in the same D1 batch (one transaction)
//! as the change they describe, so a change never lands without its record.

use prasar_core::api::AuditEntryView;
use prasar_core::audit::AuditAction;
use serde::Deserialize;

use crate::db::{D1Database, D1PreparedStatement, Result};
use crate::scope::Area;

pub struct AuditEntry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    /// The district whose officers may read the entry; None for state-level changes.
    pub district_id: Option<&'a str>,
    pub action: AuditAction,
    pub entity: &'a str,
    pub entity_id: &'a str,
    /// JSON with the facts of the change.
    pub detail: &'a str,
}

pub fn insert(db: &D1Database, entry: &AuditEntry<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO audit_log (at, actor, district_id, action, entity, entity_id, detail) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(&[
        entry.at.into(),
        entry.actor.into(),
        super::opt(entry.district_id),
        entry.action.as_str().into(),
        entry.entity.into(),
        entry.entity_id.into(),
        entry.detail.into(),
    ])
}

/// Newest first, `limit` entries older than `before` (an entry id), of the districts in
/// `area`; state administrators also see state-level entries.
pub async fn page(
    db: &D1Database,
    area: &Area,
    before: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditEntryView>> {
    // Names through the primary keys (`substr` after the actor's prefix), so a page of
    // 50 entries costs 50 index seeks per table, not a scan.
    db.prepare(format!(
            "SELECT l.id, l.at, l.actor, coalesce(ac.display_name, ad.name, '') AS actor_name, \
             l.action, l.entity, l.entity_id, l.detail FROM audit_log l \
             LEFT JOIN accounts ac ON l.actor LIKE 'account:%' AND ac.id = substr(l.actor, 9) \
             LEFT JOIN admins ad ON l.actor LIKE 'admin:%' AND ad.id = substr(l.actor, 7) \
             WHERE l.id < ?2 AND (l.district_id IN (SELECT d.id FROM units d WHERE d.kind = 'district' \
             AND ({} OR d.id = ?1)) OR (?4 AND l.district_id IS NULL)) \
             ORDER BY l.id DESC LIMIT ?3",
            area.units("d", 1)
        ))
        .bind(&[
            area.id.as_str().into(),
            (before.unwrap_or(i64::MAX) as f64).into(),
            limit.into(),
            i32::from(area.column == "state_id").into(),
        ])?
        .all()
        .await?
        .results()
}

/// When wrong passwords were tried for `account_id` in the last `days` days, newest
/// first (at most 20; the rate limit bounds how many there can be).
pub async fn failed_sign_ins(db: &D1Database, account_id: &str, days: i64) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        at: String,
    }
    let rows: Vec<Row> = db
        .prepare(
            "SELECT at FROM audit_log WHERE entity_id = ?1 AND action = ?3 \
             AND entity = 'account' AND julianday(at) > julianday('now', ?2) ORDER BY id DESC LIMIT 20",
        )
        .bind(&[
            account_id.into(),
            format!("-{days} days").into(),
            AuditAction::SessionLoginFailed.as_str().into(),
        ])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.at).collect())
}
