//! The `submissions` table (one daily report), its `submission_images` (one row per
//! stored screenshot, pointing at its R2 object) and `submission_campaign_items`.

use prasar_core::api::{submission_image_path, GroupKind, Submission, SubmissionImage, UnitKind};
use serde::Deserialize;

use super::units::parse_kind;
use crate::db::{D1Database, D1PreparedStatement, Result};
use crate::scope::Scope;

/// A new report, as the submission service decided it.
pub struct NewSubmission<'a> {
    pub id: &'a str,
    pub group_id: &'a str,
    pub admin_id: &'a str,
    pub client_key: &'a str,
    pub submitted_at: &'a str,
    pub submitted_at_ms: i64,
    pub ist_day: &'a str,
    pub client_created_at_ms: Option<i64>,
    pub image_count: u8,
    pub member_count: Option<u32>,
    pub note: &'a str,
    pub channel: &'a str,
}

pub fn insert(db: &D1Database, s: &NewSubmission<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO submissions (id, group_id, admin_id, client_key, submitted_at, \
         submitted_at_ms, ist_day, client_created_at_ms, image_count, member_count, note, channel) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )
    .bind(&[
        s.id.into(),
        s.group_id.into(),
        s.admin_id.into(),
        s.client_key.into(),
        s.submitted_at.into(),
        (s.submitted_at_ms as f64).into(),
        s.ist_day.into(),
        super::opt(s.client_created_at_ms.map(|ms| ms as f64)),
        s.image_count.into(),
        super::opt(s.member_count),
        s.note.into(),
        s.channel.into(),
    ])
}

/// Records the campaign items the admin marked as posted. Only items that target an
/// area containing the group and are not withdrawn are stored; other ids (another
/// district's, made up) are dropped, so a mark can never point outside the group's area.
pub fn insert_campaign_mark(
    db: &D1Database,
    submission_id: &str,
    group_id: &str,
    campaign_item_id: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT OR IGNORE INTO submission_campaign_items (submission_id, campaign_item_id) \
         SELECT ?1, ci.id FROM campaign_items ci, groups g JOIN units u ON u.id = g.unit_id \
         WHERE ci.id = ?3 AND g.id = ?2 AND ci.withdrawn_at IS NULL \
         AND ci.area_id IN (u.state_id, u.district_id, u.block_id, u.parent_id)",
    )
    .bind(&[
        submission_id.into(),
        group_id.into(),
        campaign_item_id.into(),
    ])
}

/// One screenshot of a report.
pub struct NewImage<'a> {
    pub submission_id: &'a str,
    pub position: u8,
    pub r2_key: &'a str,
    pub content_type: &'a str,
    pub bytes: u64,
    pub sha256: &'a str,
    pub width: u32,
    pub height: u32,
    pub phash: Option<&'a str>,
    pub captured_at_ms: Option<i64>,
    pub uploaded_at: &'a str,
    pub uploaded_at_ms: i64,
}

pub fn insert_image(db: &D1Database, i: &NewImage<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO submission_images (submission_id, position, r2_key, content_type, bytes, \
         sha256, width, height, phash, captured_at_ms, uploaded_at, uploaded_at_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )
    .bind(&[
        i.submission_id.into(),
        i.position.into(),
        i.r2_key.into(),
        i.content_type.into(),
        (i.bytes as f64).into(),
        i.sha256.into(),
        i.width.into(),
        i.height.into(),
        super::opt(i.phash),
        super::opt(i.captured_at_ms.map(|ms| ms as f64)),
        i.uploaded_at.into(),
        (i.uploaded_at_ms as f64).into(),
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
    image_count: u8,
    member_count: Option<u32>,
    note: String,
    channel: String,
    /// JSON array of image objects (SQLite json_group_array).
    images: String,
    /// JSON array of campaign item ids.
    campaign_item_ids: String,
}

#[derive(Deserialize)]
struct ImageJson {
    position: u8,
    bytes: u64,
    sha256: String,
    content_type: String,
    width: u32,
    height: u32,
    phash: Option<String>,
    captured_at_ms: Option<i64>,
}

impl SubmissionRow {
    fn into_submission(self) -> Submission {
        let mut images: Vec<ImageJson> = serde_json::from_str(&self.images).unwrap_or_default();
        images.sort_by_key(|i| i.position);
        let mut campaign_item_ids: Vec<String> =
            serde_json::from_str(&self.campaign_item_ids).unwrap_or_default();
        campaign_item_ids.sort();
        let images = images
            .into_iter()
            .map(|i| SubmissionImage {
                image_url: submission_image_path(&self.id, i.position),
                position: i.position,
                bytes: i.bytes,
                sha256: i.sha256,
                content_type: i.content_type,
                width: i.width,
                height: i.height,
                phash: i.phash,
                captured_at_ms: i.captured_at_ms,
            })
            .collect();
        Submission {
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
            image_count: self.image_count,
            images,
            member_count: self.member_count,
            campaign_item_ids,
            note: self.note,
            channel: self.channel,
        }
    }
}

/// One row per report; its images and campaign marks come along as JSON arrays, so a
/// list is one query however many screenshots it holds.
const SELECT: &str = "SELECT s.id, s.group_id, u.kind, u.name_en, u.name_hi, s.submitted_at, \
     s.ist_day, s.image_count, s.member_count, s.note, s.channel, \
     (SELECT json_group_array(json_object('position', i.position, 'bytes', i.bytes, \
        'sha256', i.sha256, 'content_type', i.content_type, 'width', i.width, \
        'height', i.height, 'phash', i.phash, 'captured_at_ms', i.captured_at_ms)) \
      FROM submission_images i WHERE i.submission_id = s.id) AS images, \
     (SELECT json_group_array(c.campaign_item_id) FROM submission_campaign_items c \
      WHERE c.submission_id = s.id) AS campaign_item_ids \
     FROM submissions s JOIN groups g ON g.id = s.group_id JOIN units u ON u.id = g.unit_id";

/// The report if its group lies in `scope`.
pub async fn find(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<Submission>> {
    let row: Option<SubmissionRow> = db
        .prepare(format!(
            "{SELECT} WHERE s.id = ?1 AND {}",
            scope.unit_condition("u", 2)
        ))
        .bind(&[id.into(), scope.param().into()])?
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

/// Who may add screenshots to a report: its own admin, while they still administer the
/// group (the scope), and the fields the upload needs.
#[derive(Deserialize)]
pub struct Owner {
    pub group_id: String,
    pub district_id: String,
    pub admin_id: Option<String>,
    pub ist_day: String,
    pub image_count: u8,
}

pub async fn owner(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<Owner>> {
    db.prepare(format!(
        "SELECT s.group_id, g.district_id, s.admin_id, s.ist_day, s.image_count \
         FROM submissions s JOIN groups g ON g.id = s.group_id JOIN units u ON u.id = g.unit_id \
         WHERE s.id = ?1 AND {}",
        scope.unit_condition("u", 2)
    ))
    .bind(&[id.into(), scope.param().into()])?
    .first(None)
    .await
}

/// The reports among `ids` whose groups lie in `scope`, in one query (the review queue
/// shows up to a hundred at a time).
pub async fn find_many(db: &D1Database, scope: &Scope, ids: &[String]) -> Result<Vec<Submission>> {
    let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let rows: Vec<SubmissionRow> = db
        .prepare(format!(
            "{SELECT} WHERE s.id IN (SELECT value FROM json_each(?1)) AND {}",
            scope.unit_condition("u", 2)
        ))
        .bind(&[ids.into(), scope.param().into()])?
        .all()
        .await?
        .results()?;
    Ok(rows
        .into_iter()
        .map(SubmissionRow::into_submission)
        .collect())
}

/// Newest first. The cap keeps one response bounded.
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

/// Where one screenshot's bytes live, with what the response needs.
#[derive(Deserialize)]
pub struct StoredImage {
    pub r2_key: String,
    pub content_type: String,
    pub sha256: String,
}

/// The screenshot at `position` of a report whose group lies in `scope`.
pub async fn image_location(
    db: &D1Database,
    scope: &Scope,
    id: &str,
    position: u8,
) -> Result<Option<StoredImage>> {
    db.prepare(format!(
        "SELECT i.r2_key, i.content_type, i.sha256 FROM submission_images i \
         JOIN submissions s ON s.id = i.submission_id \
         JOIN groups g ON g.id = s.group_id JOIN units u ON u.id = g.unit_id \
         WHERE i.submission_id = ?1 AND i.position = ?2 AND {}",
        scope.unit_condition("u", 3)
    ))
    .bind(&[id.into(), position.into(), scope.param().into()])?
    .first(None)
    .await
}

/// The stored screenshot at `position`, whoever may see it (for idempotent retries).
pub async fn image_at(db: &D1Database, id: &str, position: u8) -> Result<Option<StoredImage>> {
    db.prepare(
        "SELECT r2_key, content_type, sha256 FROM submission_images \
         WHERE submission_id = ?1 AND position = ?2",
    )
    .bind(&[id.into(), position.into()])?
    .first(None)
    .await
}

// --- map and reports ---

/// A group's reports from `since_day` on, newest first, if the group lies in `scope`
/// (the map's drill-down panel).
pub async fn list_for_group(
    db: &D1Database,
    scope: &Scope,
    group_id: &str,
    since_day: &str,
    limit: u32,
) -> Result<Vec<Submission>> {
    let rows: Vec<SubmissionRow> = db
        .prepare(format!(
            "{SELECT} WHERE s.group_id = ?1 AND s.ist_day >= ?2 AND {} \
             ORDER BY s.submitted_at_ms DESC, s.id LIMIT ?3",
            scope.unit_condition("u", 4)
        ))
        .bind(&[
            group_id.into(),
            since_day.into(),
            limit.into(),
            scope.param().into(),
        ])?
        .all()
        .await?
        .results()?;
    Ok(rows
        .into_iter()
        .map(SubmissionRow::into_submission)
        .collect())
}
