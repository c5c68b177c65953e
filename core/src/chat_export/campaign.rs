//! Recognising campaign material in the admin's own messages. An item matches a message
//! posted on a day inside the item's date range when the message contains the item's
//! link, or its title, or the opening of its description, compared on letters and digits
//! only (so spacing, punctuation, emoji, Devanagari digits and nukta spelling do not
//! matter). Titles and openings that are too short to be distinctive are not used.

use chrono::NaiveDate;

use super::iso_day;
use super::text::letters_and_digits;
use crate::api::ChatCampaignItem;

/// Shortest title (letters and digits) matched on its own.
const MIN_TITLE_CHARS: usize = 10;
/// A description is matched by its opening: at least this many letters and digits …
const MIN_DESCRIPTION_CHARS: usize = 24;
/// … and at most this many.
const DESCRIPTION_PREFIX_CHARS: usize = 60;
/// Shortest link matched (after dropping the scheme and `www.`).
const MIN_LINK_CHARS: usize = 8;

pub(crate) struct Matcher {
    pub id: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Lower-cased link without scheme, `www.` or trailing slash.
    link: Option<String>,
    phrases: Vec<String>,
}

impl Matcher {
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && day <= self.ends_on
    }

    /// `lower` is the message lower-cased (ASCII); `letters` its letters and digits.
    pub fn matches(&self, lower: &str, letters: &str) -> bool {
        self.link.as_deref().is_some_and(|l| lower.contains(l))
            || self.phrases.iter().any(|p| letters.contains(p.as_str()))
    }
}

fn normalise_link(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    (rest.chars().count() >= MIN_LINK_CHARS).then(|| rest.to_owned())
}

fn phrase(text: &str, min: usize, max: usize) -> Option<String> {
    let mut out = String::new();
    letters_and_digits(text, &mut out);
    if out.chars().count() < min {
        return None;
    }
    Some(match out.char_indices().nth(max) {
        Some((end, _)) => out[..end].to_owned(),
        None => out,
    })
}

/// Matchers for the items that can be matched; items with unreadable dates are skipped.
pub(crate) fn matchers(items: &[ChatCampaignItem]) -> Vec<Matcher> {
    items
        .iter()
        .filter_map(|item| {
            let starts_on = iso_day(&item.starts_on)?;
            let ends_on = iso_day(&item.ends_on)?;
            let mut phrases = Vec::new();
            for title in [&item.title_hi, &item.title_en] {
                phrases.extend(phrase(title, MIN_TITLE_CHARS, usize::MAX));
            }
            for description in [&item.description_hi, &item.description_en] {
                phrases.extend(phrase(
                    description,
                    MIN_DESCRIPTION_CHARS,
                    DESCRIPTION_PREFIX_CHARS,
                ));
            }
            let link = item.link_url.as_deref().and_then(normalise_link);
            (link.is_some() || !phrases.is_empty()).then(|| Matcher {
                id: item.id.clone(),
                starts_on,
                ends_on,
                link,
                phrases,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> ChatCampaignItem {
        ChatCampaignItem {
            id: "item-1".into(),
            title_hi: "पीएम किसान सम्मान निधि की 17वीं किस्त".into(),
            title_en: "PM-Kisan 17th instalment".into(),
            description_hi: "सभी पात्र किसान अपना ई-केवाईसी 30 जून तक पूरा करें, ताकि किस्त समय पर मिले।"
                .into(),
            description_en: String::new(),
            link_url: Some("https://www.pmkisan.gov.in/".into()),
            starts_on: "2026-06-01".into(),
            ends_on: "2026-06-30".into(),
        }
    }

    fn check(m: &Matcher, text: &str) -> bool {
        let mut letters = String::new();
        letters_and_digits(text, &mut letters);
        m.matches(&text.to_ascii_lowercase(), &letters)
    }

    #[test]
    fn matches_by_link_title_or_description_opening() {
        let m = &matchers(&[item()])[0];
        assert!(check(m, "देखें: HTTPS://PMKISAN.GOV.IN/BeneficiaryStatus"));
        assert!(check(m, "📢 *पीएम किसान सम्मान निधि की १७वीं किस्त* जारी!"));
        assert!(check(m, "pm kisan 17th instalment is out"));
        assert!(check(
            m,
            "सभी पात्र किसान अपना ई–केवाईसी ३० जून तक पूरा करें ताकि किस्त समय पर मिले 🙏"
        ));
        // The opening alone is not enough when it is shorter than the prefix used.
        assert!(!check(m, "सभी पात्र किसान अपना ई-केवाईसी"));
        assert!(!check(m, "ग्राम सभा की बैठक कल 11 बजे"));
        assert!(!check(m, "किसान"));
    }

    #[test]
    fn dates_bound_the_item_and_short_texts_are_not_used() {
        let m = &matchers(&[item()])[0];
        assert!(m.active_on(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()));
        assert!(!m.active_on(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()));
        let short = ChatCampaignItem {
            title_hi: "योजना".into(),
            title_en: "Scheme".into(),
            description_hi: "छोटा".into(),
            link_url: Some("x.in".into()),
            ..item()
        };
        assert!(matchers(&[short]).is_empty());
        let bad_dates = ChatCampaignItem {
            starts_on: "soon".into(),
            ..item()
        };
        assert!(matchers(&[bad_dates]).is_empty());
    }
}
