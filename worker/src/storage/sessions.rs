//! Sessions. The cookie holds a random token; only its SHA-256 is stored, so a leaked
//! table cannot be replayed.

use serde::Deserialize;

use super::opt;
use crate::db::{D1Database, D1PreparedStatement, Result};

pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub account_id: Option<&'a str>,
    pub admin_id: Option<&'a str>,
    pub csrf_token: &'a str,
    pub now_ms: i64,
    pub expires_at_ms: i64,
}

pub fn insert(db: &D1Database, s: &NewSession<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO sessions (id_hash, account_id, admin_id, csrf_token, created_at_ms, expires_at_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(&[
        s.id_hash.into(),
        opt(s.account_id),
        opt(s.admin_id),
        s.csrf_token.into(),
        (s.now_ms as f64).into(),
        (s.expires_at_ms as f64).into(),
    ])
}

#[derive(Deserialize)]
pub struct SessionRow {
    pub account_id: Option<String>,
    pub admin_id: Option<String>,
    pub csrf_token: String,
}

pub async fn find_active(
    db: &D1Database,
    id_hash: &str,
    now_ms: i64,
) -> Result<Option<SessionRow>> {
    db.prepare(
        "SELECT account_id, admin_id, csrf_token FROM sessions \
         WHERE id_hash = ?1 AND revoked_at_ms IS NULL AND expires_at_ms > ?2",
    )
    .bind(&[id_hash.into(), (now_ms as f64).into()])?
    .first(None)
    .await
}

pub fn revoke(db: &D1Database, id_hash: &str, now_ms: i64) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE sessions SET revoked_at_ms = ?2 WHERE id_hash = ?1 AND revoked_at_ms IS NULL",
    )
    .bind(&[id_hash.into(), (now_ms as f64).into()])
}

pub fn revoke_all_for_account(
    db: &D1Database,
    account_id: &str,
    now_ms: i64,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE sessions SET revoked_at_ms = ?2 WHERE account_id = ?1 AND revoked_at_ms IS NULL",
    )
    .bind(&[account_id.into(), (now_ms as f64).into()])
}

pub fn revoke_all_for_admin(
    db: &D1Database,
    admin_id: &str,
    now_ms: i64,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE sessions SET revoked_at_ms = ?2 WHERE admin_id = ?1 AND revoked_at_ms IS NULL",
    )
    .bind(&[admin_id.into(), (now_ms as f64).into()])
}
