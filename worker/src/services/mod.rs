//! Domain operations that span several storage adapters.

pub mod auth;
pub mod campaigns;
pub mod chat_activity;
pub mod imports;
pub mod maintenance;
pub mod monitoring;
pub mod registry;
pub mod stories;
pub mod submissions;
// --- map and reports ---
pub mod map;
pub mod reports;
