//! Group admins' personal sign-in links; only SHA-256 of each token is stored.

use serde::Deserialize;

use crate::db::{D1Database, D1PreparedStatement, Result};

pub async fn find_active_admin(db: &D1Database, token_hash: &str) -> Result<Option<String>> {
    #[derive(Deserialize)]
    struct Row {
        admin_id: String,
    }
    let row: Option<Row> = db
        .prepare("SELECT admin_id FROM admin_links WHERE token_hash = ?1 AND revoked_at IS NULL")
        .bind(&[token_hash.into()])?
        .first(None)
        .await?;
    Ok(row.map(|r| r.admin_id))
}

pub fn insert(
    db: &D1Database,
    token_hash: &str,
    admin_id: &str,
    at: &str,
    by: &str,
) -> Result<D1PreparedStatement> {
    db.prepare("INSERT INTO admin_links (token_hash, admin_id, created_at, created_by) VALUES (?1, ?2, ?3, ?4)")
        .bind(&[token_hash.into(), admin_id.into(), at.into(), by.into()])
}

pub fn revoke_all(db: &D1Database, admin_id: &str, at: &str) -> Result<D1PreparedStatement> {
    db.prepare("UPDATE admin_links SET revoked_at = ?2 WHERE admin_id = ?1 AND revoked_at IS NULL")
        .bind(&[admin_id.into(), at.into()])
}

/// Revokes the one link whose token hashes to `token_hash`.
pub fn revoke(db: &D1Database, token_hash: &str, at: &str) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE admin_links SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL",
    )
    .bind(&[token_hash.into(), at.into()])
}
