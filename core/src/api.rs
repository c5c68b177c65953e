//! Request and response shapes of the JSON API, shared by the worker (which serialises
//! them) and the app (which reads them), so the two cannot drift apart.

use serde::{Deserialize, Serialize};

/// Header carrying the client's idempotency key on uploads.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupList {
    pub groups: Vec<GroupSummary>,
}

/// A stored screenshot submission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub id: String,
    pub group_id: String,
    pub group_kind: GroupKind,
    pub group_name_en: String,
    pub group_name_hi: String,
    /// RFC 3339 with the +05:30 offset.
    pub submitted_at: String,
    /// The IST calendar day, `YYYY-MM-DD`.
    pub ist_day: String,
    pub bytes: u64,
    pub sha256: String,
    pub content_type: String,
    pub width: u32,
    pub height: u32,
    /// Same-origin URL of the image bytes.
    pub image_url: String,
}

/// Response to an upload: `created` is false when an idempotent retry found the
/// submission that the first attempt stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionCreated {
    pub created: bool,
    pub submission: Submission,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionList {
    pub ist_day: String,
    pub submissions: Vec<Submission>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub ok: bool,
    pub version: String,
    pub today_ist: String,
}

pub fn group_submissions_path(group_id: &str) -> String {
    format!("/api/groups/{group_id}/submissions")
}

pub fn submission_image_path(submission_id: &str) -> String {
    format!("/api/submissions/{submission_id}/image")
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
