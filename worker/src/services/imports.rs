//! Registry import: a dry run plans the file against the district and stores the plan;
//! applying runs it in one D1 batch (one transaction), so an import lands whole or not
//! at all, and a re-import of the same file plans nothing.

use prasar_core::api::{ImportApplied, ImportCounts, ImportIssue, ImportPreview};
use prasar_core::error::ErrorCode;
use prasar_core::import::{parse_import, FileError};
use prasar_core::import_plan::{foreign_candidates, plan, Snapshot};
use prasar_core::time::{ist_day, ist_timestamp};

use crate::db::D1Database;
use crate::http::Failure;
use crate::services::auth::Caller;
use crate::storage::imports::{self, NewImport};

/// Changes listed in a preview; the counts cover all of them.
const PREVIEW_CHANGES: usize = 500;

/// The file could not be read at all.
pub struct FileRejected(pub FileError);

pub async fn preview(
    db: &D1Database,
    caller: &Caller,
    district_id: &str,
    bytes: &[u8],
    now_ms: i64,
) -> Result<Result<ImportPreview, FileRejected>, Failure> {
    let parsed = match parse_import(bytes) {
        Ok(p) => p,
        Err(e) => return Ok(Err(FileRejected(e))),
    };
    let district = imports::district(db, district_id)
        .await?
        .ok_or(Failure(ErrorCode::UnitNotFound))?;
    let snapshot = Snapshot {
        state_id: district.state_id.clone().unwrap_or_default(),
        district_id: district.id.clone(),
        district_code: district.code.clone(),
        units: imports::district_units(db, district_id).await?,
        admins: imports::district_admins(db, district_id).await?,
        foreign: imports::foreign_units(
            db,
            district_id,
            &foreign_candidates(&parsed, &district.code),
        )
        .await?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect(),
    };
    let base_version = imports::version(db, district_id).await?;
    let outcome = plan(&parsed, &snapshot, &mut |prefix| {
        format!("{prefix}-{}", uuid::Uuid::new_v4())
    });
    let warnings = parsed
        .warnings
        .iter()
        .map(|w| ImportIssue {
            row: None,
            column: None,
            code: w.code().to_owned(),
            message_en: w.message_en(),
            message_hi: w.message_hi(),
        })
        .collect();

    let import_id = if outcome.errors.is_empty() {
        let id = format!("imp-{}", uuid::Uuid::new_v4());
        let counts =
            serde_json::to_string(&outcome.counts).map_err(|_| Failure(ErrorCode::Internal))?;
        let statements = imports::save(
            db,
            &NewImport {
                id: &id,
                district_id,
                created_by: &caller.principal.actor(),
                created_at: &ist_timestamp(now_ms),
                base_version,
                counts: &counts,
            },
            &outcome.plan,
        )?;
        db.batch(statements).await?;
        Some(id)
    } else {
        None
    };
    let changes_total = outcome.changes.len() as u32;
    Ok(Ok(ImportPreview {
        import_id,
        district_id: district_id.to_owned(),
        counts: outcome.counts,
        changes: outcome.changes.into_iter().take(PREVIEW_CHANGES).collect(),
        changes_total,
        errors: outcome.errors,
        warnings,
    }))
}

/// Applies a previewed import (the caller has checked that its district is theirs).
pub async fn apply(
    db: &D1Database,
    caller: &Caller,
    import: imports::ImportRow,
    now_ms: i64,
) -> Result<ImportApplied, Failure> {
    let import_id = import.id.as_str();
    if import.status != "previewed" {
        return Err(ErrorCode::ImportAlreadyApplied.into());
    }
    if imports::version(db, &import.district_id).await? != import.base_version {
        return Err(ErrorCode::ImportStale.into());
    }
    let counts: ImportCounts = serde_json::from_str(&import.counts).unwrap_or_default();
    let at = ist_timestamp(now_ms);
    let actor = caller.principal.actor();
    let statements = imports::apply(
        db,
        import_id,
        &at,
        now_ms,
        &actor,
        &ist_day(now_ms).to_string(),
    )?;
    let results = db.batch(statements).await.map_err(|e| {
        worker::console_error!("import {import_id} failed: {e}");
        Failure(ErrorCode::StorageUnavailable)
    })?;
    // The status update is the last statement; no change means a concurrent apply won,
    // and this batch's other statements changed nothing either.
    let marked = results
        .last()
        .and_then(|r| r.meta().ok().flatten())
        .and_then(|m| m.changes)
        .unwrap_or(0);
    if marked == 0 {
        return Err(ErrorCode::ImportAlreadyApplied.into());
    }
    Ok(ImportApplied {
        import_id: import_id.to_owned(),
        counts,
    })
}
