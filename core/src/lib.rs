//! Prasar's pure domain: rules, validation and the API shapes that the worker serves and
//! the app reads. Nothing here touches I/O, so it compiles natively for tests and to wasm
//! for both sides.

#[macro_use]
mod declare;

pub mod api;
pub mod audit;
pub mod auth;
pub mod campaign_text;
pub mod campaigns;
pub mod chat_activity;
pub mod chat_export;
pub mod checks;
pub mod compliance;
pub mod draw;
pub mod error;
pub mod exif;
pub mod fuzzing;
pub mod html;
pub mod i18n;
pub mod ids;
pub mod import;
pub mod import_plan;
pub mod input;
pub mod map;
#[cfg(test)]
mod openapi;
pub mod phash;
pub mod registry;
pub mod report;
pub mod rows;
pub mod screenshot;
pub mod submission;
pub mod time;
