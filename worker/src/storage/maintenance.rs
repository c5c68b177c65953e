//! What the orphan sweep reads: which R2 keys rows own, and where the scheduled walk of
//! the bucket stopped.

use serde::Deserialize;

use crate::db::{D1Database, D1PreparedStatement, Result};

/// Of `keys`, those a row points at: a screenshot, a story photo or a campaign image
/// (a promoted story's item points at the story's photo).
pub async fn keys_with_rows(db: &D1Database, keys: &[String]) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        r2_key: String,
    }
    let list = serde_json::to_string(keys).map_err(crate::db::error)?;
    let rows: Vec<Row> = db
        .prepare(
            "SELECT r2_key FROM submission_images WHERE r2_key IN (SELECT value FROM json_each(?1)) \
             UNION SELECT r2_key FROM story_photos WHERE r2_key IN (SELECT value FROM json_each(?1)) \
             UNION SELECT image_r2_key AS r2_key FROM campaign_items \
             WHERE image_r2_key IN (SELECT value FROM json_each(?1))",
        )
        .bind(&[list.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.r2_key).collect())
}

pub async fn sweep_cursor(db: &D1Database) -> Result<Option<String>> {
    #[derive(Deserialize)]
    struct Row {
        cursor: Option<String>,
    }
    let row: Option<Row> = db
        .prepare("SELECT cursor FROM maintenance_cursors WHERE name = 'sweep'")
        .first(None)
        .await?;
    Ok(row.and_then(|r| r.cursor))
}

pub fn set_sweep_cursor(
    db: &D1Database,
    cursor: Option<&str>,
    at: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO maintenance_cursors (name, cursor, updated_at) VALUES ('sweep', ?1, ?2) \
         ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
    )
    .bind(&[super::opt(cursor), at.into()])
}
