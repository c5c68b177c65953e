//! Pieces of the group admin's submission page (`routes/submit.rs`).

pub mod campaign_checklist;
pub mod group_select;
pub mod image_picker;
pub mod install;
pub mod queue;
