//! Registry changes made by officers: group details, member counts, replacing a group's
//! admin, personal links. Each change and its audit entry are one D1 batch.

use prasar_core::api::{
    AdminInput, AdminLinkIssued, GroupDetail, GroupUpdate, MemberCountReport, ReplaceAdminRequest,
};
use prasar_core::audit::AuditAction;
use prasar_core::auth::token_from_random;
use prasar_core::error::ErrorCode;
use prasar_core::registry::{
    apply_group_update, clean_text, validate_admin, validate_member_count, ValidAdmin,
};
use prasar_core::screenshot::sha256_hex;
use prasar_core::time::ist_timestamp;

use crate::crypto::random_bytes;
use crate::db::{D1Database, D1PreparedStatement};
use crate::http::Failure;
use crate::scope::Scope;
use crate::services::auth::Caller;
use crate::storage::admins::{self, AdminFields, AdminRow};
use crate::storage::audit::{self, AuditEntry};
use crate::storage::groups::{self, GroupRow};
use crate::storage::{admin_links, assignments, sessions, units};

async fn group_in_scope(db: &D1Database, scope: &Scope, id: &str) -> Result<GroupRow, Failure> {
    groups::find(db, scope, id)
        .await?
        .ok_or(Failure(ErrorCode::GroupNotFound))
}

/// What changed, for the audit entry written in the same batch as the change.
struct Change<'a> {
    district_id: &'a str,
    action: AuditAction,
    entity: &'a str,
    entity_id: &'a str,
}

fn audit_stmt(
    db: &D1Database,
    caller: &Caller,
    at: &str,
    change: Change<'_>,
    detail: serde_json::Value,
) -> Result<D1PreparedStatement, Failure> {
    Ok(audit::insert(
        db,
        &AuditEntry {
            at,
            actor: &caller.principal.actor(),
            district_id: Some(change.district_id),
            action: change.action,
            entity: change.entity,
            entity_id: change.entity_id,
            detail: &detail.to_string(),
        },
    )?)
}

async fn admin_in_scope(db: &D1Database, scope: &Scope, id: &str) -> Result<AdminRow, Failure> {
    admins::find(db, scope, id)
        .await?
        .ok_or(Failure(ErrorCode::AdminNotFound))
}

pub async fn group_detail(
    db: &D1Database,
    scope: &Scope,
    id: &str,
) -> Result<GroupDetail, Failure> {
    let group = group_in_scope(db, scope, id).await?;
    let unit = units::find(db, scope, &group.unit_id)
        .await?
        .ok_or(Failure(ErrorCode::GroupNotFound))?;
    let history = assignments::history(db, &group.id).await?;
    let admin = history
        .iter()
        .find(|a| a.ended_at.is_none())
        .map(|a| a.admin.clone());
    Ok(GroupDetail {
        breadcrumbs: units::breadcrumbs(db, scope, &group.unit_id).await?,
        member_counts: groups::member_counts(db, &group.id).await?,
        id: group.id,
        name: group.name,
        invite_link: group.invite_link,
        member_limit: group.member_limit,
        unit: unit.unit,
        admin,
        assignments: history,
    })
}

pub async fn update_group(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    id: &str,
    update: &GroupUpdate,
    now_ms: i64,
) -> Result<(), Failure> {
    let group = group_in_scope(db, scope, id).await?;
    let (name, link, limit) = apply_group_update(
        &group.name,
        group.invite_link.as_deref(),
        group.member_limit,
        update,
    )?;
    let at = ist_timestamp(now_ms);
    let detail = serde_json::json!({
        "before": {"name": group.name, "invite_link": group.invite_link, "member_limit": group.member_limit},
        "after": {"name": name, "invite_link": link, "member_limit": limit},
    });
    db.batch(vec![
        groups::update(db, &group.id, &name, link.as_deref(), limit)?,
        audit_stmt(
            db,
            caller,
            &at,
            Change {
                district_id: &group.district_id,
                action: AuditAction::GroupUpdate,
                entity: "group",
                entity_id: &group.id,
            },
            detail,
        )?,
    ])
    .await?;
    Ok(())
}

pub async fn record_member_count(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    id: &str,
    report: &MemberCountReport,
    now_ms: i64,
) -> Result<(), Failure> {
    let group = group_in_scope(db, scope, id).await?;
    let count = validate_member_count(report.member_count, group.member_limit)?;
    let at = ist_timestamp(now_ms);
    let actor = caller.principal.actor();
    db.batch(vec![
        groups::insert_member_count(db, &group.id, count, &at, now_ms, &actor)?,
        audit_stmt(
            db,
            caller,
            &at,
            Change {
                district_id: &group.district_id,
                action: AuditAction::GroupMemberCount,
                entity: "group",
                entity_id: &group.id,
            },
            serde_json::json!({ "member_count": count }),
        )?,
    ])
    .await?;
    Ok(())
}

/// Closes the open assignment (if any) and opens one for the new admin, in one
/// transaction. The old admin's access ends with the assignment (sessions are checked
/// against open assignments on every request); if they administer no other group,
/// their links and sessions are revoked as well.
pub async fn replace_admin(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    group_id: &str,
    request: &ReplaceAdminRequest,
    now_ms: i64,
) -> Result<(), Failure> {
    let group = group_in_scope(db, scope, group_id).await?;
    let new_admin = validate_admin(&request.new_admin)?;
    let note = clean_text(&request.end_note, 500).ok_or(Failure(ErrorCode::InvalidText))?;
    let current = assignments::open_for_group(db, &group.id).await?;
    let existing = admins::find_by_mobile(db, &group.district_id, &new_admin.mobile).await?;
    if let (Some(cur), Some(ex)) = (&current, &existing) {
        if cur.admin.id == ex.id {
            return Err(ErrorCode::SameAdmin.into());
        }
    }
    let at = ist_timestamp(now_ms);
    let fields = AdminFields {
        name: &new_admin.name,
        mobile: &new_admin.mobile,
        designation: &new_admin.designation,
        department: &new_admin.department,
    };
    let mut batch = Vec::new();
    if let Some(cur) = &current {
        batch.push(assignments::close(
            db,
            &cur.id,
            &at,
            request.end_reason,
            &note,
        )?);
        if assignments::open_count_for_admin(db, &cur.admin.id).await? <= 1 {
            batch.push(admin_links::revoke_all(db, &cur.admin.id, &at)?);
            batch.push(sessions::revoke_all_for_admin(db, &cur.admin.id, now_ms)?);
        }
    }
    let admin_id = match &existing {
        Some(ex) => {
            // The mobile belongs to an admin already registered: they take the group. If
            // the officer typed other details for them, that change is made and audited
            // as an edit of that admin, not hidden inside the replacement.
            let changed = (
                ex.name.as_str(),
                ex.designation.as_str(),
                ex.department.as_str(),
            ) != (
                new_admin.name.as_str(),
                new_admin.designation.as_str(),
                new_admin.department.as_str(),
            );
            if changed {
                batch.push(admins::update(db, &ex.id, &fields)?);
                batch.push(admin_edit_audit(
                    db,
                    caller,
                    &at,
                    ex,
                    &new_admin,
                    serde_json::json!({ "via": "group.replace_admin", "group_id": group.id }),
                )?);
            }
            ex.id.clone()
        }
        None => {
            let id = format!("admin-{}", uuid::Uuid::new_v4());
            batch.push(admins::insert(db, &id, &group.district_id, &fields, &at)?);
            id
        }
    };
    let assignment_id = format!("asg-{}", uuid::Uuid::new_v4());
    batch.push(assignments::insert(
        db,
        &assignment_id,
        &admin_id,
        &group.id,
        &at,
    )?);
    batch.push(audit_stmt(
        db,
        caller,
        &at,
        Change {
            district_id: &group.district_id,
            action: AuditAction::GroupReplaceAdmin,
            entity: "group",
            entity_id: &group.id,
        },
        serde_json::json!({
            "old_admin_id": current.as_ref().map(|c| c.admin.id.clone()),
            "new_admin_id": admin_id,
            "end_reason": request.end_reason.as_str(),
            "end_note": note,
        }),
    )?);
    db.batch(batch).await.map_err(|e| {
        // The partial unique index on open assignments rejects a concurrent replacement.
        worker::console_error!("replace admin for {}: {e}", group.id);
        Failure(ErrorCode::StorageUnavailable)
    })?;
    Ok(())
}

/// The audit entry of an edit of admin `before` into `after`, with `extra` facts (what
/// made the edit, what followed from it).
fn admin_edit_audit(
    db: &D1Database,
    caller: &Caller,
    at: &str,
    before: &AdminRow,
    after: &ValidAdmin,
    extra: serde_json::Value,
) -> Result<D1PreparedStatement, Failure> {
    let mut detail = serde_json::json!({
        "before": before.view(),
        "after": {"name": after.name, "mobile": after.mobile,
            "designation": after.designation, "department": after.department},
    });
    if let (Some(d), serde_json::Value::Object(more)) = (detail.as_object_mut(), extra) {
        d.extend(more);
    }
    audit_stmt(
        db,
        caller,
        at,
        Change {
            district_id: &before.district_id,
            action: AuditAction::AdminUpdate,
            entity: "admin",
            entity_id: &before.id,
        },
        detail,
    )
}

pub async fn update_admin(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    admin_id: &str,
    input: &AdminInput,
    now_ms: i64,
) -> Result<(), Failure> {
    let admin = admin_in_scope(db, scope, admin_id).await?;
    let valid = validate_admin(input)?;
    if let Some(other) = admins::find_by_mobile(db, &admin.district_id, &valid.mobile).await? {
        if other.id != admin.id {
            return Err(ErrorCode::InvalidMobile.into());
        }
    }
    let at = ist_timestamp(now_ms);
    let fields = AdminFields {
        name: &valid.name,
        mobile: &valid.mobile,
        designation: &valid.designation,
        department: &valid.department,
    };
    let mobile_changed = admin.mobile != valid.mobile;
    let mut batch = vec![
        admins::update(db, &admin.id, &fields)?,
        admin_edit_audit(
            db,
            caller,
            &at,
            &admin,
            &valid,
            serde_json::json!({ "sessions_ended": mobile_changed }),
        )?,
    ];
    if mobile_changed {
        // A new number is a new phone, or the old one in someone else's hands: whoever
        // holds the old phone's session or link loses it; the admin gets a new link.
        batch.push(sessions::revoke_all_for_admin(db, &admin.id, now_ms)?);
        batch.push(admin_links::revoke_all(db, &admin.id, &at)?);
    }
    db.batch(batch).await?;
    Ok(())
}

/// Issues a new personal link (revoking earlier ones). The token appears only in this
/// response; D1 keeps its SHA-256.
pub async fn issue_link(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    admin_id: &str,
    origin: &str,
    now_ms: i64,
) -> Result<AdminLinkIssued, Failure> {
    let admin = admin_in_scope(db, scope, admin_id).await?;
    let token = token_from_random(&random_bytes::<32>()?);
    let at = ist_timestamp(now_ms);
    db.batch(vec![
        admin_links::revoke_all(db, &admin.id, &at)?,
        admin_links::insert(
            db,
            &sha256_hex(token.as_bytes()),
            &admin.id,
            &at,
            &caller.principal.actor(),
        )?,
        audit_stmt(
            db,
            caller,
            &at,
            Change {
                district_id: &admin.district_id,
                action: AuditAction::AdminLinkIssue,
                entity: "admin",
                entity_id: &admin.id,
            },
            serde_json::json!({}),
        )?,
    ])
    .await?;
    // In the fragment, which browsers never send: the token reaches no request line and
    // so no log. Phones without JavaScript sign in at /f with the same code.
    let url = format!("{origin}/a#{token}");
    let message_hi = format!(
        "नमस्ते {}, प्रसार में अपने व्हाट्सऐप समूह का दैनिक स्क्रीनशॉट भेजने के लिए यह आपका व्यक्तिगत लिंक है: {url} — इसे किसी और के साथ साझा न करें। लिंक न खुले तो {origin}/f पर # के बाद का कोड डालें।",
        admin.name
    );
    let digits = admin.mobile.trim_start_matches('+');
    let whatsapp_url = format!(
        "https://wa.me/{digits}?text={}",
        percent_encode(&message_hi)
    );
    let qr_svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|_| Failure(ErrorCode::Internal))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .build();
    Ok(AdminLinkIssued {
        url,
        whatsapp_url,
        message_hi,
        qr_svg,
    })
}

pub async fn revoke_links(
    db: &D1Database,
    caller: &Caller,
    scope: &Scope,
    admin_id: &str,
    now_ms: i64,
) -> Result<(), Failure> {
    let admin = admin_in_scope(db, scope, admin_id).await?;
    let at = ist_timestamp(now_ms);
    db.batch(vec![
        admin_links::revoke_all(db, &admin.id, &at)?,
        sessions::revoke_all_for_admin(db, &admin.id, now_ms)?,
        audit_stmt(
            db,
            caller,
            &at,
            Change {
                district_id: &admin.district_id,
                action: AuditAction::AdminLinkRevoke,
                entity: "admin",
                entity_id: &admin.id,
            },
            serde_json::json!({}),
        )?,
    ])
    .await?;
    Ok(())
}

/// Percent-encodes everything but letters and digits, as wa.me's `text` expects.
fn percent_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}
