//! Audit entries that are written only if the change they describe happened. State
//! transitions (withdraw, review, promote) are guarded updates (`… WHERE status = …`);
//! when a concurrent request got there first the update changes nothing, and so must
//! its audit entry, which runs in the same batch.

use super::audit::AuditEntry;
use crate::db::{D1Database, D1PreparedStatement, Result, Value};

/// Inserts `entry` if `exists_sql` (a `SELECT` using parameters `?8` onwards, bound from
/// `params`) finds a row.
pub fn audit_if(
    db: &D1Database,
    entry: &AuditEntry<'_>,
    exists_sql: &str,
    params: &[Value],
) -> Result<D1PreparedStatement> {
    let mut values = vec![
        entry.at.into(),
        entry.actor.into(),
        super::opt(entry.district_id),
        entry.action.as_str().into(),
        entry.entity.into(),
        entry.entity_id.into(),
        entry.detail.into(),
    ];
    values.extend_from_slice(params);
    db.prepare(format!(
        "INSERT INTO audit_log (at, actor, district_id, action, entity, entity_id, detail) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS ({exists_sql})"
    ))
    .bind(&values)
}

/// Rows the first statement of a batch changed (0 when a guard refused it).
pub fn changes(results: &[crate::db::D1Result]) -> usize {
    results
        .first()
        .and_then(|r| r.meta().ok().flatten())
        .and_then(|m| m.changes)
        .unwrap_or(0)
}
