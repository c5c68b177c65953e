//! The timestamp that starts every message line of an export, in the two layouts WhatsApp
//! uses:
//!
//! - Android: `12/01/24, 9:15 pm - Name: text` (date, optional comma, time, optional
//!   am/pm marker, ` - `);
//! - iPhone: `[12/01/24, 9:15:30 PM] Name: text` (bracketed, with seconds).
//!
//! Dates are `/`, `.` or `-` separated, day-first, month-first or year-first depending on
//! the phone's locale; digits may be ASCII or Devanagari; markers are `am`/`pm` in any
//! case, `a.m.`/`p.m.`, or Hindi `पूर्वाह्न`/`अपराह्न`, after a plain, no-break or narrow
//! no-break space. Which order the date has is decided later from the whole file.

use super::text::{digit_value, is_invisible, is_space};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Meridiem {
    Am,
    Pm,
}

/// What makes two header lines "the same format". A genuine export renders every
/// timestamp with the phone's settings at export time, so it has exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Signature {
    pub bracketed: bool,
    pub date_separator: u8,
    pub year_first: bool,
    pub twelve_hour: bool,
    pub seconds: bool,
}

/// A header as read, before the date order is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawHeader {
    pub signature: Signature,
    /// The three date numbers in file order, and how many digits the last one had.
    pub date: [u16; 3],
    pub last_digits: u8,
    pub hour: u8,
    pub minute: u8,
    /// Byte offset in the line where the sender or system text starts.
    pub rest: usize,
}

struct Cursor<'a> {
    line: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.line[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, want: char) -> bool {
        if self.peek() == Some(want) {
            self.pos += want.len_utf8();
            true
        } else {
            false
        }
    }

    /// Skips spaces (and invisible marks among them); answers how many were skipped.
    fn spaces(&mut self) -> usize {
        let mut n = 0;
        while let Some(c) = self.peek() {
            if is_space(c) || is_invisible(c) {
                self.pos += c.len_utf8();
                n += 1;
            } else {
                break;
            }
        }
        n
    }

    /// 1 to `max` digits (ASCII or Devanagari): the value and the count.
    fn number(&mut self, max: usize) -> Option<(u16, u8)> {
        let mut value: u16 = 0;
        let mut count = 0;
        while count < max {
            match self.peek().and_then(digit_value) {
                Some(d) => {
                    value = value * 10 + d as u16;
                    count += 1;
                    self.bump();
                }
                None => break,
            }
        }
        // A fifth digit means this is not a date or time field.
        if count == 0 || self.peek().and_then(digit_value).is_some() {
            None
        } else {
            Some((value, count as u8))
        }
    }

    fn starts_with_ci(&self, word: &str) -> bool {
        let rest = &self.line[self.pos..];
        rest.len() >= word.len()
            && rest.is_char_boundary(word.len())
            && rest[..word.len()].eq_ignore_ascii_case(word)
    }

    fn meridiem(&mut self) -> Option<Meridiem> {
        const MARKERS: [(&str, Meridiem); 10] = [
            ("a. m.", Meridiem::Am),
            ("p. m.", Meridiem::Pm),
            ("a.m.", Meridiem::Am),
            ("p.m.", Meridiem::Pm),
            ("am", Meridiem::Am),
            ("pm", Meridiem::Pm),
            ("पूर्वाह्न", Meridiem::Am),
            ("अपराह्न", Meridiem::Pm),
            // Some Hindi locales write the marker with ZWJ inside; folded before use.
            ("पूर्वाह्\u{200D}न", Meridiem::Am),
            ("अपराह्\u{200D}न", Meridiem::Pm),
        ];
        for (word, value) in MARKERS {
            if self.starts_with_ci(word) {
                self.pos += word.len();
                return Some(value);
            }
        }
        None
    }
}

/// Reads the timestamp at the start of `line`, if it has one.
pub(crate) fn parse(line: &str) -> Option<RawHeader> {
    let mut c = Cursor { line, pos: 0 };
    // iPhone exports put a left-to-right mark before the bracket of some lines.
    while c.peek().is_some_and(is_invisible) {
        c.bump();
    }
    let bracketed = c.eat('[');
    let (a, a_digits) = c.number(4)?;
    let separator = c.bump()?;
    if !matches!(separator, '/' | '.' | '-') {
        return None;
    }
    let (b, b_digits) = c.number(2)?;
    if !c.eat(separator) {
        return None;
    }
    let (y, y_digits) = c.number(4)?;
    let year_first = a_digits == 4;
    if year_first && !(y_digits <= 2 && b_digits <= 2) {
        return None;
    }
    if !year_first && (a_digits > 2 || !(y_digits == 2 || y_digits == 4)) {
        return None;
    }
    c.eat(',');
    if c.spaces() == 0 {
        return None;
    }
    let (hour, _) = c.number(2)?;
    let time_separator = c.bump()?;
    if !matches!(time_separator, ':' | '.') {
        return None;
    }
    let (minute, minute_digits) = c.number(2)?;
    let mut seconds = false;
    if c.eat(time_separator) {
        let (second, second_digits) = c.number(2)?;
        if second > 59 || second_digits != 2 {
            return None;
        }
        seconds = true;
    }
    if minute > 59 || minute_digits != 2 {
        return None;
    }
    let before_marker = c.pos;
    c.spaces();
    let meridiem = c.meridiem();
    if meridiem.is_none() {
        c.pos = before_marker;
    }
    match meridiem {
        Some(_) if hour > 12 => return None,
        None if hour > 23 => return None,
        _ => {}
    }
    if bracketed {
        if !c.eat(']') {
            return None;
        }
        if c.spaces() == 0 {
            return None;
        }
    } else {
        if c.spaces() == 0 {
            return None;
        }
        if !(c.eat('-') || c.eat('\u{2013}')) {
            return None;
        }
        // "… - " is followed by a space; an empty remainder is tolerated.
        if c.spaces() == 0 && c.peek().is_some() {
            return None;
        }
    }
    Some(RawHeader {
        signature: Signature {
            bracketed,
            date_separator: separator as u8,
            year_first,
            twelve_hour: meridiem.is_some(),
            seconds,
        },
        date: [a, b, y],
        last_digits: y_digits,
        hour: match meridiem {
            Some(Meridiem::Am) => (hour % 12) as u8,
            Some(Meridiem::Pm) => (hour % 12 + 12) as u8,
            None => hour as u8,
        },
        minute: minute as u8,
        rest: c.pos,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rest(line: &str) -> &str {
        &line[parse(line).unwrap().rest..]
    }

    #[test]
    fn android_lines() {
        let h = parse("12/01/24, 9:15 pm - Ramesh: hello").unwrap();
        assert_eq!(h.date, [12, 1, 24]);
        assert_eq!((h.hour, h.minute), (21, 15));
        assert!(h.signature.twelve_hour && !h.signature.bracketed && !h.signature.seconds);
        assert_eq!(rest("12/01/24, 9:15 pm - Ramesh: hello"), "Ramesh: hello");
        // Android 13+ puts a narrow no-break space before the marker.
        assert_eq!(
            parse("1/12/24, 12:05\u{202F}AM - Suresh left")
                .unwrap()
                .hour,
            0
        );
        assert_eq!(
            rest("31/12/2023, 23:59 - You added Mahesh"),
            "You added Mahesh"
        );
        let hi = parse("१२/०१/२४, ९:१५ अपराह्न - रमेश: नमस्ते").unwrap();
        assert_eq!((hi.date, hi.hour), ([12, 1, 24], 21));
        assert_eq!(parse("12/01/24, 9:15 पूर्वाह्न - a: b").unwrap().hour, 9);
        assert_eq!(parse("12/01/24 09.15 p.m. - a: b").unwrap().hour, 21);
    }

    #[test]
    fn iphone_lines() {
        let line = "\u{200E}[12/01/24, 9:15:30\u{202F}PM] Ramesh: \u{200E}image omitted";
        let h = parse(line).unwrap();
        assert!(h.signature.bracketed && h.signature.seconds && h.signature.twelve_hour);
        assert_eq!(h.hour, 21);
        assert_eq!(rest(line), "Ramesh: \u{200E}image omitted");
        let iso = parse("[2024-01-12, 21:15:30] A: b").unwrap();
        assert!(iso.signature.year_first);
        assert_eq!(iso.date, [2024, 1, 12]);
        assert!(parse("[12.01.24 21:15:30] A: b").is_some());
    }

    #[test]
    fn non_headers() {
        for line in [
            "",
            "hello 12/01/24, 9:15 pm - x",
            "12/01/24 - x",
            "12/01/24, 9:15 pm Ramesh",
            "12/01/24, 25:15 - x",
            "12/01/24, 13:15 pm - x",
            "12/01/24, 9:75 - x",
            "12/01/2024123, 9:15 - x",
            "[12/01/24, 9:15:30 PM Ramesh",
            "123/01/24, 9:15 - x",
            "12/01/3, 9:15 - x",
            "2024/1/12345, 9:15 - x",
            "12/01-24, 9:15 - x",
        ] {
            assert_eq!(parse(line), None, "{line:?}");
        }
    }
}
