//! Loads what a report needs (three queries: groups, blocks and ULBs, report days) and
//! hands it to the pure computations in `prasar_core::report`.

use prasar_core::api::GroupKind;
use prasar_core::compliance::Report;
use prasar_core::report::{parse_report_days, GroupInfo, GroupRecord, ParentInfo};

use crate::http::Failure;
use crate::storage::map::Area;
use crate::storage::reports;

pub struct Loaded {
    pub parents: Vec<ParentInfo>,
    pub groups: Vec<GroupInfo>,
    pub reports: Vec<Report>,
}

/// The area's groups (admin facts as of `last_day`) and reports of `from..=to`.
pub async fn load(
    db: &crate::db::D1Database,
    area: &Area,
    from: &str,
    to: &str,
    last_day: &str,
) -> Result<Loaded, Failure> {
    let (rows, _) = reports::groups(db, area, last_day).await?;
    let parents = reports::parents(db, area)
        .await?
        .into_iter()
        .map(|p| ParentInfo {
            is_ulb: p.kind == "ulb",
            id: p.id,
            name_en: p.name_en,
            name_hi: p.name_hi,
        })
        .collect();
    let groups = rows
        .into_iter()
        .filter_map(|r| {
            GroupRecord {
                is_ward: r.kind == GroupKind::Ward,
                group_id: r.group_id,
                parent_id: r.parent_id,
                district_id: r.district_id,
                name_en: r.name_en,
                name_hi: r.name_hi,
                valid_from: r.valid_from,
                valid_to: r.valid_to,
                created_on: r.created_on,
                closed_on: r.closed_on,
                member_limit: r.member_limit,
                member_count: r.member_count,
                admin_id: r.admin_id,
                admin_name: r.admin_name,
                admin_mobile: r.admin_mobile,
                admin_since: r.admin_since,
                admin_last_day: r.admin_last_day,
                had_admin: r.had_admin,
                check_deadline_ms: r.check_deadline_ms.map(|ms| ms as i64),
                verified: r.verified,
            }
            .into_info()
        })
        .collect();
    let (days, _) = reports::report_days(db, area, from, to).await?;
    Ok(Loaded {
        parents,
        groups,
        reports: parse_report_days(&days),
    })
}
