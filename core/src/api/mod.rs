//! Request and response shapes of the JSON API, shared by the worker (which serialises
//! them) and the app (which reads them), so the two cannot drift apart.

use serde::{Deserialize, Serialize};

mod campaigns;
mod chat_activity;
mod checks;
mod endpoints;
mod maintenance;
mod submissions;
pub use campaigns::*;
pub use chat_activity::*;
pub use checks::*;
pub use endpoints::{Endpoint, Lookup, Method};
pub use maintenance::*;
pub use submissions::*;
// --- map and reports ---
mod map;
mod reports;
pub use map::*;
pub use reports::*;

/// Header carrying the client's idempotency key on uploads.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// The WhatsApp group of a gram panchayat.
    GramPanchayat,
    /// The WhatsApp group of an urban ward.
    Ward,
}

impl GroupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::GramPanchayat => "gram_panchayat",
            GroupKind::Ward => "ward",
        }
    }
}

/// One WhatsApp group as listed for an admin to choose from.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub id: String,
    pub kind: GroupKind,
    pub name_en: String,
    pub name_hi: String,
    /// The block (for a GP) or urban local body (for a ward).
    pub parent_en: String,
    pub parent_hi: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupList {
    pub groups: Vec<GroupSummary>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub ok: bool,
    pub version: String,
    pub today_ist: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_kind_wire_names_match_as_str() {
        for kind in [GroupKind::GramPanchayat, GroupKind::Ward] {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }
}

// ---- Sign-in -------------------------------------------------------------------------

/// Header that carries the session's CSRF token on every state-changing request.
pub const CSRF_HEADER: &str = "X-CSRF-Token";

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// A group admin's personal link is `/a/<token>`: the worker signs the admin in and
/// redirects, so it works without JavaScript. Links issued before carried the token in
/// the fragment (`/a#<token>`); for those the app posts the token here.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminLinkLogin {
    pub token: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Official,
    GroupAdmin,
}

/// The signed-in caller, as the app needs it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub kind: SessionKind,
    pub name: String,
    pub role: Option<crate::auth::Role>,
    /// The official's area (state, district or block); for admins, their district.
    pub area: Option<UnitRef>,
    pub csrf_token: String,
    pub may_manage: bool,
    /// Officials: when someone tried to sign in to this account with a wrong password in
    /// the last 30 days (newest first, at most 20), so the owner notices an attack.
    #[serde(default)]
    pub failed_sign_ins: Vec<String>,
}

// ---- Registry ------------------------------------------------------------------------

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    State,
    District,
    Block,
    GramPanchayat,
    Ulb,
    Ward,
}

impl UnitKind {
    pub const ALL: [UnitKind; 6] = [
        UnitKind::State,
        UnitKind::District,
        UnitKind::Block,
        UnitKind::GramPanchayat,
        UnitKind::Ulb,
        UnitKind::Ward,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::State => "state",
            UnitKind::District => "district",
            UnitKind::Block => "block",
            UnitKind::GramPanchayat => "gram_panchayat",
            UnitKind::Ulb => "ulb",
            UnitKind::Ward => "ward",
        }
    }

    pub fn parse(s: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_en(self) -> &'static str {
        match self {
            UnitKind::State => "State",
            UnitKind::District => "District",
            UnitKind::Block => "Block (panchayat samiti)",
            UnitKind::GramPanchayat => "Gram panchayat",
            UnitKind::Ulb => "Urban local body",
            UnitKind::Ward => "Ward",
        }
    }

    pub fn label_hi(self) -> &'static str {
        match self {
            UnitKind::State => "राज्य",
            UnitKind::District => "जिला",
            UnitKind::Block => "ब्लॉक (पंचायत समिति)",
            UnitKind::GramPanchayat => "ग्राम पंचायत",
            UnitKind::Ulb => "नगर निकाय",
            UnitKind::Ward => "वार्ड",
        }
    }

    /// Units that have a WhatsApp group of their own.
    pub fn has_group(self) -> bool {
        matches!(self, UnitKind::GramPanchayat | UnitKind::Ward)
    }
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitRef {
    pub id: String,
    pub kind: UnitKind,
    pub code: String,
    pub name_en: String,
    /// Empty where no Hindi name is recorded yet; show `name_en` then.
    pub name_hi: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub lon: f64,
    pub lat: f64,
    /// False where the position is approximate (not matched to the HQ village).
    pub exact: bool,
}

/// A group as shown in lists: enough to spot one that needs attention.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupBrief {
    pub id: String,
    pub name: String,
    pub member_count: Option<u32>,
    pub member_limit: u32,
    pub admin_name: Option<String>,
}

impl GroupBrief {
    /// The directive asks for full groups; under 80 % of the limit is flagged.
    pub fn below_fill_target(&self) -> bool {
        below_fill_target(self.member_count, self.member_limit)
    }
}

pub fn below_fill_target(member_count: Option<u32>, member_limit: u32) -> bool {
    match member_count {
        Some(n) => u64::from(n) * 100 < u64::from(member_limit) * 80,
        None => true,
    }
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitNode {
    pub unit: UnitRef,
    pub location: Option<Location>,
    pub child_count: u32,
    pub group: Option<GroupBrief>,
    pub valid_from: String,
    pub valid_to: Option<String>,
}

/// One level of the hierarchy browser.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitPage {
    pub unit: UnitNode,
    /// From the caller's area down to the parent of `unit`.
    pub breadcrumbs: Vec<UnitRef>,
    pub children: Vec<UnitNode>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub results: Vec<UnitNode>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Transferred,
    Inactive,
    Resigned,
    Other,
}

impl EndReason {
    pub const ALL: [EndReason; 4] = [
        EndReason::Transferred,
        EndReason::Inactive,
        EndReason::Resigned,
        EndReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Transferred => "transferred",
            EndReason::Inactive => "inactive",
            EndReason::Resigned => "resigned",
            EndReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<EndReason> {
        EndReason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminView {
    pub id: String,
    pub name: String,
    pub mobile: String,
    pub designation: String,
    pub department: String,
    pub is_demo: bool,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignmentView {
    pub id: String,
    pub admin: AdminView,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub end_reason: Option<EndReason>,
    pub end_note: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberCountEntry {
    pub member_count: u32,
    pub reported_at: String,
    pub reported_by: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupDetail {
    pub id: String,
    pub name: String,
    pub invite_link: Option<String>,
    pub member_limit: u32,
    pub unit: UnitRef,
    pub breadcrumbs: Vec<UnitRef>,
    /// Newest first.
    pub member_counts: Vec<MemberCountEntry>,
    pub admin: Option<AdminView>,
    /// Newest first, including the open one.
    pub assignments: Vec<AssignmentView>,
}

/// Editable group fields; absent fields stay as they are. An empty `invite_link`
/// removes the link.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupUpdate {
    pub name: Option<String>,
    pub invite_link: Option<String>,
    pub member_limit: Option<u32>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberCountReport {
    pub member_count: u32,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminInput {
    pub name: String,
    pub mobile: String,
    #[serde(default)]
    pub designation: String,
    #[serde(default)]
    pub department: String,
}

/// Closes the group's open assignment and opens one for `new_admin` in one transaction.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplaceAdminRequest {
    pub new_admin: AdminInput,
    pub end_reason: EndReason,
    #[serde(default)]
    pub end_note: String,
}

/// A freshly issued personal link (the token is shown once; only its hash is stored).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminLinkIssued {
    pub url: String,
    /// wa.me click-to-chat link with a ready Hindi message containing `url`.
    pub whatsapp_url: String,
    pub message_hi: String,
    /// The link as a QR code, an SVG document.
    pub qr_svg: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntryView {
    pub id: i64,
    pub at: String,
    /// `account:<id>`, `admin:<id>` or `system:<job>`.
    pub actor: String,
    /// Who that is, as officials know them: the account's display name or the admin's
    /// name; empty for the system and for anyone no longer on record.
    pub actor_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub detail: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    /// Pass as `before` to read the next (older) page.
    pub next_before: Option<i64>,
}

// ---- Import --------------------------------------------------------------------------

/// One problem in an import, tied to a spreadsheet row and column where it has one.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportIssue {
    pub row: Option<u32>,
    pub column: Option<String>,
    pub code: String,
    pub message_en: String,
    pub message_hi: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    Create,
    Update,
    Unchanged,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportChange {
    pub row: u32,
    pub unit_kind: UnitKind,
    pub unit_code: String,
    pub unit_name: String,
    pub action: ImportAction,
    /// Which parts change: e.g. `name_en`, `location`, `group`, `member_count`, `admin`.
    pub fields_changed: Vec<String>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub errors: u32,
}

/// The dry run: what the file would change. `import_id` is present only when the file
/// has no errors and can be applied.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub import_id: Option<String>,
    pub district_id: String,
    pub counts: ImportCounts,
    /// The first rows' changes (all of them up to a display limit).
    pub changes: Vec<ImportChange>,
    pub changes_total: u32,
    pub errors: Vec<ImportIssue>,
    pub warnings: Vec<ImportIssue>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportApplied {
    pub import_id: String,
    pub counts: ImportCounts,
}
