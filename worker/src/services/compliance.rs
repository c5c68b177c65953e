//! Compliance rates, inactive admins and each group's status for a day: views of the
//! caller's area's group-day facts (`services::group_day`), the same facts the reports
//! and their status column are computed from.

use chrono::NaiveDate;
use prasar_core::api::{ComplianceReport, DistrictStatus, InactiveAdmins};
use prasar_core::compliance::PeriodKind;
use prasar_core::report::compliance_range;
use prasar_core::time::ist_day;

use crate::http::Failure;
use crate::routes::Ctx;
use crate::services::{group_day, map};

/// Rates of the `period` holding `day` in the caller's area, with each unit's streak.
pub async fn compliance_report(
    ctx: &Ctx<'_>,
    period: PeriodKind,
    day: NaiveDate,
) -> Result<ComplianceReport, Failure> {
    let area = map::area(ctx, None).await?;
    let (from, to) = compliance_range(period, day, ist_day(ctx.now));
    let (from, to) = (from.to_string(), to.to_string());
    let facts = group_day::load(ctx, &area.area, &from, &to, &to).await?;
    Ok(facts.input().compliance_report(period, day))
}

/// Admins in the caller's area with no report in the last `days` days.
pub async fn inactive(ctx: &Ctx<'_>, days: u32) -> Result<InactiveAdmins, Failure> {
    let area = map::area(ctx, None).await?;
    let today = ist_day(ctx.now).to_string();
    // Only the admins' own last reports matter here, not the days.
    let facts = group_day::load(ctx, &area.area, &today, &today, &today).await?;
    Ok(facts.input().inactive_view(days))
}

/// Every group's status on `day` in the caller's area: the same as the reports' status
/// column.
pub async fn day_status(ctx: &Ctx<'_>, day: NaiveDate) -> Result<DistrictStatus, Failure> {
    let area = map::area(ctx, None).await?;
    let d = day.to_string();
    let facts = group_day::load(ctx, &area.area, &d, &d, &d).await?;
    Ok(DistrictStatus {
        ist_day: d,
        groups: facts.input().day_statuses(day),
    })
}
