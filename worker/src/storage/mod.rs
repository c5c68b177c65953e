//! Queries and external adapters, one file per resource. Every SQL parameter is bound.

pub mod audit;
pub mod groups;
pub mod screenshots;
pub mod submissions;
