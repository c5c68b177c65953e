//! Compliance rates, inactive admins and each group's status for a day.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use prasar_core::api::{
    ComplianceReport, ComplianceRow, DistrictStatus, InactiveAdminView, InactiveAdmins,
};
use prasar_core::checks::tel_url;
use prasar_core::compliance::{
    inactive_admins, rate_table, streak, AdminActivity, Period, PeriodKind, Report, ReportingUnit,
    RowLevel,
};
use prasar_core::time::parse_day;

use crate::db::D1Database;
use crate::http::Failure;
use crate::routes::Ctx;
use crate::scope::Scope;
use crate::services::settings::Settings;
use crate::services::{map, reports};
use crate::storage::compliance as compliance_rows;
use prasar_core::report::ReportInput;
use prasar_core::time::ist_day;

/// Submissions are read this far back before the period, so current streaks longer than
/// the period still show (streaks are counted within this window).
const STREAK_LOOKBACK_DAYS: u64 = 90;

pub async fn compliance_report(
    db: &D1Database,
    scope: &Scope,
    period_kind: PeriodKind,
    day: NaiveDate,
    today: NaiveDate,
    settings: Settings,
) -> Result<ComplianceReport, Failure> {
    let period = Period::containing(period_kind, day);
    let as_of = period.end.min(today);
    let from = (period.start - Days::new(STREAK_LOOKBACK_DAYS))
        .min(as_of - Days::new(STREAK_LOOKBACK_DAYS));
    let unit_rows = compliance_rows::reporting_units(db, scope).await?;
    let mut names: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut units = Vec::new();
    for u in &unit_rows {
        names.insert(u.group_id.clone(), (u.name_en.clone(), u.name_hi.clone()));
        let Some((open_from, open_to)) = ReportingUnit::open_span(
            &u.valid_from,
            u.valid_to.as_deref(),
            &u.created_day,
            u.closed_day.as_deref(),
        ) else {
            continue;
        };
        units.push(ReportingUnit {
            group_id: u.group_id.clone(),
            kind: u.kind,
            parent_id: u.parent_id.clone().unwrap_or_default(),
            district_id: u.district_id.clone().unwrap_or_default(),
            open_from,
            open_to,
        });
    }
    // Block, ULB and district rows only for areas inside the scope: a block officer's
    // units add up to a district row that would look like the whole district's.
    let mut areas = BTreeSet::new();
    for n in compliance_rows::area_names(db, scope).await? {
        areas.insert(n.id.clone());
        names.insert(n.id, (n.name_en, n.name_hi));
    }
    let reports: Vec<Report> =
        compliance_rows::counted_reports(db, scope, &from.to_string(), &as_of.to_string())
            .await?
            .into_iter()
            .filter_map(|r| {
                Some(Report {
                    day: parse_day(&r.ist_day)?,
                    group_id: r.group_id,
                    submitted_at_ms: r.first_ms,
                    self_reported: r.self_reported != 0,
                })
            })
            .collect();
    let mut reported: BTreeMap<&str, BTreeSet<NaiveDate>> = BTreeMap::new();
    for r in &reports {
        reported.entry(&r.group_id).or_default().insert(r.day);
    }
    let by_unit: BTreeMap<&str, &ReportingUnit> =
        units.iter().map(|u| (u.group_id.as_str(), u)).collect();
    let table = rate_table(&units, &reports, period, as_of, settings.deadline_minutes);
    let empty = BTreeSet::new();
    let rows_out = table
        .into_iter()
        .filter(|r| {
            matches!(r.level, RowLevel::GramPanchayat | RowLevel::Ward) || areas.contains(&r.id)
        })
        .map(|r| {
            let (name_en, name_hi) = names.get(&r.id).cloned().unwrap_or_default();
            let unit = by_unit.get(r.id.as_str());
            let is_unit = matches!(r.level, RowLevel::GramPanchayat | RowLevel::Ward);
            ComplianceRow {
                reporting_rate: r.counts.reporting_rate(),
                on_time_rate: r.counts.on_time_rate(),
                streak: unit
                    .filter(|_| is_unit)
                    .map(|u| streak(u, reported.get(r.id.as_str()).unwrap_or(&empty), as_of)),
                parent_id: unit.filter(|_| is_unit).map(|u| u.parent_id.clone()),
                level: r.level,
                id: r.id,
                name_en,
                name_hi,
                counts: r.counts,
            }
        })
        .collect();
    let deadline = format!(
        "{:02}:{:02}",
        settings.deadline_minutes / 60,
        settings.deadline_minutes % 60
    );
    Ok(ComplianceReport {
        period: period_kind,
        start: period.start.to_string(),
        end: period.end.to_string(),
        as_of: as_of.to_string(),
        deadline,
        rows: rows_out,
    })
}

pub async fn inactive(
    db: &D1Database,
    scope: &Scope,
    today: NaiveDate,
    days: u32,
) -> Result<InactiveAdmins, Failure> {
    let found = compliance_rows::admin_activity(db, scope).await?;
    let activity: Vec<AdminActivity> = found
        .iter()
        .filter_map(|a| {
            Some(AdminActivity {
                admin_id: a.admin_id.clone(),
                group_id: a.group_id.clone(),
                assigned_on: parse_day(&a.assigned_on)?,
                last_submission: a.last_day,
            })
        })
        .collect();
    let details: BTreeMap<(&str, &str), &compliance_rows::ActivityRow> = found
        .iter()
        .map(|a| ((a.admin_id.as_str(), a.group_id.as_str()), a))
        .collect();
    let admins = inactive_admins(&activity, today, days)
        .into_iter()
        .filter_map(|i| {
            let d = details.get(&(i.admin_id.as_str(), i.group_id.as_str()))?;
            Some(InactiveAdminView {
                admin_name: d.admin_name.clone(),
                tel_url: tel_url(&d.mobile),
                mobile: d.mobile.clone(),
                group_name: d.group_name.clone(),
                unit_name_en: d.unit_name_en.clone(),
                unit_name_hi: d.unit_name_hi.clone(),
                days_since_last: i.days_since_last,
                assigned_on: i.assigned_on.to_string(),
                admin_id: i.admin_id,
                group_id: i.group_id,
            })
        })
        .collect();
    Ok(InactiveAdmins {
        days,
        as_of: today.to_string(),
        admins,
    })
}

/// Every group's status on `day` in the caller's area: a view of the reports' facts
/// (`services::reports::load`), the same as the reports' status column.
pub async fn day_status(ctx: &Ctx<'_>, day: NaiveDate) -> Result<DistrictStatus, Failure> {
    let area = map::area(ctx, None).await?;
    let d = day.to_string();
    let loaded = reports::load(ctx.db, &area, &d, &d, &d).await?;
    let input = ReportInput {
        parents: &loaded.parents,
        groups: &loaded.groups,
        reports: &loaded.reports,
        today: ist_day(ctx.now),
        now_ms: ctx.now,
    };
    Ok(DistrictStatus {
        ist_day: d,
        groups: input.day_statuses(day),
    })
}
