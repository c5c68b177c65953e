//! Character-level helpers. WhatsApp writes invisible direction marks around names and
//! system lines, narrow no-break spaces before "pm", and Devanagari in two encodings (a
//! letter with nukta precomposed or as base + U+093C); everything that compares text goes
//! through these so that such differences never decide a match.

/// Characters that carry no text: byte-order mark, zero-width (non-)joiners and spaces,
/// direction marks, embeddings and isolates, Arabic letter mark, soft hyphen.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{00AD}'
    )
}

/// Spaces WhatsApp puts between a time and its am/pm marker or inside names.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{3000}'
    )
}

/// The value of an ASCII or Devanagari digit.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0966}'..='\u{096F}' => Some(c as u32 - 0x0966),
        _ => None,
    }
}

/// Devanagari letters with nukta that Unicode also has precomposed (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़),
/// as their base letter; the nukta follows as U+093C.
fn nukta_base(c: char) -> Option<char> {
    Some(match c {
        '\u{0958}' => '\u{0915}',
        '\u{0959}' => '\u{0916}',
        '\u{095A}' => '\u{0917}',
        '\u{095B}' => '\u{091C}',
        '\u{095C}' => '\u{0921}',
        '\u{095D}' => '\u{0922}',
        '\u{095E}' => '\u{092B}',
        '\u{095F}' => '\u{092F}',
        _ => return None,
    })
}

/// A display name as the admin will recognise it: invisible marks removed, every kind of
/// space made one plain space.
pub(crate) fn clean_name(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if is_invisible(c) {
            continue;
        }
        if is_space(c) || c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Text folded for recognising WhatsApp's own phrases: invisible marks dropped, spaces
/// collapsed, ASCII lower-cased, typographic quotes made plain, nukta letters decomposed,
/// a final full stop removed.
pub(crate) fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    let mut pending_space = false;
    for c in raw.chars() {
        if is_invisible(c) {
            continue;
        }
        if is_space(c) || c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => out.push('\''),
            '\u{201C}' | '\u{201D}' => out.push('"'),
            _ => match nukta_base(c) {
                Some(base) => {
                    out.push(base);
                    out.push('\u{093C}');
                }
                None => out.push(c.to_ascii_lowercase()),
            },
        }
    }
    while out.ends_with('.') || out.ends_with('।') {
        out.pop();
    }
    out
}

/// Text reduced to its letters and digits (ASCII lower-cased, Devanagari with nukta
/// decomposed and Devanagari digits as ASCII), for matching campaign material however the
/// admin's phone spaced, punctuated or decorated it with emoji. Appends to `out`.
pub(crate) fn letters_and_digits(raw: &str, out: &mut String) {
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(d) = digit_value(c) {
            out.push(char::from(b'0' + d as u8));
        } else if let Some(base) = nukta_base(c) {
            out.push(base);
            out.push('\u{093C}');
        } else if ('\u{0900}'..='\u{0963}').contains(&c) || ('\u{0970}'..='\u{097F}').contains(&c) {
            // Letters, vowel signs, virama, anusvara, nukta; not the danda punctuation.
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_marks_and_odd_spaces() {
        assert_eq!(
            clean_name("\u{202A}+91\u{00A0}98290 12345\u{202C}"),
            "+91 98290 12345"
        );
        assert_eq!(clean_name("  रमेश\u{200D}  कुमार "), "रमेश कुमार");
    }

    #[test]
    fn folding_makes_phrases_comparable() {
        assert_eq!(
            fold("\u{200E}Suresh joined using this group\u{2019}s invite link."),
            "suresh joined using this group's invite link"
        );
        // ड़ precomposed (U+095C) and decomposed (U+0921 U+093C) fold alike.
        assert_eq!(fold("छो\u{095C}ा"), fold("छो\u{0921}\u{093C}ा"));
    }

    #[test]
    fn letters_and_digits_ignore_punctuation_emoji_and_digit_script() {
        let mut a = String::new();
        letters_and_digits("🌾 PM-Kisan: किस्त १७ जारी!", &mut a);
        let mut b = String::new();
        letters_and_digits("pm kisan किस्त 17 जारी", &mut b);
        assert_eq!(a, b);
    }
}
