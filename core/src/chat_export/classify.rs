//! What a line after the timestamp says: a message by someone (text, media, a deleted
//! placeholder) or a system line (someone added, joined, left, removed; subject, icon or
//! description changed; encryption notice …). WhatsApp writes system lines in the phone's
//! language; English and Hindi wordings are recognised by their stable parts (see
//! `tests/fixtures/chat_export/README.md` for the wordings and their sources).

use super::text::{fold, is_invisible, is_space};

/// Longest sender name accepted; longer "names" are system text that contains ": ".
const MAX_SENDER_CHARS: usize = 100;
/// WhatsApp's placeholders are short; longer lines are ordinary messages.
const MAX_PLACEHOLDER_BYTES: usize = 600;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SystemKind {
    /// Members who came in: added by an admin or joined by the invite link.
    Joined(u32),
    /// Members who went: left or were removed.
    Left(u32),
    /// Recognised, but about neither (subject, icon, description, created, encryption …).
    Other,
    /// Not recognised.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Body<'a> {
    /// `sender: text`, where `placeholder` tells media and deleted messages apart, and
    /// `marked` that the text began with a left-to-right mark (how iPhone exports flag
    /// system lines, media and deletions).
    Message {
        sender: &'a str,
        text: &'a str,
        placeholder: Placeholder,
        marked: bool,
    },
    System(SystemKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placeholder {
    None,
    Media,
    Deleted,
}

/// Splits the first line of a record (after the timestamp).
pub(crate) fn body(first_line: &str) -> Body<'_> {
    if let Some((sender, text)) = split_sender(first_line) {
        let trimmed = text.trim_start_matches(is_space);
        let marked = trimmed.starts_with('\u{200E}');
        return Body::Message {
            sender,
            text,
            placeholder: placeholder(text),
            marked,
        };
    }
    Body::System(system_kind(first_line))
}

/// `Name: text` → (`Name`, `text`), if the part before the first `": "` can be a name.
fn split_sender(line: &str) -> Option<(&str, &str)> {
    let (sender, text) = match line.find(": ") {
        Some(i) => (&line[..i], &line[i + 2..]),
        // "Name:" with the text on the following lines (an editor dropped the space).
        // (The empty text is a slice of the line: callers locate it in the file.)
        None if line.ends_with(':') => (&line[..line.len() - 1], &line[line.len()..]),
        None => return None,
    };
    let visible = sender.chars().filter(|c| !is_invisible(*c)).count();
    if visible > MAX_SENDER_CHARS
        // Subject changes quote the old and new subject, which may contain ": ".
        || sender.contains(['"', '\u{201C}', '\u{201D}'])
        || !sender
            .chars()
            .any(|c| !is_invisible(c) && !is_space(c) && !c.is_whitespace())
    {
        return None;
    }
    Some((sender, text))
}

/// Every placeholder ends in one of these (ASCII case aside), or is "This message was
/// deleted by …": a cheap test that spares folding nearly every ordinary message.
const PLACEHOLDER_ENDINGS: [&str; 11] = [
    ">",
    ")",
    "omitted",
    "deleted",
    "message",
    "गया",
    "गई",
    "गए",
    "दिया",
    "दी",
    "नहीं",
];

fn may_be_placeholder(text: &str) -> bool {
    let trimmed = text.trim_matches(|c: char| {
        is_space(c) || is_invisible(c) || c.is_whitespace() || c == '.' || c == '।'
    });
    let tail_is = |end: &str| {
        trimmed.len() >= end.len()
            && trimmed.is_char_boundary(trimmed.len() - end.len())
            && trimmed[trimmed.len() - end.len()..].eq_ignore_ascii_case(end)
    };
    const DELETED_BY: &str = "this message was deleted";
    PLACEHOLDER_ENDINGS.iter().any(|e| tail_is(e))
        || (trimmed.len() >= DELETED_BY.len()
            && trimmed.as_bytes()[..DELETED_BY.len()].eq_ignore_ascii_case(DELETED_BY.as_bytes()))
}

fn placeholder(text: &str) -> Placeholder {
    if text.len() > MAX_PLACEHOLDER_BYTES || !may_be_placeholder(text) {
        return Placeholder::None;
    }
    let t = fold(text);
    if is_media(&t) {
        Placeholder::Media
    } else if is_deleted(&t) {
        Placeholder::Deleted
    } else {
        Placeholder::None
    }
}

fn has_devanagari(t: &str) -> bool {
    t.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

fn contains_any(t: &str, words: &[&str]) -> bool {
    words.iter().any(|w| t.contains(w))
}

// Hindi stems, folded (nukta decomposed: ड़ = ड + ़).
const HI_MEDIA: &[&str] = &[
    "मीडिया",
    "इमेज",
    "फ\u{093C}ोटो",
    "फोटो",
    "चित्र",
    "वीडियो",
    "ऑडियो",
    "स्टिकर",
    "दस्तावे\u{091C}\u{093C}",
    "दस्तावेज",
    "डॉक्यूमेंट",
    "gif",
    "संपर्क कार्ड",
];
const HI_OMITTED: &[&str] = &[
    "छोड\u{093C}ा गया",
    "छोड\u{093C}ी गई",
    "छोड\u{093C}े गए",
    "शामिल नहीं",
    "हटाया गया",
];

fn is_media(t: &str) -> bool {
    if t == "<media omitted>" || t.contains("<attached:") || t.ends_with("(file attached)") {
        return true;
    }
    if let Some(head) = t.strip_suffix("omitted") {
        // iPhone: "image omitted", "GIF omitted", "report.pdf • 3 pages document omitted".
        return contains_any(
            head,
            &[
                "image",
                "video",
                "audio",
                "sticker",
                "gif",
                "document",
                "contact card",
                "photo",
            ],
        );
    }
    if has_devanagari(t) {
        if t.contains("संलग्न") && t.ends_with(')') {
            return true; // "(फ़ाइल संलग्न)"
        }
        return t.chars().count() <= 60 && contains_any(t, HI_MEDIA) && contains_any(t, HI_OMITTED);
    }
    false
}

fn is_deleted(t: &str) -> bool {
    if matches!(
        t,
        "this message was deleted" | "you deleted this message" | "message deleted"
    ) || t.starts_with("this message was deleted by")
    {
        return true;
    }
    has_devanagari(t)
        && t.chars().count() <= 50
        && contains_any(t, &["मैसेज", "संदेश"])
        && contains_any(t, &["हटा", "डिलीट", "मिटा"])
}

/// How many people a list such as "Suresh, Mahesh and +91 98290 12345" names.
fn count_names(list: &str) -> u32 {
    let list = list.trim_matches(|c: char| is_space(c) || c == '.' || c == '।');
    if list.is_empty() {
        return 1;
    }
    let mut n: u32 = 0;
    for part in list.split(", ") {
        for name in part
            .split(" and ")
            .flat_map(|p| p.split(" और "))
            .flat_map(|p| p.split(" तथा "))
            .flat_map(|p| p.split(" एवं "))
        {
            if !name.trim().is_empty() {
                n = n.saturating_add(1);
            }
        }
    }
    n.clamp(1, 10_000)
}

/// Recognised "other" system lines (English, folded).
const EN_OTHER: &[&str] = &[
    "changed the subject",
    "changed the group name",
    "changed this group's subject",
    "changed this group's icon",
    "changed the group icon",
    "changed the group photo",
    "deleted this group's icon",
    "removed this group's icon",
    "changed the group description",
    "deleted the group description",
    "changed this group's settings",
    "changed the settings",
    "changed the group settings",
    "created group",
    "created this group",
    "end-to-end encrypted",
    "changed their phone number",
    "changed to",
    "now an admin",
    "no longer an admin",
    "security code",
    "disappearing messages",
    "pinned a message",
    "reset this group's invite link",
    "requested to join",
    "this group was added to the community",
    "added this group to the community",
    "missed voice call",
    "missed video call",
    "waiting for this message",
];

/// Recognised "other" system lines (Hindi stems, folded).
const HI_OTHER: &[&str] = &[
    "विषय",
    "ग्रुप का नाम",
    "समूह का नाम",
    "आइकन",
    "आइकॉन",
    "ग्रुप फ\u{093C}ोटो",
    "ग्रुप फोटो",
    "विवरण",
    "बनाया",
    "एन्क्रिप्ट",
    "एंड-टू-एंड",
    "फ\u{093C}ोन नंबर",
    "फोन नंबर",
    "एडमिन",
    "सेटिंग",
    "सुरक्षा कोड",
    "गायब होने वाले",
    "मिस्ड",
    "कम्युनिटी",
];

/// The text between `start` and `end` markers (`end` optional).
fn between<'a>(t: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = t.find(start)? + start.len();
    let rest = &t[from..];
    Some(match rest.find(end) {
        Some(i) => &rest[..i],
        None => rest,
    })
}

pub(crate) fn system_kind(raw: &str) -> SystemKind {
    let t = fold(raw);
    if t.is_empty() {
        return SystemKind::Unknown;
    }
    if has_devanagari(&t) {
        return hindi_system_kind(&t);
    }
    // Joined by link (or from the community), or "X joined".
    if t.contains("joined using")
        || t.contains("joined from the community")
        || t.ends_with(" joined")
    {
        return SystemKind::Joined(1);
    }
    if t.contains("requested to join") {
        return SystemKind::Other;
    }
    if t.starts_with("you were added") || t.ends_with(" was added") || t.ends_with(" added you") {
        return SystemKind::Joined(1);
    }
    if let Some(targets) = t
        .split_once(" added ")
        .map(|(_, r)| r)
        .or_else(|| t.strip_prefix("added "))
    {
        if targets.contains("this group") || targets.contains("community") {
            return SystemKind::Other;
        }
        return SystemKind::Joined(count_names(targets));
    }
    if t.starts_with("you were removed") || t.ends_with(" removed you") {
        return SystemKind::Left(1);
    }
    if let Some((_, targets)) = t.split_once(" removed ") {
        if contains_any(
            targets,
            &["icon", "description", "this group", "photo", "subject"],
        ) {
            return SystemKind::Other;
        }
        return SystemKind::Left(count_names(targets));
    }
    if t.ends_with(" left") || t == "you left" {
        return SystemKind::Left(1);
    }
    if contains_any(&t, EN_OTHER) {
        return SystemKind::Other;
    }
    SystemKind::Unknown
}

fn hindi_system_kind(t: &str) -> SystemKind {
    const LINK: &[&str] = &["इनवाइट लिंक", "आमंत्रण लिंक", "निमंत्रण लिंक", "invite link"];
    const JOINED: &[&str] = &["जुड\u{093C}", "शामिल"];
    const ADDED: &str = "जोड\u{093C}";
    const NOT_MEMBERS: &[&str] = &[
        "आइकन",
        "आइकॉन",
        "विवरण",
        "विषय",
        "फ\u{093C}ोटो",
        "फोटो",
        "मैसेज",
        "संदेश",
    ];
    if contains_any(t, LINK) && contains_any(t, JOINED) {
        return SystemKind::Joined(1);
    }
    if contains_any(
        t,
        &[
            "शामिल हुए",
            "शामिल हुई",
            "शामिल हुआ",
            "जुड\u{093C} गए",
            "जुड\u{093C} गई",
            "जुड\u{093C} गया",
        ],
    ) {
        return SystemKind::Joined(1);
    }
    // The actor's "ने" ends the actor; "को" ends the people acted on. "आपने" = you (did).
    let targets = between(t, " ने ", " को").or_else(|| between(t, "आपने ", " को"));
    if t.contains(ADDED) {
        if t.contains("कम्युनिटी") {
            return SystemKind::Other;
        }
        if t.starts_with("आपको ") || t.contains(" आपको ") {
            return SystemKind::Joined(1);
        }
        return SystemKind::Joined(targets.map_or(1, count_names));
    }
    if contains_any(t, &["हटा", "निकाल"]) && t.contains(" को") {
        if contains_any(t, NOT_MEMBERS) {
            return SystemKind::Other;
        }
        if t.starts_with("आपको ") || t.contains(" आपको ") {
            return SystemKind::Left(1);
        }
        return SystemKind::Left(targets.map_or(1, count_names));
    }
    if contains_any(
        t,
        &[
            "छोड\u{093C} दिया",
            "छोड\u{093C} दी",
            "ग्रुप छोड\u{093C}ा",
            "समूह छोड\u{093C}ा",
            "निकल गए",
            "निकल गई",
            "निकल गया",
            "चले गए",
            "चली गई",
            "चला गया",
        ],
    ) {
        return SystemKind::Left(1);
    }
    if contains_any(t, HI_OTHER) {
        return SystemKind::Other;
    }
    SystemKind::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(line: &str) -> (String, Placeholder, bool) {
        match body(line) {
            Body::Message {
                sender,
                placeholder,
                marked,
                ..
            } => (super::super::text::clean_name(sender), placeholder, marked),
            other => panic!("{line:?} → {other:?}"),
        }
    }

    fn sys(line: &str) -> SystemKind {
        match body(line) {
            Body::System(kind) => kind,
            other => panic!("{line:?} → {other:?}"),
        }
    }

    #[test]
    fn messages_and_placeholders() {
        assert_eq!(msg("Ramesh Kumar: hello").1, Placeholder::None);
        assert_eq!(msg("Ramesh: <Media omitted>").1, Placeholder::Media);
        assert_eq!(msg("रमेश: <मीडिया छोड़ा गया>").1, Placeholder::Media);
        // The same with a precomposed ड़ (U+095C).
        assert_eq!(msg("रमेश: <मीडिया छो\u{095C}ा गया>").1, Placeholder::Media);
        assert_eq!(
            msg("Suresh: \u{200E}image omitted"),
            ("Suresh".into(), Placeholder::Media, true)
        );
        assert_eq!(
            msg("Suresh: \u{200E}report.pdf \u{2022} \u{200E}3 pages \u{200E}document omitted").1,
            Placeholder::Media
        );
        assert_eq!(
            msg("A: <attached: 00000042-PHOTO-2024-01-12-09-15-00.jpg>").1,
            Placeholder::Media
        );
        assert_eq!(
            msg("A: IMG-20240112-WA0001.jpg (file attached)").1,
            Placeholder::Media
        );
        assert_eq!(msg("A: This message was deleted").1, Placeholder::Deleted);
        assert_eq!(
            msg("A: This message was deleted by admin Ramesh").1,
            Placeholder::Deleted
        );
        assert_eq!(msg("A: \u{200E}IMAGE OMITTED").1, Placeholder::Media);
        assert_eq!(
            msg("A: \u{200E}You deleted this message.").1,
            Placeholder::Deleted
        );
        assert_eq!(msg("रमेश: यह मैसेज हटा दिया गया").1, Placeholder::Deleted);
        // A long message that mentions the words is still a message.
        assert_eq!(
            msg("A: Please do not post image omitted warnings here, this is the group of the panchayat office and we discuss the weekly schedule").1,
            Placeholder::None
        );
        assert_eq!(
            msg("\u{202A}+91 98290 12345\u{202C}: नमस्ते").0,
            "+91 98290 12345"
        );
    }

    #[test]
    fn english_system_lines() {
        assert_eq!(
            sys("Suresh joined using this group's invite link"),
            SystemKind::Joined(1)
        );
        assert_eq!(
            sys("\u{202A}+91 98290 12345\u{202C} joined using this group\u{2019}s invite link"),
            SystemKind::Joined(1)
        );
        assert_eq!(
            sys("Ramesh added Suresh, Mahesh and Ganesh"),
            SystemKind::Joined(3)
        );
        assert_eq!(sys("You added +91 98290 12345"), SystemKind::Joined(1));
        assert_eq!(sys("Ramesh added you"), SystemKind::Joined(1));
        assert_eq!(sys("Suresh left"), SystemKind::Left(1));
        assert_eq!(sys("Ramesh removed Suresh and Mahesh"), SystemKind::Left(2));
        assert_eq!(sys("You removed Suresh"), SystemKind::Left(1));
        assert_eq!(sys("Ramesh removed this group's icon"), SystemKind::Other);
        assert_eq!(
            sys("Ramesh changed the subject from \"Gram Sabha\" to \"GP: Alsigarh\""),
            SystemKind::Other
        );
        assert_eq!(sys("Ramesh changed this group's icon"), SystemKind::Other);
        assert_eq!(
            sys("Ramesh changed the group description"),
            SystemKind::Other
        );
        assert_eq!(sys("You created group \"GP Alsigarh\""), SystemKind::Other);
        assert_eq!(
            sys("Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more."),
            SystemKind::Other
        );
        assert_eq!(sys("Something WhatsApp never said"), SystemKind::Unknown);
    }

    #[test]
    fn hindi_system_lines() {
        assert_eq!(sys("सुरेश इस ग्रुप के इनवाइट लिंक से जुड़े"), SystemKind::Joined(1));
        assert_eq!(sys("रमेश ने सुरेश, महेश और गणेश को जोड़ा"), SystemKind::Joined(3));
        assert_eq!(sys("आपने +91 98290 12345 को जोड़ा"), SystemKind::Joined(1));
        assert_eq!(sys("रमेश ने आपको जोड़ा"), SystemKind::Joined(1));
        assert_eq!(sys("सुरेश ने ग्रुप छोड़ दिया"), SystemKind::Left(1));
        assert_eq!(sys("सुरेश चले गए"), SystemKind::Left(1));
        assert_eq!(sys("रमेश ने सुरेश और महेश को हटाया"), SystemKind::Left(2));
        assert_eq!(sys("रमेश ने इस ग्रुप का आइकन हटा दिया"), SystemKind::Other);
        assert_eq!(
            sys("रमेश ने विषय \"पुराना\" से बदलकर \"नया: ग्राम सभा\" कर दिया"),
            SystemKind::Other
        );
        assert_eq!(sys("रमेश ने ग्रुप का विवरण बदला"), SystemKind::Other);
        assert_eq!(sys("रमेश ने ग्रुप \"ग्राम पंचायत\" बनाया"), SystemKind::Other);
    }
}
