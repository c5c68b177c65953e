#[cfg(feature = "officials")]
pub mod activity_strip;
#[cfg(feature = "officials")]
pub mod admin_edit_form;
#[cfg(feature = "officials")]
pub mod breadcrumbs;
pub mod error_box;
#[cfg(feature = "officials")]
pub mod form_alerts;
#[cfg(feature = "officials")]
pub mod group_edit_form;
// --- map and reports ---
#[cfg(feature = "officials")]
pub mod group_panel;
pub mod guard;
pub mod header;
#[cfg(feature = "officials")]
pub mod link_panel;
#[cfg(feature = "officials")]
pub mod member_count_form;
#[cfg(feature = "officials")]
pub mod member_fill;
#[cfg(feature = "officials")]
pub mod replace_admin_form;
#[cfg(feature = "officials")]
pub mod search_box;
#[cfg(feature = "officials")]
pub mod submission_card;
pub mod submit;
#[cfg(feature = "officials")]
pub mod unit_row;
// --- monitoring ---
#[cfg(feature = "officials")]
pub mod checks_nav;
#[cfg(feature = "officials")]
pub mod decision_fields;
pub mod my_submissions;
// --- campaigns and success stories ---
#[cfg(feature = "officials")]
pub mod campaign_card;
#[cfg(feature = "officials")]
pub mod campaign_form;
#[cfg(feature = "officials")]
pub mod story_card;

use leptos::prelude::*;
use prasar_core::api::GroupDetail;

use crate::i18n::Text;

/// What a group form reports when it has saved: the group as the server now has it (or
/// `None` to reload it) and the notice to show.
pub type Saved = Callback<(Option<GroupDetail>, Text)>;

/// The browser's own confirmation dialog, in the current language.
pub fn confirm(message: &str) -> bool {
    window().confirm_with_message(message).unwrap_or(false)
}
