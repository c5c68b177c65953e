//! Domain operations that span several storage adapters.

pub mod submissions;
