//! India Standard Time defines a Prasar "day". Callers pass the current instant in
//! milliseconds since the Unix epoch (the worker reads `Date.now()`), so the rules stay
//! pure and testable.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeZone, Utc};

/// IST is UTC+05:30 all year (India has no daylight saving time).
pub const IST_OFFSET_SECS: i32 = 5 * 3600 + 30 * 60;

fn ist() -> FixedOffset {
    FixedOffset::east_opt(IST_OFFSET_SECS).expect("IST offset is in range")
}

fn to_ist(epoch_ms: i64) -> DateTime<FixedOffset> {
    // Out-of-range instants clamp to the epoch rather than panic inside a request.
    let utc = Utc
        .timestamp_millis_opt(epoch_ms)
        .single()
        .unwrap_or(DateTime::UNIX_EPOCH);
    utc.with_timezone(&ist())
}

/// The IST calendar day an instant falls on.
pub fn ist_day(epoch_ms: i64) -> NaiveDate {
    to_ist(epoch_ms).date_naive()
}

/// RFC 3339 timestamp with the +05:30 offset and millisecond precision, e.g.
/// `2026-11-27T00:15:00.000+05:30`.
pub fn ist_timestamp(epoch_ms: i64) -> String {
    to_ist(epoch_ms).to_rfc3339_opts(SecondsFormat::Millis, false)
}

/// Parses a `YYYY-MM-DD` day as sent in query strings.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// `[start, end)` of an IST day in epoch milliseconds.
pub fn ist_day_bounds_ms(day: NaiveDate) -> (i64, i64) {
    let start = ist()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .single()
        .expect("fixed offsets are never ambiguous")
        .timestamp_millis();
    (start, start + 86_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(rfc3339: &str) -> i64 {
        DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn day_turns_at_ist_midnight_not_utc_midnight() {
        // 18:29:59 UTC is 23:59:59 IST on the same date …
        assert_eq!(
            ist_day(ms("2026-11-26T18:29:59Z")),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        // … and 18:30 UTC is already the next IST day, while UTC is still on the 26th.
        assert_eq!(
            ist_day(ms("2026-11-26T18:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
        // 00:10 UTC on the 27th is 05:40 IST on the 27th.
        assert_eq!(
            ist_day(ms("2026-11-27T00:10:00Z")),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
    }

    #[test]
    fn timestamps_carry_the_ist_offset() {
        assert_eq!(
            ist_timestamp(ms("2026-11-26T18:45:00.250Z")),
            "2026-11-27T00:15:00.250+05:30"
        );
    }

    #[test]
    fn day_bounds_cover_exactly_one_ist_day() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let (start, end) = ist_day_bounds_ms(day);
        assert_eq!(start, ms("2026-11-26T18:30:00Z"));
        assert_eq!(end - start, 86_400_000);
        assert_eq!(ist_day(start), day);
        assert_eq!(ist_day(end - 1), day);
        assert_ne!(ist_day(end), day);
    }

    #[test]
    fn parse_day_accepts_only_real_iso_dates() {
        assert_eq!(
            parse_day("2026-02-28"),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        for bad in [
            "2026-02-30",
            "2026-2-3",
            "27-11-2026",
            "",
            "2026-11-27'; drop table x",
            "२०२६-११-२७",
        ] {
            assert_eq!(parse_day(bad), None, "{bad:?} must be rejected");
        }
    }

    #[test]
    fn absurd_instants_do_not_panic() {
        let _ = ist_day(i64::MAX);
        let _ = ist_timestamp(i64::MIN);
    }
}
