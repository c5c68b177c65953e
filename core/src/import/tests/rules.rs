//! Per-column rules, each checked through both CSV and XLSX.

use super::*;
use RowErrorCode::*;

/// Parses one gp row (plus `extra` cells) and returns its errors as (column, code).
fn gp_errors(extra: &[(Column, &str)]) -> Vec<(&'static str, RowErrorCode)> {
    let mut row = gp("42356");
    row.retain(|(c, _)| !extra.iter().any(|(e, _)| e == c));
    row.extend_from_slice(extra);
    let p = parse_both(&full_table(&[&row]));
    p.row_errors
        .iter()
        .map(|e| (e.column, e.code.clone()))
        .collect()
}

fn gp_ok(extra: &[(Column, &str)]) -> ImportRow {
    let mut row = gp("42356");
    row.retain(|(c, _)| !extra.iter().any(|(e, _)| e == c));
    row.extend_from_slice(extra);
    let p = parse_both(&full_table(&[&row]));
    assert!(p.is_clean(), "{extra:?}: {:#?}", p.row_errors);
    p.rows.into_iter().next().unwrap()
}

fn one(column: Column, code: RowErrorCode) -> Vec<(&'static str, RowErrorCode)> {
    vec![(column.header_en(), code)]
}

#[test]
fn required_cells_must_be_filled() {
    let t = full_table(&[&[(Column::UnitType, "gp")]]);
    let p = parse_both(&t);
    let got: Vec<_> = p
        .row_errors
        .iter()
        .map(|e| (e.row, e.column, e.code.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "unit_code", Required),
            (2, "unit_name_en", Required),
            (2, "parent_code", Required),
        ]
    );
    assert!(p.rows.is_empty());
    // Whitespace alone is empty.
    assert_eq!(
        gp_errors(&[(Column::UnitNameEn, "   ")]),
        one(Column::UnitNameEn, Required)
    );
}

#[test]
fn unit_types_in_english_and_hindi() {
    for (text, expected) in [
        ("block", UnitType::Block),
        ("BLOCK", UnitType::Block),
        ("ब्लॉक", UnitType::Block),
        ("पंचायत समिति", UnitType::Block),
        ("ulb", UnitType::Ulb),
        ("नगर निकाय", UnitType::Ulb),
        ("gp", UnitType::GramPanchayat),
        ("Gram Panchayat", UnitType::GramPanchayat),
        ("gram_panchayat", UnitType::GramPanchayat),
        ("ग्राम पंचायत", UnitType::GramPanchayat),
        ("ward", UnitType::Ward),
        ("वार्ड", UnitType::Ward),
    ] {
        let t = full_table(&[&[
            (Column::UnitType, text),
            (Column::UnitCode, "1"),
            (Column::UnitNameEn, "A"),
            (Column::ParentCode, "9"),
        ]]);
        let p = parse_both(&t);
        assert_eq!(
            p.rows.first().map(|r| r.unit_type),
            Some(expected),
            "{text}"
        );
    }
    for bad in ["district", "village", "g p", "=gp"] {
        let errors = gp_errors(&[(Column::UnitType, bad)]);
        let code = if bad.starts_with('=') {
            FormulaLike
        } else {
            InvalidUnitType
        };
        assert_eq!(errors, one(Column::UnitType, code), "{bad}");
    }
}

#[test]
fn codes_are_lgd_digits_or_upper_cased_office_codes() {
    assert_eq!(gp_ok(&[(Column::UnitCode, "1")]).unit_code, "1");
    assert_eq!(
        gp_ok(&[(Column::UnitCode, "123456789012")]).unit_code,
        "123456789012"
    );
    assert_eq!(
        gp_ok(&[(Column::UnitCode, " gp-bpl-07 ")]).unit_code,
        "GP-BPL-07"
    );
    assert_eq!(gp_ok(&[(Column::ParentCode, "blk-1")]).parent_code, "BLK-1");
    let max_office = "A".repeat(32);
    assert_eq!(
        gp_ok(&[(Column::UnitCode, &max_office)]).unit_code,
        max_office
    );
    for bad in [
        "1234567890123",
        &"A".repeat(33),
        "GP 7",
        "GP_7",
        "42356.5",
        "४२३५६",
        "ग्राम",
    ] {
        assert_eq!(
            gp_errors(&[(Column::UnitCode, bad)]),
            one(Column::UnitCode, InvalidCode),
            "{bad}"
        );
        assert_eq!(
            gp_errors(&[(Column::ParentCode, bad)]),
            one(Column::ParentCode, InvalidCode),
            "{bad}"
        );
    }
}

#[test]
fn duplicate_codes_blame_the_second_row_and_name_the_first() {
    let t = full_table(&[
        &gp("42356"),
        &gp("42357"),
        // Same code, other type: allowed (LGD numbers blocks and GPs separately).
        &[
            (Column::UnitType, "block"),
            (Column::UnitCode, "42356"),
            (Column::UnitNameEn, "B"),
            (Column::ParentCode, "436"),
        ],
        &gp("42356"),
    ]);
    let p = parse_both(&t);
    assert_eq!(
        only_error(&p),
        (5, "unit_code", DuplicateCode { first_row: 2 })
    );
    assert_eq!(p.rows.len(), 3);
    // Office codes compare after upper-casing.
    let t = full_table(&[&gp("gp-1"), &gp("GP-1")]);
    assert_eq!(
        only_error(&parse_both(&t)),
        (3, "unit_code", DuplicateCode { first_row: 2 })
    );
    // A first row with other errors still claims its code.
    let mut bad_first = gp("7");
    bad_first.push((Column::Lon, "x"));
    let t = full_table(&[&bad_first, &gp("7")]);
    let p = parse_both(&t);
    assert_eq!(p.row_errors.len(), 3, "{:#?}", p.row_errors);
    assert_eq!(p.row_errors[2].code, DuplicateCode { first_row: 2 });
}

#[test]
fn names_have_length_limits_and_no_control_characters() {
    let long = "क".repeat(200);
    assert_eq!(gp_ok(&[(Column::UnitNameEn, &long)]).unit_name_en, long);
    let too_long = "a".repeat(201);
    assert_eq!(
        gp_errors(&[(Column::UnitNameEn, &too_long)]),
        one(Column::UnitNameEn, TooLong { max: 200 })
    );
    assert_eq!(
        gp_errors(&[(Column::UnitNameHi, &too_long)]),
        one(Column::UnitNameHi, TooLong { max: 200 })
    );
    // A very long cell is refused, never truncated.
    let huge = "x".repeat(100_000);
    assert_eq!(
        gp_errors(&[(Column::UnitNameEn, &huge)]),
        one(Column::UnitNameEn, TooLong { max: 200 })
    );
    for bad in [
        "Ram\tpur",
        "Ram\npur",
        "Ram\u{7}pur",
        "Ram\u{202e}rup",
        "Ram\u{2028}pur",
    ] {
        assert_eq!(
            gp_errors(&[(Column::UnitNameEn, bad)]),
            one(Column::UnitNameEn, ControlCharacter),
            "{bad:?}"
        );
    }
    // Leading and trailing whitespace (including a trailing line break) is trimmed.
    assert_eq!(
        gp_ok(&[(Column::UnitNameEn, "  Rampur \n")]).unit_name_en,
        "Rampur"
    );
}

#[test]
fn devanagari_with_zero_width_joiners_is_kept_exactly() {
    let name = "क्\u{200d}ष त्र\u{200c}ज्ञ";
    let row = gp_ok(&[
        (Column::UnitNameHi, name),
        (Column::AdminName, name),
        (Column::AdminMobile, "9876543210"),
    ]);
    assert_eq!(row.unit_name_hi, name);
    assert_eq!(row.admin.unwrap().name, name);
}

#[test]
fn markup_and_formula_looking_text_in_names_stays_plain_text() {
    for text in [
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://evil\",\"x\")",
        "+Rampur",
        "-Rampur",
        "@SUM(A1)",
    ] {
        let row = gp_ok(&[
            (Column::UnitNameEn, text),
            (Column::GroupName, text),
            (Column::AdminName, text),
            (Column::AdminMobile, "9876543210"),
            (Column::AdminDesignation, text),
            (Column::AdminDepartment, text),
        ]);
        assert_eq!(row.unit_name_en, text);
        assert_eq!(row.group.unwrap().name, text);
        let admin = row.admin.unwrap();
        assert_eq!(
            (admin.name.as_str(), admin.designation.as_str()),
            (text, text)
        );
        assert_eq!(admin.department, text);
    }
}

#[test]
fn formula_looking_text_fails_typed_columns() {
    for (column, value) in [
        (Column::UnitCode, "=1+1"),
        (Column::UnitCode, "-42356"),
        (Column::ParentCode, "@A1"),
        (Column::Lon, "+77.5"),
        (Column::MemberLimit, "=100"),
        (Column::MemberCount, "-1"),
        (
            Column::InviteLink,
            "=HYPERLINK(\"https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv\")",
        ),
        (Column::LocationExact, "=TRUE()"),
        (Column::AdminMobile, "=9876543210"),
        (Column::AdminMobile, "-9876543210"),
    ] {
        let mut cells = vec![(column, value)];
        match column {
            Column::Lon => cells.push((Column::Lat, "23")),
            Column::AdminMobile => cells.push((Column::AdminName, "Sita")),
            _ => {}
        }
        assert_eq!(
            gp_errors(&cells),
            one(column, FormulaLike),
            "{column:?} {value}"
        );
    }
    // A mobile number written +91… is a mobile number.
    let row = gp_ok(&[
        (Column::AdminName, "Sita"),
        (Column::AdminMobile, "+919876543210"),
    ]);
    assert_eq!(row.admin.unwrap().mobile, "+919876543210");
}

#[test]
fn lon_and_lat_are_decimals_in_range_and_come_together() {
    let row = gp_ok(&[(Column::Lon, "68"), (Column::Lat, "38.0")]);
    assert_eq!(
        row.location,
        Some(Location {
            lon: 68.0,
            lat: 38.0,
            exact: false
        })
    );
    let row = gp_ok(&[(Column::Lon, "98"), (Column::Lat, "6")]);
    assert!(row.location.is_some());
    for (lon, lat, column, code) in [
        ("67.99", "23", Column::Lon, OutOfRange { min: 68, max: 98 }),
        ("98.01", "23", Column::Lon, OutOfRange { min: 68, max: 98 }),
        ("77", "5.9", Column::Lat, OutOfRange { min: 6, max: 38 }),
        ("77", "38.5", Column::Lat, OutOfRange { min: 6, max: 38 }),
        ("77,5", "23", Column::Lon, NotADecimal),
        ("77.5E0", "23", Column::Lon, NotADecimal),
        ("NaN", "23", Column::Lon, NotADecimal),
        ("inf", "23", Column::Lon, NotADecimal),
        ("77°", "23", Column::Lon, NotADecimal),
        (".5", "23", Column::Lon, NotADecimal),
        ("77", "23.", Column::Lat, NotADecimal),
    ] {
        assert_eq!(
            gp_errors(&[(Column::Lon, lon), (Column::Lat, lat)]),
            one(column, code),
            "{lon} {lat}"
        );
    }
    assert_eq!(
        gp_errors(&[(Column::Lon, "77.5")]),
        one(Column::Lat, LonLatPair)
    );
    assert_eq!(
        gp_errors(&[(Column::Lat, "23.5")]),
        one(Column::Lon, LonLatPair)
    );
}

#[test]
fn location_exact_is_a_yes_or_no() {
    for (text, exact) in [
        ("yes", true),
        ("YES", true),
        ("1", true),
        ("true", true),
        ("TRUE", true),
        ("हाँ", true),
        ("हां", true),
        ("no", false),
        ("0", false),
        ("False", false),
        ("नहीं", false),
    ] {
        let row = gp_ok(&[
            (Column::Lon, "77"),
            (Column::Lat, "23"),
            (Column::LocationExact, text),
        ]);
        assert_eq!(row.location.unwrap().exact, exact, "{text}");
    }
    assert!(
        !gp_ok(&[(Column::Lon, "77"), (Column::Lat, "23")])
            .location
            .unwrap()
            .exact
    );
    assert_eq!(
        gp_errors(&[
            (Column::Lon, "77"),
            (Column::Lat, "23"),
            (Column::LocationExact, "maybe")
        ]),
        one(Column::LocationExact, InvalidYesNo)
    );
    assert_eq!(
        gp_errors(&[(Column::LocationExact, "yes")]),
        one(Column::LocationExact, ExactWithoutLocation)
    );
    // "no" without a location is harmless.
    assert_eq!(gp_ok(&[(Column::LocationExact, "no")]).location, None);
}

#[test]
fn invite_links_are_validated_strictly() {
    for good in [
        LINK_A,
        LINK_B,
        "https://chat.whatsapp.com/ABCDEFGHIJKLMNOPQRSTUVWX",
    ] {
        let row = gp_ok(&[(Column::InviteLink, good)]);
        assert_eq!(row.group.unwrap().invite_link.as_deref(), Some(good));
    }
    for bad in [
        "http://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
        "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrSt",
        "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUvWxY",
        "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv/",
        "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv?mode=r",
        "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrSt_v",
        "https://chat.whatsapp.com.evil.in/AbCdEfGhIjKlMnOpQrStUv",
        "https://CHAT.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
        "chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
        "javascript:alert(1)",
        "https://wa.me/919876543210",
    ] {
        assert_eq!(
            gp_errors(&[(Column::InviteLink, bad)]),
            one(Column::InviteLink, InvalidInviteLink),
            "{bad}"
        );
    }
}

#[test]
fn an_invite_link_belongs_to_one_group() {
    let mut a = gp("1");
    a.push((Column::InviteLink, LINK_A));
    let mut b = gp("2");
    b.push((Column::InviteLink, LINK_A));
    let p = parse_both(&full_table(&[&a, &b]));
    assert_eq!(
        only_error(&p),
        (3, "invite_link", DuplicateInviteLink { first_row: 2 })
    );
}

#[test]
fn member_limit_and_count_are_whole_numbers_in_range() {
    let group = gp_ok(&[(Column::MemberCount, "0")]).group.unwrap();
    assert_eq!(
        (group.member_limit, group.member_count),
        (DEFAULT_MEMBER_LIMIT, Some(0))
    );
    let group = gp_ok(&[
        (Column::MemberLimit, "100000"),
        (Column::MemberCount, "100000"),
    ])
    .group
    .unwrap();
    assert_eq!(
        (group.member_limit, group.member_count),
        (100_000, Some(100_000))
    );
    assert_eq!(
        gp_ok(&[(Column::MemberLimit, "0001")])
            .group
            .unwrap()
            .member_limit,
        1
    );
    for (column, value, code) in [
        (
            Column::MemberLimit,
            "0",
            OutOfRange {
                min: 1,
                max: 100_000,
            },
        ),
        (
            Column::MemberLimit,
            "100001",
            OutOfRange {
                min: 1,
                max: 100_000,
            },
        ),
        (
            Column::MemberLimit,
            "99999999999999999999",
            OutOfRange {
                min: 1,
                max: 100_000,
            },
        ),
        (
            Column::MemberCount,
            "100001",
            OutOfRange {
                min: 0,
                max: 100_000,
            },
        ),
        (Column::MemberLimit, "1,024", NotAWholeNumber),
        (Column::MemberLimit, "1024.5", NotAWholeNumber),
        (Column::MemberCount, "ten", NotAWholeNumber),
        (Column::MemberCount, "१०", NotAWholeNumber),
    ] {
        assert_eq!(
            gp_errors(&[(column, value)]),
            one(column, code),
            "{column:?} {value}"
        );
    }
    assert_eq!(
        gp_errors(&[(Column::MemberCount, "1025")]),
        one(Column::MemberCount, MemberCountAboveLimit { limit: 1024 })
    );
    assert_eq!(
        gp_errors(&[(Column::MemberLimit, "50"), (Column::MemberCount, "51")]),
        one(Column::MemberCount, MemberCountAboveLimit { limit: 50 })
    );
}

#[test]
fn group_name_defaults_to_the_unit_name_and_has_a_limit() {
    let group = gp_ok(&[(Column::InviteLink, LINK_A)]).group.unwrap();
    assert_eq!(group.name, "Rampur");
    assert_eq!(gp_ok(&[]).group, None);
    assert_eq!(
        gp_errors(&[(Column::GroupName, &"g".repeat(201))]),
        one(Column::GroupName, TooLong { max: 200 })
    );
}

#[test]
fn admins_need_name_and_mobile_and_get_a_group() {
    let row = gp_ok(&[
        (Column::AdminName, " Sita Devi "),
        (Column::AdminMobile, "098765-43210"),
    ]);
    let admin = row.admin.unwrap();
    assert_eq!(
        (admin.name.as_str(), admin.mobile.as_str()),
        ("Sita Devi", "+919876543210")
    );
    assert_eq!(
        (admin.designation.as_str(), admin.department.as_str()),
        ("", "")
    );
    // The admin's group exists even without group columns.
    assert_eq!(row.group.unwrap().name, "Rampur");
    assert_eq!(
        gp_errors(&[(Column::AdminName, "Sita")]),
        one(Column::AdminMobile, AdminIncomplete)
    );
    assert_eq!(
        gp_errors(&[(Column::AdminMobile, "9876543210")]),
        one(Column::AdminName, AdminIncomplete)
    );
    assert_eq!(
        gp_errors(&[(Column::AdminDesignation, "Sachiv")]),
        vec![
            ("admin_name", AdminIncomplete),
            ("admin_mobile", AdminIncomplete)
        ]
    );
    assert_eq!(
        gp_errors(&[(Column::AdminName, "Sita"), (Column::AdminMobile, "12345")]),
        one(Column::AdminMobile, InvalidMobile)
    );
    assert_eq!(
        gp_errors(&[
            (Column::AdminName, &"n".repeat(121)),
            (Column::AdminMobile, "9876543210")
        ]),
        one(Column::AdminName, TooLong { max: 120 })
    );
    for column in [Column::AdminDesignation, Column::AdminDepartment] {
        assert_eq!(
            gp_errors(&[
                (Column::AdminName, "Sita"),
                (Column::AdminMobile, "9876543210"),
                (column, &"d".repeat(121)),
            ]),
            one(column, TooLong { max: 120 })
        );
    }
}

#[test]
fn one_mobile_number_is_one_admin() {
    let with_admin = |code: &'static str, name: &'static str, mobile: &'static str| {
        let mut r = gp(code);
        r.extend([(Column::AdminName, name), (Column::AdminMobile, mobile)]);
        r
    };
    // The same admin for two groups is fine; written differently, it is the same number.
    let t = full_table(&[
        &with_admin("1", "Sita", "9876543210"),
        &with_admin("2", "Sita", "+91 98765 43210"),
        &with_admin("3", "Gita", "098765 43210"),
    ]);
    let p = parse_both(&t);
    assert_eq!(
        only_error(&p),
        (4, "admin_mobile", MobileNameConflict { first_row: 2 })
    );
}

#[test]
fn blocks_and_ulbs_have_no_group_or_admin_columns() {
    for unit_type in ["block", "ulb"] {
        let t = full_table(&[&[
            (Column::UnitType, unit_type),
            (Column::UnitCode, "1"),
            (Column::UnitNameEn, "A"),
            (Column::ParentCode, "9"),
            (Column::GroupName, "G"),
            (Column::MemberCount, "3"),
            (Column::AdminName, "Sita"),
            (Column::AdminMobile, "9876543210"),
        ]]);
        let p = parse_both(&t);
        let columns: Vec<_> = p
            .row_errors
            .iter()
            .map(|e| (e.column, e.code.clone()))
            .collect();
        assert_eq!(
            columns,
            vec![
                ("group_name", OnlyForGroups),
                ("member_count", OnlyForGroups),
                ("admin_name", OnlyForGroups),
                ("admin_mobile", OnlyForGroups),
            ],
            "{unit_type}"
        );
        // Location is fine for them.
        let t = full_table(&[&[
            (Column::UnitType, unit_type),
            (Column::UnitCode, "1"),
            (Column::UnitNameEn, "A"),
            (Column::ParentCode, "9"),
            (Column::Lon, "77"),
            (Column::Lat, "23"),
        ]]);
        assert!(parse_both(&t).is_clean());
    }
}

#[test]
fn a_row_with_errors_reports_each_and_is_left_out() {
    let p = parse_both(&full_table(&[&[
        (Column::UnitType, "gp"),
        (Column::UnitCode, "1"),
        (Column::UnitNameEn, "A"),
        (Column::ParentCode, "9"),
        (Column::Lon, "500"),
        (Column::Lat, "23"),
        (Column::InviteLink, "nope"),
        (Column::AdminName, "Sita"),
        (Column::AdminMobile, "555"),
    ]]));
    assert!(p.rows.is_empty());
    assert_eq!(p.data_rows, 1);
    let codes: Vec<_> = p.row_errors.iter().map(|e| e.code.code()).collect();
    assert_eq!(
        codes,
        vec!["out_of_range", "invalid_invite_link", "invalid_mobile"]
    );
}

#[test]
fn row_errors_are_capped_but_counted() {
    let rows: Vec<Vec<(Column, &str)>> = (0..600)
        .map(|_| vec![(Column::UnitType, "x"), (Column::UnitCode, "?")])
        .collect();
    let refs: Vec<&[(Column, &str)]> = rows.iter().map(Vec::as_slice).collect();
    let p = parse_csv(&full_table(&refs));
    assert_eq!(p.row_errors.len(), MAX_ROW_ERRORS);
    assert_eq!(p.data_rows, 600);
    assert_eq!(
        p.warnings.last(),
        Some(&FileWarning::RowErrorsTruncated {
            shown: 1000,
            total: 2400
        })
    );
}
