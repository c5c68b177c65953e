//! Officials' accounts.

use serde::Deserialize;

use crate::db::{D1Database, Result};

#[derive(Deserialize)]
pub struct AccountRow {
    pub id: String,
    pub display_name: String,
    pub role: String,
    pub area_id: String,
    pub password_hash: String,
    pub disabled_at: Option<String>,
}

const COLUMNS: &str = "id, display_name, role, area_id, password_hash, disabled_at";

pub async fn find_by_username(db: &D1Database, username: &str) -> Result<Option<AccountRow>> {
    db.prepare(format!(
        "SELECT {COLUMNS} FROM accounts WHERE username = ?1"
    ))
    .bind(&[username.into()])?
    .first(None)
    .await
}

pub async fn find(db: &D1Database, id: &str) -> Result<Option<AccountRow>> {
    db.prepare(format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1"))
        .bind(&[id.into()])?
        .first(None)
        .await
}
