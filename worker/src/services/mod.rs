//! Domain operations that span several storage adapters.

pub mod auth;
pub mod imports;
pub mod monitoring;
pub mod registry;
pub mod submissions;
// --- map and reports ---
pub mod map;
pub mod reports;
