//! Domain operations that span several storage adapters.

pub mod auth;
pub mod chat_activity;
pub mod imports;
pub mod registry;
pub mod submissions;
