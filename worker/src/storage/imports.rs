//! Registry imports: the district snapshot a dry run is planned against, the stored
//! plan, and the set-based statements that apply it.

use prasar_core::audit::AuditAction;
use prasar_core::import_plan::{ExistingAdmin, ExistingUnit, ForeignUnit, Plan};
use serde::{Deserialize, Serialize};

use crate::db::{D1Database, D1PreparedStatement, Result};

/// Every unit of the district with its group, latest member count and open assignment.
pub async fn district_units(db: &D1Database, district_id: &str) -> Result<Vec<ExistingUnit>> {
    db.prepare(
        "SELECT u.id, u.kind, u.code, u.parent_id, u.block_id, u.name_en, u.name_hi, u.lon, u.lat, \
         u.location_exact, g.id AS group_id, g.name AS group_name, g.invite_link, g.member_limit, \
         (SELECT mc.member_count FROM member_counts mc WHERE mc.group_id = g.id \
            ORDER BY mc.reported_at_ms DESC, mc.id DESC LIMIT 1) AS member_count, \
         s.id AS assignment_id, s.admin_id \
         FROM units u LEFT JOIN groups g ON g.unit_id = u.id \
         LEFT JOIN assignments s ON s.group_id = g.id AND s.ended_at IS NULL \
         WHERE u.district_id = ?1 AND u.kind <> 'district'",
    )
    .bind(&[district_id.into()])?
    .all()
    .await?
    .results()
}

pub async fn district_admins(db: &D1Database, district_id: &str) -> Result<Vec<ExistingAdmin>> {
    db.prepare(
        "SELECT id, name, mobile, designation, department FROM admins WHERE district_id = ?1",
    )
    .bind(&[district_id.into()])?
    .all()
    .await?
    .results()
}

/// Of `ids`, the units and groups that exist outside the district, with the name of the
/// district that holds them (LGD codes are national, so another district's code maps to
/// the same id).
pub async fn foreign_units(
    db: &D1Database,
    district_id: &str,
    ids: &[String],
) -> Result<Vec<ForeignUnit>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = serde_json::to_string(ids).map_err(crate::db::error)?;
    db.prepare(
        "SELECT x.id, coalesce(d.name_en, x.district_id, '') AS district_name_en, \
         coalesce(d.name_hi, '') AS district_name_hi FROM \
         (SELECT id, district_id FROM units WHERE id IN (SELECT value FROM json_each(?1)) \
            AND district_id IS NOT ?2 \
          UNION SELECT id, district_id FROM groups WHERE id IN (SELECT value FROM json_each(?1)) \
            AND district_id IS NOT ?2) x \
         LEFT JOIN units d ON d.id = x.district_id",
    )
    .bind(&[list.into(), district_id.into()])?
    .all()
    .await?
    .results()
}

#[derive(Deserialize)]
pub struct DistrictRow {
    pub id: String,
    pub code: String,
    pub state_id: Option<String>,
}

pub async fn district(db: &D1Database, district_id: &str) -> Result<Option<DistrictRow>> {
    db.prepare("SELECT id, code, state_id FROM units WHERE id = ?1 AND kind = 'district'")
        .bind(&[district_id.into()])?
        .first(None)
        .await
}

/// The newest audit entry of the district: any registry change writes one, so an import
/// planned against an older version is stale.
pub async fn version(db: &D1Database, district_id: &str) -> Result<i64> {
    #[derive(Deserialize)]
    struct Row {
        v: Option<i64>,
    }
    let row: Option<Row> = db
        .prepare("SELECT max(id) AS v FROM audit_log WHERE district_id = ?1")
        .bind(&[district_id.into()])?
        .first(None)
        .await?;
    Ok(row.and_then(|r| r.v).unwrap_or(0))
}

/// Splits a list into JSON arrays of at most ~512 KB, under D1's 2 MB value limit.
fn chunks<T: Serialize>(items: &[T]) -> std::result::Result<Vec<String>, serde_json::Error> {
    const TARGET: usize = 512 * 1024;
    let mut out = Vec::new();
    let mut current = String::from("[");
    for item in items {
        let text = serde_json::to_string(item)?;
        if current.len() > 1 && current.len() + text.len() > TARGET {
            current.push(']');
            out.push(std::mem::replace(&mut current, String::from("[")));
        }
        if current.len() > 1 {
            current.push(',');
        }
        current.push_str(&text);
    }
    if current.len() > 1 {
        current.push(']');
        out.push(current);
    }
    Ok(out)
}

pub struct NewImport<'a> {
    pub id: &'a str,
    pub district_id: &'a str,
    pub created_by: &'a str,
    pub created_at: &'a str,
    pub base_version: i64,
    pub counts: &'a str,
}

pub fn save(
    db: &D1Database,
    import: &NewImport<'_>,
    plan: &Plan,
) -> Result<Vec<D1PreparedStatement>> {
    let mut statements = vec![db
        .prepare(
            "INSERT INTO imports (id, district_id, created_by, created_at, status, base_version, counts) \
             VALUES (?1, ?2, ?3, ?4, 'previewed', ?5, ?6)",
        )
        .bind(&[
            import.id.into(),
            import.district_id.into(),
            import.created_by.into(),
            import.created_at.into(),
            (import.base_version as f64).into(),
            import.counts.into(),
        ])?];
    let entities: [(&str, std::result::Result<Vec<String>, serde_json::Error>); 5] = [
        ("units", chunks(&plan.units)),
        ("groups", chunks(&plan.groups)),
        ("member_counts", chunks(&plan.member_counts)),
        ("admins", chunks(&plan.admins)),
        ("assignments", chunks(&plan.assignments)),
    ];
    for (entity, parts) in entities {
        let parts = parts.map_err(crate::db::error)?;
        for (seq, rows) in parts.into_iter().enumerate() {
            statements.push(
                db.prepare("INSERT INTO import_chunks (import_id, entity, seq, rows) VALUES (?1, ?2, ?3, ?4)")
                    .bind(&[import.id.into(), entity.into(), (seq as u32).into(), rows.into()])?,
            );
        }
    }
    Ok(statements)
}

#[derive(Deserialize)]
pub struct ImportRow {
    pub id: String,
    pub district_id: String,
    pub status: String,
    pub base_version: i64,
    pub counts: String,
}

pub async fn find(db: &D1Database, id: &str) -> Result<Option<ImportRow>> {
    db.prepare("SELECT id, district_id, status, base_version, counts FROM imports WHERE id = ?1")
        .bind(&[id.into()])?
        .first(None)
        .await
}

/// Rows of one entity of the plan, as `j.value` of a join over the stored chunks. Every
/// statement also requires the import to be still unapplied, so a second, concurrent
/// apply (D1 runs batches one at a time) changes nothing.
fn over(entity: &str) -> String {
    format!(
        "FROM import_chunks c, json_each(c.rows) j WHERE c.import_id = ?1 AND c.entity = '{entity}' \
         AND EXISTS (SELECT 1 FROM imports i WHERE i.id = ?1 AND i.status = 'previewed')"
    )
}

/// The importing district, for the guards that keep every write inside it whatever the
/// stored plan says (a stale or forged plan cannot touch another district's rows).
const IMPORT_DISTRICT: &str = "(SELECT i.district_id FROM imports i WHERE i.id = ?1)";

fn field(name: &str) -> String {
    format!("json_extract(j.value, '$.{name}')")
}

/// The statements that apply an import, in order; `?1` import id, `?2` time (RFC 3339),
/// `?3` time (ms), `?4` actor, `?5` IST day.
pub fn apply(
    db: &D1Database,
    import_id: &str,
    at: &str,
    at_ms: i64,
    actor: &str,
    day: &str,
) -> Result<Vec<D1PreparedStatement>> {
    let f = field;
    let sql = [
        // Reorganisations keep their history.
        format!(
            "INSERT INTO unit_parent_history (unit_id, old_parent_id, new_parent_id, changed_at, changed_by) \
             SELECT u.id, u.parent_id, {pid}, ?2, ?4 {over} AND u.id = {id} AND u.parent_id IS NOT {pid} \
             AND u.district_id = {IMPORT_DISTRICT}",
            pid = f("parent_id"),
            id = f("id"),
            over = over("units").replacen("FROM import_chunks c", "FROM units u, import_chunks c", 1)
        ),
        format!(
            "INSERT INTO units (id, kind, code, parent_id, state_id, district_id, block_id, name_en, \
             name_hi, lon, lat, location_exact, valid_from) \
             SELECT {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, ?5 {} AND {} = {IMPORT_DISTRICT} \
             AND NOT EXISTS (SELECT 1 FROM units p WHERE p.id = {} AND p.district_id IS NOT {IMPORT_DISTRICT}) \
             ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, block_id = excluded.block_id, \
             name_en = excluded.name_en, name_hi = excluded.name_hi, lon = excluded.lon, lat = excluded.lat, \
             location_exact = excluded.location_exact WHERE units.district_id = excluded.district_id",
            f("id"), f("kind"), f("code"), f("parent_id"), f("state_id"), f("district_id"), f("block_id"),
            f("name_en"), f("name_hi"), f("lon"), f("lat"), f("location_exact"), over("units"),
            f("district_id"), f("parent_id")
        ),
        format!(
            "INSERT INTO groups (id, unit_id, district_id, name, invite_link, member_limit, created_at) \
             SELECT {}, {}, {}, {}, {}, {}, ?2 {} AND {} = {IMPORT_DISTRICT} \
             AND {} IN (SELECT u.id FROM units u WHERE u.district_id = {IMPORT_DISTRICT}) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, invite_link = excluded.invite_link, \
             member_limit = excluded.member_limit WHERE groups.district_id = excluded.district_id",
            f("id"), f("unit_id"), f("district_id"), f("name"), f("invite_link"), f("member_limit"), over("groups"),
            f("district_id"), f("unit_id")
        ),
        format!(
            "INSERT INTO member_counts (group_id, member_count, reported_at, reported_at_ms, reported_by) \
             SELECT {}, {}, ?2, ?3, ?4 {} \
             AND {} IN (SELECT g.id FROM groups g WHERE g.district_id = {IMPORT_DISTRICT})",
            f("group_id"), f("member_count"), over("member_counts"), f("group_id")
        ),
        format!(
            "INSERT INTO admins (id, district_id, name, mobile, designation, department, created_at) \
             SELECT {}, {}, {}, {}, {}, {}, ?2 {} AND {} = {IMPORT_DISTRICT} \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, designation = excluded.designation, \
             department = excluded.department WHERE admins.district_id = excluded.district_id",
            f("id"), f("district_id"), f("name"), f("mobile"), f("designation"), f("department"), over("admins"),
            f("district_id")
        ),
        format!(
            "UPDATE assignments SET ended_at = ?2, end_reason = 'other', end_note = 'replaced by import' \
             WHERE ended_at IS NULL AND id IN (SELECT {} {}) \
             AND group_id IN (SELECT g.id FROM groups g WHERE g.district_id = {IMPORT_DISTRICT})",
            f("closes"), over("assignments")
        ),
        format!(
            "INSERT INTO assignments (id, admin_id, group_id, started_at) SELECT {}, {}, {}, ?2 {} \
             AND {} IN (SELECT g.id FROM groups g WHERE g.district_id = {IMPORT_DISTRICT}) \
             AND {} IN (SELECT a.id FROM admins a WHERE a.district_id = {IMPORT_DISTRICT})",
            f("id"), f("admin_id"), f("group_id"), over("assignments"), f("group_id"), f("admin_id")
        ),
        // Admins left without a group lose their personal links too.
        "UPDATE admin_links SET revoked_at = ?2 WHERE revoked_at IS NULL AND admin_id IN \
         (SELECT a.admin_id FROM assignments a WHERE a.ended_at = ?2 AND a.end_note = 'replaced by import') \
         AND admin_id NOT IN (SELECT admin_id FROM assignments WHERE ended_at IS NULL) \
         AND EXISTS (SELECT 1 FROM imports i WHERE i.id = ?1 AND i.status = 'previewed')"
            .to_owned(),
        // The audit entry, only if this batch is the one that applies the import.
        "INSERT INTO audit_log (at, actor, district_id, action, entity, entity_id, detail) \
         SELECT ?2, ?4, i.district_id, ?6, 'import', ?1, i.counts FROM imports i \
         WHERE i.id = ?1 AND i.status = 'previewed'"
            .to_owned(),
        // Last: marks the import applied; no change means another batch already did.
        "UPDATE imports SET status = 'applied', applied_at = ?2 WHERE id = ?1 AND status = 'previewed'".to_owned(),
    ];
    let params = [
        import_id.into(),
        at.into(),
        (at_ms as f64).into(),
        actor.into(),
        day.into(),
        AuditAction::ImportApply.as_str().into(),
    ];
    // D1 refuses more bindings than a statement's highest `?N`.
    sql.iter()
        .map(|q| {
            let used = (1..=params.len())
                .rev()
                .find(|n| q.contains(&format!("?{n}")))
                .unwrap_or(0);
            db.prepare(q.as_str()).bind(&params[..used])
        })
        .collect()
}
