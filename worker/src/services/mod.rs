//! Domain operations that span several storage adapters.

pub mod auth;
pub mod imports;
pub mod maintenance;
pub mod registry;
pub mod submissions;
