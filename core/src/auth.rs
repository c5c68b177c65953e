//! Roles, what each may do, and the pure parts of signing in: password-hash format,
//! session cookies and the login rate limit. The worker supplies crypto and storage.

use serde::{Deserialize, Serialize};

/// Officials' roles. Group admins are not accounts: they sign in with a personal link.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    StateAdmin,
    Collector,
    NodalOfficer,
    PrOfficer,
    BlockOfficer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::StateAdmin,
        Role::Collector,
        Role::NodalOfficer,
        Role::PrOfficer,
        Role::BlockOfficer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::StateAdmin => "state_admin",
            Role::Collector => "collector",
            Role::NodalOfficer => "nodal_officer",
            Role::PrOfficer => "pr_officer",
            Role::BlockOfficer => "block_officer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::StateAdmin => "State administrator",
            Role::Collector => "District collector",
            Role::NodalOfficer => "Nodal officer",
            Role::PrOfficer => "PR officer",
            Role::BlockOfficer => "Block officer",
        }
    }

    pub fn label_hi(self) -> &'static str {
        match self {
            Role::StateAdmin => "राज्य प्रशासक",
            Role::Collector => "जिला कलेक्टर",
            Role::NodalOfficer => "नोडल अधिकारी",
            Role::PrOfficer => "जनसंपर्क अधिकारी",
            Role::BlockOfficer => "ब्लॉक अधिकारी",
        }
    }

    /// The unit kind an account of this role is bound to.
    pub fn area_kind(self) -> &'static str {
        match self {
            Role::StateAdmin => "state",
            Role::Collector | Role::NodalOfficer | Role::PrOfficer => "district",
            Role::BlockOfficer => "block",
        }
    }
}

/// Who is calling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    Official {
        account_id: String,
        role: Role,
        area_id: String,
    },
    GroupAdmin {
        admin_id: String,
        district_id: String,
    },
}

/// What a caller wants to do; the area check (which unit) happens in the queries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    ReadRegistry,
    ManageRegistry,
    Import,
    RecordMemberCount,
    SubmitScreenshot,
    ReadSubmissions,
    ReadAuditLog,
    /// Storage housekeeping (the orphan sweep): state administrators only.
    RunMaintenance,
    // --- campaigns and success stories ---
    /// Today's campaign items and their images (admins: for their groups).
    ReadCampaigns,
    /// The officers' lists of items and who posted them.
    FollowCampaigns,
    /// Publish, edit and withdraw campaign items.
    PublishCampaign,
    /// Send a success story (group admins and block officers).
    SendStory,
    /// Read success stories (admins: their own).
    ReadStories,
    /// Accept or reject stories and turn them into campaign items.
    ReviewStory,
    // --- monitoring ---
    /// Compliance rates and the inactive-admin list (block officers: their block).
    ReadCompliance,
    /// Today's checks: see them, prepare the WhatsApp request, log calls.
    FollowUpChecks,
    /// Run the day's draw on demand (the cron trigger runs it every morning).
    RunDraw,
    /// Mark submissions verified, with issues, or rejected.
    ReviewSubmissions,
}

impl Principal {
    pub fn actor(&self) -> String {
        match self {
            Principal::Official { account_id, .. } => format!("account:{account_id}"),
            Principal::GroupAdmin { admin_id, .. } => format!("admin:{admin_id}"),
        }
    }

    pub fn may(&self, action: Action) -> bool {
        use Action::*;
        match self {
            Principal::GroupAdmin { .. } => matches!(
                action,
                SubmitScreenshot | RecordMemberCount | ReadCampaigns | SendStory | ReadStories
            ),
            Principal::Official { role, .. } => match action {
                ReadRegistry | ReadSubmissions | RecordMemberCount => true,
                ManageRegistry | Import | ReadAuditLog => *role != Role::BlockOfficer,
                // Screenshots come from the group's admin, not from officers.
                SubmitScreenshot => false,
                RunMaintenance => *role == Role::StateAdmin,
                // --- campaigns and success stories ---
                ReadCampaigns | FollowCampaigns | ReadStories => true,
                // The district's publicity desk: the PR officer, the collector above them,
                // and at state level the state administrator.
                PublishCampaign | ReviewStory => {
                    matches!(role, Role::PrOfficer | Role::Collector | Role::StateAdmin)
                }
                // Stories come from the field: admins and block officers.
                SendStory => *role == Role::BlockOfficer,
                // --- monitoring ---
                ReadCompliance => true,
                // The directive puts the daily check on the collector and the nodal
                // officer; the PR officer reviews content and follows up with them.
                FollowUpChecks | ReviewSubmissions => *role != Role::BlockOfficer,
                RunDraw => matches!(
                    role,
                    Role::StateAdmin | Role::Collector | Role::NodalOfficer
                ),
            },
        }
    }
}

/// PBKDF2-HMAC-SHA256 through WebCrypto: native code in workerd, so 100,000 iterations
/// cost a few milliseconds of CPU per login. workerd refuses more than 100,000.
pub const PBKDF2_ITERATIONS: u32 = 100_000;

/// `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordHash {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub hash: Vec<u8>,
}

impl PasswordHash {
    pub fn parse(text: &str) -> Option<PasswordHash> {
        use base64::{engine::general_purpose::STANDARD, Engine};
        let mut parts = text.split('$');
        if parts.next()? != "pbkdf2-sha256" {
            return None;
        }
        let iterations: u32 = parts.next()?.parse().ok()?;
        let salt = STANDARD.decode(parts.next()?).ok()?;
        let hash = STANDARD.decode(parts.next()?).ok()?;
        if parts.next().is_some()
            || !(1..=PBKDF2_ITERATIONS).contains(&iterations)
            || salt.len() < 16
            || hash.len() != 32
        {
            return None;
        }
        Some(PasswordHash {
            iterations,
            salt,
            hash,
        })
    }

    pub fn encode(&self) -> String {
        use base64::{engine::general_purpose::STANDARD, Engine};
        format!(
            "pbkdf2-sha256${}${}${}",
            self.iterations,
            STANDARD.encode(&self.salt),
            STANDARD.encode(&self.hash)
        )
    }
}

/// Compares secrets without an early exit, so timing does not reveal a prefix match.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub const SESSION_COOKIE: &str = "prasar_session";
/// Officials sign in for a working day at a time.
pub const OFFICIAL_SESSION_MS: i64 = 12 * 3600 * 1000;
/// Group admins use the app from their own phone every day; their link stays valid.
pub const ADMIN_SESSION_MS: i64 = 180 * 24 * 3600 * 1000;

/// The `Set-Cookie` value for a new session. `Secure` is left out only for loopback
/// hosts, where browsers other than Chromium refuse Secure cookies over plain HTTP.
pub fn session_cookie(token: &str, max_age_ms: i64, host_is_loopback: bool) -> String {
    let secure = if host_is_loopback { "" } else { "; Secure" };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        max_age_ms / 1000
    )
}

pub fn clear_session_cookie(host_is_loopback: bool) -> String {
    session_cookie("", 0, host_is_loopback)
}

/// Reads our session token from a `Cookie` header.
pub fn session_token_from_cookie_header(header: &str) -> Option<&str> {
    header.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == SESSION_COOKIE && is_valid_token(value)).then_some(value)
    })
}

pub fn is_loopback_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(name, "localhost" | "127.0.0.1" | "[::1]") || name.starts_with("127.")
}

/// Session tokens and personal-link tokens: 32 random bytes as 64 lowercase hex digits.
pub fn is_valid_token(token: &str) -> bool {
    token.len() == 64
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn token_from_random(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Login rate limit: attempts counted over a sliding window, per account and per
/// client address, so neither guessing one password nor spraying many accounts works.
/// The worker reserves an attempt before checking its password (one SQL statement with
/// both limits, `storage::login_failures::reserve`) and takes it back on success, so at
/// most these many passwords are ever checked, however many requests arrive at once.
pub const LOGIN_WINDOW_MS: i64 = 15 * 60 * 1000;
pub const MAX_FAILURES_PER_ACCOUNT: u32 = 5;
pub const MAX_FAILURES_PER_ADDRESS: u32 = 20;

/// Usernames are short lowercase handles such as `collector.udaipur`.
pub fn is_valid_username(name: &str) -> bool {
    (3..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn official(role: Role) -> Principal {
        Principal::Official {
            account_id: "a".into(),
            role,
            area_id: "district-108".into(),
        }
    }

    #[test]
    fn group_admins_may_only_submit_and_report_members() {
        let admin = Principal::GroupAdmin {
            admin_id: "x".into(),
            district_id: "d".into(),
        };
        assert!(admin.may(Action::SubmitScreenshot));
        assert!(admin.may(Action::RecordMemberCount));
        for a in [
            Action::ReadRegistry,
            Action::ManageRegistry,
            Action::Import,
            Action::ReadSubmissions,
            Action::ReadAuditLog,
            Action::RunMaintenance,
        ] {
            assert!(!admin.may(a), "{a:?}");
        }
    }

    #[test]
    fn only_state_administrators_run_maintenance() {
        for role in Role::ALL {
            assert_eq!(
                official(role).may(Action::RunMaintenance),
                role == Role::StateAdmin,
                "{role:?}"
            );
        }
    }

    #[test]
    fn block_officers_read_but_do_not_manage() {
        let bdo = official(Role::BlockOfficer);
        assert!(bdo.may(Action::ReadRegistry));
        assert!(!bdo.may(Action::ManageRegistry));
        assert!(!bdo.may(Action::Import));
        assert!(!bdo.may(Action::ReadAuditLog));
        for role in [
            Role::Collector,
            Role::NodalOfficer,
            Role::PrOfficer,
            Role::StateAdmin,
        ] {
            assert!(official(role).may(Action::ManageRegistry), "{role:?}");
            assert!(!official(role).may(Action::SubmitScreenshot), "{role:?}");
        }
    }

    #[test]
    fn campaigns_are_published_by_the_publicity_desk_and_stories_come_from_the_field() {
        let admin = Principal::GroupAdmin {
            admin_id: "x".into(),
            district_id: "d".into(),
        };
        for a in [
            Action::ReadCampaigns,
            Action::SendStory,
            Action::ReadStories,
        ] {
            assert!(admin.may(a), "{a:?}");
        }
        for a in [
            Action::FollowCampaigns,
            Action::PublishCampaign,
            Action::ReviewStory,
        ] {
            assert!(!admin.may(a), "{a:?}");
        }
        for role in Role::ALL {
            let p = official(role);
            let desk = matches!(role, Role::PrOfficer | Role::Collector | Role::StateAdmin);
            assert_eq!(p.may(Action::PublishCampaign), desk, "{role:?}");
            assert_eq!(p.may(Action::ReviewStory), desk, "{role:?}");
            assert_eq!(
                p.may(Action::SendStory),
                role == Role::BlockOfficer,
                "{role:?}"
            );
            assert!(p.may(Action::FollowCampaigns) && p.may(Action::ReadStories));
        }
    }

    #[test]
    fn roles_round_trip_and_are_labelled_in_both_languages() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert!(role
                .label_hi()
                .chars()
                .any(|c| ('\u{0900}'..='\u{097F}').contains(&c)));
            assert!(!role.label_en().is_empty());
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn password_hash_format_round_trips_and_rejects_junk() {
        let h = PasswordHash {
            iterations: 100_000,
            salt: vec![7; 16],
            hash: vec![9; 32],
        };
        assert_eq!(PasswordHash::parse(&h.encode()), Some(h));
        for bad in [
            "",
            "bcrypt$10$x$y",
            "pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
            "pbkdf2-sha256$200000$BwcHBwcHBwcHBwcHBwcHBw==$CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=",
            "pbkdf2-sha256$1000$!!$!!",
        ] {
            assert_eq!(PasswordHash::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn constant_time_eq_compares_whole_values() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    #[test]
    fn cookies_are_httponly_strict_and_secure_off_loopback() {
        let token = "a".repeat(64);
        let c = session_cookie(&token, OFFICIAL_SESSION_MS, false);
        assert!(c.starts_with(&format!("prasar_session={token};")));
        for part in [
            "HttpOnly",
            "SameSite=Strict",
            "Secure",
            "Path=/",
            "Max-Age=43200",
        ] {
            assert!(c.contains(part), "{c} lacks {part}");
        }
        assert!(!session_cookie(&token, 1000, true).contains("Secure"));
        assert!(clear_session_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn cookie_header_parsing_finds_only_valid_tokens() {
        let token = "0123456789abcdef".repeat(4);
        let header = format!("theme=dark; prasar_session={token}; other=1");
        assert_eq!(
            session_token_from_cookie_header(&header),
            Some(token.as_str())
        );
        assert_eq!(
            session_token_from_cookie_header("prasar_session=short"),
            None
        );
        assert_eq!(
            session_token_from_cookie_header("prasar_session=' OR 1=1 --"),
            None
        );
        assert_eq!(session_token_from_cookie_header(""), None);
    }

    #[test]
    fn loopback_hosts() {
        for h in ["localhost", "localhost:8787", "127.0.0.1:41234", "[::1]:80"] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in [
            "prasar.example.in",
            "udaipur.rajasthan.gov.in:443",
            "10.0.0.1",
        ] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }

    #[test]
    fn tokens_and_usernames() {
        assert_eq!(token_from_random(&[0xab; 32]), "ab".repeat(32));
        assert!(is_valid_token(&"ab".repeat(32)));
        assert!(!is_valid_token(&"AB".repeat(32)));
        assert!(is_valid_username("collector.udaipur"));
        assert!(!is_valid_username("Collector"));
        assert!(!is_valid_username("x' or '1"));
    }

    #[test]
    fn monitoring_rights() {
        use Action::*;
        let admin = Principal::GroupAdmin {
            admin_id: "x".into(),
            district_id: "d".into(),
        };
        for a in [ReadCompliance, FollowUpChecks, RunDraw, ReviewSubmissions] {
            assert!(!admin.may(a), "{a:?}");
        }
        let bdo = official(Role::BlockOfficer);
        assert!(bdo.may(ReadCompliance));
        assert!(!bdo.may(FollowUpChecks) && !bdo.may(ReviewSubmissions) && !bdo.may(RunDraw));
        let pr = official(Role::PrOfficer);
        assert!(pr.may(ReviewSubmissions) && pr.may(FollowUpChecks) && !pr.may(RunDraw));
        for role in [Role::Collector, Role::NodalOfficer, Role::StateAdmin] {
            for a in [ReadCompliance, FollowUpChecks, RunDraw, ReviewSubmissions] {
                assert!(official(role).may(a), "{role:?} {a:?}");
            }
        }
    }
}
