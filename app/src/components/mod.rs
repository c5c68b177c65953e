pub mod error_box;
pub mod header;
pub mod submission_card;
