//! Follow-up of drawn checks: their state, the calls logged on them, and the WhatsApp
//! request with a fresh personal link.

use chrono::NaiveDate;
use prasar_core::api::{
    CallEntry, CallOutcome, CheckAdmin, CheckList, CheckMessage, CheckView, NewCall,
};
use prasar_core::audit::AuditAction;
use prasar_core::checks::{check_message_hi, check_state, clean_remark, tel_url};
use prasar_core::draw;
use prasar_core::error::ErrorCode;
use prasar_core::time::ist_timestamp;

use crate::db::D1Database;
use crate::http::Failure;
use crate::scope::Scope;
use crate::services::auth::Caller;
use crate::services::registry;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::{checks, draws};

fn check_view(row: checks::CheckRow, now_ms: i64) -> CheckView {
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
        ist_day: row.ist_day.to_string(),
        level: row.level,
        pool: row.pool,
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
    let found = checks::checks_for_day(db, scope, &day_text).await?;
    let drawn = !found.is_empty() || draws::drawn_for_scope(db, scope, &day_text).await?;
    Ok(CheckList {
        ist_day: day_text,
        drawn,
        checks: found.into_iter().map(|r| check_view(r, now_ms)).collect(),
    })
}

pub async fn find_check(
    db: &D1Database,
    scope: &Scope,
    id: &str,
    now_ms: i64,
) -> Result<CheckView, Failure> {
    let row = checks::find_check(db, scope, id)
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
    let check = checks::find_check(db, scope, check_id)
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
        checks::insert_call(
            db,
            &checks::NewCall {
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
                action: AuditAction::CheckCall,
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
    let check = checks::find_check(db, scope, check_id)
        .await?
        .ok_or(Failure(ErrorCode::CheckNotFound))?;
    let (Some(admin_id), Some(admin_name), Some(mobile)) =
        (&check.admin_id, &check.admin_name, &check.admin_mobile)
    else {
        return Err(ErrorCode::CheckWithoutAdmin.into());
    };
    let issued = registry::issue_link(db, caller, scope, admin_id, origin, now_ms).await?;
    let day = check.ist_day;
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
            action: AuditAction::CheckMessage,
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
