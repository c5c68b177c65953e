//! Monitoring's views of the same facts the reports use: the compliance table with
//! streaks (`/api/compliance`) and the inactive admins (`/api/inactive-admins`, and the
//! reports' list of the same admins). One loader, one set of rules: these cannot disagree
//! with the reports, the day's status or the map.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};

use super::{AdminInfo, GroupInfo, ReportInput};
use crate::api::{
    ComplianceReport, ComplianceRow, InactiveAdminRow, InactiveAdminView, InactiveAdmins,
};
use crate::checks::tel_url;
use crate::compliance::{
    inactive_admins, rate_table, streak, AdminActivity, Period, PeriodKind, RowLevel,
};

/// Reports are read this far back before a compliance period, so current streaks longer
/// than the period still show (streaks are counted within this window).
const STREAK_LOOKBACK_DAYS: u64 = 90;

/// The report days a compliance table of the `kind` period holding `day` needs, seen on
/// `today`: the streak window before the period, up to the period's end or today.
pub fn compliance_range(
    kind: PeriodKind,
    day: NaiveDate,
    today: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let period = Period::containing(kind, day);
    let as_of = period.end.min(today);
    let from = period.start.min(as_of) - Days::new(STREAK_LOOKBACK_DAYS);
    (from, as_of)
}

/// An admin silent for the window, with the group they administer.
pub struct InactiveAdminOf<'a> {
    pub group: &'a GroupInfo,
    pub admin: &'a AdminInfo,
    /// `None`: never reported for this group.
    pub days_since_last: Option<u32>,
}

impl ReportInput<'_> {
    /// Reporting and on-time rates of the `kind` period holding `day`, for every GP and
    /// ward, and for each block, ULB and district of the area (a block officer's units add
    /// up to a district row that would look like the whole district's: rows above the
    /// groups come only for the area's own parents).
    pub fn compliance_report(&self, kind: PeriodKind, day: NaiveDate) -> ComplianceReport {
        let period = Period::containing(kind, day);
        let as_of = period.end.min(self.today);
        let units = self.units();
        let mut reported: BTreeMap<&str, BTreeSet<NaiveDate>> = BTreeMap::new();
        for r in self.reports {
            reported.entry(&r.group_id).or_default().insert(r.day);
        }
        let groups: BTreeMap<&str, &GroupInfo> = self
            .groups
            .iter()
            .map(|g| (g.unit.group_id.as_str(), g))
            .collect();
        let empty = BTreeSet::new();
        let rows = rate_table(&units, self.reports, period, as_of, self.deadline_minutes)
            .into_iter()
            .filter_map(|r| {
                let is_group = matches!(r.level, RowLevel::GramPanchayat | RowLevel::Ward);
                let group = groups.get(r.id.as_str()).filter(|_| is_group);
                let (name_en, name_hi) = match group {
                    Some(g) => (g.name_en.clone(), g.name_hi.clone()),
                    None if is_group => (String::new(), String::new()),
                    None => {
                        let p = self.parent(&r.id)?;
                        (p.name_en.clone(), p.name_hi.clone())
                    }
                };
                Some(ComplianceRow {
                    reporting_rate: r.counts.reporting_rate(),
                    on_time_rate: r.counts.on_time_rate(),
                    streak: group.map(|g| {
                        let days = reported.get(r.id.as_str()).unwrap_or(&empty);
                        streak(&g.unit, days, as_of)
                    }),
                    parent_id: group.map(|g| g.unit.parent_id.clone()),
                    level: r.level,
                    id: r.id,
                    name_en,
                    name_hi,
                    counts: r.counts,
                })
            })
            .collect();
        ComplianceReport {
            period: kind,
            start: period.start.to_string(),
            end: period.end.to_string(),
            as_of: as_of.to_string(),
            deadline: format!(
                "{:02}:{:02}",
                self.deadline_minutes / 60,
                self.deadline_minutes % 60
            ),
            rows,
        }
    }

    /// Admins of groups open today with no report in the last `days` days (today
    /// included), among those assigned before the window; the longest silent first.
    pub fn inactive_admins(&self, days: u32) -> Vec<InactiveAdminOf<'_>> {
        let open: Vec<(&GroupInfo, &AdminInfo)> = self
            .groups
            .iter()
            .filter(|g| g.unit.exists_on(self.today))
            .filter_map(|g| Some((g, g.admin.as_ref()?)))
            .collect();
        let activity: Vec<AdminActivity> = open
            .iter()
            .map(|(g, a)| AdminActivity {
                admin_id: a.id.clone(),
                group_id: g.unit.group_id.clone(),
                assigned_on: a.assigned_on,
                last_submission: a.last_report,
            })
            .collect();
        let by_group: BTreeMap<&str, (&GroupInfo, &AdminInfo)> = open
            .iter()
            .map(|&(g, a)| (g.unit.group_id.as_str(), (g, a)))
            .collect();
        inactive_admins(&activity, self.today, days)
            .into_iter()
            .filter_map(|i| {
                let &(group, admin) = by_group.get(i.group_id.as_str())?;
                Some(InactiveAdminOf {
                    group,
                    admin,
                    days_since_last: i.days_since_last,
                })
            })
            .collect()
    }

    /// The reports' list of inactive admins (with the block or ULB).
    pub fn inactive(&self, days: u32) -> Vec<InactiveAdminRow> {
        self.inactive_admins(days)
            .into_iter()
            .map(|i| {
                let parent = self.parent(&i.group.unit.parent_id);
                InactiveAdminRow {
                    group_id: i.group.unit.group_id.clone(),
                    group_name: i.group.name_en.clone(),
                    parent_en: parent.map(|p| p.name_en.clone()).unwrap_or_default(),
                    parent_hi: parent.map(|p| p.name_hi.clone()).unwrap_or_default(),
                    admin_id: i.admin.id.clone(),
                    admin_name: i.admin.name.clone(),
                    mobile: i.admin.mobile.clone(),
                    days_since_last: i.days_since_last,
                    assigned_on: i.admin.assigned_on.to_string(),
                }
            })
            .collect()
    }

    /// Monitoring's list of the same admins (with the group's name and a call link).
    pub fn inactive_view(&self, days: u32) -> InactiveAdmins {
        let admins = self
            .inactive_admins(days)
            .into_iter()
            .map(|i| InactiveAdminView {
                admin_id: i.admin.id.clone(),
                admin_name: i.admin.name.clone(),
                tel_url: tel_url(&i.admin.mobile),
                mobile: i.admin.mobile.clone(),
                group_id: i.group.unit.group_id.clone(),
                group_name: i.group.group_name.clone(),
                unit_name_en: i.group.name_en.clone(),
                unit_name_hi: i.group.name_hi.clone(),
                days_since_last: i.days_since_last,
                assigned_on: i.admin.assigned_on.to_string(),
            })
            .collect();
        InactiveAdmins {
            days,
            as_of: self.today.to_string(),
            admins,
        }
    }
}
