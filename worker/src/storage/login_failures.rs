//! Sign-in attempts within the rate-limit window. An attempt is reserved (written) before
//! its password is checked, so that however many arrive at once, at most the limit are
//! ever checked; a successful one takes its reservation back.

use serde::Deserialize;

use crate::db::{D1Database, D1PreparedStatement, Result};

/// Reserves one attempt for both keys if neither has reached its limit within the window
/// (`at_ms > since_ms`), in one statement: D1 runs statements one at a time, and SQLite
/// evaluates the whole SELECT before inserting, so both rows or none are written. The ids
/// of the reserved rows, or `None` when a limit is reached.
pub async fn reserve(
    db: &D1Database,
    (user_key, user_max): (&str, u32),
    (address_key, address_max): (&str, u32),
    at_ms: i64,
    since_ms: i64,
) -> Result<Option<Vec<i64>>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
    }
    let rows: Vec<Row> = db
        .prepare(
            "INSERT INTO login_failures (key, at_ms) \
             SELECT k.key, ?3 FROM (SELECT ?1 AS key UNION ALL SELECT ?2 AS key) k \
             WHERE (SELECT count(*) FROM login_failures WHERE key = ?1 AND at_ms > ?4) < ?5 \
             AND (SELECT count(*) FROM login_failures WHERE key = ?2 AND at_ms > ?4) < ?6 \
             RETURNING id",
        )
        .bind(&[
            user_key.into(),
            address_key.into(),
            (at_ms as f64).into(),
            (since_ms as f64).into(),
            user_max.into(),
            address_max.into(),
        ])?
        .all()
        .await?
        .results()?;
    Ok((!rows.is_empty()).then(|| rows.into_iter().map(|r| r.id).collect()))
}

/// Takes back the reservation of an attempt that succeeded.
pub fn release(db: &D1Database, ids: &[i64]) -> Result<D1PreparedStatement> {
    let list = serde_json::to_string(ids).map_err(crate::db::error)?;
    db.prepare("DELETE FROM login_failures WHERE id IN (SELECT value FROM json_each(?1))")
        .bind(&[list.into()])
}

/// Old attempts no longer count; dropping them keeps the table small.
pub fn prune(db: &D1Database, before_ms: i64) -> Result<D1PreparedStatement> {
    db.prepare("DELETE FROM login_failures WHERE at_ms <= ?1")
        .bind(&[(before_ms as f64).into()])
}
