//! Every query is limited to the caller's area. Units carry denormalised `state_id`,
//! `district_id` and `block_id`, so the limit is one indexed equality, bound as a
//! parameter; group admins reach only the groups they currently administer.

use prasar_core::api::UnitKind;
use prasar_core::auth::{Principal, Role};

/// A state, district or block and every unit under it: the one area filter of every
/// query, whether it limits a caller ([`Scope::Area`]) or selects what a map, a report or
/// a compliance table covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Area {
    pub id: String,
    /// `state_id`, `district_id` or `block_id`: chosen from this fixed list only.
    pub column: &'static str,
}

impl Area {
    /// The area of a state, district or block unit; `None` for any other kind.
    pub fn of_unit(kind: UnitKind, id: String) -> Option<Area> {
        let column = match kind {
            UnitKind::State => "state_id",
            UnitKind::District => "district_id",
            UnitKind::Block => "block_id",
            _ => return None,
        };
        Some(Area { id, column })
    }

    /// The area's units (table alias `alias`), with [`Area::id`] bound as `?{param}`.
    pub fn units(&self, alias: &str, param: usize) -> String {
        format!("{alias}.{} = ?{param}", self.column)
    }
}

/// What a caller may read and change.
pub enum Scope {
    /// An official: their state, district or block.
    Area(Area),
    /// A group admin: the groups they currently administer.
    Admin { admin_id: String },
}

impl Scope {
    pub fn of(principal: &Principal) -> Scope {
        match principal {
            Principal::Official { role, area_id, .. } => Scope::Area(Area {
                column: match role {
                    Role::StateAdmin => "state_id",
                    Role::Collector | Role::NodalOfficer | Role::PrOfficer => "district_id",
                    Role::BlockOfficer => "block_id",
                },
                id: area_id.clone(),
            }),
            Principal::GroupAdmin { admin_id, .. } => Scope::Admin {
                admin_id: admin_id.clone(),
            },
        }
    }

    /// A condition on the units table aliased `alias`, using bound parameter `?{param}`:
    /// the area's units and the area's own unit.
    pub fn unit_condition(&self, alias: &str, param: usize) -> String {
        match self {
            Scope::Area(area) => {
                format!("({} OR {alias}.id = ?{param})", area.units(alias, param))
            }
            Scope::Admin { .. } => format!(
                "{alias}.id IN (SELECT g_s.unit_id FROM groups g_s JOIN assignments a_s \
                 ON a_s.group_id = g_s.id WHERE a_s.admin_id = ?{param} AND a_s.ended_at IS NULL)"
            ),
        }
    }

    /// The value bound for the condition's parameter.
    pub fn param(&self) -> &str {
        match self {
            Scope::Area(area) => &area.id,
            Scope::Admin { admin_id } => admin_id,
        }
    }
}
