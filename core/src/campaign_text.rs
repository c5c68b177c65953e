//! Interface text of the officers' campaign and story pages, in Hindi and English. Kept
//! apart from `i18n::Text` because only the officials' bundle uses it: the group admins'
//! bundle (≤ 200 KB on 2G) does not carry these strings.

bilingual_texts! {
pub enum CampaignText {
    CampaignsTitle => "Campaign items", "अभियान सामग्री";
    CampaignsIntro => "Material for group admins to post in their WhatsApp groups, and who posted it.", "समूह एडमिन द्वारा अपने व्हाट्सऐप समूहों में पोस्ट की जाने वाली सामग्री, और किसने पोस्ट की।";
    WhenActive => "Running today", "आज चल रही";
    WhenUpcoming => "Upcoming", "आने वाली";
    WhenPast => "Past", "पिछली";
    NewCampaignItem => "Publish an item", "नई सामग्री प्रकाशित करें";
    NoCampaignItems => "No items here.", "यहाँ कोई सामग्री नहीं है।";
    StatusActive => "Running", "चालू";
    StatusUpcoming => "Not started yet", "अभी शुरू नहीं हुई";
    StatusEnded => "Ended", "समाप्त";
    StatusWithdrawn => "Withdrawn", "वापस ली गई";
    PostedByGroups => "Groups that posted it", "पोस्ट करने वाले समूह";
    FromStory => "Made from a success story", "सफलता की कहानी से बनी";
    PublishedBy => "Published by", "प्रकाशक";
    TargetArea => "Target area", "लक्षित क्षेत्र";
    TitleHi => "Title in Hindi", "शीर्षक (हिन्दी)";
    TitleEn => "Title in English (optional)", "शीर्षक (अंग्रेज़ी, वैकल्पिक)";
    DescriptionHi => "Description in Hindi", "विवरण (हिन्दी)";
    DescriptionEn => "Description in English (optional)", "विवरण (अंग्रेज़ी, वैकल्पिक)";
    LinkUrl => "Link (optional)", "लिंक (वैकल्पिक)";
    LinkHint => "A web address starting with https:// or http://.", "https:// या http:// से शुरू होने वाला वेब पता।";
    StartsOn => "First day", "पहला दिन";
    EndsOn => "Last day", "अंतिम दिन";
    Publish => "Publish", "प्रकाशित करें";
    ImageAfterPublishHint => "After publishing you can add an image on the item's page.", "प्रकाशित करने के बाद सामग्री के पृष्ठ पर चित्र जोड़ सकते हैं।";
    ItemImage => "Image", "चित्र";
    ItemImageHint => "PNG, JPEG or WebP, up to 10 MB. Admins forward it to WhatsApp.", "PNG, JPEG या WebP, अधिकतम 10 MB। एडमिन इसे व्हाट्सऐप पर आगे भेजते हैं।";
    AddImage => "Add an image", "चित्र जोड़ें";
    ReplaceImage => "Replace the image", "चित्र बदलें";
    UploadImage => "Upload the image", "चित्र अपलोड करें";
    RemoveImage => "Remove the image", "चित्र हटाएँ";
    EditItem => "Edit the item", "सामग्री बदलें";
    Withdraw => "Withdraw the item", "सामग्री वापस लें";
    ConfirmWithdraw => "Withdraw this item? Admins will no longer see it.", "यह सामग्री वापस लें? एडमिन को यह अब नहीं दिखेगी।";
    ItemWithdrawn => "The item has been withdrawn.", "सामग्री वापस ले ली गई है।";
    PostedTitle => "Who posted it", "किसने पोस्ट किया";
    GroupsPostedIt => "groups posted it", "समूहों ने पोस्ट किया";
    AdminsCount => "admins", "एडमिन";
    SeeWhoPosted => "See who posted it", "देखें किसने पोस्ट किया";
    BackToItem => "Back to the item", "सामग्री पर वापस";
    NobodyPostedYet => "No admin has marked it as posted yet.", "अभी तक किसी एडमिन ने इसे पोस्ट किया हुआ नहीं बताया है।";
    ColGroup => "Group", "समूह";
    ColAdmin => "Admin", "एडमिन";
    StoriesTitle => "Success stories", "सफलता की कहानियाँ (समीक्षा)";
    AllStories => "All", "सभी";
    NoStories => "No stories here.", "यहाँ कोई कहानी नहीं है।";
    SentBy => "Sent by", "भेजने वाले:";
    PhotosStillArriving => "Some photos have not arrived yet.", "कुछ फ़ोटो अभी नहीं पहुँचे हैं।";
    ConsentConfirmed => "The sender confirmed the beneficiary's consent.", "भेजने वाले ने लाभार्थी की सहमति की पुष्टि की है।";
    ReviewRemarkLabel => "Reviewer's remark", "समीक्षक की टिप्पणी";
    OpenCampaignItem => "Open the campaign item", "अभियान सामग्री खोलें";
    ReviewStory => "Review", "समीक्षा";
    ReviewRemark => "Remark (required to reject; the sender sees it)", "टिप्पणी (अस्वीकार करने के लिए आवश्यक; भेजने वाले को दिखेगी)";
    Accept => "Accept", "स्वीकार करें";
    Reject => "Reject", "अस्वीकार करें";
    MakeCampaignItem => "Make it a campaign item", "अभियान सामग्री बनाएँ";
    MakeItemHint => "Filled in from the story; its first photo becomes the item's image. Change anything, then press the button once.", "कहानी से भरा गया है; इसकी पहली फ़ोटो सामग्री का चित्र बनेगी। चाहें तो बदलें, फिर बटन एक बार दबाएँ।";
    ItemSaved => "Saved.", "सहेजा गया।";
    SaveItem => "Save the changes", "बदलाव सहेजें";
}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn has_devanagari(s: &str) -> bool {
        s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
    }

    #[test]
    fn every_text_is_translated() {
        let mut seen = std::collections::HashSet::new();
        for key in CampaignText::ALL {
            let (hi, en) = (key.get(Lang::Hi), key.get(Lang::En));
            assert!(has_devanagari(hi), "{key:?} lacks Hindi: {hi:?}");
            assert!(
                !has_devanagari(en),
                "{key:?} English has Devanagari: {en:?}"
            );
            assert!(seen.insert(key), "{key:?} listed twice");
        }
    }
}
