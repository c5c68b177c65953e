//! Fixed seed timestamps (IST, +05:30) and their epoch milliseconds.

/// Day from which every seeded unit is valid: the start of 2024, after the 2023 split
/// of Udaipur into Udaipur and Salumbar, and before the 2025-26 reorganisation.
pub const VALID_FROM: &str = "2024-01-01";
/// `created_at` of seeded groups, admins and accounts; `started_at` of assignments.
pub const CREATED_AT: &str = "2024-01-01T10:00:00.000+05:30";
/// `reported_at` of the seeded member counts.
pub const REPORTED_AT: &str = "2026-11-01T10:00:00.000+05:30";

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Epoch milliseconds of a wall-clock time in India (UTC+05:30).
pub fn ist_epoch_ms(year: i64, month: u32, day: u32, hour: u32, minute: u32) -> i64 {
    let local_minutes =
        days_from_civil(year, month, day) * 1440 + i64::from(hour) * 60 + i64::from(minute);
    (local_minutes - 330) * 60_000
}

/// `REPORTED_AT` in epoch milliseconds.
pub fn reported_at_ms() -> i64 {
    ist_epoch_ms(2026, 11, 1, 10, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_conversions() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(ist_epoch_ms(1970, 1, 1, 5, 30), 0);
        // 2026-11-01T10:00+05:30 = 2026-11-01T04:30Z.
        assert_eq!(reported_at_ms(), 1_793_507_400_000);
        assert!(REPORTED_AT.starts_with("2026-11-01T10:00"));
    }
}
