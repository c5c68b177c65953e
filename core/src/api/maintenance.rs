//! Storage housekeeping.

use serde::{Deserialize, Serialize};

/// `POST /api/maintenance/sweep`: remove screenshot objects in R2 that no D1 row points
/// at (left by a worker that died between the R2 put and the D1 insert).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepRequest {
    /// Only objects older than this are candidates, so an upload whose D1 insert is
    /// still under way is never touched. Default 60; 0 is allowed (tests, after a crash).
    #[serde(default)]
    pub grace_minutes: Option<u32>,
    /// IST days whose prefixes are swept; default yesterday and today.
    #[serde(default)]
    pub days: Option<Vec<String>>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SweepReport {
    pub days: Vec<String>,
    /// Objects listed under the swept prefixes.
    pub listed: u32,
    /// Objects without a row, deleted.
    pub deleted: u32,
    /// Objects without a row but younger than the grace period, kept.
    pub kept_young: u32,
}

/// Default grace period of the sweep, in minutes.
pub const SWEEP_GRACE_MINUTES: u32 = 60;
/// Most days one sweep request may name.
pub const SWEEP_MAX_DAYS: usize = 31;
