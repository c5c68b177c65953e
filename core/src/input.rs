//! What people type on phones: Hindi keyboards write Devanagari digits (०१२…९), and
//! counts arrive with spaces or Indian digit grouping (1,00,000).

/// A whole number typed by a person, in Latin or Devanagari digits, with optional
/// spaces and commas between them; `None` for anything else or beyond `u32`.
pub fn parse_count(text: &str) -> Option<u32> {
    let mut n: u32 = 0;
    let mut digits = 0;
    for c in text.trim().chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '\u{0966}'..='\u{096F}' => c as u32 - 0x0966,
            ',' | ' ' if digits > 0 => continue,
            _ => return None,
        };
        n = n.checked_mul(10)?.checked_add(d)?;
        digits += 1;
    }
    (digits > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_devanagari_digits() {
        assert_eq!(parse_count("734"), Some(734));
        assert_eq!(parse_count("७३४"), Some(734));
        assert_eq!(parse_count(" 1,00,000 "), Some(100_000));
        assert_eq!(parse_count("0"), Some(0));
        assert_eq!(parse_count("१ २"), Some(12));
    }

    #[test]
    fn anything_else_is_none() {
        for text in [
            "",
            " ",
            "बहुत",
            "-5",
            "7.5",
            "1e3",
            ",5",
            "=1+1",
            "4294967296",
            "٣",
        ] {
            assert_eq!(parse_count(text), None, "{text:?}");
        }
        assert_eq!(parse_count("4294967295"), Some(u32::MAX));
    }
}
