//! Campaign items: publicity material that PR officers publish for group admins to post.

use serde::{Deserialize, Serialize};

/// One campaign item as admins and officers see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignItem {
    pub id: String,
    /// The targeted area (state, district, block or ULB) and its names.
    pub area_id: String,
    pub area_name_en: String,
    pub area_name_hi: String,
    pub title_hi: String,
    pub title_en: String,
    pub description_hi: String,
    pub description_en: String,
    pub scheme: String,
    pub link_url: Option<String>,
    /// Same-origin URL of the item's image, if it has one.
    pub image_url: Option<String>,
    /// IST days, inclusive.
    pub starts_on: String,
    pub ends_on: String,
    pub withdrawn: bool,
}

/// `GET /api/campaign-items/today`: for a group admin, the items active today (IST) in
/// the areas of the groups they administer; for officers, those in their area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignItemList {
    pub ist_day: String,
    pub items: Vec<CampaignItem>,
}

pub const TODAYS_CAMPAIGN_ITEMS_PATH: &str = "/api/campaign-items/today";
