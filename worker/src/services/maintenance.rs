//! Storage housekeeping: the orphan sweep.
//!
//! A screenshot is written R2 first, D1 second (see `services::submissions`), so the only
//! inconsistency a crash can leave is an R2 object no row points at. Such objects sit
//! under `screenshots/<IST day>/`, the day of their report, so a sweep of yesterday's and
//! today's prefixes finds them all without listing the whole bucket. Objects younger than
//! the grace period are kept: their D1 insert may still be under way.

use std::collections::HashSet;

use prasar_core::api::{SweepReport, SweepRequest, SWEEP_GRACE_MINUTES, SWEEP_MAX_DAYS};
use prasar_core::error::ErrorCode;
use prasar_core::time::{ist_day, ist_timestamp, parse_day};
use worker::{Bucket, D1Database};

use crate::http::Failure;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::submissions;

/// Objects per R2 list page (R2's maximum).
const PAGE: u32 = 1000;

pub async fn sweep_orphans(
    db: &D1Database,
    bucket: &Bucket,
    request: &SweepRequest,
    actor: &str,
    now_ms: i64,
) -> Result<SweepReport, Failure> {
    let days = match &request.days {
        Some(days) => {
            if days.is_empty() || days.len() > SWEEP_MAX_DAYS {
                return Err(ErrorCode::InvalidDay.into());
            }
            days.iter()
                .map(|d| parse_day(d).map(|d| d.to_string()))
                .collect::<Option<Vec<_>>>()
                .ok_or(Failure(ErrorCode::InvalidDay))?
        }
        None => {
            let today = ist_day(now_ms);
            let yesterday = today.pred_opt().unwrap_or(today);
            vec![yesterday.to_string(), today.to_string()]
        }
    };
    let grace_ms = i64::from(request.grace_minutes.unwrap_or(SWEEP_GRACE_MINUTES)) * 60_000;
    let mut report = SweepReport {
        days: days.clone(),
        ..SweepReport::default()
    };
    for day in &days {
        let mut cursor: Option<String> = None;
        loop {
            let mut list = bucket
                .list()
                .prefix(format!("screenshots/{day}/"))
                .limit(PAGE);
            if let Some(c) = cursor.take() {
                list = list.cursor(c);
            }
            let page = list.execute().await?;
            let objects = page.objects();
            report.listed += objects.len() as u32;
            let keys: Vec<String> = objects.iter().map(|o| o.key()).collect();
            let with_rows: HashSet<String> = submissions::keys_with_rows(db, &keys)
                .await?
                .into_iter()
                .collect();
            let mut orphans = Vec::new();
            for object in &objects {
                let key = object.key();
                if with_rows.contains(&key) {
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
            action: "maintenance.sweep",
            entity: "r2",
            entity_id: "screenshots",
            detail: &detail,
        },
    )?])
    .await?;
    Ok(report)
}

/// The cron's sweep: yesterday's and today's prefixes, default grace period.
pub async fn run_scheduled(env: &worker::Env, scheduled_ms: i64) {
    let result = async {
        let db = env.d1("DB")?;
        let bucket = env.bucket("SCREENSHOTS")?;
        sweep_orphans(
            &db,
            &bucket,
            &SweepRequest::default(),
            "system:cron",
            scheduled_ms,
        )
        .await
    }
    .await;
    match result {
        Ok(r) => worker::console_log!(
            "sweep {:?}: {} listed, {} orphans deleted, {} young kept",
            r.days,
            r.listed,
            r.deleted,
            r.kept_young
        ),
        Err(Failure(code)) => worker::console_error!("scheduled sweep failed: {code:?}"),
    }
}
