//! Storage housekeeping: the orphan sweep.
//!
//! Every object is written R2 first, D1 second (screenshots, story photos, campaign
//! images), so the only inconsistency a crash can leave is an R2 object no row points
//! at. The sweep lists the bucket — the screenshots of named days, or the whole bucket a
//! bounded number of pages at a time — and deletes objects no row owns. Objects younger
//! than the grace period are kept: their D1 insert may still be under way.

use prasar_core::audit::AuditAction;
use std::collections::HashSet;

use prasar_core::api::{
    SweepReport, SweepRequest, SWEEP_GRACE_MINUTES, SWEEP_MAX_DAYS, SWEEP_MAX_PAGES,
    SWEEP_MIN_GRACE_MINUTES, SWEEP_PREFIXES,
};
use prasar_core::error::ErrorCode;
use prasar_core::time::{ist_timestamp, parse_day};
use worker::Bucket;

use crate::db::D1Database;
use crate::http::Failure;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::maintenance;

/// Objects per R2 list page (R2's maximum).
const PAGE: u32 = 1000;

/// The keys to sweep: under one day's screenshots, or the whole bucket.
struct Listing {
    prefix: Option<String>,
    cursor: Option<String>,
}

pub async fn sweep_orphans(
    db: &D1Database,
    bucket: &Bucket,
    request: &SweepRequest,
    actor: &str,
    now_ms: i64,
) -> Result<SweepReport, Failure> {
    let grace = request.grace_minutes.unwrap_or(SWEEP_GRACE_MINUTES);
    if grace < SWEEP_MIN_GRACE_MINUTES {
        return Err(ErrorCode::SweepGraceTooShort.into());
    }
    let grace_ms = i64::from(grace) * 60_000;
    let mut report = SweepReport::default();
    let listings = match &request.days {
        Some(days) => {
            if days.is_empty() || days.len() > SWEEP_MAX_DAYS || request.cursor.is_some() {
                return Err(ErrorCode::InvalidDay.into());
            }
            report.days = days
                .iter()
                .map(|d| parse_day(d).map(|d| d.to_string()))
                .collect::<Option<Vec<_>>>()
                .ok_or(Failure(ErrorCode::InvalidDay))?;
            report
                .days
                .iter()
                .map(|day| Listing {
                    prefix: Some(format!("screenshots/{day}/")),
                    cursor: None,
                })
                .collect()
        }
        None => vec![Listing {
            prefix: None,
            cursor: request.cursor.clone().filter(|c| !c.is_empty()),
        }],
    };
    let mut pages = 0;
    for listing in listings {
        let mut cursor = listing.cursor;
        loop {
            if pages == SWEEP_MAX_PAGES {
                // Bounded: the caller (or the next scheduled run) goes on from here.
                report.next_cursor = cursor;
                break;
            }
            pages += 1;
            let mut list = bucket.list().limit(PAGE);
            if let Some(prefix) = &listing.prefix {
                list = list.prefix(prefix.clone());
            }
            if let Some(c) = cursor.take() {
                list = list.cursor(c);
            }
            let page = list.execute().await?;
            sweep_page(db, bucket, &page.objects(), grace_ms, now_ms, &mut report).await?;
            match page.cursor() {
                Some(next) if page.truncated() => cursor = Some(next),
                _ => break,
            }
        }
    }
    let detail = serde_json::to_string(&report).unwrap_or_default();
    let at = ist_timestamp(now_ms);
    db.batch(vec![audit::insert(
        db,
        &AuditEntry {
            at: &at,
            actor,
            district_id: None,
            action: AuditAction::MaintenanceSweep,
            entity: "r2",
            entity_id: "bucket",
            detail: &detail,
        },
    )?])
    .await?;
    Ok(report)
}

async fn sweep_page(
    db: &D1Database,
    bucket: &Bucket,
    objects: &[worker::Object],
    grace_ms: i64,
    now_ms: i64,
    report: &mut SweepReport,
) -> Result<(), Failure> {
    report.listed += objects.len() as u32;
    let keys: Vec<String> = objects.iter().map(|o| o.key()).collect();
    let owned: HashSet<String> = maintenance::keys_with_rows(db, &keys)
        .await?
        .into_iter()
        .collect();
    let mut orphans = Vec::new();
    for object in objects {
        let key = object.key();
        if owned.contains(&key) {
            continue;
        }
        if !SWEEP_PREFIXES.iter().any(|p| key.starts_with(p)) {
            report.kept_unknown += 1;
            continue;
        }
        let age_ms = now_ms - object.uploaded().as_millis() as i64;
        if age_ms >= grace_ms {
            orphans.push(key);
        } else {
            report.kept_young += 1;
        }
    }
    if !orphans.is_empty() {
        report.deleted += orphans.len() as u32;
        bucket.delete_multiple(orphans).await?;
    }
    Ok(())
}

/// The cron's sweep: the whole bucket, [`SWEEP_MAX_PAGES`] pages a day, going on each
/// morning from where the last run stopped (kept in D1) and starting over when done.
/// Safe to run twice or to stop halfway: it only deletes objects no row owns.
pub async fn run_scheduled(env: &worker::Env, scheduled_ms: i64) {
    let result = async {
        let db = crate::db::D1Database::new(env.d1("DB")?);
        let bucket = env.bucket("SCREENSHOTS")?;
        let cursor = maintenance::sweep_cursor(&db).await?;
        let report = sweep_orphans(
            &db,
            &bucket,
            &SweepRequest {
                cursor,
                ..SweepRequest::default()
            },
            "system:cron",
            scheduled_ms,
        )
        .await?;
        maintenance::set_sweep_cursor(
            &db,
            report.next_cursor.as_deref(),
            &ist_timestamp(scheduled_ms),
        )?
        .run()
        .await?;
        Ok::<_, Failure>(report)
    }
    .await;
    match result {
        Ok(r) => worker::console_log!(
            "sweep: {} listed, {} orphans deleted, {} young kept, more: {}",
            r.listed,
            r.deleted,
            r.kept_young,
            r.next_cursor.is_some()
        ),
        Err(Failure(code)) => worker::console_error!("scheduled sweep failed: {code:?}"),
    }
}
