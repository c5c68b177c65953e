//! Domain operations that span several storage adapters.

pub mod auth;
pub mod campaigns;
pub mod chat_activity;
pub mod checks;
pub mod compliance;
pub mod draws;
pub mod group_day;
pub mod imports;
pub mod maintenance;
pub mod map;
pub mod registry;
pub mod reviews;
pub mod screenshot_flags;
pub mod settings;
pub mod stories;
pub mod submissions;
