//! The `campaign_items` table and the admins' "posted" marks on it
//! (`submission_campaign_items`, written by the submission service).
//!
//! Who sees an item: officers see items whose area lies inside theirs and items whose
//! area contains theirs (a state-wide item reaches every district); they may change
//! only the former. Group admins see items whose area contains a group they administer.

use prasar_core::api::PostedMark;
use serde::Deserialize;

use super::opt;
use crate::db::{D1Database, D1PreparedStatement, Result};
use crate::scope::Scope;

/// A group's unit `u` lies inside the item's area: the area is its state, district,
/// block or (for a ward) urban local body.
const AREA_CONTAINS_U: &str = "ci.area_id IN (u.state_id, u.district_id, u.block_id, u.parent_id)";

/// Items the caller may see, as a condition on `ci` (items) and `a` (their area units)
/// using bound parameter `?{p}`.
pub fn visible(scope: &Scope, p: usize) -> String {
    match scope {
        Scope::Area(_) => format!(
            "({} OR EXISTS (SELECT 1 FROM units me WHERE me.id = ?{p} \
             AND ci.area_id IN (me.state_id, me.district_id, me.block_id)))",
            scope.unit_condition("a", p)
        ),
        Scope::Admin { .. } => format!(
            "EXISTS (SELECT 1 FROM assignments s_v JOIN groups g ON g.id = s_v.group_id \
             JOIN units u ON u.id = g.unit_id WHERE s_v.admin_id = ?{p} \
             AND s_v.ended_at IS NULL AND g.closed_at IS NULL AND {AREA_CONTAINS_U})"
        ),
    }
}

/// Items inside the caller's area: the ones an officer who publishes may change.
fn inside(scope: &Scope, p: usize) -> String {
    match scope {
        Scope::Area(_) => scope.unit_condition("a", p),
        Scope::Admin { .. } => "0".to_owned(),
    }
}

#[derive(Clone, Deserialize)]
pub struct ItemRow {
    pub id: String,
    pub area_id: String,
    pub area_kind: String,
    pub area_name_en: String,
    pub area_name_hi: String,
    pub district_id: Option<String>,
    pub title_hi: String,
    pub title_en: String,
    pub description_hi: String,
    pub description_en: String,
    pub scheme: String,
    pub link_url: Option<String>,
    pub image_r2_key: Option<String>,
    pub image_content_type: Option<String>,
    pub image_sha256: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub story_id: Option<String>,
    pub created_by_name: String,
    pub created_at: String,
    pub withdrawn_at: Option<String>,
    /// 1 when the item lies inside the caller's area.
    pub inside: u8,
    /// Groups in the caller's area whose admin marked it as posted.
    pub posted_groups: u32,
}

fn select(scope: &Scope, p: usize, with_counts: bool) -> String {
    let posted = if with_counts {
        format!(
            "(SELECT count(DISTINCT s.group_id) FROM submission_campaign_items sci \
             JOIN submissions s ON s.id = sci.submission_id JOIN groups g ON g.id = s.group_id \
             JOIN units u ON u.id = g.unit_id WHERE sci.campaign_item_id = ci.id AND {})",
            scope.unit_condition("u", p)
        )
    } else {
        "0".to_owned()
    };
    format!(
        "SELECT ci.id, ci.area_id, a.kind AS area_kind, a.name_en AS area_name_en, \
         a.name_hi AS area_name_hi, ci.state_id, ci.district_id, ci.title_hi, ci.title_en, \
         ci.description_hi, ci.description_en, ci.scheme, ci.link_url, ci.image_r2_key, \
         ci.image_content_type, ci.image_sha256, ci.starts_on, ci.ends_on, ci.story_id, \
         COALESCE(ac.display_name, ci.created_by) AS created_by_name, ci.created_at, \
         ci.withdrawn_at, (CASE WHEN {} THEN 1 ELSE 0 END) AS inside, {posted} AS posted_groups \
         FROM campaign_items ci JOIN units a ON a.id = ci.area_id \
         LEFT JOIN accounts ac ON ci.created_by = 'account:' || ac.id",
        inside(scope, p)
    )
}

/// The item if the caller may see it; otherwise `None` (answered as 404).
pub async fn find(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<ItemRow>> {
    db.prepare(format!(
        "{} WHERE ci.id = ?1 AND {}",
        select(scope, 2, true),
        visible(scope, 2)
    ))
    .bind(&[id.into(), scope.param().into()])?
    .first(None)
    .await
}

/// Which items a list shows, relative to the IST day bound as `?1`.
#[derive(Clone, Copy)]
pub enum Window {
    Active,
    Upcoming,
    Past,
}

/// At most `limit` items of the caller's window, soonest relevant first.
pub async fn list(
    db: &D1Database,
    scope: &Scope,
    window: Window,
    today: &str,
    limit: u32,
    with_counts: bool,
) -> Result<Vec<ItemRow>> {
    let (when, order) = match window {
        Window::Active => (
            "ci.withdrawn_at IS NULL AND ci.starts_on <= ?1 AND ci.ends_on >= ?1",
            "ci.ends_on, ci.created_at DESC",
        ),
        Window::Upcoming => (
            "ci.withdrawn_at IS NULL AND ci.starts_on > ?1",
            "ci.starts_on, ci.created_at DESC",
        ),
        Window::Past => (
            "(ci.withdrawn_at IS NOT NULL OR ci.ends_on < ?1)",
            "ci.ends_on DESC, ci.created_at DESC",
        ),
    };
    db.prepare(format!(
        "{} WHERE {when} AND {} ORDER BY {order} LIMIT ?2",
        select(scope, 3, with_counts),
        visible(scope, 3)
    ))
    .bind(&[today.into(), limit.into(), scope.param().into()])?
    .all()
    .await?
    .results()
}

/// A target area inside the caller's area, with the scope keys an item copies.
#[derive(Deserialize)]
pub struct AreaRow {
    pub id: String,
    pub kind: String,
    pub state_id: Option<String>,
    pub district_id: Option<String>,
}

pub async fn area_inside(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<AreaRow>> {
    db.prepare(format!(
        "SELECT u.id, u.kind, u.state_id, u.district_id FROM units u \
         WHERE u.id = ?1 AND u.valid_to IS NULL AND {}",
        scope.unit_condition("u", 2)
    ))
    .bind(&[id.into(), scope.param().into()])?
    .first(None)
    .await
}

/// An item's fields as stored.
pub struct Fields<'a> {
    pub area_id: &'a str,
    pub state_id: &'a str,
    pub district_id: Option<&'a str>,
    pub title_hi: &'a str,
    pub title_en: &'a str,
    pub description_hi: &'a str,
    pub description_en: &'a str,
    pub scheme: &'a str,
    pub link_url: Option<&'a str>,
    pub starts_on: &'a str,
    pub ends_on: &'a str,
}

/// An image stored in R2 for an item.
pub struct Image<'a> {
    pub r2_key: &'a str,
    pub content_type: &'a str,
    pub sha256: &'a str,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
}

fn item_values(
    id: &str,
    f: &Fields<'_>,
    image: Option<&Image<'_>>,
    story_id: Option<&str>,
    created_by: &str,
    at: &str,
) -> Vec<crate::db::Value> {
    vec![
        id.into(),
        f.area_id.into(),
        f.state_id.into(),
        opt(f.district_id),
        f.title_hi.into(),
        f.title_en.into(),
        f.description_hi.into(),
        f.description_en.into(),
        f.scheme.into(),
        opt(f.link_url),
        f.starts_on.into(),
        f.ends_on.into(),
        opt(story_id),
        created_by.into(),
        at.into(),
        opt(image.map(|i| i.r2_key)),
        opt(image.map(|i| i.content_type)),
        opt(image.map(|i| i.sha256)),
        opt(image.map(|i| i.bytes as f64)),
        opt(image.map(|i| i.width)),
        opt(image.map(|i| i.height)),
    ]
}

const INSERT_COLUMNS: &str = "INSERT INTO campaign_items (id, area_id, state_id, district_id, \
     title_hi, title_en, description_hi, description_en, scheme, link_url, starts_on, ends_on, \
     story_id, created_by, created_at, updated_at, image_r2_key, image_content_type, \
     image_sha256, image_bytes, image_width, image_height)";
const INSERT_VALUES: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
     ?15, ?16, ?17, ?18, ?19, ?20, ?21";

/// A new item without an image (that follows by its own request).
pub fn insert(
    db: &D1Database,
    id: &str,
    f: &Fields<'_>,
    created_by: &str,
    at: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(format!("{INSERT_COLUMNS} VALUES ({INSERT_VALUES})"))
        .bind(&item_values(id, f, None, None, created_by, at))
}

/// A new item made from a story, inserted only while the story is accepted and has no
/// item yet.
pub fn insert_for_story(
    db: &D1Database,
    id: &str,
    f: &Fields<'_>,
    image: Option<&Image<'_>>,
    story_id: &str,
    created_by: &str,
    at: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(format!(
        "{INSERT_COLUMNS} SELECT {INSERT_VALUES} WHERE EXISTS (SELECT 1 FROM success_stories \
         WHERE id = ?13 AND status = 'accepted' AND campaign_item_id IS NULL)"
    ))
    .bind(&item_values(id, f, image, Some(story_id), created_by, at))
}

/// Replaces the fields of an item that has not been withdrawn.
pub fn update(db: &D1Database, id: &str, f: &Fields<'_>, at: &str) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE campaign_items SET area_id = ?2, state_id = ?3, district_id = ?4, title_hi = ?5, \
         title_en = ?6, description_hi = ?7, description_en = ?8, scheme = ?9, link_url = ?10, \
         starts_on = ?11, ends_on = ?12, updated_at = ?13 WHERE id = ?1 AND withdrawn_at IS NULL",
    )
    .bind(&[
        id.into(),
        f.area_id.into(),
        f.state_id.into(),
        opt(f.district_id),
        f.title_hi.into(),
        f.title_en.into(),
        f.description_hi.into(),
        f.description_en.into(),
        f.scheme.into(),
        opt(f.link_url),
        f.starts_on.into(),
        f.ends_on.into(),
        at.into(),
    ])
}

pub fn withdraw(db: &D1Database, id: &str, at: &str) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE campaign_items SET withdrawn_at = ?2, updated_at = ?2 \
         WHERE id = ?1 AND withdrawn_at IS NULL",
    )
    .bind(&[id.into(), at.into()])
}

/// Sets (or with `None` removes) the image of an item that has not been withdrawn.
pub fn set_image(
    db: &D1Database,
    id: &str,
    image: Option<&Image<'_>>,
    at: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE campaign_items SET image_r2_key = ?2, image_content_type = ?3, \
         image_sha256 = ?4, image_bytes = ?5, image_width = ?6, image_height = ?7, \
         updated_at = ?8 WHERE id = ?1 AND withdrawn_at IS NULL",
    )
    .bind(&[
        id.into(),
        opt(image.map(|i| i.r2_key)),
        opt(image.map(|i| i.content_type)),
        opt(image.map(|i| i.sha256)),
        opt(image.map(|i| i.bytes as f64)),
        opt(image.map(|i| i.width)),
        opt(image.map(|i| i.height)),
        at.into(),
    ])
}

#[derive(Deserialize)]
struct MarkRow {
    group_id: String,
    group_name_en: String,
    group_name_hi: String,
    parent_en: Option<String>,
    parent_hi: Option<String>,
    admin_name: Option<String>,
    submission_id: String,
    submitted_at: String,
    ist_day: String,
}

/// Submissions (from groups in the caller's area) that marked the item as posted,
/// newest first.
pub async fn posted(db: &D1Database, scope: &Scope, id: &str) -> Result<Vec<PostedMark>> {
    let rows: Vec<MarkRow> = db
        .prepare(format!(
            "SELECT g.id AS group_id, u.name_en AS group_name_en, u.name_hi AS group_name_hi, \
             p.name_en AS parent_en, p.name_hi AS parent_hi, ad.name AS admin_name, \
             s.id AS submission_id, s.submitted_at, s.ist_day \
             FROM submission_campaign_items sci JOIN submissions s ON s.id = sci.submission_id \
             JOIN groups g ON g.id = s.group_id JOIN units u ON u.id = g.unit_id \
             LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN admins ad ON ad.id = s.admin_id \
             WHERE sci.campaign_item_id = ?1 AND {} \
             ORDER BY s.submitted_at_ms DESC, s.id LIMIT 5000",
            scope.unit_condition("u", 2)
        ))
        .bind(&[id.into(), scope.param().into()])?
        .all()
        .await?
        .results()?;
    Ok(rows
        .into_iter()
        .map(|r| PostedMark {
            group_id: r.group_id,
            group_name_en: r.group_name_en,
            group_name_hi: r.group_name_hi,
            parent_en: r.parent_en.unwrap_or_default(),
            parent_hi: r.parent_hi.unwrap_or_default(),
            admin_name: r.admin_name,
            submission_id: r.submission_id,
            submitted_at: r.submitted_at,
            ist_day: r.ist_day,
        })
        .collect())
}

/// Open groups inside the item's area and the caller's: the admins who could post it.
pub async fn target_groups(db: &D1Database, scope: &Scope, area_id: &str) -> Result<u32> {
    #[derive(Deserialize)]
    struct Row {
        n: u32,
    }
    let row: Option<Row> = db
        .prepare(format!(
            "SELECT count(*) AS n FROM groups g JOIN units u ON u.id = g.unit_id \
             WHERE g.closed_at IS NULL AND ?1 IN (u.state_id, u.district_id, u.block_id, u.parent_id) \
             AND {}",
            scope.unit_condition("u", 2)
        ))
        .bind(&[area_id.into(), scope.param().into()])?
        .first(None)
        .await?;
    Ok(row.map_or(0, |r| r.n))
}
