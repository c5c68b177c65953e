//! Indian mobile numbers as people and spreadsheets write them.

/// Normalises an Indian mobile number to `+91XXXXXXXXXX`, or `None` if it is not one.
///
/// Accepted: ten digits starting with 6–9, optionally after `+91`, `91`, `0`, `091` or
/// `0091`, with spaces or dashes between digit groups (`+91 98765 43210`,
/// `091-98765-43210`). Excel turns typed numbers into floats, so `9876543210.0` and
/// `9.87654321E9` are accepted too. Everything else, including letters, brackets, a `+`
/// not followed by 91 and landline numbers, is refused.
pub fn normalize_indian_mobile(input: &str) -> Option<String> {
    let text = input.trim();
    if text.is_empty() || text.len() > 40 {
        return None;
    }
    let digits = from_excel_float(text).or_else(|| plain_digits(text))?;
    let national = match (text.starts_with('+'), digits.len()) {
        (true, 12) => digits.strip_prefix("91")?,
        (true, _) => return None,
        (false, 10) => digits.as_str(),
        (false, 11) => digits.strip_prefix('0')?,
        (false, 12) => digits.strip_prefix("91")?,
        (false, 13) => digits.strip_prefix("091")?,
        (false, 14) => digits.strip_prefix("0091")?,
        _ => return None,
    };
    matches!(national.as_bytes().first(), Some(b'6'..=b'9')).then(|| format!("+91{national}"))
}

/// The digits of `+91 98765-43210`: an optional leading `+`, then digits with single
/// spaces or dashes between groups (no separator at either end, none doubled).
fn plain_digits(text: &str) -> Option<String> {
    let body = text.strip_prefix('+').unwrap_or(text).trim_start();
    let mut digits = String::with_capacity(14);
    let mut after_separator = true;
    for c in body.chars() {
        match c {
            '0'..='9' => {
                digits.push(c);
                after_separator = false;
            }
            ' ' | '-' | '\u{a0}' if !after_separator => after_separator = true,
            _ => return None,
        }
    }
    (!after_separator).then_some(digits)
}

/// `9876543210.0`, `9.87654321E9` or `9.87654321E+09`: a number cell written out as
/// text by Excel, pandas or Java. Only whole values count, and a mantissa of fewer than
/// seven significant digits is refused: that is Excel's display rounded to the column
/// width (`9.88E+09`), whose expansion would be a different, invented number.
fn from_excel_float(text: &str) -> Option<String> {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((int, frac)) = text.split_once('.') {
        if all_digits(int) && all_digits(frac) && frac.bytes().all(|b| b == b'0') {
            return Some(int.to_owned());
        }
    }
    let (mantissa, exponent) = text.split_once(['e', 'E'])?;
    let exponent: usize = exponent
        .strip_prefix('+')
        .unwrap_or(exponent)
        .parse()
        .ok()?;
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.len() != 1 || !all_digits(int) || !(frac.is_empty() || all_digits(frac)) {
        return None;
    }
    if frac.len() > exponent || exponent > 13 {
        return None;
    }
    let significant = format!("{int}{frac}");
    if significant.trim_end_matches('0').len() < 7 {
        return None;
    }
    Some(format!(
        "{significant}{}",
        "0".repeat(exponent - frac.len())
    ))
}
