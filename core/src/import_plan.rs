//! Turns a parsed import into a plan against the district's current registry: what to
//! create, update or leave, with the row errors only the database can reveal (a parent
//! that does not exist). Pure, so the diff rules are tested natively; the worker loads
//! the snapshot, stores the plan, and applies it in one transaction.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::api::{ImportAction, ImportChange, ImportCounts, ImportIssue, UnitKind};
use crate::import::{ImportRow, ParsedImport, UnitType};

/// A unit as it stands in the district today.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ExistingUnit {
    pub id: String,
    pub kind: String,
    pub code: String,
    pub parent_id: Option<String>,
    pub block_id: Option<String>,
    pub name_en: String,
    pub name_hi: String,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub location_exact: u8,
    pub group_id: Option<String>,
    pub group_name: Option<String>,
    pub invite_link: Option<String>,
    pub member_limit: Option<u32>,
    pub member_count: Option<u32>,
    pub assignment_id: Option<String>,
    pub admin_id: Option<String>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ExistingAdmin {
    pub id: String,
    pub name: String,
    pub mobile: String,
    pub designation: String,
    pub department: String,
}

pub struct Snapshot {
    pub state_id: String,
    pub district_id: String,
    pub district_code: String,
    pub units: Vec<ExistingUnit>,
    pub admins: Vec<ExistingAdmin>,
    /// Units (or groups) of other districts whose ids the file's rows would take, by id:
    /// LGD codes are national, so a row with another district's code must not create or
    /// update anything (see [`foreign_candidates`]).
    pub foreign: HashMap<String, ForeignUnit>,
}

/// A unit that already exists in another district, named for the row error.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ForeignUnit {
    pub id: String,
    pub district_name_en: String,
    pub district_name_hi: String,
}

/// The ids a file's rows would give new units (and their groups), for looking up which
/// of them already belong to another district.
pub fn foreign_candidates(parsed: &ParsedImport, district_code: &str) -> Vec<String> {
    let mut ids: Vec<String> = parsed
        .rows
        .iter()
        .map(|r| new_unit_id(r.unit_type, &r.unit_code, district_code))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedUnit {
    pub id: String,
    pub kind: String,
    pub code: String,
    pub parent_id: String,
    pub state_id: String,
    pub district_id: String,
    pub block_id: Option<String>,
    pub name_en: String,
    pub name_hi: String,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub location_exact: u8,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedGroup {
    pub id: String,
    pub unit_id: String,
    pub district_id: String,
    pub name: String,
    pub invite_link: Option<String>,
    pub member_limit: u32,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedMemberCount {
    pub group_id: String,
    pub member_count: u32,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedAdmin {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub mobile: String,
    pub designation: String,
    pub department: String,
}

/// Opens `id` for the group, closing `closes` (the previous open assignment) first.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedAssignment {
    pub id: String,
    pub admin_id: String,
    pub group_id: String,
    pub closes: Option<String>,
}

/// Everything an import writes; only rows that change anything are in it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub units: Vec<PlannedUnit>,
    pub groups: Vec<PlannedGroup>,
    pub member_counts: Vec<PlannedMemberCount>,
    pub admins: Vec<PlannedAdmin>,
    pub assignments: Vec<PlannedAssignment>,
}

pub struct Outcome {
    pub plan: Plan,
    pub changes: Vec<ImportChange>,
    pub errors: Vec<ImportIssue>,
    pub counts: ImportCounts,
}

fn unit_kind(t: UnitType) -> UnitKind {
    match t {
        UnitType::Block => UnitKind::Block,
        UnitType::Ulb => UnitKind::Ulb,
        UnitType::GramPanchayat => UnitKind::GramPanchayat,
        UnitType::Ward => UnitKind::Ward,
    }
}

fn id_prefix(t: UnitType) -> &'static str {
    match t {
        UnitType::Block => "block",
        UnitType::Ulb => "ulb",
        UnitType::GramPanchayat => "gp",
        UnitType::Ward => "ward",
    }
}

/// Ids of new units: LGD codes are unique nationally (`gp-42356`); office codes only
/// within a district, so they carry the district's code (`ward-108-udr-mc-w81`).
pub fn new_unit_id(t: UnitType, code: &str, district_code: &str) -> String {
    let code = code.to_ascii_lowercase();
    if code.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{code}", id_prefix(t))
    } else {
        format!(
            "{}-{}-{code}",
            id_prefix(t),
            district_code.to_ascii_lowercase()
        )
    }
}

fn issue(row: u32, column: &str, code: &str, en: String, hi: String) -> ImportIssue {
    ImportIssue {
        row: Some(row),
        column: Some(column.to_owned()),
        code: code.to_owned(),
        message_en: en,
        message_hi: hi,
    }
}

/// Plans `parsed` against `snapshot`. `new_id` makes fresh ids for admins and
/// assignments (UUIDs in the worker, counters in tests).
pub fn plan(
    parsed: &ParsedImport,
    snapshot: &Snapshot,
    new_id: &mut dyn FnMut(&str) -> String,
) -> Outcome {
    let mut errors: Vec<ImportIssue> = parsed
        .row_errors
        .iter()
        .map(|e| {
            issue(
                e.row,
                e.column,
                e.code.code(),
                e.message_en(),
                e.message_hi(),
            )
        })
        .collect();

    let existing: HashMap<(&str, &str), &ExistingUnit> = snapshot
        .units
        .iter()
        .map(|u| ((u.kind.as_str(), u.code.as_str()), u))
        .collect();
    let admins_by_mobile: HashMap<&str, &ExistingAdmin> = snapshot
        .admins
        .iter()
        .map(|a| (a.mobile.as_str(), a))
        .collect();

    // Ids of every unit the file names, existing or new, so children can point at
    // parents defined earlier or later in the same file.
    let id_of = |t: UnitType, code: &str| -> String {
        existing
            .get(&(t.as_str(), code))
            .map(|u| u.id.clone())
            .unwrap_or_else(|| new_unit_id(t, code, &snapshot.district_code))
    };

    let mut outcome_plan = Plan::default();
    let mut changes = Vec::new();
    let mut counts = ImportCounts::default();
    let mut new_admin_ids: HashMap<String, String> = HashMap::new();

    for row in &parsed.rows {
        let known_here = existing.contains_key(&(row.unit_type.as_str(), row.unit_code.as_str()));
        if let Some(other) = (!known_here)
            .then(|| snapshot.foreign.get(&id_of(row.unit_type, &row.unit_code)))
            .flatten()
        {
            errors.push(issue(
                row.row,
                "unit_code",
                "unit_in_other_district",
                format!(
                    "Code {} belongs to {} district: a district can import only its own units.",
                    row.unit_code, other.district_name_en
                ),
                format!(
                    "कोड {} {} जिले का है: कोई जिला केवल अपनी इकाइयाँ आयात कर सकता है।",
                    row.unit_code,
                    if other.district_name_hi.is_empty() {
                        &other.district_name_en
                    } else {
                        &other.district_name_hi
                    }
                ),
            ));
            continue;
        }
        let Some((parent_id, block_id)) = resolve_parent(row, parsed, snapshot, &existing, &id_of)
        else {
            errors.push(issue(
                row.row,
                "parent_code",
                "unknown_parent",
                format!(
                    "No {} with code {} exists in this district or in this file.",
                    row.unit_type.parent_kind_label_en(),
                    row.parent_code
                ),
                format!(
                    "इस जिले में या इस फ़ाइल में कोड {} वाला कोई {} नहीं है।",
                    row.parent_code,
                    row.unit_type.parent_kind_label_hi()
                ),
            ));
            continue;
        };
        let unit_id = id_of(row.unit_type, &row.unit_code);
        let before = existing
            .get(&(row.unit_type.as_str(), row.unit_code.as_str()))
            .copied();
        let (lon, lat, exact) = match row.location {
            Some(l) => (Some(l.lon), Some(l.lat), u8::from(l.exact)),
            None => before.map_or((None, None, 0), |b| (b.lon, b.lat, b.location_exact)),
        };
        let unit = PlannedUnit {
            id: unit_id.clone(),
            kind: row.unit_type.as_str().to_owned(),
            code: row.unit_code.clone(),
            parent_id: parent_id.clone(),
            state_id: snapshot.state_id.clone(),
            district_id: snapshot.district_id.clone(),
            block_id: match row.unit_type {
                UnitType::Block => Some(unit_id.clone()),
                UnitType::GramPanchayat => block_id,
                _ => None,
            },
            name_en: row.unit_name_en.clone(),
            // An empty Hindi cell keeps a Hindi name already recorded.
            name_hi: if row.unit_name_hi.is_empty() {
                before.map(|b| b.name_hi.clone()).unwrap_or_default()
            } else {
                row.unit_name_hi.clone()
            },
            lon,
            lat,
            location_exact: exact,
        };
        let mut fields = Vec::new();
        if let Some(b) = before {
            if b.name_en != unit.name_en {
                fields.push("name_en");
            }
            if b.name_hi != unit.name_hi {
                fields.push("name_hi");
            }
            if b.parent_id.as_deref() != Some(unit.parent_id.as_str()) {
                fields.push("parent");
            }
            if (b.lon, b.lat, b.location_exact) != (unit.lon, unit.lat, unit.location_exact) {
                fields.push("location");
            }
        }
        if before.is_none() || !fields.is_empty() {
            outcome_plan.units.push(unit);
        }

        if row.unit_type.has_group() {
            let group_id = before
                .and_then(|b| b.group_id.clone())
                .unwrap_or_else(|| unit_id.clone());
            let current_name = before.and_then(|b| b.group_name.clone());
            let current_link = before.and_then(|b| b.invite_link.clone());
            let current_limit = before.and_then(|b| b.member_limit);
            let (name, link, limit) = match &row.group {
                // Empty group cells arrive as defaults (the unit's name, 1,024 members);
                // for an existing group they mean "keep what is recorded".
                Some(g) => (
                    match &current_name {
                        Some(c) if g.name == row.unit_name_en => c.clone(),
                        _ => g.name.clone(),
                    },
                    g.invite_link.clone().or(current_link.clone()),
                    match current_limit {
                        Some(c) if g.member_limit == crate::registry::DEFAULT_MEMBER_LIMIT => c,
                        _ => g.member_limit,
                    },
                ),
                None => (
                    current_name
                        .clone()
                        .unwrap_or_else(|| row.unit_name_en.clone()),
                    current_link.clone(),
                    current_limit.unwrap_or(crate::registry::DEFAULT_MEMBER_LIMIT),
                ),
            };
            let group_changed = current_name.as_deref() != Some(name.as_str())
                || current_link != link
                || current_limit != Some(limit);
            if group_changed {
                if before.and_then(|b| b.group_id.as_ref()).is_some() {
                    fields.push("group");
                }
                outcome_plan.groups.push(PlannedGroup {
                    id: group_id.clone(),
                    unit_id: unit_id.clone(),
                    district_id: snapshot.district_id.clone(),
                    name,
                    invite_link: link,
                    member_limit: limit,
                });
            }
            if let Some(count) = row.group.as_ref().and_then(|g| g.member_count) {
                if before.and_then(|b| b.member_count) != Some(count) {
                    if before.is_some() {
                        fields.push("member_count");
                    }
                    outcome_plan.member_counts.push(PlannedMemberCount {
                        group_id: group_id.clone(),
                        member_count: count,
                    });
                }
            }
            if let Some(a) = &row.admin {
                let known = admins_by_mobile.get(a.mobile.as_str()).copied();
                let admin_id = match known {
                    Some(k) => k.id.clone(),
                    None => new_admin_ids
                        .entry(a.mobile.clone())
                        .or_insert_with(|| new_id("admin"))
                        .clone(),
                };
                let details_changed = known.is_none_or(|k| {
                    (
                        k.name.as_str(),
                        k.designation.as_str(),
                        k.department.as_str(),
                    ) != (
                        a.name.as_str(),
                        a.designation.as_str(),
                        a.department.as_str(),
                    )
                });
                if details_changed && !outcome_plan.admins.iter().any(|p| p.id == admin_id) {
                    outcome_plan.admins.push(PlannedAdmin {
                        id: admin_id.clone(),
                        district_id: snapshot.district_id.clone(),
                        name: a.name.clone(),
                        mobile: a.mobile.clone(),
                        designation: a.designation.clone(),
                        department: a.department.clone(),
                    });
                    if known.is_some() {
                        fields.push("admin_details");
                    }
                }
                let current_admin = before.and_then(|b| b.admin_id.as_deref());
                if current_admin != Some(admin_id.as_str()) {
                    if before.is_some() {
                        fields.push("admin");
                    }
                    outcome_plan.assignments.push(PlannedAssignment {
                        id: new_id("asg"),
                        admin_id,
                        group_id,
                        closes: before.and_then(|b| b.assignment_id.clone()),
                    });
                }
            }
        }

        let action = match before {
            None => ImportAction::Create,
            Some(_) if fields.is_empty() => ImportAction::Unchanged,
            Some(_) => ImportAction::Update,
        };
        match action {
            ImportAction::Create => counts.created += 1,
            ImportAction::Update => counts.updated += 1,
            ImportAction::Unchanged => counts.unchanged += 1,
        }
        changes.push(ImportChange {
            row: row.row,
            unit_kind: unit_kind(row.unit_type),
            unit_code: row.unit_code.clone(),
            unit_name: row.unit_name_en.clone(),
            action,
            fields_changed: fields.into_iter().map(str::to_owned).collect(),
        });
    }
    errors.sort_by_key(|e| e.row);
    counts.errors = errors.len() as u32;
    Outcome {
        plan: outcome_plan,
        changes,
        errors,
        counts,
    }
}

/// The parent's id and, for a gram panchayat, its block's id; `None` when the parent
/// is neither in the district nor defined by a valid row of the file.
fn resolve_parent(
    row: &ImportRow,
    parsed: &ParsedImport,
    snapshot: &Snapshot,
    existing: &HashMap<(&str, &str), &ExistingUnit>,
    id_of: &dyn Fn(UnitType, &str) -> String,
) -> Option<(String, Option<String>)> {
    match row.unit_type.parent_kind().unit_type() {
        None => (row.parent_code == snapshot.district_code)
            .then(|| (snapshot.district_id.clone(), None)),
        Some(parent_type) => {
            let in_db = existing.contains_key(&(parent_type.as_str(), row.parent_code.as_str()));
            let in_file = parsed.parent_in_file(row).is_some();
            if !(in_db || in_file) {
                return None;
            }
            let parent_id = id_of(parent_type, &row.parent_code);
            let block_id = (parent_type == UnitType::Block).then(|| parent_id.clone());
            Some((parent_id, block_id))
        }
    }
}

impl UnitType {
    fn parent_kind_label_en(self) -> &'static str {
        match self {
            UnitType::Block | UnitType::Ulb => "district",
            UnitType::GramPanchayat => "block",
            UnitType::Ward => "urban local body",
        }
    }

    fn parent_kind_label_hi(self) -> &'static str {
        match self {
            UnitType::Block | UnitType::Ulb => "जिला",
            UnitType::GramPanchayat => "ब्लॉक",
            UnitType::Ward => "नगर निकाय",
        }
    }
}

#[cfg(test)]
mod tests;
