//! Which admin runs which group, and since when.

use prasar_core::api::{AdminView, AssignmentView, EndReason};
use serde::Deserialize;

use crate::db::{D1Database, D1PreparedStatement, Result};

#[derive(Deserialize)]
struct Row {
    id: String,
    started_at: String,
    ended_at: Option<String>,
    end_reason: Option<String>,
    end_note: String,
    admin_id: String,
    name: String,
    mobile: String,
    designation: String,
    department: String,
    is_demo: u8,
}

impl Row {
    fn view(self) -> AssignmentView {
        AssignmentView {
            id: self.id,
            admin: AdminView {
                id: self.admin_id,
                name: self.name,
                mobile: self.mobile,
                designation: self.designation,
                department: self.department,
                is_demo: self.is_demo == 1,
            },
            started_at: self.started_at,
            ended_at: self.ended_at,
            end_reason: self.end_reason.as_deref().and_then(EndReason::parse),
            end_note: self.end_note,
        }
    }
}

const SELECT: &str =
    "SELECT s.id, s.started_at, s.ended_at, s.end_reason, s.end_note, s.admin_id, \
     a.name, a.mobile, a.designation, a.department, a.is_demo \
     FROM assignments s JOIN admins a ON a.id = s.admin_id";

/// Newest first, the open one included.
pub async fn history(db: &D1Database, group_id: &str) -> Result<Vec<AssignmentView>> {
    let rows: Vec<Row> = db
        .prepare(format!(
            "{SELECT} WHERE s.group_id = ?1 ORDER BY (s.ended_at IS NULL) DESC, s.started_at DESC LIMIT 100"
        ))
        .bind(&[group_id.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(Row::view).collect())
}

pub async fn open_for_group(db: &D1Database, group_id: &str) -> Result<Option<AssignmentView>> {
    let row: Option<Row> = db
        .prepare(format!(
            "{SELECT} WHERE s.group_id = ?1 AND s.ended_at IS NULL"
        ))
        .bind(&[group_id.into()])?
        .first(None)
        .await?;
    Ok(row.map(Row::view))
}

pub async fn open_count_for_admin(db: &D1Database, admin_id: &str) -> Result<u32> {
    #[derive(Deserialize)]
    struct N {
        n: u32,
    }
    let row: Option<N> = db
        .prepare("SELECT count(*) AS n FROM assignments WHERE admin_id = ?1 AND ended_at IS NULL")
        .bind(&[admin_id.into()])?
        .first(None)
        .await?;
    Ok(row.map_or(0, |r| r.n))
}

/// Closes the assignment only if it is still open, so a concurrent replacement cannot
/// close a newer one.
pub fn close(
    db: &D1Database,
    id: &str,
    ended_at: &str,
    reason: EndReason,
    note: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE assignments SET ended_at = ?2, end_reason = ?3, end_note = ?4 \
         WHERE id = ?1 AND ended_at IS NULL",
    )
    .bind(&[
        id.into(),
        ended_at.into(),
        reason.as_str().into(),
        note.into(),
    ])
}

pub fn insert(
    db: &D1Database,
    id: &str,
    admin_id: &str,
    group_id: &str,
    started_at: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO assignments (id, admin_id, group_id, started_at) VALUES (?1, ?2, ?3, ?4)",
    )
    .bind(&[
        id.into(),
        admin_id.into(),
        group_id.into(),
        started_at.into(),
    ])
}
