//! The collector's live map: the units layer (names and places, fetched once), the
//! status of today (polled with ETag / If-None-Match), a group's drill-down panel and the
//! outlines drawn underneath.
//!
//! The status carries facts, not colours: the app derives each marker's status with
//! [`crate::map::status::day_status`] at its own (server-corrected) clock, so a deadline
//! passing turns markers overdue without a new request, and an unchanged district
//! answers 304.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{AdminView, Submission, UnitKind, UnitRef};
use crate::map::status::{DayReview, GroupDayFacts};

pub const MAP_UNITS_PATH: &str = "/api/map/units";
pub const MAP_STATUS_PATH: &str = "/api/map/status";
pub const MAP_OUTLINES_PATH: &str = "/api/map/outlines";

/// A block or urban local body: what markers are grouped and filtered by.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapParent {
    pub id: String,
    pub kind: UnitKind,
    pub name_en: String,
    pub name_hi: String,
}

/// One marker, a GP's or ward's group, as a compact array (a state has 25,000):
/// (group id, 1 for a ward's group, parent id (block or ULB), name in English, in Hindi,
/// longitude, latitude, 1 where the position is the HQ village (else approximate)).
/// The database writes these arrays itself; the worker passes them through.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapUnit(
    pub String,
    pub u8,
    pub String,
    pub String,
    pub String,
    pub Option<f64>,
    pub Option<f64>,
    pub u8,
);

impl MapUnit {
    pub fn id(&self) -> &str {
        &self.0
    }

    pub fn is_ward(&self) -> bool {
        self.1 == 1
    }

    pub fn parent_id(&self) -> &str {
        &self.2
    }

    pub fn name_en(&self) -> &str {
        &self.3
    }

    pub fn name_hi(&self) -> &str {
        &self.4
    }

    pub fn location(&self) -> Option<(f64, f64)> {
        Some((self.5?, self.6?))
    }

    pub fn exact(&self) -> bool {
        self.7 == 1
    }
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapUnits {
    /// The area the map shows (district, block or state).
    pub area: UnitRef,
    pub parents: Vec<MapParent>,
    pub units: Vec<MapUnit>,
}

/// Today's reports of a group: (group id, reports whose newest review is not a
/// rejection, `verified` when one's newest review is a verification, first report's
/// epoch ms). Only reports with at least one stored screenshot count.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportFact(pub String, pub u32, pub DayReview, pub i64);

/// Today's drawn check of a group: (group id, level, deadline epoch ms).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckFact(pub String, pub String, pub i64);

/// What changed today, for every group of the area; groups not listed have an admin,
/// no report and no check.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapStatus {
    /// The IST day described.
    pub day: String,
    /// The server's clock when the snapshot was made (the app corrects its own by it).
    pub now_ms: i64,
    /// Also sent as the ETag.
    pub version: String,
    pub no_admin: Vec<String>,
    pub reports: Vec<ReportFact>,
    pub checks: Vec<CheckFact>,
}

impl MapStatus {
    /// Facts per group id; groups missing from the map have the default facts.
    pub fn facts(&self) -> HashMap<&str, GroupDayFacts> {
        let mut out: HashMap<&str, GroupDayFacts> = HashMap::new();
        let default = GroupDayFacts {
            has_admin: true,
            ..GroupDayFacts::default()
        };
        for id in &self.no_admin {
            out.entry(id).or_insert(default).has_admin = false;
        }
        for ReportFact(id, counted, review, _) in &self.reports {
            let f = out.entry(id).or_insert(default);
            f.counted_reports = *counted;
            f.review = *review;
        }
        for CheckFact(id, _, deadline) in &self.checks {
            let f = out.entry(id).or_insert(default);
            // Two levels may draw the same group only in theory; the earlier deadline wins.
            f.check_deadline_ms = Some(f.check_deadline_ms.map_or(*deadline, |d| d.min(*deadline)));
        }
        out
    }
}

/// A check drawn for the group, in the panel's history.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PanelCheck {
    pub id: String,
    pub day: String,
    pub level: String,
    /// RFC 3339 with +05:30.
    pub deadline: String,
    pub state: super::CheckState,
    pub calls: u32,
}

/// A review decision on one of the group's recent reports (newest first).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PanelReview {
    pub submission_id: String,
    pub ist_day: String,
    pub outcome: super::ReviewOutcome,
    pub remark: String,
    pub reviewed_at: String,
    pub reviewed_by: String,
}

/// The drill-down side panel of one marker.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupPanel {
    pub group_id: String,
    pub group_name: String,
    pub unit: UnitRef,
    /// The block or ULB.
    pub parent: Option<UnitRef>,
    pub member_count: Option<u32>,
    pub member_limit: u32,
    pub admin: Option<AdminView>,
    /// `tel:` and wa.me links for the admin's mobile.
    pub call_url: Option<String>,
    pub whatsapp_url: Option<String>,
    pub today: String,
    /// The last 14 days' reports, newest first (at most 20).
    pub submissions: Vec<Submission>,
    /// The last 30 days' checks, newest first.
    pub checks: Vec<PanelCheck>,
    /// Review decisions on the listed reports, newest first.
    pub reviews: Vec<PanelReview>,
    /// The caller may review (the panel shows the review buttons).
    pub may_review: bool,
}

/// `tel:` link for a stored `+91XXXXXXXXXX` number.
pub fn call_url(mobile: &str) -> String {
    format!("tel:{mobile}")
}

/// wa.me click-to-chat link (digits only, country code included).
pub fn whatsapp_url(mobile: &str) -> String {
    let digits: String = mobile.chars().filter(char::is_ascii_digit).collect();
    format!("https://wa.me/{digits}")
}

/// Answer to an outline upload.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutlineStored {
    pub district_id: String,
    pub layer: crate::map::geo::OutlineLayer,
    pub features: u32,
    pub vertices: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_merge_the_three_lists() {
        let status = MapStatus {
            no_admin: vec!["a".into(), "b".into()],
            reports: vec![ReportFact("b".into(), 1, DayReview::Verified, 5)],
            checks: vec![
                CheckFact("c".into(), "collector".into(), 100),
                CheckFact("c".into(), "nodal_officer".into(), 50),
            ],
            ..MapStatus::default()
        };
        let f = status.facts();
        assert!(!f["a"].has_admin && f["a"].counted_reports == 0);
        assert!(!f["b"].has_admin && f["b"].counted_reports == 1);
        assert_eq!(f["b"].review, DayReview::Verified);
        assert!(f["c"].has_admin);
        assert_eq!(f["c"].check_deadline_ms, Some(50));
        assert!(!f.contains_key("d"));
        // Tuple facts travel as compact arrays.
        let json = serde_json::to_string(&status.reports).unwrap();
        assert_eq!(json, r#"[["b",1,"verified",5]]"#);
    }

    #[test]
    fn contact_links() {
        assert_eq!(call_url("+919829055555"), "tel:+919829055555");
        assert_eq!(whatsapp_url("+919829055555"), "https://wa.me/919829055555");
    }
}
