//! The `submissions` table: one row per accepted screenshot, pointing at its R2 object.

use prasar_core::api::{submission_image_path, GroupKind, Submission, UnitKind};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement, Result};

use super::units::parse_kind;
use crate::scope::Scope;

/// A new row, as the upload service decided it.
pub struct NewSubmission<'a> {
    pub id: &'a str,
    pub group_id: &'a str,
    pub admin_id: Option<&'a str>,
    pub client_key: Option<&'a str>,
    pub submitted_at: &'a str,
    pub submitted_at_ms: i64,
    pub ist_day: &'a str,
    pub r2_key: &'a str,
    pub content_type: &'a str,
    pub bytes: u64,
    pub sha256: &'a str,
    pub width: u32,
    pub height: u32,
}

pub fn insert(db: &D1Database, s: &NewSubmission<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO submissions (id, group_id, client_key, submitted_at, submitted_at_ms, \
         ist_day, r2_key, content_type, bytes, sha256, width, height, admin_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )
    .bind(&[
        s.id.into(),
        s.group_id.into(),
        s.client_key.map_or(wasm_bindgen::JsValue::NULL, Into::into),
        s.submitted_at.into(),
        (s.submitted_at_ms as f64).into(),
        s.ist_day.into(),
        s.r2_key.into(),
        s.content_type.into(),
        (s.bytes as f64).into(),
        s.sha256.into(),
        s.width.into(),
        s.height.into(),
        super::opt(s.admin_id),
    ])
}

#[derive(Deserialize)]
struct SubmissionRow {
    id: String,
    group_id: String,
    kind: String,
    name_en: String,
    name_hi: String,
    submitted_at: String,
    ist_day: String,
    bytes: u64,
    sha256: String,
    content_type: String,
    width: u32,
    height: u32,
}

impl SubmissionRow {
    fn into_submission(self) -> Submission {
        Submission {
            image_url: submission_image_path(&self.id),
            group_kind: if parse_kind(&self.kind) == UnitKind::Ward {
                GroupKind::Ward
            } else {
                GroupKind::GramPanchayat
            },
            id: self.id,
            group_id: self.group_id,
            group_name_en: self.name_en,
            group_name_hi: self.name_hi,
            submitted_at: self.submitted_at,
            ist_day: self.ist_day,
            bytes: self.bytes,
            sha256: self.sha256,
            content_type: self.content_type,
            width: self.width,
            height: self.height,
        }
    }
}

const SELECT: &str = "SELECT s.id, s.group_id, u.kind, u.name_en, u.name_hi, s.submitted_at, \
     s.ist_day, s.bytes, s.sha256, s.content_type, s.width, s.height \
     FROM submissions s JOIN groups g ON g.id = s.group_id JOIN units u ON u.id = g.unit_id";

pub async fn find(db: &D1Database, id: &str) -> Result<Option<Submission>> {
    let row: Option<SubmissionRow> = db
        .prepare(format!("{SELECT} WHERE s.id = ?1"))
        .bind(&[id.into()])?
        .first(None)
        .await?;
    Ok(row.map(SubmissionRow::into_submission))
}

pub async fn find_by_client_key(
    db: &D1Database,
    group_id: &str,
    client_key: &str,
) -> Result<Option<Submission>> {
    let row: Option<SubmissionRow> = db
        .prepare(format!(
            "{SELECT} WHERE s.group_id = ?1 AND s.client_key = ?2"
        ))
        .bind(&[group_id.into(), client_key.into()])?
        .first(None)
        .await?;
    Ok(row.map(SubmissionRow::into_submission))
}

/// Newest first. The cap keeps one response bounded; paging arrives with the dashboard's
/// filters.
pub async fn list_for_day(
    db: &D1Database,
    scope: &Scope,
    ist_day: &str,
    limit: u32,
) -> Result<Vec<Submission>> {
    let rows: Vec<SubmissionRow> = db
        .prepare(format!(
            "{SELECT} WHERE s.ist_day = ?1 AND {} ORDER BY s.submitted_at_ms DESC, s.id LIMIT ?2",
            scope.unit_condition("u", 3)
        ))
        .bind(&[ist_day.into(), limit.into(), scope.param().into()])?
        .all()
        .await?
        .results()?;
    Ok(rows
        .into_iter()
        .map(SubmissionRow::into_submission)
        .collect())
}

/// Where the image bytes of a submission live, with what the response needs.
pub struct StoredImage {
    pub r2_key: String,
    pub content_type: String,
    pub sha256: String,
}

pub async fn image_location(
    db: &D1Database,
    scope: &Scope,
    id: &str,
) -> Result<Option<StoredImage>> {
    #[derive(Deserialize)]
    struct Row {
        r2_key: String,
        content_type: String,
        sha256: String,
    }
    let row: Option<Row> = db
        .prepare(format!(
            "SELECT s.r2_key, s.content_type, s.sha256 FROM submissions s \
             JOIN groups g ON g.id = s.group_id JOIN units u ON u.id = g.unit_id \
             WHERE s.id = ?1 AND {}",
            scope.unit_condition("u", 2)
        ))
        .bind(&[id.into(), scope.param().into()])?
        .first(None)
        .await?;
    Ok(row.map(|r| StoredImage {
        r2_key: r.r2_key,
        content_type: r.content_type,
        sha256: r.sha256,
    }))
}
