//! Server-side rules for chat-export activity: what an upload may say, how a day already
//! stored is updated, how a day shows on the officers' strip, and member growth.
//!
//! **Updating a stored day.** Each number becomes the larger of the stored and the new
//! value, and campaign items are the union. A chat's history only grows, so a later
//! export shows at least as much for every day it covers completely; the one day it may
//! cover partly is its first (WhatsApp exports the latest messages only, cutting the
//! oldest day anywhere), and today, which is not over. Taking the larger value means a
//! partial day never lowers what a fuller export showed, sending the same file twice
//! changes nothing, and overlapping exports never add up twice. The cost: a count can
//! only be corrected upwards (for instance after the admin picked the wrong name).

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};

use crate::api::{
    ChatActivityUpload, ChatDayStatus, MemberGrowthPoint, MAX_CHAT_ACTIVITY_DAYS,
    MAX_CHAT_DAY_ITEMS, MAX_CHAT_DAY_MEMBERSHIP, MAX_CHAT_DAY_MESSAGES,
};
use crate::error::ErrorCode;
use crate::time::parse_day;

/// The numbers of one group-day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayCounts {
    pub admin_messages: u32,
    pub other_messages: u32,
    pub admin_media: u32,
    pub other_media: u32,
    pub joins: u32,
    pub leaves: u32,
}

impl DayCounts {
    /// Field by field, the larger value (see the module documentation).
    pub fn merge(self, new: DayCounts) -> DayCounts {
        DayCounts {
            admin_messages: self.admin_messages.max(new.admin_messages),
            other_messages: self.other_messages.max(new.other_messages),
            admin_media: self.admin_media.max(new.admin_media),
            other_media: self.other_media.max(new.other_media),
            joins: self.joins.max(new.joins),
            leaves: self.leaves.max(new.leaves),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidDay {
    pub day: NaiveDate,
    pub counts: DayCounts,
    /// Sorted, distinct; still to be checked against the group's area by the worker.
    pub campaign_item_ids: Vec<String>,
}

/// An upload that passed every check that needs no database, sorted by day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidChatActivity {
    pub days: Vec<ValidDay>,
}

impl ValidChatActivity {
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.days.first().map(|d| d.day)
    }

    pub fn last_day(&self) -> Option<NaiveDate> {
        self.days.last().map(|d| d.day)
    }

    /// Every campaign item id the upload claims, once.
    pub fn campaign_item_ids(&self) -> BTreeSet<&str> {
        self.days
            .iter()
            .flat_map(|d| d.campaign_item_ids.iter().map(String::as_str))
            .collect()
    }
}

/// Campaign item ids are short lowercase slugs or UUIDs.
pub fn is_valid_campaign_item_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// The oldest day an upload may carry when today (IST) is `today`.
pub fn oldest_accepted_day(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(Days::new(MAX_CHAT_ACTIVITY_DAYS as u64 - 1))
        .unwrap_or(today)
}

/// Checks an upload: real days within the last year and not after today, each once;
/// counts a group can produce; media never more than messages; campaign items only on
/// days the admin posted.
pub fn validate_upload(
    upload: &ChatActivityUpload,
    today: NaiveDate,
) -> Result<ValidChatActivity, ErrorCode> {
    if upload.days.is_empty() {
        return Err(ErrorCode::ChatActivityNoDays);
    }
    if upload.days.len() > MAX_CHAT_ACTIVITY_DAYS {
        return Err(ErrorCode::ChatActivityTooManyDays);
    }
    let oldest = oldest_accepted_day(today);
    let mut days = Vec::with_capacity(upload.days.len());
    let mut seen = BTreeSet::new();
    for d in &upload.days {
        let day = parse_day(&d.day).ok_or(ErrorCode::InvalidDay)?;
        if day > today || day < oldest {
            return Err(ErrorCode::ChatActivityDayOutOfRange);
        }
        if !seen.insert(day) {
            return Err(ErrorCode::ChatActivityDuplicateDay);
        }
        let plausible = d.admin_messages <= MAX_CHAT_DAY_MESSAGES
            && d.other_messages <= MAX_CHAT_DAY_MESSAGES
            && d.admin_media <= d.admin_messages
            && d.other_media <= d.other_messages
            && d.joins <= MAX_CHAT_DAY_MEMBERSHIP
            && d.leaves <= MAX_CHAT_DAY_MEMBERSHIP;
        if !plausible {
            return Err(ErrorCode::ChatActivityImplausibleCounts);
        }
        let ids: BTreeSet<&String> = d.campaign_item_ids.iter().collect();
        if d.campaign_item_ids.len() > MAX_CHAT_DAY_ITEMS
            || ids.len() != d.campaign_item_ids.len()
            || !ids.iter().all(|id| is_valid_campaign_item_id(id))
            || (!ids.is_empty() && d.admin_messages == 0)
        {
            return Err(ErrorCode::InvalidCampaignItems);
        }
        days.push(ValidDay {
            day,
            counts: DayCounts {
                admin_messages: d.admin_messages,
                other_messages: d.other_messages,
                admin_media: d.admin_media,
                other_media: d.other_media,
                joins: d.joins,
                leaves: d.leaves,
            },
            campaign_item_ids: ids.into_iter().cloned().collect(),
        });
    }
    days.sort_by_key(|d| d.day);
    Ok(ValidChatActivity { days })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeOutcome {
    Created,
    Updated,
    Unchanged,
}

/// What storing `new` does to a day that holds `stored` (counts and campaign items).
pub fn merge_outcome(stored: Option<(DayCounts, &[String])>, new: &ValidDay) -> MergeOutcome {
    match stored {
        None => MergeOutcome::Created,
        Some((counts, items)) => {
            let more_items = new.campaign_item_ids.iter().any(|id| !items.contains(id));
            if counts.merge(new.counts) != counts || more_items {
                MergeOutcome::Updated
            } else {
                MergeOutcome::Unchanged
            }
        }
    }
}

/// A stored day on the strip (`None`: no export covered it).
pub fn day_status(counts: Option<&DayCounts>, campaign_items: usize) -> ChatDayStatus {
    match counts {
        None => ChatDayStatus::NoData,
        Some(_) if campaign_items > 0 => ChatDayStatus::Campaign,
        Some(c) if c.admin_messages > 0 => ChatDayStatus::AdminPosted,
        Some(_) => ChatDayStatus::Quiet,
    }
}

/// Member growth over `from..=to` from per-day joins and leaves (`rows`, any order, may
/// reach before `from`), anchored on the latest reported member count, taken as the
/// count at the end of its day. Without an anchor only the net change is known.
pub fn member_growth(
    rows: &[(NaiveDate, u32, u32)],
    from: NaiveDate,
    to: NaiveDate,
    anchor: Option<(NaiveDate, u32)>,
) -> Vec<MemberGrowthPoint> {
    let net_of = |day: NaiveDate| -> i64 {
        rows.iter()
            .filter(|(d, _, _)| *d == day)
            .map(|(_, j, l)| i64::from(*j) - i64::from(*l))
            .sum()
    };
    // Net change over (a, b] (negative when b < a).
    let net_between = |a: NaiveDate, b: NaiveDate| -> i64 {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        sign * rows
            .iter()
            .filter(|(d, _, _)| *d > lo && *d <= hi)
            .map(|(_, j, l)| i64::from(*j) - i64::from(*l))
            .sum::<i64>()
    };
    let mut out = Vec::new();
    let mut cumulative: i64 = 0;
    let mut day = from;
    while day <= to {
        cumulative += net_of(day);
        let members = anchor.map(|(anchor_day, count)| {
            (i64::from(count) + net_between(anchor_day, day)).clamp(0, i64::from(u32::MAX)) as u32
        });
        out.push(MemberGrowthPoint {
            day: day.to_string(),
            net_change: cumulative.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            members,
        });
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ChatActivityDay, ExportPlatform};

    fn d(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    fn day(s: &str) -> ChatActivityDay {
        ChatActivityDay {
            day: s.into(),
            admin_messages: 2,
            other_messages: 5,
            admin_media: 1,
            other_media: 2,
            joins: 1,
            leaves: 0,
            campaign_item_ids: vec!["item-1".into()],
        }
    }

    fn upload(days: Vec<ChatActivityDay>) -> ChatActivityUpload {
        ChatActivityUpload {
            platform: ExportPlatform::Android,
            days,
        }
    }

    const TODAY: &str = "2026-11-27";

    #[test]
    fn accepts_a_plausible_upload_sorted() {
        let v = validate_upload(
            &upload(vec![day("2026-11-27"), day("2026-11-01")]),
            d(TODAY),
        )
        .unwrap();
        assert_eq!(v.first_day(), Some(d("2026-11-01")));
        assert_eq!(v.last_day(), Some(d("2026-11-27")));
        assert_eq!(
            v.campaign_item_ids().into_iter().collect::<Vec<_>>(),
            ["item-1"]
        );
        // The oldest accepted day is 365 days before today.
        assert!(validate_upload(&upload(vec![day("2025-11-27")]), d(TODAY)).is_ok());
    }

    #[test]
    fn refuses_hostile_uploads() {
        let cases: Vec<(Vec<ChatActivityDay>, ErrorCode)> = vec![
            (vec![], ErrorCode::ChatActivityNoDays),
            (
                vec![day("2026-11-28")],
                ErrorCode::ChatActivityDayOutOfRange,
            ),
            (
                vec![day("2025-11-26")],
                ErrorCode::ChatActivityDayOutOfRange,
            ),
            (vec![day("2026-02-30")], ErrorCode::InvalidDay),
            (vec![day("27/11/2026")], ErrorCode::InvalidDay),
            (vec![day("Ramesh Kumar")], ErrorCode::InvalidDay),
            (
                vec![day("2026-11-20"), day("2026-11-20")],
                ErrorCode::ChatActivityDuplicateDay,
            ),
            (
                vec![ChatActivityDay {
                    admin_messages: 20_001,
                    ..day("2026-11-20")
                }],
                ErrorCode::ChatActivityImplausibleCounts,
            ),
            (
                vec![ChatActivityDay {
                    other_media: 6,
                    ..day("2026-11-20")
                }],
                ErrorCode::ChatActivityImplausibleCounts,
            ),
            (
                vec![ChatActivityDay {
                    joins: 5_001,
                    ..day("2026-11-20")
                }],
                ErrorCode::ChatActivityImplausibleCounts,
            ),
            (
                vec![ChatActivityDay {
                    campaign_item_ids: vec!["Ramesh Kumar +91 98290 12345".into()],
                    ..day("2026-11-20")
                }],
                ErrorCode::InvalidCampaignItems,
            ),
            (
                vec![ChatActivityDay {
                    campaign_item_ids: vec!["a".into(), "a".into()],
                    ..day("2026-11-20")
                }],
                ErrorCode::InvalidCampaignItems,
            ),
            (
                vec![ChatActivityDay {
                    admin_messages: 0,
                    admin_media: 0,
                    ..day("2026-11-20")
                }],
                ErrorCode::InvalidCampaignItems,
            ),
        ];
        for (days, code) in cases {
            assert_eq!(
                validate_upload(&upload(days.clone()), d(TODAY)),
                Err(code),
                "{days:?}"
            );
        }
        let many: Vec<ChatActivityDay> = (0..367)
            .map(|i| day(&(d(TODAY) - Days::new(i)).to_string()))
            .collect();
        assert_eq!(
            validate_upload(&upload(many), d(TODAY)),
            Err(ErrorCode::ChatActivityTooManyDays)
        );
    }

    #[test]
    fn merging_takes_the_larger_value_so_overlaps_never_add_up() {
        let old = DayCounts {
            admin_messages: 5,
            other_messages: 40,
            admin_media: 1,
            other_media: 3,
            joins: 2,
            leaves: 1,
        };
        // A later export whose first day is cut off shows fewer: nothing drops.
        let partial = DayCounts {
            admin_messages: 2,
            other_messages: 10,
            ..DayCounts::default()
        };
        assert_eq!(old.merge(partial), old);
        // The same day seen in full later, with more in the evening: it grows.
        let fuller = DayCounts {
            other_messages: 44,
            ..old
        };
        assert_eq!(old.merge(fuller), fuller);
        // Idempotent and order-independent.
        assert_eq!(old.merge(old), old);
        assert_eq!(old.merge(fuller), fuller.merge(old));

        let valid = ValidDay {
            day: d("2026-11-20"),
            counts: old,
            campaign_item_ids: vec!["item-1".into()],
        };
        assert_eq!(merge_outcome(None, &valid), MergeOutcome::Created);
        assert_eq!(
            merge_outcome(Some((old, &["item-1".into()])), &valid),
            MergeOutcome::Unchanged
        );
        assert_eq!(
            merge_outcome(Some((old, &[])), &valid),
            MergeOutcome::Updated
        );
        assert_eq!(
            merge_outcome(Some((fuller, &["item-1".into()])), &valid),
            MergeOutcome::Unchanged
        );
    }

    #[test]
    fn strip_status() {
        let quiet = DayCounts {
            other_messages: 3,
            ..DayCounts::default()
        };
        let posted = DayCounts {
            admin_messages: 1,
            ..quiet
        };
        assert_eq!(day_status(None, 0), ChatDayStatus::NoData);
        assert_eq!(day_status(Some(&quiet), 0), ChatDayStatus::Quiet);
        assert_eq!(day_status(Some(&posted), 0), ChatDayStatus::AdminPosted);
        assert_eq!(day_status(Some(&posted), 2), ChatDayStatus::Campaign);
    }

    #[test]
    fn growth_is_anchored_on_the_latest_count() {
        let rows = [
            (d("2026-11-01"), 10, 0), // before the window
            (d("2026-11-20"), 5, 1),
            (d("2026-11-22"), 0, 2),
            (d("2026-11-25"), 3, 0),
        ];
        // 500 members reported on the 22nd (end of day).
        let g = member_growth(
            &rows,
            d("2026-11-20"),
            d("2026-11-26"),
            Some((d("2026-11-22"), 500)),
        );
        let members: Vec<u32> = g.iter().map(|p| p.members.unwrap()).collect();
        assert_eq!(members, [502, 502, 500, 500, 500, 503, 503]);
        let net: Vec<i32> = g.iter().map(|p| p.net_change).collect();
        assert_eq!(net, [4, 4, 2, 2, 2, 5, 5]);
        // An anchor before the window carries forward through the days in between.
        let g = member_growth(
            &rows,
            d("2026-11-20"),
            d("2026-11-20"),
            Some((d("2026-10-31"), 100)),
        );
        assert_eq!(g[0].members, Some(114));
        // No anchor: members unknown, the net change still charted; never below zero.
        let g = member_growth(&rows, d("2026-11-20"), d("2026-11-21"), None);
        assert_eq!(g[0].members, None);
        let g = member_growth(
            &[(d("2026-11-20"), 0, 50)],
            d("2026-11-20"),
            d("2026-11-20"),
            Some((d("2026-11-19"), 10)),
        );
        assert_eq!(g[0].members, Some(0));
    }
}
