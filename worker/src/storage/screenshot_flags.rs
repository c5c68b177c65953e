//! Screenshot hashes and the flags raised on them (reused picture, other capture day).

use serde::Deserialize;

use crate::db::{D1Database, D1PreparedStatement, Result};

#[derive(Deserialize)]
pub struct FlagRow {
    pub submission_id: String,
    pub position: u8,
    pub kind: String,
    pub distance: Option<u32>,
    pub captured_day: Option<String>,
    pub earlier_submission_id: Option<String>,
    pub earlier_position: Option<u8>,
    pub earlier_group_id: Option<String>,
    pub earlier_group_name: Option<String>,
    pub earlier_ist_day: Option<String>,
}

pub async fn flags_of(db: &D1Database, submission_ids: &[String]) -> Result<Vec<FlagRow>> {
    let ids = serde_json::to_string(submission_ids).unwrap_or_else(|_| "[]".into());
    db.prepare(
        "SELECT f.submission_id, f.position, f.kind, f.distance, f.captured_day, \
         f.earlier_submission_id, f.earlier_position, es.group_id AS earlier_group_id, \
         eg.name AS earlier_group_name, es.ist_day AS earlier_ist_day \
         FROM image_flags f LEFT JOIN submissions es ON es.id = f.earlier_submission_id \
         LEFT JOIN groups eg ON eg.id = es.group_id \
         WHERE f.submission_id IN (SELECT value FROM json_each(?1)) \
         ORDER BY f.position, f.kind, f.distance",
    )
    .bind(&[ids.into()])?
    .all()
    .await?
    .results()
}
pub struct StoredHash<'a> {
    pub submission_id: &'a str,
    pub position: u8,
    pub district_id: &'a str,
    pub group_id: &'a str,
    pub hash: u64,
    pub uploaded_at_ms: i64,
}

pub fn insert_hash(db: &D1Database, h: &StoredHash<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT OR IGNORE INTO image_hashes (submission_id, position, district_id, group_id, hi, lo, \
         uploaded_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(&[
        h.submission_id.into(),
        h.position.into(),
        h.district_id.into(),
        h.group_id.into(),
        ((h.hash >> 32) as f64).into(),
        ((h.hash & 0xffff_ffff) as f64).into(),
        (h.uploaded_at_ms as f64).into(),
    ])
}

#[derive(Deserialize)]
pub struct NearImage {
    pub submission_id: String,
    pub position: u8,
    pub distance: u32,
}

/// Earlier screenshots (other submissions) whose hash differs from `hash` in at most
/// `max_distance` bits: every earlier one of the same group, and the district's since
/// `district_since_ms`. SQLite has neither XOR nor popcount: `(a | b) - (a & b)` is the
/// XOR of two 32-bit halves, and the SWAR steps below count its bits.
pub async fn near_images(
    db: &D1Database,
    hash: u64,
    district_id: &str,
    group_id: &str,
    submission_id: &str,
    district_since_ms: i64,
    max_distance: u32,
) -> Result<Vec<NearImage>> {
    let (hi, lo) = ((hash >> 32) as f64, (hash & 0xffff_ffff) as f64);
    db.prepare(
        "WITH pool AS ( \
           SELECT submission_id, position, hi, lo FROM image_hashes WHERE group_id = ?4 \
           UNION \
           SELECT submission_id, position, hi, lo FROM image_hashes \
           WHERE district_id = ?3 AND uploaded_at_ms >= ?6), \
         x AS (SELECT submission_id, position, (hi | ?1) - (hi & ?1) AS a, (lo | ?2) - (lo & ?2) AS b \
           FROM pool WHERE submission_id <> ?5), \
         p1 AS (SELECT submission_id, position, a - ((a >> 1) & 1431655765) AS a, \
           b - ((b >> 1) & 1431655765) AS b FROM x), \
         p2 AS (SELECT submission_id, position, (a & 858993459) + ((a >> 2) & 858993459) AS a, \
           (b & 858993459) + ((b >> 2) & 858993459) AS b FROM p1), \
         p3 AS (SELECT submission_id, position, \
           ((((a + (a >> 4)) & 252645135) * 16843009) & 4294967295) >> 24 AS a, \
           ((((b + (b >> 4)) & 252645135) * 16843009) & 4294967295) >> 24 AS b FROM p2) \
         SELECT submission_id, position, a + b AS distance FROM p3 WHERE a + b <= ?7 \
         ORDER BY distance, submission_id, position LIMIT 5",
    )
    .bind(&[
        hi.into(),
        lo.into(),
        district_id.into(),
        group_id.into(),
        submission_id.into(),
        (district_since_ms as f64).into(),
        max_distance.into(),
    ])?
    .all()
    .await?
    .results()
}

/// Byte-identical earlier screenshots of the district (other submissions), for images
/// that came without a perceptual hash.
pub async fn same_bytes(
    db: &D1Database,
    sha256: &str,
    district_id: &str,
    submission_id: &str,
) -> Result<Vec<NearImage>> {
    db.prepare(
        "SELECT i.submission_id, i.position, 0 AS distance FROM submission_images i \
         JOIN submissions s ON s.id = i.submission_id JOIN groups g ON g.id = s.group_id \
         WHERE i.sha256 = ?1 AND g.district_id = ?2 AND i.submission_id <> ?3 \
         ORDER BY i.uploaded_at_ms LIMIT 5",
    )
    .bind(&[sha256.into(), district_id.into(), submission_id.into()])?
    .all()
    .await?
    .results()
}

pub struct NewFlag<'a> {
    pub submission_id: &'a str,
    pub position: u8,
    pub kind: &'a str,
    pub earlier: Option<(&'a str, u8)>,
    pub distance: Option<u32>,
    pub captured_day: Option<&'a str>,
    pub created_at: &'a str,
}

pub fn insert_flag(db: &D1Database, f: &NewFlag<'_>) -> Result<D1PreparedStatement> {
    db.prepare(
        "INSERT INTO image_flags (submission_id, position, kind, earlier_submission_id, \
         earlier_position, distance, captured_day, created_at) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM image_flags \
           WHERE submission_id = ?1 AND position = ?2 AND kind = ?3 \
           AND earlier_submission_id IS ?4 AND earlier_position IS ?5)",
    )
    .bind(&[
        f.submission_id.into(),
        f.position.into(),
        f.kind.into(),
        super::opt(f.earlier.map(|e| e.0)),
        super::opt(f.earlier.map(|e| e.1)),
        super::opt(f.distance),
        super::opt(f.captured_day),
        f.created_at.into(),
    ])
}
