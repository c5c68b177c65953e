//! The append-only audit log. Entries are written in the same D1 batch (one transaction)
//! as the change they describe, so a change never lands without its record.

use worker::{D1Database, D1PreparedStatement, Result};

pub struct AuditEntry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    /// JSON with the facts of the change.
    pub detail: &'a str,
}

pub fn insert(db: &D1Database, entry: &AuditEntry<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(&[
        entry.at.into(),
        entry.actor.into(),
        entry.action.into(),
        entry.entity.into(),
        entry.entity_id.into(),
        entry.detail.into(),
    ])
}
