//! Campaign items: publicity material that PR officers publish for group admins to post.

use serde::{Deserialize, Serialize};

/// One campaign item as admins and officers see it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignItemList {
    pub ist_day: String,
    pub items: Vec<CampaignItem>,
}

pub const TODAYS_CAMPAIGN_ITEMS_PATH: &str = "/api/campaign-items/today";

// ---- Officers: publishing and following campaign items ----------------------------------

pub const CAMPAIGN_ITEMS_PATH: &str = "/api/campaign-items";

pub fn campaign_item_path(id: &str) -> String {
    format!("{CAMPAIGN_ITEMS_PATH}/{id}")
}

/// The image's URL carries a digest prefix, so a replaced image is a new URL and the old
/// one may be cached for good.
pub fn campaign_item_image_path(id: &str, sha256: &str) -> String {
    let version = sha256.get(..16).unwrap_or(sha256);
    format!("{CAMPAIGN_ITEMS_PATH}/{id}/image?v={version}")
}

/// What an officer writes when publishing or editing an item (every field is replaced).
/// The image travels separately: `PUT /api/campaign-items/:id/image` with the bytes.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CampaignItemInput {
    /// The caller's own area, or a district, block or urban local body inside it.
    pub area_id: String,
    pub title_hi: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_hi: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub scheme: String,
    /// `http:` or `https:` only; empty or absent for none.
    #[serde(default)]
    pub link_url: Option<String>,
    /// IST days `YYYY-MM-DD`, inclusive.
    pub starts_on: String,
    pub ends_on: String,
}

/// Where an item stands on a given IST day.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    Upcoming,
    Active,
    Ended,
    Withdrawn,
}

/// The list page's filter. `Past` covers ended and withdrawn items.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignWhen {
    #[default]
    Active,
    Upcoming,
    Past,
}

impl CampaignWhen {
    pub const ALL: [CampaignWhen; 3] = [
        CampaignWhen::Active,
        CampaignWhen::Upcoming,
        CampaignWhen::Past,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CampaignWhen::Active => "active",
            CampaignWhen::Upcoming => "upcoming",
            CampaignWhen::Past => "past",
        }
    }

    pub fn parse(text: &str) -> Option<CampaignWhen> {
        CampaignWhen::ALL.into_iter().find(|w| w.as_str() == text)
    }
}

/// One item in an officer's list.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignItemSummary {
    pub item: CampaignItem,
    pub area_kind: super::UnitKind,
    pub status: CampaignStatus,
    /// Groups (in the caller's area) whose admin marked the item as posted.
    pub posted_groups: u32,
    /// The caller may edit or withdraw it (it lies inside their area and they publish).
    pub editable: bool,
    /// The success story it was made from.
    pub story_id: Option<String>,
    pub created_at: String,
    pub created_by_name: String,
}

/// `GET /api/campaign-items?when=active|upcoming|past`.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignItemPage {
    pub ist_day: String,
    pub when: CampaignWhen,
    /// The caller may publish items.
    pub may_publish: bool,
    pub items: Vec<CampaignItemSummary>,
}

/// One group whose admin marked an item as posted (from their daily submission).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostedMark {
    pub group_id: String,
    pub group_name_en: String,
    pub group_name_hi: String,
    /// The block (for a GP) or urban local body (for a ward).
    pub parent_en: String,
    pub parent_hi: String,
    pub admin_name: Option<String>,
    pub submission_id: String,
    pub submitted_at: String,
    pub ist_day: String,
}

/// `GET /api/campaign-items/:id`: the item and who posted it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignItemDetail {
    pub summary: CampaignItemSummary,
    pub input: CampaignItemInput,
    /// Open groups in the item's area (within the caller's area): who could post it.
    pub target_groups: u32,
    pub posted_admins: u32,
    /// Newest first; a group that posted on several days appears once per submission.
    pub posted: Vec<PostedMark>,
}

// ---- Success stories ---------------------------------------------------------------------

pub const STORIES_PATH: &str = "/api/stories";
/// Most photos in a story.
pub const MAX_STORY_PHOTOS: u8 = 3;

pub fn story_path(id: &str) -> String {
    format!("{STORIES_PATH}/{id}")
}

pub fn story_photo_path(id: &str, position: u8) -> String {
    format!("{STORIES_PATH}/{id}/photos/{position}")
}

/// Step 1 of sending a story (JSON). Step 2 is one `PUT /api/stories/:id/photos/:n` per
/// photo with the bytes as the body. Both are idempotent: the same `client_key` finds
/// the same story, and the same bytes at the same position answer 200.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewStory {
    pub client_key: String,
    /// Where it happened: one of `GET /api/stories/units`.
    pub unit_id: String,
    pub scheme: String,
    /// The story, in Hindi.
    pub text_hi: String,
    /// The beneficiary agreed to the story and photos being shared.
    pub consent_confirmed: bool,
    #[serde(default)]
    pub photo_count: u8,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoryStatus {
    Submitted,
    Accepted,
    Rejected,
}

impl StoryStatus {
    pub const ALL: [StoryStatus; 3] = [
        StoryStatus::Submitted,
        StoryStatus::Accepted,
        StoryStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StoryStatus::Submitted => "submitted",
            StoryStatus::Accepted => "accepted",
            StoryStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<StoryStatus> {
        StoryStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryPhoto {
    pub position: u8,
    pub content_type: String,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
    /// Same-origin URL of the bytes.
    pub url: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub unit: super::UnitRef,
    pub district_id: String,
    /// The admin's name or the officer's display name.
    pub author_name: String,
    /// `admin` or `official`.
    pub author_kind: super::SessionKind,
    pub scheme: String,
    pub text_hi: String,
    pub consent_confirmed: bool,
    pub photo_count: u8,
    /// Ordered by position; fewer than `photo_count` while uploads are under way.
    pub photos: Vec<StoryPhoto>,
    pub status: StoryStatus,
    pub review_remark: String,
    pub reviewed_at: Option<String>,
    /// The campaign item made from it, if any.
    pub campaign_item_id: Option<String>,
    pub created_at: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryCreated {
    pub created: bool,
    pub story: Story,
}

/// `GET /api/stories?status=…`: officers see their area's stories; admins their own.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryList {
    pub status: Option<StoryStatus>,
    /// The caller may review stories.
    pub may_review: bool,
    pub stories: Vec<Story>,
}

/// A place a story may be told about, for the form's picker.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryUnit {
    pub unit: super::UnitRef,
    pub parent_en: String,
    pub parent_hi: String,
}

/// `GET /api/stories/units`: an admin's gram panchayats and wards, or a block officer's
/// block and its gram panchayats.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryUnits {
    pub units: Vec<StoryUnit>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoryDecision {
    Accept,
    Reject,
}

/// `POST /api/stories/:id/review`. Rejecting needs a remark, which the sender sees.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryReview {
    pub decision: StoryDecision,
    #[serde(default)]
    pub remark: String,
}

/// `POST /api/stories/:id/campaign-item`: an accepted story becomes a campaign item in one
/// action. Every field is optional; what is left out comes from the story
/// (`campaigns::draft_item_from_story`), and its first photo becomes the item's image.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryToItem {
    #[serde(default)]
    pub area_id: Option<String>,
    #[serde(default)]
    pub title_hi: Option<String>,
    #[serde(default)]
    pub title_en: Option<String>,
    #[serde(default)]
    pub description_hi: Option<String>,
    #[serde(default)]
    pub description_en: Option<String>,
    #[serde(default)]
    pub scheme: Option<String>,
    /// `http:` or `https:`; empty for none (the draft has none).
    #[serde(default)]
    pub link_url: Option<String>,
    #[serde(default)]
    pub starts_on: Option<String>,
    #[serde(default)]
    pub ends_on: Option<String>,
}

// ---- What the story form reads back (a subset, for the admins' small bundle) ---------------

/// The fields of a [`Story`] that the sending form shows. Decoding only these keeps the
/// decoder of the whole story out of the group admins' bundle; the tests below decode
/// real [`StoryCreated`] and [`StoryList`] answers into them, so they cannot drift.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SentStory {
    pub id: String,
    pub unit: SentStoryUnit,
    pub scheme: String,
    pub photos: Vec<SentStoryPhoto>,
    pub status: StoryStatus,
    pub review_remark: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SentStoryUnit {
    pub name_en: String,
    pub name_hi: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SentStoryPhoto {
    pub position: u8,
}

/// [`StoryCreated`] as the form reads it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SentStoryReceipt {
    pub story: SentStory,
}

/// [`StoryList`] as the form reads it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SentStoryList {
    pub stories: Vec<SentStory>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{SessionKind, UnitKind, UnitRef};

    fn story() -> Story {
        Story {
            id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
            unit: UnitRef {
                id: "gp-42356".into(),
                kind: UnitKind::GramPanchayat,
                code: "42356".into(),
                name_en: "Alsigarh".into(),
                name_hi: "अलसीगढ़".into(),
            },
            district_id: "district-108".into(),
            author_name: "सीता".into(),
            author_kind: SessionKind::GroupAdmin,
            scheme: "PMAY".into(),
            text_hi: "कहानी".into(),
            consent_confirmed: true,
            photo_count: 2,
            photos: vec![StoryPhoto {
                position: 1,
                content_type: "image/png".into(),
                bytes: 10,
                width: 1,
                height: 1,
                url: story_photo_path("x", 1),
            }],
            status: StoryStatus::Rejected,
            review_remark: "धुंधली".into(),
            reviewed_at: None,
            campaign_item_id: None,
            created_at: "2026-11-27T10:00:00.000+05:30".into(),
        }
    }

    #[test]
    fn the_forms_subset_reads_real_answers() {
        let created = serde_json::to_string(&StoryCreated {
            created: true,
            story: story(),
        })
        .unwrap();
        let receipt: SentStoryReceipt = serde_json::from_str(&created).unwrap();
        assert_eq!(receipt.story.id, story().id);
        assert_eq!(receipt.story.photos, vec![SentStoryPhoto { position: 1 }]);
        assert_eq!(receipt.story.unit.name_hi, "अलसीगढ़");
        let list = serde_json::to_string(&StoryList {
            status: None,
            may_review: false,
            stories: vec![story()],
        })
        .unwrap();
        let mine: SentStoryList = serde_json::from_str(&list).unwrap();
        assert_eq!(mine.stories[0].status, StoryStatus::Rejected);
        assert_eq!(mine.stories[0].review_remark, "धुंधली");
    }

    #[test]
    fn wire_names() {
        assert_eq!(
            serde_json::to_value(StoryDecision::Reject).unwrap(),
            "reject"
        );
        for s in StoryStatus::ALL {
            assert_eq!(StoryStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(
            campaign_item_image_path("id", &"ab".repeat(32)),
            "/api/campaign-items/id/image?v=abababababababab"
        );
    }
}
