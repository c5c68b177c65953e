//! When a picture was taken, by its own metadata: EXIF `DateTimeOriginal` in a JPEG
//! (APP1), PNG (`eXIf` chunk) or WebP (`EXIF` chunk). The phone reads the first bytes of
//! the original file (before compression strips the metadata) and sends the instant with
//! each screenshot; the monitoring side compares it with the submission's IST day.
//!
//! Only this one tag is needed, so this walks the TIFF directories itself instead of
//! linking a general EXIF library into the admins' small WASM bundle. Every read is
//! bounds-checked: a truncated or hostile file answers `None`, never a panic.

use crate::time::IST_OFFSET_SECS;

const TAG_EXIF_IFD: u16 = 0x8769;
const TAG_DATE_TIME_ORIGINAL: u16 = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL: u16 = 0x9011;
/// Directories with more entries than this are corrupt (EXIF IFDs hold a few dozen).
const MAX_ENTRIES: usize = 1000;

/// Epoch milliseconds of the picture's EXIF `DateTimeOriginal`, read from the start of
/// the file. The tag has no time zone; `OffsetTimeOriginal` gives one when present,
/// otherwise the phone's clock is taken to be IST.
pub fn captured_at_ms(head: &[u8]) -> Option<i64> {
    let tiff = tiff_of(head)?;
    let (date, offset) = date_time_original(tiff)?;
    let offset_secs = offset
        .and_then(parse_offset)
        .unwrap_or(i64::from(IST_OFFSET_SECS));
    Some((parse_date_time(date)? - offset_secs) * 1000)
}

/// The TIFF block (starting at the byte-order mark) inside a JPEG, PNG or WebP file.
fn tiff_of(data: &[u8]) -> Option<&[u8]> {
    if data.starts_with(&[0xff, 0xd8]) {
        jpeg_exif(data)
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_exif(data)
    } else if data.len() >= 12 && &data[0..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        webp_exif(data)
    } else {
        None
    }
}

fn jpeg_exif(data: &[u8]) -> Option<&[u8]> {
    let mut at = 2;
    loop {
        let marker = *data.get(at + 1)?;
        if *data.get(at)? != 0xff {
            return None;
        }
        // Start of scan or end of image: the metadata segments are all before it.
        if marker == 0xda || marker == 0xd9 {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([*data.get(at + 2)?, *data.get(at + 3)?]));
        if len < 2 {
            return None;
        }
        let body = data.get(at + 4..at + 2 + len)?;
        if marker == 0xe1 && body.starts_with(b"Exif\0\0") {
            return Some(&body[6..]);
        }
        at += 2 + len;
    }
}

fn png_exif(data: &[u8]) -> Option<&[u8]> {
    let mut at = 8;
    loop {
        let len = u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind = data.get(at + 4..at + 8)?;
        if kind == b"IEND" {
            return None;
        }
        let body = data.get(at + 8..(at + 8).checked_add(len)?)?;
        if kind == b"eXIf" {
            return Some(body);
        }
        at = at.checked_add(12 + len)?;
    }
}

fn webp_exif(data: &[u8]) -> Option<&[u8]> {
    let mut at = 12;
    loop {
        let kind = data.get(at..at + 4)?;
        let len = u32::from_le_bytes(data.get(at + 4..at + 8)?.try_into().ok()?) as usize;
        let body = data.get(at + 8..(at + 8).checked_add(len)?)?;
        if kind == b"EXIF" {
            // Some writers keep the JPEG-style prefix.
            return Some(body.strip_prefix(b"Exif\0\0").unwrap_or(body));
        }
        // Chunks are padded to an even length.
        at = at.checked_add(8 + len + (len & 1))?;
    }
}

/// Reads integers in the TIFF block's byte order.
struct Tiff<'a> {
    data: &'a [u8],
    big_endian: bool,
}

impl<'a> Tiff<'a> {
    fn u16_at(&self, at: usize) -> Option<u16> {
        let b: [u8; 2] = self.data.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if self.big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        let b: [u8; 4] = self.data.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if self.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }

    /// The entry with `tag` in the directory at `ifd`: (type, count, value-or-offset
    /// field position).
    fn find(&self, ifd: usize, tag: u16) -> Option<(u16, usize, usize)> {
        let count = usize::from(self.u16_at(ifd)?);
        if count > MAX_ENTRIES {
            return None;
        }
        (0..count).find_map(|i| {
            let entry = ifd + 2 + i * 12;
            (self.u16_at(entry)? == tag).then_some(())?;
            let kind = self.u16_at(entry + 2)?;
            let n = self.u32_at(entry + 4)? as usize;
            Some((kind, n, entry + 8))
        })
    }

    /// An ASCII value (type 2), without its terminating NUL.
    fn ascii(&self, ifd: usize, tag: u16) -> Option<&'a [u8]> {
        let (kind, n, field) = self.find(ifd, tag)?;
        if kind != 2 || n == 0 {
            return None;
        }
        let start = if n <= 4 {
            field
        } else {
            self.u32_at(field)? as usize
        };
        let raw = self.data.get(start..start.checked_add(n)?)?;
        Some(raw.split(|&b| b == 0).next().unwrap_or(raw))
    }
}

/// `DateTimeOriginal` and, if present, `OffsetTimeOriginal` from the Exif directory.
fn date_time_original(data: &[u8]) -> Option<(&[u8], Option<&[u8]>)> {
    let big_endian = match data.get(0..4)? {
        b"II*\0" => false,
        b"MM\0*" => true,
        _ => return None,
    };
    let tiff = Tiff { data, big_endian };
    let ifd0 = tiff.u32_at(4)? as usize;
    let (kind, _, field) = tiff.find(ifd0, TAG_EXIF_IFD)?;
    // LONG (4) or IFD (13).
    if kind != 4 && kind != 13 {
        return None;
    }
    let exif = tiff.u32_at(field)? as usize;
    let date = tiff.ascii(exif, TAG_DATE_TIME_ORIGINAL)?;
    Some((date, tiff.ascii(exif, TAG_OFFSET_TIME_ORIGINAL)))
}

fn number(digits: &[u8]) -> Option<i64> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
}

/// `YYYY:MM:DD HH:MM:SS` (local time) → seconds since the epoch as if it were UTC.
fn parse_date_time(text: &[u8]) -> Option<i64> {
    if text.len() < 19 || text[4] != b':' || text[7] != b':' || text[10] != b' ' {
        return None;
    }
    if text[13] != b':' || text[16] != b':' {
        return None;
    }
    let (y, m, d) = (
        number(&text[0..4])?,
        number(&text[5..7])?,
        number(&text[8..10])?,
    );
    let (hh, mm, ss) = (
        number(&text[11..13])?,
        number(&text[14..16])?,
        number(&text[17..19])?,
    );
    // Cameras write all zeros when the clock was never set.
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in(y, m) {
        return None;
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400 + hh * 3600 + mm * 60 + ss)
}

fn days_in(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `+05:30` / `-03:00` → seconds east of UTC.
fn parse_offset(text: &[u8]) -> Option<i64> {
    if text.len() != 6 || text[3] != b':' {
        return None;
    }
    let sign = match text[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = (number(&text[1..3])?, number(&text[4..6])?);
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TIFF block with IFD0 → Exif IFD holding DateTimeOriginal (and an offset).
    fn tiff(big_endian: bool, date: &str, offset: Option<&str>) -> Vec<u8> {
        let u16b = |v: u16| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let u32b = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut t = Vec::new();
        t.extend_from_slice(if big_endian { b"MM\0*" } else { b"II*\0" });
        t.extend_from_slice(&u32b(8));
        // IFD0 at 8: one entry (Exif pointer), then the next-IFD link.
        t.extend_from_slice(&u16b(1));
        t.extend_from_slice(&u16b(TAG_EXIF_IFD));
        t.extend_from_slice(&u16b(4));
        t.extend_from_slice(&u32b(1));
        t.extend_from_slice(&u32b(26));
        t.extend_from_slice(&u32b(0));
        assert_eq!(t.len(), 26);
        // Exif IFD at 26: one or two ASCII entries with their values after the IFD.
        let entries = 1 + u16::from(offset.is_some());
        let values_at = 26 + 2 + 12 * u32::from(entries) + 4;
        let mut values = Vec::new();
        let mut entry = |t: &mut Vec<u8>, tag: u16, text: &str| {
            let mut v = text.as_bytes().to_vec();
            v.push(0);
            t.extend_from_slice(&u16b(tag));
            t.extend_from_slice(&u16b(2));
            t.extend_from_slice(&u32b(v.len() as u32));
            t.extend_from_slice(&u32b(values_at + values.len() as u32));
            values.extend_from_slice(&v);
        };
        t.extend_from_slice(&u16b(entries));
        entry(&mut t, TAG_DATE_TIME_ORIGINAL, date);
        if let Some(o) = offset {
            entry(&mut t, TAG_OFFSET_TIME_ORIGINAL, o);
        }
        t.extend_from_slice(&u32b(0));
        t.extend_from_slice(&values);
        t
    }

    fn jpeg(tiff: &[u8]) -> Vec<u8> {
        let mut j = vec![0xff, 0xd8];
        // An APP0 (JFIF) segment first, as cameras write it.
        j.extend_from_slice(&[0xff, 0xe0, 0, 7, b'J', b'F', b'I', b'F', 0]);
        let len = (2 + 6 + tiff.len()) as u16;
        j.extend_from_slice(&[0xff, 0xe1]);
        j.extend_from_slice(&len.to_be_bytes());
        j.extend_from_slice(b"Exif\0\0");
        j.extend_from_slice(tiff);
        j.extend_from_slice(&[0xff, 0xda, 0, 2, 1, 2, 3]);
        j
    }

    fn png(tiff: &[u8]) -> Vec<u8> {
        let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, body) in [
            (&b"IHDR"[..], &[0u8; 13][..]),
            (b"eXIf", tiff),
            (b"IEND", &[]),
        ] {
            p.extend_from_slice(&(body.len() as u32).to_be_bytes());
            p.extend_from_slice(kind);
            p.extend_from_slice(body);
            p.extend_from_slice(&[0; 4]); // CRC: not checked
        }
        p
    }

    fn webp(tiff: &[u8], prefix: bool) -> Vec<u8> {
        let mut body = Vec::new();
        // A VP8X chunk of odd length exercises the padding rule.
        let mut chunks = vec![(&b"VP8X"[..], vec![0u8; 9])];
        let mut exif = if prefix { b"Exif\0\0".to_vec() } else { vec![] };
        exif.extend_from_slice(tiff);
        chunks.push((b"EXIF", exif));
        for (kind, data) in chunks {
            body.extend_from_slice(kind);
            body.extend_from_slice(&(data.len() as u32).to_le_bytes());
            body.extend_from_slice(&data);
            if data.len() % 2 == 1 {
                body.push(0);
            }
        }
        let mut w = b"RIFF".to_vec();
        w.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
        w.extend_from_slice(b"WEBP");
        w.extend_from_slice(&body);
        w
    }

    // 2026-11-27 10:15:30 IST = 04:45:30 UTC.
    const IST_MORNING_MS: i64 = 1_795_754_730_000;

    #[test]
    fn reads_date_time_original_as_ist() {
        for big_endian in [false, true] {
            let t = tiff(big_endian, "2026:11:27 10:15:30", None);
            assert_eq!(captured_at_ms(&jpeg(&t)), Some(IST_MORNING_MS));
            assert_eq!(captured_at_ms(&png(&t)), Some(IST_MORNING_MS));
            assert_eq!(captured_at_ms(&webp(&t, false)), Some(IST_MORNING_MS));
            assert_eq!(captured_at_ms(&webp(&t, true)), Some(IST_MORNING_MS));
        }
    }

    #[test]
    fn honours_offset_time_original() {
        let utc = tiff(false, "2026:11:27 04:45:30", Some("+00:00"));
        assert_eq!(captured_at_ms(&jpeg(&utc)), Some(IST_MORNING_MS));
        let ist = tiff(true, "2026:11:27 10:15:30", Some("+05:30"));
        assert_eq!(captured_at_ms(&jpeg(&ist)), Some(IST_MORNING_MS));
        // A malformed offset falls back to IST.
        let bad = tiff(false, "2026:11:27 10:15:30", Some("IST   "));
        assert_eq!(captured_at_ms(&jpeg(&bad)), Some(IST_MORNING_MS));
    }

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
    }

    #[test]
    fn rejects_unset_and_impossible_dates() {
        for date in [
            "0000:00:00 00:00:00",
            "2026:02:30 10:00:00",
            "2026:13:01 10:00:00",
            "2026:11:27 24:00:00",
            "2026-11-27 10:15:30",
            "    :  :     :  :  ",
            "2026:11:27",
        ] {
            assert_eq!(
                captured_at_ms(&jpeg(&tiff(false, date, None))),
                None,
                "{date}"
            );
        }
        assert!(captured_at_ms(&jpeg(&tiff(false, "2024:02:29 00:00:00", None))).is_some());
    }

    #[test]
    fn files_without_exif_answer_none() {
        assert_eq!(captured_at_ms(b""), None);
        assert_eq!(captured_at_ms(b"not an image"), None);
        assert_eq!(captured_at_ms(&[0xff, 0xd8, 0xff, 0xda, 0, 2]), None);
        // A TIFF block with an empty IFD0 (no Exif pointer).
        assert_eq!(captured_at_ms(&png(b"II*\0\x08\0\0\0\0\0")), None);
    }

    #[test]
    fn every_truncation_is_none_or_the_date_never_a_panic() {
        let t = tiff(true, "2026:11:27 10:15:30", Some("+05:30"));
        for file in [jpeg(&t), png(&t), webp(&t, true)] {
            for n in 0..file.len() {
                let got = captured_at_ms(&file[..n]);
                assert!(got.is_none() || got == Some(IST_MORNING_MS));
            }
        }
    }

    #[test]
    fn hostile_offsets_do_not_panic() {
        let mut t = tiff(false, "2026:11:27 10:15:30", None);
        // Point the Exif IFD and the date value far outside the block.
        for at in [18usize, 36] {
            let mut bad = t.clone();
            bad[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
            assert_eq!(captured_at_ms(&jpeg(&bad)), None);
        }
        // An entry count that runs past the end.
        t[26..28].copy_from_slice(&u16::MAX.to_le_bytes());
        assert_eq!(captured_at_ms(&jpeg(&t)), None);
        // A chunk length that overflows.
        let mut p = png(b"II*\0");
        p[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(captured_at_ms(&p), None);
    }
}
