//! Storage housekeeping.

use serde::{Deserialize, Serialize};

/// `POST /api/maintenance/sweep`: remove objects in R2 that no D1 row points at (left by
/// a worker that died between the R2 put and the D1 insert): screenshots, story photos
/// and campaign images alike.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepRequest {
    /// Only objects older than this are candidates, so an upload whose D1 insert is
    /// still under way is never touched. Default 60; at least [`SWEEP_MIN_GRACE_MINUTES`].
    #[serde(default)]
    pub grace_minutes: Option<u32>,
    /// Only the screenshots of these IST days (their `screenshots/<day>/` prefixes);
    /// without it, the whole bucket from `cursor` on.
    #[serde(default)]
    pub days: Option<Vec<String>>,
    /// Where an earlier sweep of the whole bucket stopped (its `next_cursor`).
    #[serde(default)]
    pub cursor: Option<String>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SweepReport {
    /// The days swept, when the request named days.
    pub days: Vec<String>,
    /// Objects listed.
    pub listed: u32,
    /// Objects without a row, deleted.
    pub deleted: u32,
    /// Objects without a row but younger than the grace period, kept.
    pub kept_young: u32,
    /// Objects under a prefix Prasar does not write, kept untouched.
    #[serde(default)]
    pub kept_unknown: u32,
    /// Set when the bucket has more beyond what one sweep lists
    /// ([`SWEEP_MAX_PAGES`] pages): pass it as `cursor` to go on.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// Default grace period of the sweep, in minutes.
pub const SWEEP_GRACE_MINUTES: u32 = 60;
/// Shortest grace period accepted: an upload's R2 put and D1 insert are seconds apart,
/// but a phone on 2G can hold a request open for minutes.
pub const SWEEP_MIN_GRACE_MINUTES: u32 = 15;
/// Most days one sweep request may name.
pub const SWEEP_MAX_DAYS: usize = 31;
/// Most R2 list pages (1,000 objects each) one sweep reads, so a run stays bounded in
/// time and cost (three binding calls a page, far under a Worker's 1,000); a larger
/// bucket is covered over several runs: Rajasthan's 2.25 M objects in about 23 days.
pub const SWEEP_MAX_PAGES: u32 = 100;
/// The prefixes Prasar writes objects under, each with the rows that own them.
pub const SWEEP_PREFIXES: [&str; 3] = ["screenshots/", "stories/", "campaigns/"];
