//! Group admins.

use prasar_core::api::AdminView;
use serde::Deserialize;

use crate::db::{D1Database, D1PreparedStatement, Result};
use crate::scope::Scope;

#[derive(Deserialize)]
pub struct AdminRow {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub mobile: String,
    pub designation: String,
    pub department: String,
    #[serde(deserialize_with = "prasar_core::rows::int_bool")]
    pub is_demo: bool,
}

impl AdminRow {
    pub fn view(&self) -> AdminView {
        AdminView {
            id: self.id.clone(),
            name: self.name.clone(),
            mobile: self.mobile.clone(),
            designation: self.designation.clone(),
            department: self.department.clone(),
            is_demo: self.is_demo,
        }
    }
}

const COLUMNS: &str =
    "a.id, a.district_id, a.name, a.mobile, a.designation, a.department, a.is_demo";

/// An admin inside the caller's scope: their district is in it, or they administer (or
/// administered) a group in it — the way a block officer reaches the admins of the block.
pub async fn find(db: &D1Database, scope: &Scope, id: &str) -> Result<Option<AdminRow>> {
    db.prepare(format!(
        "SELECT {COLUMNS} FROM admins a JOIN units d ON d.id = a.district_id WHERE a.id = ?1 \
         AND ({} OR EXISTS (SELECT 1 FROM assignments s JOIN groups g ON g.id = s.group_id \
         JOIN units u ON u.id = g.unit_id WHERE s.admin_id = a.id AND {}))",
        scope.unit_condition("d", 2),
        scope.unit_condition("u", 2)
    ))
    .bind(&[id.into(), scope.param().into()])?
    .first(None)
    .await
}

pub async fn find_unscoped(db: &D1Database, id: &str) -> Result<Option<AdminRow>> {
    db.prepare(format!("SELECT {COLUMNS} FROM admins a WHERE a.id = ?1"))
        .bind(&[id.into()])?
        .first(None)
        .await
}

pub async fn find_by_mobile(
    db: &D1Database,
    district_id: &str,
    mobile: &str,
) -> Result<Option<AdminRow>> {
    db.prepare(format!(
        "SELECT {COLUMNS} FROM admins a WHERE a.district_id = ?1 AND a.mobile = ?2"
    ))
    .bind(&[district_id.into(), mobile.into()])?
    .first(None)
    .await
}

pub struct AdminFields<'a> {
    pub name: &'a str,
    pub mobile: &'a str,
    pub designation: &'a str,
    pub department: &'a str,
}

pub fn insert(
    db: &D1Database,
    id: &str,
    district_id: &str,
    f: &AdminFields<'_>,
    at: &str,
) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO admins (id, district_id, name, mobile, designation, department, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(&[
        id.into(),
        district_id.into(),
        f.name.into(),
        f.mobile.into(),
        f.designation.into(),
        f.department.into(),
        at.into(),
    ])
}

pub fn update(db: &D1Database, id: &str, f: &AdminFields<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "UPDATE admins SET name = ?2, mobile = ?3, designation = ?4, department = ?5 WHERE id = ?1",
    )
    .bind(&[
        id.into(),
        f.name.into(),
        f.mobile.into(),
        f.designation.into(),
        f.department.into(),
    ])
}
