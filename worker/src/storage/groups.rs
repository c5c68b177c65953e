//! The `groups` table: one WhatsApp group per gram panchayat or ward.

use prasar_core::api::{GroupKind, GroupSummary};
use serde::Deserialize;
use worker::{D1Database, Result};

#[derive(Deserialize)]
struct GroupRow {
    id: String,
    kind: String,
    name_en: String,
    name_hi: String,
    parent_en: String,
    parent_hi: String,
}

impl GroupRow {
    fn into_summary(self) -> GroupSummary {
        GroupSummary {
            kind: parse_kind(&self.kind),
            id: self.id,
            name_en: self.name_en,
            name_hi: self.name_hi,
            parent_en: self.parent_en,
            parent_hi: self.parent_hi,
        }
    }
}

/// The schema's CHECK constraint allows only these two values.
pub fn parse_kind(kind: &str) -> GroupKind {
    if kind == "ward" {
        GroupKind::Ward
    } else {
        GroupKind::GramPanchayat
    }
}

const COLUMNS: &str = "id, kind, name_en, name_hi, parent_en, parent_hi";

pub async fn list(db: &D1Database) -> Result<Vec<GroupSummary>> {
    let rows: Vec<GroupRow> = db
        .prepare(format!(
            "SELECT {COLUMNS} FROM groups ORDER BY kind, parent_en, name_en"
        ))
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(GroupRow::into_summary).collect())
}

pub async fn find(db: &D1Database, id: &str) -> Result<Option<GroupSummary>> {
    let row: Option<GroupRow> = db
        .prepare(format!("SELECT {COLUMNS} FROM groups WHERE id = ?1"))
        .bind(&[id.into()])?
        .first(None)
        .await?;
    Ok(row.map(GroupRow::into_summary))
}
