//! The morning draw: which GP and ward of each district are checked today. The rules live
//! in prasar_core::draw; this file reads the candidates and writes the draw once a day.
//! Every function takes `now_ms` from its caller, so tests can move the clock.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use prasar_core::api::DrawOutcome;
use prasar_core::compliance::deadline_ms;
use prasar_core::compliance::ReportingUnit;
use prasar_core::draw::{self, Candidate, Level, PastCheck, POOLS};
use prasar_core::error::ErrorCode;
use prasar_core::time::{ist_day, ist_timestamp};
use worker::Env;

use crate::db::D1Database;
use crate::http::Failure;
use crate::services::settings::Settings;
use crate::storage::draws;

/// Runs the day's draw for `districts` (every level not drawn yet). A second run for
/// the same day changes nothing: levels already drawn are skipped, and the rows are
/// written with ON CONFLICT DO NOTHING in case two runs race.
pub async fn run_draw(
    db: &D1Database,
    districts: &[String],
    day: NaiveDate,
    settings: Settings,
    actor: &str,
    now_ms: i64,
) -> Result<DrawOutcome, Failure> {
    let day_text = day.to_string();
    let mut outcome = DrawOutcome {
        ist_day: day_text.clone(),
        districts_drawn: 0,
        districts_unchanged: 0,
        checks_created: 0,
    };
    for district_id in districts {
        let done = draws::drawn_levels(db, district_id, &day_text).await?;
        let missing: Vec<Level> = Level::ALL
            .into_iter()
            .filter(|l| !done.iter().any(|d| d == l.as_str()))
            .collect();
        if missing.is_empty() {
            outcome.districts_unchanged += 1;
            continue;
        }
        let found = draws::candidates(db, district_id, &day_text).await?;
        let admins: BTreeMap<String, Option<String>> = found
            .iter()
            .map(|c| (c.group_id.clone(), c.admin_id.clone()))
            .collect();
        let candidates: Vec<Candidate> = found.iter().filter_map(candidate).collect();
        let mut seeds = Vec::new();
        for level in &missing {
            let bytes = crate::crypto::random_bytes::<8>()?;
            seeds.push((*level, u64::from_be_bytes(bytes)));
        }
        let draws = draw::draw_day(district_id, day, &seeds, settings.draw, &candidates);
        let at = ist_timestamp(now_ms);
        let deadline = deadline_ms(day, settings.deadline_minutes);
        let mut batch = Vec::new();
        let mut created = 0;
        for level_draw in &draws {
            let seed = format!("{:016x}", level_draw.seed);
            let skipped: BTreeMap<&str, draw::Skipped> = POOLS
                .iter()
                .map(|k| (k.as_str(), draw::skipped(&candidates, *k, day)))
                .collect();
            let skipped = serde_json::to_string(&skipped).unwrap_or_else(|_| "{}".into());
            let new_draw = draws::NewDraw {
                district_id,
                ist_day: &day_text,
                level: level_draw.level.as_str(),
                seed: &seed,
                window_days: settings.draw.window_days,
                skipped: &skipped,
                created_at: &at,
                created_by: actor,
            };
            let detail = serde_json::json!({
                "seed": seed,
                "window_days": settings.draw.window_days,
                "skipped": serde_json::from_str::<serde_json::Value>(&skipped).unwrap_or_default(),
                "picks": level_draw.picks.iter().map(|p| serde_json::json!({
                    "group_id": p.group_id, "pool": p.kind.as_str(), "reason": p.reason,
                })).collect::<Vec<_>>(),
            })
            .to_string();
            batch.push(draws::audit_draw_once(db, &new_draw, &detail)?);
            batch.push(draws::insert_draw(db, &new_draw)?);
            for pick in &level_draw.picks {
                let id = uuid::Uuid::new_v4().to_string();
                let reason = serde_json::to_string(&pick.reason).unwrap_or_else(|_| "{}".into());
                let admin_id = admins.get(&pick.group_id).cloned().flatten();
                batch.push(draws::insert_check(
                    db,
                    &draws::NewCheck {
                        id: &id,
                        district_id,
                        ist_day: &day_text,
                        level: level_draw.level.as_str(),
                        pool: pick.kind.as_str(),
                        group_id: &pick.group_id,
                        admin_id: admin_id.as_deref(),
                        round: pick.reason.round,
                        reason: &reason,
                        deadline_ms: deadline,
                        created_at: &at,
                        seed: &seed,
                    },
                )?);
                created += 1;
            }
        }
        db.batch(batch).await.map_err(|e| {
            worker::console_error!("draw {district_id} {day_text}: {e}");
            Failure(ErrorCode::StorageUnavailable)
        })?;
        // A run racing this one may have stored its draw first; then ours changed
        // nothing (its rows were ignored), and it is reported as unchanged.
        let ours: Vec<String> = draws.iter().map(|d| format!("{:016x}", d.seed)).collect();
        let kept = draws::draw_seeds(db, district_id, &day_text).await?;
        if kept.iter().any(|s| ours.contains(s)) {
            outcome.districts_drawn += 1;
            outcome.checks_created += created;
        } else {
            outcome.districts_unchanged += 1;
        }
    }
    Ok(outcome)
}

fn candidate(row: &draws::CandidateRow) -> Option<Candidate> {
    let (open_from, open_to) = ReportingUnit::open_span(
        &row.valid_from,
        row.valid_to.as_deref(),
        &row.created_day,
        row.closed_day.as_deref(),
    )?;
    Some(Candidate {
        group_id: row.group_id.clone(),
        kind: row.kind,
        open_from,
        open_to,
        has_active_admin: row.has_admin,
        last_check: match (row.last_day, row.last_round) {
            (Some(day), Some(round)) => Some(PastCheck { day, round }),
            _ => None,
        },
    })
}

/// The cron trigger: every district's draw for the IST day of `scheduled_ms`.
pub async fn run_scheduled(env: &Env, scheduled_ms: i64) {
    let result = async {
        let db = crate::db::D1Database::new(env.d1("DB")?);
        let day = ist_day(scheduled_ms);
        let districts = draws::districts_on(&db, &day.to_string()).await?;
        run_draw(
            &db,
            &districts,
            day,
            Settings::from_env(env),
            "system:cron",
            scheduled_ms,
        )
        .await
    }
    .await;
    match result {
        Ok(o) => worker::console_log!(
            "draw {}: {} districts drawn, {} unchanged, {} checks",
            o.ist_day,
            o.districts_drawn,
            o.districts_unchanged,
            o.checks_created
        ),
        Err(Failure(code)) => worker::console_error!("scheduled draw failed: {code:?}"),
    }
}
