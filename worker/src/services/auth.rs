//! Signing in and recognising the caller.
//!
//! Officials: username and password (PBKDF2-SHA256 via WebCrypto), rate-limited per
//! account and per client address. Group admins: a personal link whose token is stored
//! only as a hash. Both get a random session token in an HttpOnly, SameSite=Strict
//! cookie; D1 keeps only the token's SHA-256, so sessions are revocable.

use prasar_core::api::{Me, SessionKind};
use prasar_core::audit::AuditAction;
use prasar_core::auth::{
    constant_time_eq, is_valid_token, is_valid_username, token_from_random, Action, PasswordHash,
    Principal, Role, ADMIN_SESSION_MS, LOGIN_WINDOW_MS, MAX_FAILURES_PER_ACCOUNT,
    MAX_FAILURES_PER_ADDRESS, OFFICIAL_SESSION_MS, PBKDF2_ITERATIONS,
};
use prasar_core::error::ErrorCode;
use prasar_core::screenshot::sha256_hex;
use prasar_core::time::ist_timestamp;

use crate::crypto::{pbkdf2_sha256, random_bytes};
use crate::db::D1Database;
use crate::http::Failure;
use crate::storage::audit::{self, AuditEntry};
use crate::storage::{accounts, admin_links, admins, assignments, login_failures, sessions, units};

/// A recognised caller and their session.
pub struct Caller {
    pub principal: Principal,
    pub csrf_token: String,
    pub session_hash: String,
    /// For audit entries: the district the caller belongs to, if any.
    pub district_id: Option<String>,
}

/// A new session: the cookie token (only returned once) and what the app needs.
pub struct NewSession {
    pub token: String,
    pub max_age_ms: i64,
    pub me: Me,
}

fn new_token() -> worker::Result<String> {
    Ok(token_from_random(&random_bytes::<32>()?))
}

pub async fn login(
    db: &D1Database,
    username: &str,
    password: &str,
    client_address: &str,
    now_ms: i64,
) -> Result<NewSession, Failure> {
    let user_key = format!("user:{}", username.to_lowercase());
    let address_key = format!("ip:{client_address}");
    let since = now_ms - LOGIN_WINDOW_MS;
    // Reserve the attempt before any password is checked: concurrent attempts cannot all
    // slip under the limit between a count and a write.
    let Some(reserved) = login_failures::reserve(
        db,
        (&user_key, MAX_FAILURES_PER_ACCOUNT),
        (&address_key, MAX_FAILURES_PER_ADDRESS),
        now_ms,
        since,
    )
    .await?
    else {
        return Err(ErrorCode::TooManyAttempts.into());
    };

    let account = if is_valid_username(username) && password.len() <= 256 {
        accounts::find_by_username(db, username).await?
    } else {
        None
    };
    let stored = account
        .as_ref()
        .filter(|a| a.disabled_at.is_none())
        .and_then(|a| PasswordHash::parse(&a.password_hash).map(|h| (a, h)));
    let verified = match &stored {
        Some((_, hash)) => {
            let derived = pbkdf2_sha256(password.as_bytes(), &hash.salt, hash.iterations).await?;
            constant_time_eq(&derived, &hash.hash)
        }
        None => {
            // Same work for unknown users, so response time does not reveal which exist.
            pbkdf2_sha256(password.as_bytes(), &[0u8; 16], PBKDF2_ITERATIONS).await?;
            false
        }
    };
    let Some((account, _)) = stored.filter(|_| verified) else {
        // The reservation stays as the failure. A known account's owner and the state
        // administrator see it in the audit log (state-level entry, so not every district
        // officer); the reservation bounds these entries to the rate limit.
        if let Some(account) = &account {
            audit::insert(
                db,
                &AuditEntry {
                    at: &ist_timestamp(now_ms),
                    actor: "anonymous",
                    district_id: None,
                    action: AuditAction::SessionLoginFailed,
                    entity: "account",
                    entity_id: &account.id,
                    detail: &serde_json::json!({ "address": client_address }).to_string(),
                },
            )?
            .run()
            .await?;
        }
        return Err(ErrorCode::InvalidCredentials.into());
    };

    let role = Role::parse(&account.role).ok_or(Failure(ErrorCode::Internal))?;
    let principal = Principal::Official {
        account_id: account.id.clone(),
        role,
        area_id: account.area_id.clone(),
    };
    let token = new_token()?;
    let csrf = new_token()?;
    let at = ist_timestamp(now_ms);
    let district = district_of(db, &principal).await?;
    db.batch(vec![
        sessions::insert(
            db,
            &sessions::NewSession {
                id_hash: &sha256_hex(token.as_bytes()),
                account_id: Some(&account.id),
                admin_id: None,
                csrf_token: &csrf,
                now_ms,
                expires_at_ms: now_ms + OFFICIAL_SESSION_MS,
            },
        )?,
        audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: &principal.actor(),
                district_id: district.as_deref(),
                action: AuditAction::SessionLogin,
                entity: "account",
                entity_id: &account.id,
                detail: "{}",
            },
        )?,
        login_failures::release(db, &reserved)?,
        login_failures::prune(db, since)?,
    ])
    .await?;
    let me = me(db, &principal, &csrf).await?;
    Ok(NewSession {
        token,
        max_age_ms: OFFICIAL_SESSION_MS,
        me,
    })
}

/// Exchanges a personal link's token for an admin session.
pub async fn admin_link_login(
    db: &D1Database,
    token: &str,
    now_ms: i64,
) -> Result<NewSession, Failure> {
    if !is_valid_token(token) {
        return Err(ErrorCode::InvalidLink.into());
    }
    let admin_id = admin_links::find_active_admin(db, &sha256_hex(token.as_bytes()))
        .await?
        .ok_or(Failure(ErrorCode::InvalidLink))?;
    let admin = admins::find_unscoped(db, &admin_id)
        .await?
        .ok_or(Failure(ErrorCode::InvalidLink))?;
    if assignments::open_count_for_admin(db, &admin_id).await? == 0 {
        return Err(ErrorCode::InvalidLink.into());
    }
    let principal = Principal::GroupAdmin {
        admin_id: admin.id.clone(),
        district_id: admin.district_id.clone(),
    };
    let session_token = new_token()?;
    let csrf = new_token()?;
    let at = ist_timestamp(now_ms);
    db.batch(vec![
        sessions::insert(
            db,
            &sessions::NewSession {
                id_hash: &sha256_hex(session_token.as_bytes()),
                account_id: None,
                admin_id: Some(&admin.id),
                csrf_token: &csrf,
                now_ms,
                expires_at_ms: now_ms + ADMIN_SESSION_MS,
            },
        )?,
        audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: &principal.actor(),
                district_id: Some(&admin.district_id),
                action: AuditAction::SessionLinkLogin,
                entity: "admin",
                entity_id: &admin.id,
                detail: "{}",
            },
        )?,
    ])
    .await?;
    let me = me(db, &principal, &csrf).await?;
    Ok(NewSession {
        token: session_token,
        max_age_ms: ADMIN_SESSION_MS,
        me,
    })
}

/// The caller behind a session token, if the session is live. A group admin with no
/// open assignment left has no access, whatever their session says.
pub async fn authenticate(
    db: &D1Database,
    token: &str,
    now_ms: i64,
) -> Result<Option<Caller>, Failure> {
    let session_hash = sha256_hex(token.as_bytes());
    let Some(session) = sessions::find_active(db, &session_hash, now_ms).await? else {
        return Ok(None);
    };
    let principal = if let Some(account_id) = &session.account_id {
        match accounts::find(db, account_id).await? {
            Some(a) if a.disabled_at.is_none() => match Role::parse(&a.role) {
                Some(role) => Principal::Official {
                    account_id: a.id,
                    role,
                    area_id: a.area_id,
                },
                None => return Ok(None),
            },
            _ => return Ok(None),
        }
    } else if let Some(admin_id) = &session.admin_id {
        let Some(admin) = admins::find_unscoped(db, admin_id).await? else {
            return Ok(None);
        };
        if assignments::open_count_for_admin(db, admin_id).await? == 0 {
            return Ok(None);
        }
        Principal::GroupAdmin {
            admin_id: admin.id,
            district_id: admin.district_id,
        }
    } else {
        return Ok(None);
    };
    let district_id = district_of(db, &principal).await?;
    Ok(Some(Caller {
        principal,
        csrf_token: session.csrf_token,
        session_hash,
        district_id,
    }))
}

/// The district an official or admin belongs to (None for state administrators).
async fn district_of(db: &D1Database, principal: &Principal) -> Result<Option<String>, Failure> {
    Ok(match principal {
        Principal::GroupAdmin { district_id, .. } => Some(district_id.clone()),
        Principal::Official {
            role: Role::StateAdmin,
            ..
        } => None,
        Principal::Official {
            area_id,
            role: Role::BlockOfficer,
            ..
        } => Some(units_district(db, area_id).await?),
        Principal::Official { area_id, .. } => Some(area_id.clone()),
    })
}

async fn units_district(db: &D1Database, unit_id: &str) -> Result<String, Failure> {
    Ok(crate::storage::units::district_of(db, unit_id).await?)
}

pub async fn me(db: &D1Database, principal: &Principal, csrf_token: &str) -> Result<Me, Failure> {
    Ok(match principal {
        Principal::Official {
            account_id,
            role,
            area_id,
        } => {
            let account = accounts::find(db, account_id)
                .await?
                .ok_or(Failure(ErrorCode::Unauthenticated))?;
            Me {
                kind: SessionKind::Official,
                name: account.display_name,
                role: Some(*role),
                area: units::unit_ref(db, area_id).await?,
                csrf_token: csrf_token.to_owned(),
                may_manage: principal.may(Action::ManageRegistry),
                failed_sign_ins: audit::failed_sign_ins(db, account_id, 30).await?,
            }
        }
        Principal::GroupAdmin {
            admin_id,
            district_id,
        } => {
            let admin = admins::find_unscoped(db, admin_id)
                .await?
                .ok_or(Failure(ErrorCode::Unauthenticated))?;
            Me {
                kind: SessionKind::GroupAdmin,
                name: admin.name,
                role: None,
                area: units::unit_ref(db, district_id).await?,
                csrf_token: csrf_token.to_owned(),
                may_manage: false,
                failed_sign_ins: Vec::new(),
            }
        }
    })
}

pub async fn logout(
    db: &D1Database,
    caller: &Caller,
    everywhere: bool,
    now_ms: i64,
) -> Result<(), Failure> {
    let at = ist_timestamp(now_ms);
    let revoke = match (&caller.principal, everywhere) {
        (_, false) => sessions::revoke(db, &caller.session_hash, now_ms)?,
        (Principal::Official { account_id, .. }, true) => {
            sessions::revoke_all_for_account(db, account_id, now_ms)?
        }
        (Principal::GroupAdmin { admin_id, .. }, true) => {
            sessions::revoke_all_for_admin(db, admin_id, now_ms)?
        }
    };
    let actor = caller.principal.actor();
    db.batch(vec![
        revoke,
        audit::insert(
            db,
            &AuditEntry {
                at: &at,
                actor: &actor,
                district_id: caller.district_id.as_deref(),
                action: if everywhere {
                    AuditAction::SessionLogoutAll
                } else {
                    AuditAction::SessionLogout
                },
                entity: "session",
                entity_id: &actor,
                detail: "{}",
            },
        )?,
    ])
    .await?;
    Ok(())
}
