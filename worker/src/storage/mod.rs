//! Queries and external adapters, one file per resource. Every SQL parameter is bound.

pub mod accounts;
pub mod admin_links;
pub mod admins;
pub mod assignments;
pub mod audit;
pub mod campaign_items;
pub mod chat_activity;
pub mod checks;
pub mod draws;
pub mod group_day;
pub mod groups;
pub mod guarded;
pub mod imports;
pub mod login_failures;
pub mod maintenance;
pub mod reviews;
pub mod screenshot_flags;
#[cfg(target_arch = "wasm32")]
pub mod screenshots;
pub mod sessions;
pub mod stories;
pub mod submissions;
pub mod units;

use crate::db::Value;

/// The newest review outcome of submission `s` (NULL when not reviewed). A macro, so
/// that [`COUNTED_REPORT`] can be built from it at compile time.
macro_rules! latest_review {
    () => {
        "(SELECT r.outcome FROM submission_reviews r \
         WHERE r.submission_id = s.id ORDER BY r.id DESC LIMIT 1)"
    };
}

/// The newest review outcome of submission `s` (NULL when not reviewed).
pub const LATEST_REVIEW: &str = latest_review!();

/// When submission `s` counts as the group's report for its day — the one rule shared by
/// compliance, the map, the daily status and the reports: at least one screenshot is
/// stored (the report row is written first, its images by their own requests) and its
/// newest review is not a rejection.
pub const COUNTED_REPORT: &str = concat!(
    "EXISTS (SELECT 1 FROM submission_images i WHERE i.submission_id = s.id) \
     AND coalesce(",
    latest_review!(),
    ", '') <> 'rejected'"
);

/// The instant report `s` was made, for "on time": when its first screenshot was stored.
/// The report row is written first and its images by their own requests, possibly hours
/// later, so the row's own time would let a late screenshot count as on time.
pub const REPORT_STORED_MS: &str =
    "(SELECT MIN(i.uploaded_at_ms) FROM submission_images i WHERE i.submission_id = s.id)";

/// The instant a chat-export campaign day of `c` (`chat_active_days`) counts as reported:
/// the last millisecond of its IST day (the export gives no time, so active, not on time).
pub const CHAT_DAY_REPORTED_MS: &str = "(unixepoch(c.ist_day) - 19800) * 1000 + 86399999";

/// A GP's or ward's group exists on the IST day bound as `?{day}` (units `u`, groups
/// `g`): the SQL twin of `prasar_core::compliance::ReportingUnit::open_span`, which the
/// draw, compliance, reports and status use on the same columns.
pub fn open_on(day: usize) -> String {
    format!(
        "u.kind IN ('gram_panchayat', 'ward') AND u.valid_from <= ?{day} \
         AND (u.valid_to IS NULL OR u.valid_to >= ?{day}) \
         AND substr(g.created_at, 1, 10) <= ?{day} \
         AND (g.closed_at IS NULL OR substr(g.closed_at, 1, 10) > ?{day})"
    )
}

/// Binds an optional value as SQL NULL when absent.
pub fn opt<T: Into<Value>>(value: Option<T>) -> Value {
    value.map_or(Value::Null, Into::into)
}
pub mod map;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
