//! Daily monitoring: the morning draw, follow-up of checks, review decisions, flags on
//! screenshots, compliance and each group's status. The rules live in prasar_core
//! (`draw`, `compliance`, `monitoring`); this file reads and writes D1 around them.
//! Every function takes `now_ms` from its caller, so tests can move the clock.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use prasar_core::api::{
    CallEntry, CallOutcome, CheckAdmin, CheckList, CheckMessage, CheckView, ComplianceReport,
    ComplianceRow, DistrictStatus, DrawOutcome, EarlierImage, FlagKind, GroupKind, GroupStatus,
    ImageFlag, InactiveAdminView, InactiveAdmins, MySubmission, MySubmissions, NewCall, NewReview,
    ReviewEntry, ReviewItem, ReviewOutcome, ReviewQueue,
};
use prasar_core::compliance::{
    self, deadline_ms, inactive_admins, rate_table, streak, AdminActivity, Period, PeriodKind,
    Report, ReportingUnit, RowLevel,
};
use prasar_core::draw::{self, Candidate, DrawConfig, Level, PastCheck, POOLS};
use prasar_core::error::ErrorCode;
use prasar_core::monitoring::{
    captured_other_day, check_message_hi, check_state, clean_remark, group_day_status,
    review_remark, tel_url,
};
use prasar_core::phash::{from_hex, DUPLICATE_MAX_DISTANCE};
use prasar_core::time::{ist_day, ist_timestamp, parse_day};
use worker::{D1Database, Env};

use crate::http::Failure;
use crate::scope::Scope;
use crate::services::auth::Caller;
use crate::services::registry;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::monitoring as rows;
use crate::storage::submissions;

/// Settings read from the worker's variables (wrangler.toml `[vars]`), with defaults.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub draw: DrawConfig,
    /// Minutes after IST midnight a check's screenshot is due.
    pub deadline_minutes: u32,
    pub inactive_days: u32,
}

impl Settings {
    pub fn from_env(env: &Env) -> Settings {
        let var = |name: &str| env.var(name).ok().map(|v| v.to_string());
        let number = |name: &str, range: std::ops::RangeInclusive<u32>, default: u32| {
            var(name)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|n| range.contains(n))
                .unwrap_or(default)
        };
        let deadline_minutes = var("CHECK_DEADLINE")
            .and_then(|v| {
                let (h, m) = v.trim().split_once(':')?;
                let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
                (h < 24 && m < 60).then_some(h * 60 + m)
            })
            .unwrap_or(compliance::DEFAULT_DEADLINE_MINUTES);
        Settings {
            draw: DrawConfig {
                window_days: number("DRAW_WINDOW_DAYS", 1..=365, draw::DEFAULT_WINDOW_DAYS),
            },
            deadline_minutes,
            inactive_days: number("INACTIVE_DAYS", 1..=90, compliance::DEFAULT_INACTIVE_DAYS),
        }
    }
}

fn day_of(text: &str) -> Result<NaiveDate, Failure> {
    parse_day(text).ok_or(Failure(ErrorCode::InvalidDay))
}

fn pool_of(kind: &str) -> GroupKind {
    if kind == "ward" {
        GroupKind::Ward
    } else {
        GroupKind::GramPanchayat
    }
}

/// Day strings stored by SQLite are ours; a malformed one is treated as absent.
fn opt_day(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(parse_day)
}

// ---- The draw --------------------------------------------------------------------------

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
        let done = rows::drawn_levels(db, district_id, &day_text).await?;
        let missing: Vec<Level> = Level::ALL
            .into_iter()
            .filter(|l| !done.iter().any(|d| d == l.as_str()))
            .collect();
        if missing.is_empty() {
            outcome.districts_unchanged += 1;
            continue;
        }
        let found = rows::candidates(db, district_id, &day_text).await?;
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
            let new_draw = rows::NewDraw {
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
            batch.push(rows::audit_draw_once(db, &new_draw, &detail)?);
            batch.push(rows::insert_draw(db, &new_draw)?);
            for pick in &level_draw.picks {
                let id = uuid::Uuid::new_v4().to_string();
                let reason = serde_json::to_string(&pick.reason).unwrap_or_else(|_| "{}".into());
                let admin_id = admins.get(&pick.group_id).cloned().flatten();
                batch.push(rows::insert_check(
                    db,
                    &rows::NewCheck {
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
        let kept = rows::draw_seeds(db, district_id, &day_text).await?;
        if kept.iter().any(|s| ours.contains(s)) {
            outcome.districts_drawn += 1;
            outcome.checks_created += created;
        } else {
            outcome.districts_unchanged += 1;
        }
    }
    Ok(outcome)
}

fn candidate(row: &rows::CandidateRow) -> Option<Candidate> {
    let valid_from = parse_day(&row.valid_from)?;
    let created = parse_day(&row.created_day).unwrap_or(valid_from);
    // A group closed on day X is not expected from X on.
    let closed = opt_day(row.closed_day.as_deref()).map(|d| d - Days::new(1));
    let open_to = [opt_day(row.valid_to.as_deref()), closed]
        .into_iter()
        .flatten()
        .min();
    Some(Candidate {
        group_id: row.group_id.clone(),
        kind: pool_of(&row.kind),
        open_from: valid_from.max(created),
        open_to,
        has_active_admin: row.has_admin != 0,
        last_check: match (opt_day(row.last_day.as_deref()), row.last_round) {
            (Some(day), Some(round)) => Some(PastCheck { day, round }),
            _ => None,
        },
    })
}

/// The cron trigger: every district's draw for the IST day of `scheduled_ms`.
pub async fn run_scheduled(env: &Env, scheduled_ms: i64) {
    let result = async {
        let db = env.d1("DB")?;
        let day = ist_day(scheduled_ms);
        let districts = rows::districts_on(&db, &day.to_string()).await?;
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

// ---- Checks ------------------------------------------------------------------------------

fn check_view(row: rows::CheckRow, now_ms: i64) -> CheckView {
    #[derive(serde::Deserialize)]
    struct CallJson {
        outcome: String,
        remark: String,
        called_at: String,
        called_by: String,
    }
    let calls: Vec<CallJson> = serde_json::from_str(&row.calls).unwrap_or_default();
    let admin = match (row.admin_id, row.admin_name, row.admin_mobile) {
        (Some(id), Some(name), Some(mobile)) => Some(CheckAdmin {
            id,
            name,
            tel_url: tel_url(&mobile),
            mobile,
        }),
        _ => None,
    };
    CheckView {
        state: check_state(row.deadline_ms, row.first_ms, now_ms),
        submitted_at: row.first_ms.map(ist_timestamp),
        deadline: ist_timestamp(row.deadline_ms),
        reason: serde_json::from_str(&row.reason).unwrap_or(draw::Reason {
            rule: draw::Rule::WaitingOutsideWindow,
            round: row.round,
            eligible: 0,
            waiting: 0,
            drawn_from: 0,
            window_days: 0,
            last_checked: None,
        }),
        id: row.id,
        ist_day: row.ist_day,
        level: Level::parse(&row.level).unwrap_or(Level::Collector),
        pool: pool_of(&row.pool),
        group_id: row.group_id,
        group_name: row.group_name,
        unit_name_en: row.unit_name_en,
        unit_name_hi: row.unit_name_hi,
        parent_name_en: row.parent_name_en.unwrap_or_default(),
        parent_name_hi: row.parent_name_hi.unwrap_or_default(),
        admin,
        round: row.round,
        submission_id: row.submission_id,
        calls: calls
            .into_iter()
            .map(|c| CallEntry {
                outcome: CallOutcome::parse(&c.outcome).unwrap_or(CallOutcome::NotReached),
                remark: c.remark,
                called_at: c.called_at,
                called_by: c.called_by,
            })
            .collect(),
    }
}

pub async fn checks_for_day(
    db: &D1Database,
    scope: &Scope,
    day: NaiveDate,
    now_ms: i64,
) -> Result<CheckList, Failure> {
    let day_text = day.to_string();
    let found = rows::checks_for_day(db, scope, &day_text).await?;
    let drawn = !found.is_empty() || drawn_anywhere(db, scope, &day_text).await?;
    Ok(CheckList {
        ist_day: day_text,
        drawn,
        checks: found.into_iter().map(|r| check_view(r, now_ms)).collect(),
    })
}

async fn drawn_anywhere(db: &D1Database, scope: &Scope, day: &str) -> Result<bool, Failure> {
    for district in rows::districts_in_scope(db, scope, day).await? {
        if !rows::drawn_levels(db, &district, day).await?.is_empty() {
            return Ok(true);
        }
    }
    Ok(false)
}

pub async fn find_check(
    db: &D1Database,
    scope: &Scope,
    id: &str,
    now_ms: i64,
) -> Result<CheckView, Failure> {
    let row = rows::find_check(db, scope, id)
        .await?
        .ok_or(Failure(ErrorCode::CheckNotFound))?;
    Ok(check_view(row, now_ms))
}

pub async fn log_call(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    check_id: &str,
    call: &NewCall,
    now_ms: i64,
) -> Result<CheckView, Failure> {
    let check = rows::find_check(db, scope, check_id)
        .await?
        .ok_or(Failure(ErrorCode::CheckNotFound))?;
    let remark = clean_remark(&call.remark, false)?;
    let at = ist_timestamp(now_ms);
    let actor = caller.principal.actor();
    let detail = serde_json::json!({
        "group_id": check.group_id,
        "admin_id": check.admin_id,
        "outcome": call.outcome.as_str(),
        "remark": remark,
    })
    .to_string();
    db.batch(vec![
        rows::insert_call(
            db,
            &rows::NewCall {
                check_id: &check.id,
                outcome: call.outcome.as_str(),
                remark: &remark,
                called_at: &at,
                called_at_ms: now_ms,
                called_by: &actor,
            },
        )?,
        audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: &actor,
                district_id: Some(&check.district_id),
                action: "check.call",
                entity: "check",
                entity_id: &check.id,
                detail: &detail,
            },
        )?,
    ])
    .await?;
    find_check(db, scope, check_id, now_ms).await
}

/// A fresh personal link for the check's admin inside the Hindi request; the link is
/// issued like any other (earlier links of the admin stop working, sessions stay).
pub async fn prepare_message(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    check_id: &str,
    origin: &str,
    now_ms: i64,
) -> Result<CheckMessage, Failure> {
    let check = rows::find_check(db, scope, check_id)
        .await?
        .ok_or(Failure(ErrorCode::CheckNotFound))?;
    let (Some(admin_id), Some(admin_name), Some(mobile)) =
        (&check.admin_id, &check.admin_name, &check.admin_mobile)
    else {
        return Err(ErrorCode::CheckWithoutAdmin.into());
    };
    let issued = registry::issue_link(db, caller, scope, admin_id, origin, now_ms).await?;
    let day = day_of(&check.ist_day)?;
    let message_hi = check_message_hi(
        admin_name,
        &check.group_name,
        day,
        check.deadline_ms,
        &issued.url,
    );
    let digits = mobile.trim_start_matches('+');
    let whatsapp_url = format!(
        "https://wa.me/{digits}?text={}",
        percent_encoding::utf8_percent_encode(&message_hi, percent_encoding::NON_ALPHANUMERIC)
    );
    let at = ist_timestamp(now_ms);
    audit::insert(
        db,
        &AuditEntry {
            at: &at,
            actor: &caller.principal.actor(),
            district_id: Some(&check.district_id),
            action: "check.message",
            entity: "check",
            entity_id: &check.id,
            detail: &serde_json::json!({ "admin_id": admin_id }).to_string(),
        },
    )?
    .run()
    .await?;
    Ok(CheckMessage {
        message_hi,
        whatsapp_url,
        link_url: issued.url,
    })
}

// ---- Review ------------------------------------------------------------------------------

/// Most submissions one queue page shows.
const QUEUE_LIMIT: u32 = 100;

pub async fn review_queue(
    db: &D1Database,
    scope: &Scope,
    day: NaiveDate,
    pending_only: bool,
) -> Result<ReviewQueue, Failure> {
    let day_text = day.to_string();
    let ids = rows::review_queue_ids(db, scope, &day_text, pending_only, QUEUE_LIMIT).await?;
    let items = review_items(db, scope, &ids).await?;
    Ok(ReviewQueue {
        ist_day: day_text,
        filter: if pending_only { "pending" } else { "all" }.into(),
        items,
    })
}

async fn review_items(
    db: &D1Database,
    scope: &Scope,
    ids: &[String],
) -> Result<Vec<ReviewItem>, Failure> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut reviews: BTreeMap<String, Vec<ReviewEntry>> = BTreeMap::new();
    for r in rows::reviews_of(db, ids).await? {
        let Some(outcome) = ReviewOutcome::parse(&r.outcome) else {
            continue;
        };
        reviews
            .entry(r.submission_id)
            .or_default()
            .push(ReviewEntry {
                outcome,
                remark: r.remark,
                reviewed_at: r.reviewed_at,
                reviewed_by: r.reviewed_by,
            });
    }
    let mut flags: BTreeMap<String, Vec<ImageFlag>> = BTreeMap::new();
    for f in rows::flags_of(db, ids).await? {
        let kind = if f.kind == "reused" {
            FlagKind::Reused
        } else {
            FlagKind::CapturedOtherDay
        };
        let earlier = match (f.earlier_submission_id, f.earlier_position) {
            (Some(sid), Some(pos)) => Some(EarlierImage {
                image_url: prasar_core::api::submission_image_path(&sid, pos),
                submission_id: sid,
                position: pos,
                group_id: f.earlier_group_id.unwrap_or_default(),
                group_name: f.earlier_group_name.unwrap_or_default(),
                ist_day: f.earlier_ist_day.unwrap_or_default(),
            }),
            _ => None,
        };
        flags.entry(f.submission_id).or_default().push(ImageFlag {
            position: f.position,
            kind,
            distance: f.distance,
            earlier,
            captured_day: f.captured_day,
        });
    }
    let checked: BTreeSet<String> = rows::checked_submissions(db, ids)
        .await?
        .into_iter()
        .collect();
    let mut found: BTreeMap<String, prasar_core::api::Submission> =
        submissions::find_many(db, scope, ids)
            .await?
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
    // In the order asked for (oldest first).
    Ok(ids
        .iter()
        .filter_map(|id| {
            let submission = found.remove(id)?;
            Some(ReviewItem {
                checked: checked.contains(id),
                reviews: reviews.remove(id).unwrap_or_default(),
                flags: flags.remove(id).unwrap_or_default(),
                submission,
            })
        })
        .collect())
}

pub async fn review_item(db: &D1Database, scope: &Scope, id: &str) -> Result<ReviewItem, Failure> {
    review_items(db, scope, &[id.to_owned()])
        .await?
        .pop()
        .ok_or(Failure(ErrorCode::SubmissionNotFound))
}

pub async fn review(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    submission_id: &str,
    input: &NewReview,
    now_ms: i64,
) -> Result<ReviewItem, Failure> {
    let owner = submissions::owner(db, scope, submission_id)
        .await?
        .ok_or(Failure(ErrorCode::SubmissionNotFound))?;
    let remark = review_remark(input.outcome, &input.remark)?;
    let at = ist_timestamp(now_ms);
    let actor = caller.principal.actor();
    let detail = serde_json::json!({
        "group_id": owner.group_id,
        "outcome": input.outcome.as_str(),
        "remark": remark,
    })
    .to_string();
    db.batch(vec![
        rows::insert_review(
            db,
            &rows::NewReview {
                submission_id,
                outcome: input.outcome.as_str(),
                remark: &remark,
                reviewed_at: &at,
                reviewed_at_ms: now_ms,
                reviewed_by: &actor,
            },
        )?,
        audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: &actor,
                district_id: Some(&owner.district_id),
                action: "submission.review",
                entity: "submission",
                entity_id: submission_id,
                detail: &detail,
            },
        )?,
    ])
    .await?;
    review_item(db, scope, submission_id).await
}

/// Most recent submissions an admin sees on their page.
const MY_LIMIT: u32 = 20;

pub async fn my_submissions(db: &D1Database, admin_id: &str) -> Result<MySubmissions, Failure> {
    let items = rows::admin_submissions(db, admin_id, MY_LIMIT)
        .await?
        .into_iter()
        .map(|r| MySubmission {
            id: r.id,
            group_name: r.group_name,
            ist_day: r.ist_day,
            submitted_at: r.submitted_at,
            image_count: r.image_count,
            images_received: r.images_received,
            outcome: r.outcome.as_deref().and_then(ReviewOutcome::parse),
            remark: r.remark.unwrap_or_default(),
            reviewed_at: r.reviewed_at,
        })
        .collect();
    Ok(MySubmissions { items })
}

// ---- Flags on a stored screenshot ---------------------------------------------------------

/// Earlier screenshots of the district are compared for this long (same group: always).
const DISTRICT_LOOKBACK_MS: i64 = 90 * 86_400_000;

/// What the upload knew about a screenshot it has just stored.
pub struct StoredImage<'a> {
    pub submission_id: &'a str,
    pub position: u8,
    pub group_id: &'a str,
    pub district_id: &'a str,
    pub ist_day: &'a str,
    pub phash: Option<&'a str>,
    pub sha256: &'a str,
    pub captured_at_ms: Option<i64>,
}

/// Runs after a screenshot is stored: keeps its hash for later comparisons and flags it
/// as reused (near-identical to an earlier screenshot of the group or district) or as
/// taken on another day. Failures are logged, never fail the admin's upload.
pub async fn after_image_stored(db: &D1Database, image: &StoredImage<'_>, now_ms: i64) {
    if let Err(Failure(code)) = flag_image(db, image, now_ms).await {
        worker::console_error!(
            "flagging {}/{} failed: {code:?}",
            image.submission_id,
            image.position
        );
    }
}

async fn flag_image(db: &D1Database, image: &StoredImage<'_>, now_ms: i64) -> Result<(), Failure> {
    let hash = image.phash.and_then(from_hex);
    let mut near = match hash {
        Some(hash) => {
            rows::near_images(
                db,
                hash,
                image.district_id,
                image.group_id,
                image.submission_id,
                now_ms - DISTRICT_LOOKBACK_MS,
                DUPLICATE_MAX_DISTANCE,
            )
            .await?
        }
        None => Vec::new(),
    };
    for same in rows::same_bytes(db, image.sha256, image.district_id, image.submission_id).await? {
        if !near
            .iter()
            .any(|n| n.submission_id == same.submission_id && n.position == same.position)
        {
            near.push(same);
        }
    }
    let at = ist_timestamp(now_ms);
    let mut batch = Vec::new();
    if let Some(hash) = hash {
        batch.push(rows::insert_hash(
            db,
            &rows::StoredHash {
                submission_id: image.submission_id,
                position: image.position,
                district_id: image.district_id,
                group_id: image.group_id,
                hash,
                uploaded_at_ms: now_ms,
            },
        )?);
    }
    for n in &near {
        batch.push(rows::insert_flag(
            db,
            &rows::NewFlag {
                submission_id: image.submission_id,
                position: image.position,
                kind: "reused",
                earlier: Some((&n.submission_id, n.position)),
                distance: Some(n.distance),
                captured_day: None,
                created_at: &at,
            },
        )?);
    }
    let other_day = parse_day(image.ist_day)
        .and_then(|day| captured_other_day(image.captured_at_ms, day))
        .map(|d| d.to_string());
    if let Some(day) = &other_day {
        batch.push(rows::insert_flag(
            db,
            &rows::NewFlag {
                submission_id: image.submission_id,
                position: image.position,
                kind: "captured_other_day",
                earlier: None,
                distance: None,
                captured_day: Some(day),
                created_at: &at,
            },
        )?);
    }
    if !near.is_empty() || other_day.is_some() {
        let entity_id = format!("{}/{}", image.submission_id, image.position);
        let detail = serde_json::json!({
            "reused_of": near.iter().map(|n| serde_json::json!({
                "submission_id": n.submission_id, "position": n.position, "distance": n.distance,
            })).collect::<Vec<_>>(),
            "captured_day": other_day,
        })
        .to_string();
        batch.push(audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: "system:screenshot-check",
                district_id: Some(image.district_id),
                action: "submission.flag",
                entity: "submission",
                entity_id: &entity_id,
                detail: &detail,
            },
        )?);
    }
    if !batch.is_empty() {
        db.batch(batch).await?;
    }
    Ok(())
}

// ---- Compliance ----------------------------------------------------------------------------

/// Submissions are read this far back before the period, so current streaks longer than
/// the period still show (streaks are counted within this window).
const STREAK_LOOKBACK_DAYS: u64 = 90;

pub async fn compliance_report(
    db: &D1Database,
    scope: &Scope,
    period_kind: PeriodKind,
    day: NaiveDate,
    today: NaiveDate,
    settings: Settings,
) -> Result<ComplianceReport, Failure> {
    let period = Period::containing(period_kind, day);
    let as_of = period.end.min(today);
    let from = (period.start - Days::new(STREAK_LOOKBACK_DAYS))
        .min(as_of - Days::new(STREAK_LOOKBACK_DAYS));
    let unit_rows = rows::reporting_units(db, scope).await?;
    let mut names: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut units = Vec::new();
    for u in &unit_rows {
        names.insert(u.group_id.clone(), (u.name_en.clone(), u.name_hi.clone()));
        let Some(valid_from) = parse_day(&u.valid_from) else {
            continue;
        };
        let created = parse_day(&u.created_day).unwrap_or(valid_from);
        let closed = opt_day(u.closed_day.as_deref()).map(|d| d - Days::new(1));
        units.push(ReportingUnit {
            group_id: u.group_id.clone(),
            kind: pool_of(&u.kind),
            parent_id: u.parent_id.clone().unwrap_or_default(),
            district_id: u.district_id.clone().unwrap_or_default(),
            open_from: valid_from.max(created),
            open_to: [opt_day(u.valid_to.as_deref()), closed]
                .into_iter()
                .flatten()
                .min(),
        });
    }
    // Block, ULB and district rows only for areas inside the scope: a block officer's
    // units add up to a district row that would look like the whole district's.
    let mut areas = BTreeSet::new();
    for n in rows::area_names(db, scope).await? {
        areas.insert(n.id.clone());
        names.insert(n.id, (n.name_en, n.name_hi));
    }
    let reports: Vec<Report> =
        rows::counted_reports(db, scope, &from.to_string(), &as_of.to_string())
            .await?
            .into_iter()
            .filter_map(|r| {
                Some(Report {
                    day: parse_day(&r.ist_day)?,
                    group_id: r.group_id,
                    submitted_at_ms: r.first_ms,
                    self_reported: r.self_reported != 0,
                })
            })
            .collect();
    let mut reported: BTreeMap<&str, BTreeSet<NaiveDate>> = BTreeMap::new();
    for r in &reports {
        reported.entry(&r.group_id).or_default().insert(r.day);
    }
    let by_unit: BTreeMap<&str, &ReportingUnit> =
        units.iter().map(|u| (u.group_id.as_str(), u)).collect();
    let table = rate_table(&units, &reports, period, as_of, settings.deadline_minutes);
    let empty = BTreeSet::new();
    let rows_out = table
        .into_iter()
        .filter(|r| {
            matches!(r.level, RowLevel::GramPanchayat | RowLevel::Ward) || areas.contains(&r.id)
        })
        .map(|r| {
            let (name_en, name_hi) = names.get(&r.id).cloned().unwrap_or_default();
            let unit = by_unit.get(r.id.as_str());
            let is_unit = matches!(r.level, RowLevel::GramPanchayat | RowLevel::Ward);
            ComplianceRow {
                reporting_rate: r.counts.reporting_rate(),
                on_time_rate: r.counts.on_time_rate(),
                streak: unit
                    .filter(|_| is_unit)
                    .map(|u| streak(u, reported.get(r.id.as_str()).unwrap_or(&empty), as_of)),
                parent_id: unit.filter(|_| is_unit).map(|u| u.parent_id.clone()),
                level: r.level,
                id: r.id,
                name_en,
                name_hi,
                counts: r.counts,
            }
        })
        .collect();
    let deadline = format!(
        "{:02}:{:02}",
        settings.deadline_minutes / 60,
        settings.deadline_minutes % 60
    );
    Ok(ComplianceReport {
        period: period_kind,
        start: period.start.to_string(),
        end: period.end.to_string(),
        as_of: as_of.to_string(),
        deadline,
        rows: rows_out,
    })
}

pub async fn inactive(
    db: &D1Database,
    scope: &Scope,
    today: NaiveDate,
    days: u32,
) -> Result<InactiveAdmins, Failure> {
    let found = rows::admin_activity(db, scope).await?;
    let activity: Vec<AdminActivity> = found
        .iter()
        .filter_map(|a| {
            Some(AdminActivity {
                admin_id: a.admin_id.clone(),
                group_id: a.group_id.clone(),
                assigned_on: parse_day(&a.assigned_on)?,
                last_submission: opt_day(a.last_day.as_deref()),
            })
        })
        .collect();
    let details: BTreeMap<(&str, &str), &rows::ActivityRow> = found
        .iter()
        .map(|a| ((a.admin_id.as_str(), a.group_id.as_str()), a))
        .collect();
    let admins = inactive_admins(&activity, today, days)
        .into_iter()
        .filter_map(|i| {
            let d = details.get(&(i.admin_id.as_str(), i.group_id.as_str()))?;
            Some(InactiveAdminView {
                admin_name: d.admin_name.clone(),
                tel_url: tel_url(&d.mobile),
                mobile: d.mobile.clone(),
                group_name: d.group_name.clone(),
                unit_name_en: d.unit_name_en.clone(),
                unit_name_hi: d.unit_name_hi.clone(),
                days_since_last: i.days_since_last,
                assigned_on: i.assigned_on.to_string(),
                admin_id: i.admin_id,
                group_id: i.group_id,
            })
        })
        .collect();
    Ok(InactiveAdmins {
        days,
        as_of: today.to_string(),
        admins,
    })
}

/// Every open group's status on `day` (the collector's map reads this).
pub async fn day_status(
    db: &D1Database,
    scope: &Scope,
    day: NaiveDate,
    now_ms: i64,
) -> Result<DistrictStatus, Failure> {
    let groups = rows::day_status(db, scope, &day.to_string())
        .await?
        .into_iter()
        .map(|r| GroupStatus {
            status: group_day_status(
                r.has_admin != 0,
                r.submitted != 0,
                r.verified != 0,
                r.check_deadline_ms,
                now_ms,
            ),
            checked: r.check_deadline_ms.is_some(),
            group_id: r.group_id,
        })
        .collect();
    Ok(DistrictStatus {
        ist_day: day.to_string(),
        groups,
    })
}
