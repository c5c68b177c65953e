//! Rules for registry edits made through forms (group details, admins, member counts).
//! Imports apply the same rules row by row in `import`.

use crate::api::{AdminInput, GroupUpdate};
use crate::error::ErrorCode;

pub const DEFAULT_MEMBER_LIMIT: u32 = 1024;
pub const MAX_MEMBER_LIMIT: u32 = 100_000;

/// Control characters (tab, line breaks), Unicode line separators and bidirectional
/// overrides, which can make a name display as something else. Zero-width joiners
/// are allowed: Devanagari needs them.
pub fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Trimmed free text of at most `max` characters with no forbidden characters.
pub fn clean_text(input: &str, max: usize) -> Option<String> {
    let text = input.trim();
    (text.chars().count() <= max && !text.chars().any(is_forbidden_char)).then(|| text.to_owned())
}

/// A person's or group's name: 1 to `max` characters, one line.
pub fn clean_name(input: &str, max: usize) -> Option<String> {
    clean_text(input, max).filter(|t| !t.is_empty())
}

/// Exactly `https://chat.whatsapp.com/` and a 22–24 character alphanumeric code: no
/// other host, scheme, path, query or fragment.
pub fn is_valid_invite_link(link: &str) -> bool {
    link.strip_prefix("https://chat.whatsapp.com/")
        .is_some_and(|code| {
            (22..=24).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Validated admin details, mobile normalised to `+91XXXXXXXXXX`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAdmin {
    pub name: String,
    pub mobile: String,
    pub designation: String,
    pub department: String,
}

pub fn validate_admin(input: &AdminInput) -> Result<ValidAdmin, ErrorCode> {
    Ok(ValidAdmin {
        name: clean_name(&input.name, 120).ok_or(ErrorCode::InvalidName)?,
        mobile: crate::import::normalize_indian_mobile(&input.mobile)
            .ok_or(ErrorCode::InvalidMobile)?,
        designation: clean_text(&input.designation, 120).ok_or(ErrorCode::InvalidText)?,
        department: clean_text(&input.department, 120).ok_or(ErrorCode::InvalidText)?,
    })
}

/// The group's fields after applying `update` to the current ones.
pub fn apply_group_update(
    current_name: &str,
    current_link: Option<&str>,
    current_limit: u32,
    update: &GroupUpdate,
) -> Result<(String, Option<String>, u32), ErrorCode> {
    let name = match &update.name {
        Some(n) => clean_name(n, 200).ok_or(ErrorCode::InvalidName)?,
        None => current_name.to_owned(),
    };
    let link = match update.invite_link.as_deref().map(str::trim) {
        Some("") => None,
        Some(l) if is_valid_invite_link(l) => Some(l.to_owned()),
        Some(_) => return Err(ErrorCode::InvalidInviteLink),
        None => current_link.map(str::to_owned),
    };
    let limit = update.member_limit.unwrap_or(current_limit);
    if !(1..=MAX_MEMBER_LIMIT).contains(&limit) {
        return Err(ErrorCode::InvalidMemberLimit);
    }
    Ok((name, link, limit))
}

pub fn validate_member_count(count: u32, member_limit: u32) -> Result<u32, ErrorCode> {
    (count <= member_limit)
        .then_some(count)
        .ok_or(ErrorCode::InvalidMemberCount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin(name: &str, mobile: &str) -> AdminInput {
        AdminInput {
            name: name.into(),
            mobile: mobile.into(),
            designation: "ग्राम विकास अधिकारी".into(),
            department: "Panchayati Raj".into(),
        }
    }

    #[test]
    fn admins_are_validated_and_normalised() {
        let ok = validate_admin(&admin("  सीता देवी ", "98290 12345")).unwrap();
        assert_eq!(ok.name, "सीता देवी");
        assert_eq!(ok.mobile, "+919829012345");
        assert_eq!(
            validate_admin(&admin("", "9829012345")),
            Err(ErrorCode::InvalidName)
        );
        assert_eq!(
            validate_admin(&admin("a\nb", "9829012345")),
            Err(ErrorCode::InvalidName)
        );
        assert_eq!(
            validate_admin(&admin("Sita", "12345")),
            Err(ErrorCode::InvalidMobile)
        );
        assert_eq!(
            validate_admin(&admin("Sita", "5829012345")),
            Err(ErrorCode::InvalidMobile)
        );
        assert_eq!(
            validate_admin(&admin(&"x".repeat(121), "9829012345")),
            Err(ErrorCode::InvalidName)
        );
        // A right-to-left override would make the name display as something else.
        assert_eq!(
            validate_admin(&admin("Sita\u{202e}ived", "9829012345")),
            Err(ErrorCode::InvalidName)
        );
        // Zero-width joiners are part of written Hindi.
        assert!(validate_admin(&admin("क्\u{200d}ष", "9829012345")).is_ok());
    }

    #[test]
    fn script_in_names_is_kept_as_text() {
        // Stored as typed; the interface escapes it when showing it.
        let ok = validate_admin(&admin("<script>alert(1)</script>", "9829012345")).unwrap();
        assert_eq!(ok.name, "<script>alert(1)</script>");
    }

    #[test]
    fn invite_links() {
        assert!(is_valid_invite_link(
            "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"
        ));
        for bad in [
            "http://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
            "https://chat.whatsapp.com.evil.in/AbCdEfGhIjKlMnOpQrStUv",
            "https://chat.whatsapp.com/abc",
            "javascript:alert(1)",
            "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv?x=<script>",
        ] {
            assert!(!is_valid_invite_link(bad), "{bad}");
        }
    }

    #[test]
    fn group_updates() {
        let u = GroupUpdate {
            name: Some(" नया नाम ".into()),
            invite_link: Some("".into()),
            member_limit: Some(512),
        };
        assert_eq!(
            apply_group_update(
                "old",
                Some("https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
                1024,
                &u
            ),
            Ok(("नया नाम".into(), None, 512))
        );
        let keep = GroupUpdate::default();
        assert_eq!(
            apply_group_update("old", None, 1024, &keep),
            Ok(("old".into(), None, 1024))
        );
        let bad_limit = GroupUpdate {
            member_limit: Some(0),
            ..Default::default()
        };
        assert_eq!(
            apply_group_update("old", None, 1024, &bad_limit),
            Err(ErrorCode::InvalidMemberLimit)
        );
        let bad_link = GroupUpdate {
            invite_link: Some("https://evil.in".into()),
            ..Default::default()
        };
        assert_eq!(
            apply_group_update("old", None, 1024, &bad_link),
            Err(ErrorCode::InvalidInviteLink)
        );
    }

    #[test]
    fn member_counts_stay_within_the_limit() {
        assert_eq!(validate_member_count(1024, 1024), Ok(1024));
        assert_eq!(
            validate_member_count(1025, 1024),
            Err(ErrorCode::InvalidMemberCount)
        );
    }
}
