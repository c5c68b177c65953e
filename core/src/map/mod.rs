//! The collector's live map: status of the day, outlines, and the plane the app draws
//! on. The interface text of the map and reports lives in [`text`], outside
//! [`crate::i18n::Text`], so the group admins' small bundle does not carry it.

pub mod geo;
pub mod status;
pub mod text;
pub mod view;
