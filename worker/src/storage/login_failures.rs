//! Failed sign-ins within the rate-limit window.

use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement, Result};

pub async fn count_since(db: &D1Database, key: &str, since_ms: i64) -> Result<u32> {
    #[derive(Deserialize)]
    struct Row {
        n: u32,
    }
    let row: Option<Row> = db
        .prepare("SELECT count(*) AS n FROM login_failures WHERE key = ?1 AND at_ms > ?2")
        .bind(&[key.into(), (since_ms as f64).into()])?
        .first(None)
        .await?;
    Ok(row.map_or(0, |r| r.n))
}

pub fn insert(db: &D1Database, key: &str, at_ms: i64) -> Result<D1PreparedStatement> {
    db.prepare("INSERT INTO login_failures (key, at_ms) VALUES (?1, ?2)")
        .bind(&[key.into(), (at_ms as f64).into()])
}

/// Old failures no longer count; dropping them keeps the table small.
pub fn prune(db: &D1Database, before_ms: i64) -> Result<D1PreparedStatement> {
    db.prepare("DELETE FROM login_failures WHERE at_ms <= ?1")
        .bind(&[(before_ms as f64).into()])
}
