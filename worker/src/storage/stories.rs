//! `success_stories` and `story_photos`. Officers see the stories of units in their
//! area; a group admin sees the stories they sent.

use prasar_core::api::{
    story_photo_path, SessionKind, Story, StoryPhoto, StoryStatus, StoryUnit, UnitRef,
};
use serde::Deserialize;

use super::units::parse_kind;
use crate::db::{D1Database, D1PreparedStatement, Result};
use crate::scope::Scope;

/// Stories the caller may see, as a condition on `st` (stories) and `u` (their units).
fn visible(scope: &Scope, p: usize) -> String {
    match scope {
        Scope::Area(_) => scope.unit_condition("u", p),
        Scope::Admin { .. } => format!("st.author = 'admin:' || ?{p}"),
    }
}

#[derive(Deserialize)]
pub struct StoryRow {
    pub id: String,
    pub district_id: String,
    pub unit_id: String,
    pub kind: String,
    pub code: String,
    pub name_en: String,
    pub name_hi: String,
    pub author: String,
    pub author_name: String,
    pub scheme: String,
    pub text_hi: String,
    pub photo_count: u8,
    pub status: String,
    pub review_remark: String,
    pub reviewed_at: Option<String>,
    pub campaign_item_id: Option<String>,
    pub created_at: String,
}

impl StoryRow {
    pub fn status(&self) -> StoryStatus {
        // The schema's CHECK admits only the three statuses.
        StoryStatus::parse(&self.status).unwrap_or(StoryStatus::Submitted)
    }

    pub fn into_story(self, photos: Vec<StoryPhoto>) -> Story {
        Story {
            status: self.status(),
            author_kind: if self.author.starts_with("admin:") {
                SessionKind::GroupAdmin
            } else {
                SessionKind::Official
            },
            unit: UnitRef {
                id: self.unit_id,
                kind: parse_kind(&self.kind),
                code: self.code,
                name_en: self.name_en,
                name_hi: self.name_hi,
            },
            id: self.id,
            district_id: self.district_id,
            author_name: self.author_name,
            scheme: self.scheme,
            text_hi: self.text_hi,
            consent_confirmed: true,
            photo_count: self.photo_count,
            photos,
            review_remark: self.review_remark,
            reviewed_at: self.reviewed_at,
            campaign_item_id: self.campaign_item_id,
            created_at: self.created_at,
        }
    }
}

const SELECT: &str = "SELECT st.id, st.district_id, st.unit_id, u.kind, u.code, u.name_en, \
     u.name_hi, st.author, COALESCE(ad.name, ac.display_name, st.author) AS author_name, \
     st.scheme, st.text_hi, st.photo_count, st.status, st.review_remark, st.reviewed_at, \
     st.campaign_item_id, st.created_at \
     FROM success_stories st JOIN units u ON u.id = st.unit_id \
     LEFT JOIN admins ad ON st.author = 'admin:' || ad.id \
     LEFT JOIN accounts ac ON st.author = 'account:' || ac.id";

pub async fn find(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<StoryRow>> {
    db.prepare(format!(
        "{SELECT} WHERE st.id = ?1 AND {}",
        visible(scope, 2)
    ))
    .bind(&[id.into(), scope.param().into()])?
    .first(None)
    .await
}

/// The story `author` sent with `client_key`, if any (the idempotent retry).
pub async fn find_by_client_key(
    db: &D1Database,
    author: &str,
    client_key: &str,
) -> Result<Option<StoryRow>> {
    db.prepare(format!(
        "{SELECT} WHERE st.author = ?1 AND st.client_key = ?2"
    ))
    .bind(&[author.into(), client_key.into()])?
    .first(None)
    .await
}

/// Newest first, optionally of one status.
pub async fn list(
    db: &D1Database,
    scope: &Scope,
    status: Option<StoryStatus>,
    limit: u32,
) -> Result<Vec<StoryRow>> {
    db.prepare(format!(
        "{SELECT} WHERE (?1 IS NULL OR st.status = ?1) AND {} \
         ORDER BY st.created_at_ms DESC, st.id LIMIT ?2",
        visible(scope, 3)
    ))
    .bind(&[
        super::opt(status.map(StoryStatus::as_str)),
        limit.into(),
        scope.param().into(),
    ])?
    .all()
    .await?
    .results()
}

#[derive(Deserialize)]
pub struct PhotoRow {
    pub story_id: String,
    pub position: u8,
    pub r2_key: String,
    pub content_type: String,
    pub bytes: u64,
    pub sha256: String,
    pub width: u32,
    pub height: u32,
}

impl PhotoRow {
    pub fn view(&self) -> StoryPhoto {
        StoryPhoto {
            position: self.position,
            content_type: self.content_type.clone(),
            bytes: self.bytes,
            width: self.width,
            height: self.height,
            url: story_photo_path(&self.story_id, self.position),
        }
    }
}

/// The photos of the given stories, ordered by story and position.
pub async fn photos(db: &D1Database, story_ids: &[&str]) -> Result<Vec<PhotoRow>> {
    if story_ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(story_ids).map_err(crate::db::error)?;
    db.prepare(
        "SELECT story_id, position, r2_key, content_type, bytes, sha256, width, height \
         FROM story_photos WHERE story_id IN (SELECT value FROM json_each(?1)) \
         ORDER BY story_id, position",
    )
    .bind(&[ids.into()])?
    .all()
    .await?
    .results()
}

pub struct NewStoryRow<'a> {
    pub id: &'a str,
    pub district_id: &'a str,
    pub unit_id: &'a str,
    pub author: &'a str,
    pub client_key: &'a str,
    pub scheme: &'a str,
    pub text_hi: &'a str,
    pub photo_count: u8,
    pub created_at: &'a str,
    pub created_at_ms: i64,
}

pub fn insert(db: &D1Database, s: &NewStoryRow<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO success_stories (id, district_id, unit_id, author, client_key, scheme, \
         text_hi, consent_confirmed, photo_count, created_at, created_at_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10)",
    )
    .bind(&[
        s.id.into(),
        s.district_id.into(),
        s.unit_id.into(),
        s.author.into(),
        s.client_key.into(),
        s.scheme.into(),
        s.text_hi.into(),
        s.photo_count.into(),
        s.created_at.into(),
        (s.created_at_ms as f64).into(),
    ])
}

pub fn insert_photo(db: &D1Database, p: &PhotoRow, at: &str) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO story_photos (story_id, position, r2_key, content_type, bytes, sha256, \
         width, height, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(&[
        p.story_id.as_str().into(),
        p.position.into(),
        p.r2_key.as_str().into(),
        p.content_type.as_str().into(),
        (p.bytes as f64).into(),
        p.sha256.as_str().into(),
        p.width.into(),
        p.height.into(),
        at.into(),
    ])
}

/// Decides a story still waiting for review; changes nothing once it was decided.
pub fn review(
    db: &D1Database,
    id: &str,
    status: StoryStatus,
    remark: &str,
    reviewer: &str,
    at: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE success_stories SET status = ?2, review_remark = ?3, reviewed_by = ?4, \
         reviewed_at = ?5 WHERE id = ?1 AND status = 'submitted'",
    )
    .bind(&[
        id.into(),
        status.as_str().into(),
        remark.into(),
        reviewer.into(),
        at.into(),
    ])
}

/// Links an accepted story to the item made from it, once.
pub fn link_item(db: &D1Database, id: &str, item_id: &str) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE success_stories SET campaign_item_id = ?2 \
         WHERE id = ?1 AND status = 'accepted' AND campaign_item_id IS NULL",
    )
    .bind(&[id.into(), item_id.into()])
}

/// Units the caller may tell a story about: an admin's groups' units, or the block
/// officer's block and its gram panchayats (open units only).
pub async fn units_for(db: &D1Database, scope: &Scope) -> Result<Vec<StoryUnit>> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
        kind: String,
        code: String,
        name_en: String,
        name_hi: String,
        parent_en: Option<String>,
        parent_hi: Option<String>,
    }
    let rows: Vec<Row> = db
        .prepare(format!(
            "SELECT u.id, u.kind, u.code, u.name_en, u.name_hi, p.name_en AS parent_en, \
             p.name_hi AS parent_hi FROM units u LEFT JOIN units p ON p.id = u.parent_id \
             WHERE u.valid_to IS NULL AND u.kind IN ('block', 'gram_panchayat', 'ulb', 'ward') \
             AND {} ORDER BY u.kind = 'block' DESC, u.kind, u.name_en LIMIT 2000",
            scope.unit_condition("u", 1)
        ))
        .bind(&[scope.param().into()])?
        .all()
        .await?
        .results()?;
    Ok(rows
        .into_iter()
        .map(|r| StoryUnit {
            unit: UnitRef {
                kind: parse_kind(&r.kind),
                id: r.id,
                code: r.code,
                name_en: r.name_en,
                name_hi: r.name_hi,
            },
            parent_en: r.parent_en.unwrap_or_default(),
            parent_hi: r.parent_hi.unwrap_or_default(),
        })
        .collect())
}

/// A unit the caller may tell a story about, with its district.
#[derive(Deserialize)]
pub struct StoryUnitRow {
    pub id: String,
    pub kind: String,
    pub district_id: Option<String>,
}

pub async fn unit_in_scope(
    db: &D1Database,
    scope: &Scope,
    id: &str,
) -> Result<Option<StoryUnitRow>> {
    db.prepare(format!(
        "SELECT u.id, u.kind, u.district_id FROM units u \
         WHERE u.id = ?1 AND u.valid_to IS NULL AND {}",
        scope.unit_condition("u", 2)
    ))
    .bind(&[id.into(), scope.param().into()])?
    .first(None)
    .await
}
