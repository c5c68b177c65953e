//! Review decisions on submissions, the review queue, and an admin's own submissions.

use serde::Deserialize;

use super::LATEST_REVIEW;
use crate::db::{D1Database, D1PreparedStatement, Result};
use crate::scope::Scope;

pub struct NewReview<'a> {
    pub submission_id: &'a str,
    pub outcome: &'a str,
    pub remark: &'a str,
    pub reviewed_at: &'a str,
    pub reviewed_at_ms: i64,
    pub reviewed_by: &'a str,
}

pub fn insert_review(db: &D1Database, r: &NewReview<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO submission_reviews (submission_id, outcome, remark, reviewed_at, \
         reviewed_at_ms, reviewed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(&[
        r.submission_id.into(),
        r.outcome.into(),
        r.remark.into(),
        r.reviewed_at.into(),
        (r.reviewed_at_ms as f64).into(),
        r.reviewed_by.into(),
    ])
}

#[derive(Deserialize)]
pub struct ReviewRow {
    pub submission_id: String,
    pub outcome: String,
    pub remark: String,
    pub reviewed_at: String,
    pub reviewed_by: String,
}

/// Review history of the given submissions, newest first.
pub async fn reviews_of(db: &D1Database, submission_ids: &[String]) -> Result<Vec<ReviewRow>> {
    let ids = serde_json::to_string(submission_ids).unwrap_or_else(|_| "[]".into());
    db.prepare(
        "SELECT r.submission_id, r.outcome, r.remark, r.reviewed_at, \
         COALESCE(ac.display_name, r.reviewed_by) AS reviewed_by FROM submission_reviews r \
         LEFT JOIN accounts ac ON r.reviewed_by = 'account:' || ac.id \
         WHERE r.submission_id IN (SELECT value FROM json_each(?1)) ORDER BY r.id DESC",
    )
    .bind(&[ids.into()])?
    .all()
    .await?
    .results()
}

/// Which of the submissions was drawn for a check on its day.
pub async fn checked_submissions(
    db: &D1Database,
    submission_ids: &[String],
) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
    }
    let ids = serde_json::to_string(submission_ids).unwrap_or_else(|_| "[]".into());
    let rows: Vec<Row> = db
        .prepare(
            "SELECT s.id FROM submissions s WHERE s.id IN (SELECT value FROM json_each(?1)) \
             AND EXISTS (SELECT 1 FROM checks c WHERE c.group_id = s.group_id AND c.ist_day = s.ist_day)",
        )
        .bind(&[ids.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The newest review outcome of a submission, as a SQL expression over alias `s`.
/// Ids of a day's submissions in scope, oldest first: all, or only those without a
/// review yet.
pub async fn review_queue_ids(
    db: &D1Database,
    scope: &Scope,
    day: &str,
    pending_only: bool,
    limit: u32,
) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
    }
    let pending = if pending_only {
        format!("AND {LATEST_REVIEW} IS NULL")
    } else {
        String::new()
    };
    let rows: Vec<Row> = db
        .prepare(format!(
            "SELECT s.id FROM submissions s JOIN groups g ON g.id = s.group_id \
             JOIN units u ON u.id = g.unit_id WHERE s.ist_day = ?1 {pending} AND {} \
             ORDER BY s.submitted_at_ms, s.id LIMIT ?3",
            scope.unit_condition("u", 2)
        ))
        .bind(&[day.into(), scope.param().into(), limit.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

#[derive(Deserialize)]
pub struct MySubmissionRow {
    pub id: String,
    pub group_name: String,
    pub ist_day: String,
    pub submitted_at: String,
    pub image_count: u8,
    pub images_received: u8,
    pub outcome: Option<String>,
    pub remark: Option<String>,
    pub reviewed_at: Option<String>,
}

/// A group admin's own latest submissions with their newest review.
pub async fn admin_submissions(
    db: &D1Database,
    admin_id: &str,
    limit: u32,
) -> Result<Vec<MySubmissionRow>> {
    db.prepare(
        "SELECT s.id, g.name AS group_name, s.ist_day, s.submitted_at, s.image_count, \
         (SELECT COUNT(*) FROM submission_images i WHERE i.submission_id = s.id) AS images_received, \
         r.outcome, r.remark, r.reviewed_at \
         FROM submissions s JOIN groups g ON g.id = s.group_id \
         LEFT JOIN submission_reviews r ON r.id = (SELECT MAX(x.id) FROM submission_reviews x \
           WHERE x.submission_id = s.id) \
         WHERE s.admin_id = ?1 ORDER BY s.submitted_at_ms DESC LIMIT ?2",
    )
    .bind(&[admin_id.into(), limit.into()])?
    .all()
    .await?
    .results()
}
