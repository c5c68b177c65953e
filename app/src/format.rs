//! Small display helpers: dates from the server's IST timestamps, labels of core enums,
//! and links built from server data (only safe schemes become links).

use prasar_core::api::{EndReason, UnitKind};
use prasar_core::auth::Role;
use prasar_core::i18n::{Lang, Text};

/// `2025-11-27T14:05:09+05:30` → `27/11/2025 14:05`; a bare date → `27/11/2025`.
/// Server timestamps are RFC 3339 in IST, so no time-zone arithmetic is needed.
pub fn date_time(ts: &str) -> String {
    let date = match (ts.get(0..4), ts.get(5..7), ts.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => return ts.to_owned(),
    };
    match ts.get(11..16) {
        Some(hm) if ts.as_bytes().get(10) == Some(&b'T') => format!("{date} {hm}"),
        _ => date,
    }
}

pub fn date(ts: &str) -> String {
    date_time(ts.get(0..10).unwrap_or(ts))
}

/// Whole percent of the member limit, for display.
pub fn percent(count: u32, limit: u32) -> u64 {
    if limit == 0 {
        0
    } else {
        u64::from(count) * 100 / u64::from(limit)
    }
}

pub fn kind_label(kind: UnitKind, lang: Lang) -> &'static str {
    lang.pick(kind.label_hi(), kind.label_en())
}

/// The role of an official, or "group admin" for a session without one.
pub fn role_label(role: Option<Role>, lang: Lang) -> &'static str {
    match role {
        Some(role) => lang.pick(role.label_hi(), role.label_en()),
        None => Text::GroupAdminRole.get(lang),
    }
}

pub fn end_reason_text(reason: EndReason) -> Text {
    match reason {
        EndReason::Transferred => Text::EndTransferred,
        EndReason::Inactive => Text::EndInactive,
        EndReason::Resigned => Text::EndResigned,
        EndReason::Other => Text::EndOther,
    }
}

/// Only `https:` URLs from the server become links (never `javascript:` and the like).
pub fn safe_https(url: &str) -> Option<String> {
    url.starts_with("https://").then(|| url.to_owned())
}

/// A `tel:` link from a stored mobile number (digits and a leading `+` only).
pub fn tel_href(mobile: &str) -> String {
    let digits: String = mobile
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// Upload progress (0.0–1.0) as a whole percent.
pub fn percent_of(progress: f64) -> u32 {
    (progress * 100.0).round() as u32
}

/// Five decimals (about a metre), without the float formatter in the bundle.
fn decimal5(x: f64) -> String {
    let n = (x * 100_000.0).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    format!("{sign}{}.{:05}", n / 100_000, n % 100_000)
}

pub fn coordinates(lat: f64, lon: f64) -> String {
    format!("{}, {}", decimal5(lat), decimal5(lon))
}

/// OpenStreetMap at the unit's position.
pub fn map_href(lat: f64, lon: f64) -> String {
    let (lat, lon) = (decimal5(lat), decimal5(lon));
    format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=14/{lat}/{lon}")
}

/// Standard base64, for `data:` URLs (the QR code's SVG).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_ist_timestamps() {
        assert_eq!(date_time("2025-11-27T14:05:09+05:30"), "27/11/2025 14:05");
        assert_eq!(date_time("2025-11-27"), "27/11/2025");
        assert_eq!(date("2025-11-27T14:05:09+05:30"), "27/11/2025");
        assert_eq!(date_time("x"), "x");
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"<svg/>"), "PHN2Zy8+");
    }

    #[test]
    fn links_from_server_data_are_safe() {
        assert_eq!(safe_https("javascript:alert(1)"), None);
        assert!(safe_https("https://chat.whatsapp.com/x").is_some());
        assert_eq!(tel_href("+91 98765-43210"), "tel:+919876543210");
        assert_eq!(coordinates(24.585445, -73.712479), "24.58545, -73.71248");
        assert_eq!(coordinates(-0.000004, 0.0), "0.00000, 0.00000");
    }
}
