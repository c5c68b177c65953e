//! Every query is limited to the caller's area. Units carry denormalised `state_id`,
//! `district_id` and `block_id`, so the limit is one indexed equality, bound as a
//! parameter; group admins reach only the groups they currently administer.

use prasar_core::auth::{Principal, Role};

pub enum Scope {
    Area {
        column: &'static str,
        area_id: String,
    },
    Admin {
        admin_id: String,
    },
}

impl Scope {
    pub fn of(principal: &Principal) -> Scope {
        match principal {
            Principal::Official { role, area_id, .. } => Scope::Area {
                column: match role {
                    Role::StateAdmin => "state_id",
                    Role::Collector | Role::NodalOfficer | Role::PrOfficer => "district_id",
                    Role::BlockOfficer => "block_id",
                },
                area_id: area_id.clone(),
            },
            Principal::GroupAdmin { admin_id, .. } => Scope::Admin {
                admin_id: admin_id.clone(),
            },
        }
    }

    /// A condition on the units table aliased `alias`, using bound parameter `?{param}`.
    pub fn unit_condition(&self, alias: &str, param: usize) -> String {
        match self {
            Scope::Area { column, .. } => {
                format!("({alias}.{column} = ?{param} OR {alias}.id = ?{param})")
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
            Scope::Area { area_id, .. } => area_id,
            Scope::Admin { admin_id } => admin_id,
        }
    }
}
