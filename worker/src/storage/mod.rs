//! Queries and external adapters, one file per resource. Every SQL parameter is bound.

pub mod accounts;
pub mod admin_links;
pub mod admins;
pub mod assignments;
pub mod audit;
pub mod campaign_items;
pub mod chat_activity;
pub mod groups;
pub mod guarded;
pub mod imports;
pub mod login_failures;
pub mod monitoring;
pub mod screenshots;
pub mod sessions;
pub mod stories;
pub mod submissions;
pub mod units;

use wasm_bindgen::JsValue;

/// Binds an optional value as SQL NULL when absent.
pub fn opt<T: Into<JsValue>>(value: Option<T>) -> JsValue {
    value.map_or(JsValue::NULL, Into::into)
}
// --- map and reports ---
pub mod map;
pub mod reports;
