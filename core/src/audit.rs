//! What the audit log records: every change of state is one of these actions, named
//! `entity.verb`, with the label the audit page shows in Hindi and English.

audit_actions! {
pub enum AuditAction {
    // --- sessions ---
    SessionLogin => "session.login", "Signed in", "साइन इन किया";
    SessionLinkLogin => "session.link_login", "Admin signed in with personal link", "एडमिन ने व्यक्तिगत लिंक से साइन इन किया";
    SessionLoginFailed => "session.login_failed", "Failed sign-in", "असफल साइन इन";
    SessionLogout => "session.logout", "Signed out", "साइन आउट किया";
    SessionLogoutAll => "session.logout_all", "Signed out on all devices", "सभी उपकरणों से साइन आउट किया";
    // --- registry ---
    GroupUpdate => "group.update", "Group edited", "समूह संपादित किया";
    GroupMemberCount => "group.member_count", "Member count recorded", "सदस्य संख्या दर्ज की";
    GroupReplaceAdmin => "group.replace_admin", "Admin replaced", "एडमिन बदला";
    AdminUpdate => "admin.update", "Admin details corrected", "एडमिन का विवरण सुधारा";
    AdminLinkIssue => "admin.link_issue", "Personal link issued", "व्यक्तिगत लिंक जारी किया";
    AdminLinkRevoke => "admin.link_revoke", "Personal link revoked", "व्यक्तिगत लिंक रद्द किया";
    AdminLinkRevokeExposed => "admin.link_revoke_exposed", "Personal link revoked: opened in an old, exposed form", "व्यक्तिगत लिंक रद्द: पुराने, असुरक्षित रूप में खोला गया";
    ImportApply => "import.apply", "Registry import applied", "रजिस्ट्री आयात लागू किया";
    // --- submissions and the daily check ---
    SubmissionCreate => "submission.create", "Report received", "रिपोर्ट प्राप्त हुई";
    SubmissionImage => "submission.image", "Screenshot stored", "स्क्रीनशॉट सहेजा गया";
    SubmissionReview => "submission.review", "Submission reviewed", "प्रविष्टि की समीक्षा";
    SubmissionFlag => "submission.flag", "Screenshot flagged", "स्क्रीनशॉट पर चिह्न";
    DrawRun => "draw.run", "Daily draw", "दैनिक ड्रॉ";
    CheckCall => "check.call", "Call about a check", "जाँच के बारे में कॉल";
    CheckMessage => "check.message", "WhatsApp request prepared", "व्हाट्सऐप अनुरोध तैयार";
    ChatActivityUpload => "chat_activity.upload", "Chat export activity uploaded", "चैट एक्सपोर्ट गतिविधि अपलोड की";
    // --- campaigns and stories ---
    CampaignItemCreate => "campaign_item.create", "Campaign item created", "अभियान सामग्री बनाई";
    CampaignItemUpdate => "campaign_item.update", "Campaign item edited", "अभियान सामग्री संपादित की";
    CampaignItemWithdraw => "campaign_item.withdraw", "Campaign item withdrawn", "अभियान सामग्री वापस ली";
    CampaignItemImage => "campaign_item.image", "Campaign image uploaded", "अभियान चित्र अपलोड किया";
    CampaignItemImageRemove => "campaign_item.image_remove", "Campaign image removed", "अभियान चित्र हटाया";
    StoryCreate => "story.create", "Success story sent", "सफलता की कहानी भेजी";
    StoryPhoto => "story.photo", "Story photo stored", "कहानी का फ़ोटो सहेजा";
    StoryReview => "story.review", "Success story reviewed", "सफलता की कहानी की समीक्षा";
    StoryPromote => "story.promote", "Story made a campaign item", "कहानी को अभियान सामग्री बनाया";
    // --- map and maintenance ---
    MapOutlinesUpload => "map_outlines.upload", "Map outlines uploaded", "नक्शे की सीमाएँ अपलोड कीं";
    MaintenanceSweep => "maintenance.sweep", "Orphaned files removed", "बेकार फ़ाइलें हटाईं";
}
}

impl AuditAction {
    /// The action of a stored name, including names used before the `entity.verb`
    /// pattern (the log is append-only, so old rows keep them).
    pub fn parse(text: &str) -> Option<AuditAction> {
        AuditAction::from_wire(text).or(match text {
            "map_outlines_uploaded" => Some(AuditAction::MapOutlinesUpload),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn one_naming_pattern_unique_names_and_both_languages() {
        let mut names = HashSet::new();
        for &a in AuditAction::ALL {
            let name = a.as_str();
            let (entity, verb) = name.split_once('.').expect(name);
            let word =
                |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
            assert!(word(entity) && word(verb), "{name} is not entity.verb");
            assert!(names.insert(name), "{name} twice");
            assert_eq!(AuditAction::parse(name), Some(a));
            assert!(
                a.hi()
                    .chars()
                    .any(|c| ('\u{0900}'..='\u{097F}').contains(&c)),
                "{name}"
            );
            assert!(!a.en().is_empty() && a.en() != a.hi(), "{name}");
        }
        assert_eq!(
            AuditAction::parse("map_outlines_uploaded"),
            Some(AuditAction::MapOutlinesUpload)
        );
        assert_eq!(AuditAction::parse("made.up"), None);
    }
}
