//! Loads the facts of an area's groups over a range of IST days (three reads, see
//! `storage::group_day`) and hands them to `prasar_core::report`, which computes every
//! view: compliance, inactive admins, the day's status and the reports.

use prasar_core::compliance::Report;
use prasar_core::report::{parse_report_days, GroupInfo, ParentInfo, ReportInput};
use prasar_core::time::ist_day;

use crate::http::Failure;
use crate::routes::Ctx;
use crate::scope::Area;
use crate::services::settings::Settings;
use crate::storage::group_day;

pub struct GroupDays {
    pub parents: Vec<ParentInfo>,
    pub groups: Vec<GroupInfo>,
    pub reports: Vec<Report>,
    today: chrono::NaiveDate,
    now_ms: i64,
    deadline_minutes: u32,
}

impl GroupDays {
    /// The pure computations' input, as of the request's "now".
    pub fn input(&self) -> ReportInput<'_> {
        ReportInput {
            parents: &self.parents,
            groups: &self.groups,
            reports: &self.reports,
            today: self.today,
            now_ms: self.now_ms,
            deadline_minutes: self.deadline_minutes,
        }
    }
}

/// The area's groups (admin, check and review facts as of `last_day`) and their reports
/// of `from..=to` (IST days, `YYYY-MM-DD`).
pub async fn load(
    ctx: &Ctx<'_>,
    area: &Area,
    from: &str,
    to: &str,
    last_day: &str,
) -> Result<GroupDays, Failure> {
    let (rows, _) = group_day::groups(ctx.db, area, last_day).await?;
    let parents = group_day::parents(ctx.db, area).await?;
    let (days, _) = group_day::report_days(ctx.db, area, from, to).await?;
    Ok(GroupDays {
        parents,
        groups: rows.into_iter().filter_map(|r| r.into_info()).collect(),
        reports: parse_report_days(&days),
        today: ist_day(ctx.now),
        now_ms: ctx.now,
        deadline_minutes: Settings::from_env(ctx.env).deadline_minutes,
    })
}
