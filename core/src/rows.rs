//! How D1's values decode into core's types, for the worker's row structs. Rows decode
//! straight into enums (`GroupKind` from `'gram_panchayat'`/`'ward'`), `NaiveDate` (from
//! `YYYY-MM-DD`) and `bool` (from SQLite's 0/1), so a value outside the schema fails at
//! the read that met it, never as a silent default.

use serde::de::Error;
use serde::{Deserialize, Deserializer};

/// SQLite's 0/1 (D1 hands numbers over as floats) as a `bool`; anything else is an error.
pub fn int_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let n = f64::deserialize(d)?;
    if n == 0.0 {
        Ok(false)
    } else if n == 1.0 {
        Ok(true)
    } else {
        Err(D::Error::custom(format_args!("expected 0 or 1, got {n}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::GroupKind;
    use chrono::NaiveDate;

    #[derive(Debug, Deserialize)]
    struct Row {
        kind: GroupKind,
        #[serde(deserialize_with = "int_bool")]
        has_admin: bool,
        day: NaiveDate,
        last_day: Option<NaiveDate>,
    }

    fn row(json: &str) -> Result<Row, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn rows_decode_into_core_types() {
        let r =
            row(r#"{"kind":"ward","has_admin":1.0,"day":"2026-11-16","last_day":null}"#).unwrap();
        assert_eq!(r.kind, GroupKind::Ward);
        assert!(r.has_admin);
        assert_eq!(r.day, NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        assert_eq!(r.last_day, None);
        let r = row(
            r#"{"kind":"gram_panchayat","has_admin":0,"day":"2026-11-16","last_day":"2026-11-15"}"#,
        )
        .unwrap();
        assert_eq!(r.kind, GroupKind::GramPanchayat);
        assert!(!r.has_admin);
        assert!(r.last_day.is_some());
    }

    #[test]
    fn a_value_outside_the_schema_fails_where_it_is_read() {
        // Before typed rows, anything but "ward" silently became a gram panchayat.
        assert!(
            row(r#"{"kind":"block","has_admin":1,"day":"2026-11-16","last_day":null}"#).is_err()
        );
        assert!(
            row(r#"{"kind":"ward","has_admin":2,"day":"2026-11-16","last_day":null}"#).is_err()
        );
        assert!(
            row(r#"{"kind":"ward","has_admin":1,"day":"2026-13-01","last_day":null}"#).is_err()
        );
        assert!(
            row(r#"{"kind":"ward","has_admin":1,"day":"2026-11-16","last_day":"yesterday"}"#)
                .is_err()
        );
    }
}
