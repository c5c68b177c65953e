//! Who is signed in. The app asks `GET /api/session` once at start; sign-in and sign-out
//! update the same context signal, and `api` keeps the session's CSRF token in step.

use leptos::prelude::*;
use leptos::task::spawn_local;
use prasar_core::api::{Me, SessionKind};
use prasar_core::auth::Role;
use prasar_core::error::ErrorCode;

use crate::api::{self, ApiFailure};

#[derive(Clone, Debug, PartialEq)]
pub enum Session {
    Loading,
    SignedOut,
    /// The session could not be read (network); the page offers a retry.
    Failed(ApiFailure),
    SignedIn(Me),
}

impl Session {
    pub fn me(&self) -> Option<&Me> {
        match self {
            Session::SignedIn(me) => Some(me),
            _ => None,
        }
    }
}

pub fn provide_session() {
    let session = RwSignal::new(Session::Loading);
    provide_context(session);
    reload_session(session);
}

pub fn use_session() -> RwSignal<Session> {
    expect_context::<RwSignal<Session>>()
}

/// Bumped by every sign-in and sign-out, so that an answer to a session check that
/// started earlier cannot undo them.
static CHANGES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn changed() {
    CHANGES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

pub fn reload_session(session: RwSignal<Session>) {
    let started = CHANGES.load(std::sync::atomic::Ordering::Relaxed);
    spawn_local(async move {
        // A group admin's phone remembers the session, so the app opens offline (the
        // outbox asks the server afresh before it sends anything).
        let answer = api::me_or_remembered().await;
        // The personal link page signs in while the app's first check is under way: that
        // check's "not signed in" must not sign the admin straight out again.
        if CHANGES.load(std::sync::atomic::Ordering::Relaxed) != started {
            return;
        }
        match answer {
            Ok(me) => signed_in(session, me),
            Err(f) if f.is(ErrorCode::Unauthenticated) => signed_out(session),
            Err(f) => session.set(Session::Failed(f)),
        }
    });
}

pub fn signed_in(session: RwSignal<Session>, me: Me) {
    changed();
    api::set_csrf(&me.csrf_token);
    session.set(Session::SignedIn(me));
}

pub fn signed_out(session: RwSignal<Session>) {
    changed();
    api::set_csrf("");
    api::forget_remembered();
    session.set(Session::SignedOut);
}

/// What a page needs from the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Official,
    GroupAdmin,
    /// Officials who may read the audit log.
    Audit,
    /// Officials who may change the registry (and import).
    Manage,
    // --- campaigns and success stories ---
    /// Officials who publish campaign items and review stories.
    Publish,
    /// Group admins and block officers, who send success stories.
    SendStory,
}

pub fn is_official(me: &Me) -> bool {
    me.kind == SessionKind::Official
}

/// Block officers may not read the audit log; every other official may.
pub fn may_read_audit(me: &Me) -> bool {
    is_official(me) && me.role.is_some_and(|r| r != Role::BlockOfficer)
}

pub fn allows(need: Need, me: &Me) -> bool {
    match need {
        Need::Official => is_official(me),
        Need::GroupAdmin => me.kind == SessionKind::GroupAdmin,
        Need::Audit => may_read_audit(me),
        Need::Manage => is_official(me) && me.may_manage,
        Need::Publish => may_publish(me),
        Need::SendStory => may_send_story(me),
    }
}

// --- campaigns and success stories ---

/// The district's publicity desk (see `Action::PublishCampaign`).
pub fn may_publish(me: &Me) -> bool {
    is_official(me)
        && me
            .role
            .is_some_and(|r| matches!(r, Role::PrOfficer | Role::Collector | Role::StateAdmin))
}

pub fn may_send_story(me: &Me) -> bool {
    me.kind == SessionKind::GroupAdmin || me.role == Some(Role::BlockOfficer)
}
