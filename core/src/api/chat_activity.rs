//! Activity evidence from WhatsApp's own "Export chat" file. The phone parses the export
//! and sends only per-day numbers: the shapes below have no field that could hold a
//! member's name, number or message, and `deny_unknown_fields` refuses any extra one.
//! The only strings are IST days (`YYYY-MM-DD`) and campaign item ids, both checked
//! against a strict form and, for item ids, against the items of the group's area.
//!
//! - `POST /api/groups/:group_id/chat-activity` with [`ChatActivityUpload`] →
//!   [`ChatActivityStored`] (group admins, for the groups they administer).
//! - `GET /api/groups/:group_id/chat-activity?days=N` → [`ChatActivityView`] (officers).
//! - `GET /api/groups/:group_id/chat-activity/campaign-items?from=…&to=…` →
//!   [`ChatCampaignItemList`]: the items the phone matches the admin's messages against.

use serde::{Deserialize, Serialize};

/// Most days one upload may carry, and how far back (days before today, IST) it may go.
pub const MAX_CHAT_ACTIVITY_DAYS: usize = 366;
/// Most messages (or media posts) of one kind in one day that are believed.
pub const MAX_CHAT_DAY_MESSAGES: u32 = 20_000;
/// Most joins or leaves in one day that are believed (a group holds at most 100,000).
pub const MAX_CHAT_DAY_MEMBERSHIP: u32 = 5_000;
/// Most campaign items one day can match.
pub const MAX_CHAT_DAY_ITEMS: usize = 50;
/// Largest JSON body of an upload (366 days with a few items each is ~60 KB).
pub const MAX_CHAT_ACTIVITY_JSON_BYTES: usize = 192 * 1024;
/// Default and largest window of the officers' view.
pub const CHAT_ACTIVITY_VIEW_DAYS: u32 = 30;
pub const MAX_CHAT_ACTIVITY_VIEW_DAYS: u32 = 365;

/// Which app wrote the export (by its line layout); kept for diagnosis only.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportPlatform {
    Android,
    Iphone,
}

/// What the phone sends.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatActivityUpload {
    pub platform: ExportPlatform,
    /// Every IST day the export covers (within the last [`MAX_CHAT_ACTIVITY_DAYS`]),
    /// oldest first, including quiet days with all counts zero.
    pub days: Vec<ChatActivityDay>,
}

/// One IST day of the export. Media posts are counted in the messages too.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatActivityDay {
    pub day: String,
    pub admin_messages: u32,
    pub other_messages: u32,
    pub admin_media: u32,
    pub other_media: u32,
    /// Members added or joined by the invite link.
    pub joins: u32,
    /// Members who left or were removed.
    pub leaves: u32,
    /// Campaign items the admin's own messages of the day match (by link or text).
    #[serde(default)]
    pub campaign_item_ids: Vec<String>,
}

/// What the worker did with an upload. A day is `updated` when any of its numbers grew
/// or it gained a campaign item; `unchanged` when the stored day already held as much.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatActivityStored {
    pub group_id: String,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub days_created: u32,
    pub days_updated: u32,
    pub days_unchanged: u32,
}

/// How a day looks on the officers' 30-day strip.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatDayStatus {
    /// No export covered the day.
    NoData,
    /// Covered, and the admin posted nothing.
    Quiet,
    /// The admin posted, but nothing matched a campaign item.
    AdminPosted,
    /// The admin posted campaign material: an active day for compliance.
    Campaign,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatActivityDayView {
    pub day: String,
    pub status: ChatDayStatus,
    /// Zero when `status` is `no_data`.
    pub admin_messages: u32,
    pub other_messages: u32,
    pub admin_media: u32,
    pub other_media: u32,
    pub joins: u32,
    pub leaves: u32,
    pub campaign_item_ids: Vec<String>,
}

/// One day of the member-growth chart.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberGrowthPoint {
    pub day: String,
    /// Joins minus leaves from the window's first day up to and including this day.
    pub net_change: i32,
    /// The member count this implies, anchored on the latest reported member count;
    /// `None` when no count was ever reported.
    pub members: Option<u32>,
}

/// `GET /api/groups/:group_id/chat-activity`: one entry per day of the window, oldest
/// first, ending today (IST).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatActivityView {
    pub group_id: String,
    pub today: String,
    pub member_limit: u32,
    pub days: Vec<ChatActivityDayView>,
    pub growth: Vec<MemberGrowthPoint>,
    /// The latest reported member count the growth is anchored on, and its IST day.
    pub anchor_members: Option<u32>,
    pub anchor_day: Option<String>,
    /// When an export last changed this group's numbers (RFC 3339, IST).
    pub last_upload_at: Option<String>,
}

/// A campaign item as the phone needs it to recognise the admin posting it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatCampaignItem {
    pub id: String,
    pub title_hi: String,
    pub title_en: String,
    pub description_hi: String,
    pub description_en: String,
    pub link_url: Option<String>,
    /// IST days, inclusive.
    pub starts_on: String,
    pub ends_on: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatCampaignItemList {
    pub items: Vec<ChatCampaignItem>,
}

pub fn chat_activity_path(group_id: &str) -> String {
    format!("/api/groups/{group_id}/chat-activity")
}

pub fn chat_campaign_items_path(group_id: &str, from: &str, to: &str) -> String {
    format!("/api/groups/{group_id}/chat-activity/campaign-items?from={from}&to={to}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_refuses_unknown_fields_such_as_names() {
        let ok = r#"{"platform":"android","days":[{"day":"2026-11-20","admin_messages":1,
            "other_messages":2,"admin_media":0,"other_media":1,"joins":0,"leaves":0}]}"#;
        let parsed: ChatActivityUpload = serde_json::from_str(ok).unwrap();
        assert_eq!(parsed.days[0].campaign_item_ids, Vec::<String>::new());
        for bad in [
            r#"{"platform":"android","days":[],"admin_name":"Ramesh"}"#,
            r#"{"platform":"android","days":[{"day":"2026-11-20","admin_messages":1,
                "other_messages":2,"admin_media":0,"other_media":1,"joins":0,"leaves":0,
                "senders":["Ramesh"]}]}"#,
            r#"{"platform":"android","days":[{"day":"2026-11-20","admin_messages":-1,
                "other_messages":2,"admin_media":0,"other_media":1,"joins":0,"leaves":0}]}"#,
            r#"{"platform":"android","days":[{"day":"2026-11-20","admin_messages":"1",
                "other_messages":2,"admin_media":0,"other_media":1,"joins":0,"leaves":0}]}"#,
            r#"{"platform":"windows","days":[]}"#,
        ] {
            assert!(
                serde_json::from_str::<ChatActivityUpload>(bad).is_err(),
                "{bad}"
            );
        }
    }
}
