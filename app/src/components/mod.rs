pub mod admin_edit_form;
pub mod breadcrumbs;
pub mod error_box;
pub mod form_alerts;
pub mod group_edit_form;
pub mod guard;
pub mod header;
pub mod link_panel;
pub mod member_count_form;
pub mod member_fill;
pub mod replace_admin_form;
pub mod search_box;
pub mod submission_card;
pub mod unit_row;

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
