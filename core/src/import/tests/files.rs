//! Reading files: formats, headers, rows and cells, before any per-column rule.

use super::*;

fn registry() -> Table {
    let mut gp_row = gp("42356");
    gp_row.extend([
        (Column::UnitNameHi, "रामपुर"),
        (Column::Lon, "77.4126"),
        (Column::Lat, "23.2599"),
        (Column::LocationExact, "yes"),
        (Column::GroupName, "Rampur GP"),
        (Column::InviteLink, LINK_A),
        (Column::MemberLimit, "512"),
        (Column::MemberCount, "200"),
        (Column::AdminName, "Sita Devi"),
        (Column::AdminMobile, "+91 98765 43210"),
        (Column::AdminDesignation, "Sachiv"),
        (Column::AdminDepartment, "Panchayati Raj"),
    ]);
    full_table(&[
        &[
            (Column::UnitType, "block"),
            (Column::UnitCode, "1378"),
            (Column::UnitNameEn, "Berasia"),
            (Column::ParentCode, "436"),
        ],
        &gp_row,
    ])
}

#[test]
fn a_full_registry_reads_the_same_from_csv_and_xlsx() {
    let p = parse_both(&registry());
    assert!(p.is_clean(), "{:#?}", p.row_errors);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(p.data_rows, 2);
    assert_eq!(p.rows.len(), 2);
    let block = &p.rows[0];
    assert_eq!(block.row, 2);
    assert_eq!(block.unit_type, UnitType::Block);
    assert_eq!(block.unit_code, "1378");
    assert_eq!(block.unit_name_hi, "");
    assert_eq!(block.location, None);
    assert_eq!((block.group.as_ref(), block.admin.as_ref()), (None, None));
    let gp = &p.rows[1];
    assert_eq!(gp.row, 3);
    assert_eq!(gp.unit_type, UnitType::GramPanchayat);
    assert_eq!(gp.unit_name_hi, "रामपुर");
    assert_eq!(
        gp.location,
        Some(Location {
            lon: 77.4126,
            lat: 23.2599,
            exact: true
        })
    );
    assert_eq!(
        gp.group,
        Some(ImportGroup {
            name: "Rampur GP".into(),
            invite_link: Some(LINK_A.into()),
            member_limit: 512,
            member_count: Some(200),
        })
    );
    assert_eq!(
        gp.admin,
        Some(ImportAdmin {
            name: "Sita Devi".into(),
            mobile: "+919876543210".into(),
            designation: "Sachiv".into(),
            department: "Panchayati Raj".into(),
        })
    );
}

#[test]
fn detect_format_uses_magic_bytes() {
    assert_eq!(detect_format(b"PK\x03\x04rest"), Some(ImportFormat::Xlsx));
    assert_eq!(
        detect_format(b"unit_type,unit_code\n"),
        Some(ImportFormat::Csv)
    );
    assert_eq!(
        detect_format("\u{feff}इकाई_प्रकार".as_bytes()),
        Some(ImportFormat::Csv)
    );
    assert_eq!(detect_format(b"\xff\xfeu\0n\0"), None);
    assert_eq!(detect_format(b"caf\xe9"), None);
    assert_eq!(detect_format(b"a\0b"), None);
    assert_eq!(detect_format(b"\x89PNG\r\n\x1a\n"), None);
}

#[test]
fn hindi_headers_and_hindi_values_are_read() {
    let header: Vec<String> = Column::ALL
        .iter()
        .map(|c| c.header_hi().to_string())
        .collect();
    let mut row = full_row(&[
        (Column::UnitType, "ग्राम पंचायत"),
        (Column::UnitCode, "42356"),
        (Column::UnitNameEn, "Rampur"),
        (Column::ParentCode, "1378"),
        (Column::Lon, "77.5"),
        (Column::Lat, "23.5"),
        (Column::LocationExact, "हाँ"),
    ]);
    row[Column::UnitNameHi as usize] = "रामपुर".into();
    let p = parse_both(&vec![header, row]);
    assert!(p.is_clean(), "{:#?}", p.row_errors);
    assert_eq!(p.rows[0].unit_type, UnitType::GramPanchayat);
    assert!(p.rows[0].location.unwrap().exact);
}

#[test]
fn header_spelling_variants_are_accepted() {
    for (variant, column) in [
        ("Unit Type", Column::UnitType),
        ("  UNIT_CODE ", Column::UnitCode),
        ("unit name en", Column::UnitNameEn),
        ("Parent-Code", Column::ParentCode),
        ("इकाई प्रकार", Column::UnitType),
        ("इकाई_नाम_अंग्रेजी", Column::UnitNameEn),
        ("इकाई नाम अंग्रेज़ी", Column::UnitNameEn),
        ("इकाई_नाम_हिन्दी", Column::UnitNameHi),
        ("\u{feff}unit_type", Column::UnitType),
        ("एडमिन मोबाइल", Column::AdminMobile),
    ] {
        assert_eq!(Column::from_header(variant), Some(column), "{variant:?}");
    }
    assert_eq!(Column::from_header("unittype"), None);
    assert_eq!(Column::from_header("remarks"), None);
    for column in Column::ALL {
        assert_eq!(Column::from_header(column.header_en()), Some(column));
        assert_eq!(Column::from_header(column.header_hi()), Some(column));
    }
}

#[test]
fn columns_may_come_in_any_order_and_optional_ones_may_be_absent() {
    let t = table(&[
        &["parent_code", "unit_name_en", "unit_code", "unit_type"],
        &["1378", "Rampur", "42356", "gp"],
    ]);
    let p = parse_both(&t);
    assert!(p.is_clean());
    assert_eq!(p.rows[0].unit_code, "42356");
    assert_eq!(p.rows[0].parent_code, "1378");
}

#[test]
fn missing_required_columns_refuse_the_file_naming_them() {
    let t = table(&[&["unit_type", "unit_name_en"], &["gp", "Rampur"]]);
    let expected = FileError::MissingColumns {
        columns: vec!["unit_code", "parent_code"],
    };
    assert_eq!(parse_import(&csv_bytes(&t)), Err(expected.clone()));
    assert_eq!(parse_import(&xlsx_of_strings(&t)), Err(expected.clone()));
    assert!(expected.message_en().contains("unit_code, parent_code"));
    assert!(expected.message_hi().contains("इकाई_कोड (unit_code)"));
    // A title row above the header is the usual way to get here.
    let titled = table(&[
        &["District Registry", "", "", ""],
        &["unit_type", "unit_code", "unit_name_en", "parent_code"],
    ]);
    assert!(matches!(
        parse_import(&csv_bytes(&titled)),
        Err(FileError::MissingColumns { .. })
    ));
}

#[test]
fn a_repeated_column_refuses_the_file() {
    let t = table(&[
        &[
            "unit_type",
            "unit_code",
            "unit_name_en",
            "parent_code",
            "Unit Code",
        ],
        &["gp", "1", "A", "2", "3"],
    ]);
    assert_eq!(
        parse_import(&csv_bytes(&t)),
        Err(FileError::DuplicateColumn {
            column: "unit_code"
        })
    );
}

#[test]
fn unknown_and_unnamed_columns_are_ignored_with_warnings() {
    let t = table(&[
        &[
            "unit_type",
            "remarks",
            "unit_code",
            "unit_name_en",
            "parent_code",
            "",
        ],
        &["gp", "new", "42356", "Rampur", "1378", "stray"],
    ]);
    let p = parse_both(&t);
    assert!(p.is_clean());
    assert_eq!(
        p.warnings,
        vec![
            FileWarning::UnknownColumn {
                name: "remarks".into()
            },
            FileWarning::UnnamedColumn { column: "F".into() },
        ]
    );
}

#[test]
fn values_beyond_the_header_in_xlsx_are_warned_about() {
    let sheet = sheet_xml(&[
        (
            1,
            vec![
                c_str(0, 1, "unit_type"),
                c_str(1, 1, "unit_code"),
                c_str(2, 1, "unit_name_en"),
                c_str(3, 1, "parent_code"),
            ],
        ),
        (
            2,
            vec![
                c_str(0, 2, "gp"),
                c_str(1, 2, "42356"),
                c_str(2, 2, "Rampur"),
                c_str(3, 2, "1378"),
                c_str(27, 2, "note"),
            ],
        ),
    ]);
    let p = parse_import(&xlsx_with_sheet(&sheet)).unwrap();
    assert!(p.is_clean());
    assert_eq!(
        p.warnings,
        vec![FileWarning::UnnamedColumn {
            column: "AB".into()
        }]
    );
}

#[test]
fn header_only_gives_no_rows_and_says_so() {
    let t = table(&[&HEADER_EN]);
    let p = parse_both(&t);
    assert_eq!((p.rows.len(), p.data_rows), (0, 0));
    assert_eq!(p.warnings, vec![FileWarning::NoDataRows]);
}

#[test]
fn blank_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet() {
    let csv = "unit_type,unit_code,unit_name_en,parent_code\r\n\
               ,,,\r\n\
               gp,1,\"Ram\"\"pur\",9\r\n\
               \r\n\
               gp,2,Sitapur,9\r\n\
               gp,x y,Bad,9\r\n";
    let p = parse_import(csv.as_bytes()).unwrap();
    assert_eq!(p.data_rows, 3);
    assert_eq!(p.rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![3, 5]);
    assert_eq!(p.rows[0].unit_name_en, "Ram\"pur");
    assert_eq!(only_error(&p), (6, "unit_code", RowErrorCode::InvalidCode));

    let sheet = sheet_xml(&[
        (
            1,
            vec![
                c_str(0, 1, "unit_type"),
                c_str(1, 1, "unit_code"),
                c_str(2, 1, "unit_name_en"),
                c_str(3, 1, "parent_code"),
            ],
        ),
        (2, vec![r#"<c r="A2" s="1"/>"#.to_string()]),
        (
            7,
            vec![
                c_str(0, 7, "gp"),
                c_str(1, 7, "x y"),
                c_str(2, 7, "A"),
                c_str(3, 7, "9"),
            ],
        ),
    ]);
    let p = parse_import(&xlsx_with_sheet(&sheet)).unwrap();
    assert_eq!(only_error(&p), (7, "unit_code", RowErrorCode::InvalidCode));
}

#[test]
fn a_line_break_inside_a_quoted_cell_is_one_row_and_an_error() {
    let csv = "unit_type,unit_code,unit_name_en,parent_code\n\
               gp,1,\"Ram\npur\",9\n\
               gp,2,Sitapur,9\n";
    let p = parse_import(csv.as_bytes()).unwrap();
    assert_eq!(
        only_error(&p),
        (2, "unit_name_en", RowErrorCode::ControlCharacter)
    );
    // The next row is row 3 of the sheet, not line 4 of the file.
    assert_eq!(p.rows[0].row, 3);
}

#[test]
fn utf8_bom_semicolons_and_tabs_are_accepted() {
    let base = "unit_type,unit_code,unit_name_en,parent_code\ngp,1,\"Rampur, East\",9\n";
    let with_bom = format!("\u{feff}{base}");
    let semicolons = base
        .replace(',', ";")
        .replace("Rampur; East", "Rampur, East");
    let tabs = "unit_type\tunit_code\tunit_name_en\tparent_code\ngp\t1\tRampur, East\t9\n";
    for text in [base.to_string(), with_bom, semicolons, tabs.to_string()] {
        let p = parse_import(text.as_bytes()).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
        assert!(p.is_clean(), "{text:?}");
        assert_eq!(p.rows[0].unit_name_en, "Rampur, East", "{text:?}");
    }
}

#[test]
fn crlf_and_missing_final_newline_are_fine() {
    let text = "unit_type,unit_code,unit_name_en,parent_code\r\ngp,1,Rampur,9";
    let p = parse_import(text.as_bytes()).unwrap();
    assert_eq!(p.rows.len(), 1);
}

#[test]
fn xlsx_number_cells_become_plain_digits() {
    let sheet = sheet_xml(&[
        (
            1,
            [
                "unit_type",
                "unit_code",
                "unit_name_en",
                "parent_code",
                "lon",
                "lat",
                "member_count",
                "admin_name",
                "admin_mobile",
                "location_exact",
            ]
            .iter()
            .enumerate()
            .map(|(i, h)| c_str(i, 1, h))
            .collect(),
        ),
        (
            2,
            vec![
                c_str(0, 2, "gp"),
                c_num(1, 2, "42356.0"),
                c_str(2, 2, "Rampur"),
                c_num(3, 2, "1378"),
                c_num(4, 2, "77.412599999999998"),
                c_num(5, 2, "23.25"),
                c_num(6, 2, "250"),
                c_str(7, 2, "Sita"),
                c_num(8, 2, "9876543210"),
                r#"<c r="J2" t="b"><v>1</v></c>"#.to_string(),
            ],
        ),
        (
            3,
            vec![
                c_str(0, 3, "gp"),
                c_num(1, 3, "4.2357E4"),
                c_str(2, 3, "Sitapur"),
                c_num(3, 3, "1378"),
                c_str(7, 3, "Gita"),
                c_num(8, 3, "919876543211"),
            ],
        ),
    ]);
    let p = parse_import(&xlsx_with_sheet(&sheet)).unwrap();
    assert!(p.is_clean(), "{:#?}", p.row_errors);
    let r = &p.rows[0];
    assert_eq!(
        (r.unit_code.as_str(), r.parent_code.as_str()),
        ("42356", "1378")
    );
    let loc = r.location.unwrap();
    assert!((loc.lon - 77.4126).abs() < 1e-9 && loc.exact);
    assert_eq!(r.group.as_ref().unwrap().member_count, Some(250));
    assert_eq!(r.admin.as_ref().unwrap().mobile, "+919876543210");
    assert_eq!(p.rows[1].unit_code, "42357");
    assert_eq!(p.rows[1].admin.as_ref().unwrap().mobile, "+919876543211");
}

#[test]
fn xlsx_negative_numbers_are_out_of_range_not_formulas() {
    let header = [
        "unit_type",
        "unit_code",
        "unit_name_en",
        "parent_code",
        "lon",
        "lat",
    ];
    let sheet = sheet_xml(&[
        (
            1,
            header
                .iter()
                .enumerate()
                .map(|(i, h)| c_str(i, 1, h))
                .collect(),
        ),
        (
            2,
            vec![
                c_str(0, 2, "gp"),
                c_str(1, 2, "1"),
                c_str(2, 2, "A"),
                c_str(3, 2, "9"),
                c_num(4, 2, "-77.5"),
                c_num(5, 2, "23"),
            ],
        ),
    ]);
    let p = parse_import(&xlsx_with_sheet(&sheet)).unwrap();
    assert_eq!(
        only_error(&p),
        (2, "lon", RowErrorCode::OutOfRange { min: 68, max: 98 })
    );
}

#[test]
fn xlsx_formulas_give_their_cached_value_and_are_never_evaluated() {
    let header = [
        "unit_type",
        "unit_code",
        "unit_name_en",
        "parent_code",
        "unit_name_hi",
    ];
    let sheet = sheet_xml(&[
        (
            1,
            header
                .iter()
                .enumerate()
                .map(|(i, h)| c_str(i, 1, h))
                .collect(),
        ),
        (
            2,
            vec![
                c_str(0, 2, "gp"),
                // =40000+2356 with its cached result: the cached value is used.
                r#"<c r="B2"><f>40000+2356</f><v>42356</v></c>"#.to_string(),
                r#"<c r="C2" t="str"><f>UPPER("rampur")</f><v>RAMPUR</v></c>"#.to_string(),
                c_str(3, 2, "1378"),
                // A formula with no saved value is an empty cell, not a computed one.
                r#"<c r="E2"><f>1+1</f></c>"#.to_string(),
            ],
        ),
        (
            3,
            vec![
                c_str(0, 3, "gp"),
                c_str(1, 3, "42357"),
                r#"<c r="C3" t="e"><f>VLOOKUP(A1,Z:Z,2,0)</f><v>#N/A</v></c>"#.to_string(),
                c_str(3, 3, "1378"),
            ],
        ),
    ]);
    let p = parse_import(&xlsx_with_sheet(&sheet)).unwrap();
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].unit_code, "42356");
    assert_eq!(p.rows[0].unit_name_en, "RAMPUR");
    assert_eq!(p.rows[0].unit_name_hi, "");
    assert_eq!(
        only_error(&p),
        (3, "unit_name_en", RowErrorCode::ExcelErrorValue)
    );
}

#[test]
fn xlsx_shared_strings_are_resolved() {
    let shared = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>unit_type</t></si><si><t>unit_code</t></si><si><t>unit_name_en</t></si><si><t>parent_code</t></si><si><t>gp</t></si></sst>"#;
    let s = |r: &str, i: u32| format!(r#"<c r="{r}" t="s"><v>{i}</v></c>"#);
    let sheet = sheet_xml(&[
        (1, vec![s("A1", 0), s("B1", 1), s("C1", 2), s("D1", 3)]),
        (
            2,
            vec![
                s("A2", 4),
                c_num(1, 2, "42356"),
                c_str(2, 2, "Rampur"),
                c_num(3, 2, "1378"),
            ],
        ),
    ]);
    let bytes = xlsx_parts(&[
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", shared.as_bytes()),
    ]);
    let p = parse_import(&bytes).unwrap();
    assert!(p.is_clean(), "{:#?}", p.row_errors);
    assert_eq!(p.rows[0].unit_type, UnitType::GramPanchayat);
}

#[test]
fn xlsx_reads_the_first_visible_worksheet() {
    let workbook = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Old" sheetId="2" state="hidden" r:id="rId3"/><sheet name="Registry" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#;
    let good = xlsx_of_strings(&table(&[
        &["unit_type", "unit_code", "unit_name_en", "parent_code"],
        &["gp", "1", "Visible", "9"],
    ]));
    let good_sheet = {
        let mut archive = zip::ZipArchive::new(Cursor::new(good.as_slice())).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut s,
        )
        .unwrap();
        s
    };
    let hidden_sheet = sheet_xml(&[(1, vec![c_str(0, 1, "nothing here")])]);
    let bytes = xlsx_parts(&[
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", good_sheet.as_bytes()),
        ("xl/worksheets/sheet2.xml", hidden_sheet.as_bytes()),
    ]);
    let p = parse_import(&bytes).unwrap();
    assert_eq!(p.rows[0].unit_name_en, "Visible");
}

#[test]
fn a_workbook_without_worksheets_is_no_sheet() {
    let workbook = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#;
    let bytes = xlsx_parts(&[("xl/workbook.xml", workbook.as_bytes())]);
    assert_eq!(parse_import(&bytes), Err(FileError::NoSheet));
}

#[test]
fn empty_sheets_and_blank_files_are_empty() {
    assert_eq!(parse_import(b""), Err(FileError::Empty));
    assert_eq!(parse_import(b"\xef\xbb\xbf"), Err(FileError::Empty));
    assert_eq!(parse_import(b" \r\n\r\n"), Err(FileError::Empty));
    let empty_sheet = sheet_xml(&[]);
    assert_eq!(
        parse_import(&xlsx_with_sheet(&empty_sheet)),
        Err(FileError::Empty)
    );
}

#[test]
fn results_serialise_as_flat_json_with_both_messages() {
    let t = full_table(&[&gp("42356"), &gp("42356")]);
    let p = parse_csv(&t);
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["format"], "csv");
    assert_eq!(json["rows"][0]["unit_type"], "gram_panchayat");
    let e = &json["row_errors"][0];
    assert_eq!(e["row"], 3);
    assert_eq!(e["column"], "unit_code");
    assert_eq!(e["code"], "duplicate_code");
    assert_eq!(e["first_row"], 2);
    assert!(e["message_en"].as_str().unwrap().contains("Row 2"));
    assert!(e["message_hi"].as_str().unwrap().contains("पंक्ति 2"));

    let f = serde_json::to_value(FileError::TooManyRows).unwrap();
    assert_eq!(f["code"], "too_many_rows");
    assert_eq!(f["limit"], 20_000);
    assert!(f["message_en"].as_str().unwrap().contains("20000"));
    assert!(f["message_hi"].as_str().unwrap().contains("20000"));
    let w = serde_json::to_value(FileWarning::UnknownColumn { name: "x".into() }).unwrap();
    assert_eq!(w["code"], "unknown_column");
    assert_eq!(w["name"], "x");
}

#[test]
fn parents_defined_in_the_file_are_told_apart_from_outside_ones() {
    let t = full_table(&[
        &[
            (Column::UnitType, "block"),
            (Column::UnitCode, "1378"),
            (Column::UnitNameEn, "Berasia"),
            (Column::ParentCode, "436"),
        ],
        &gp("42356"),
        &[
            (Column::UnitType, "gp"),
            (Column::UnitCode, "42357"),
            (Column::UnitNameEn, "Other"),
            (Column::ParentCode, "1379"),
        ],
        &[
            (Column::UnitType, "ward"),
            (Column::UnitCode, "w-1"),
            (Column::UnitNameEn, "Ward 1"),
            (Column::ParentCode, "ulb-bpl"),
        ],
    ]);
    let p = parse_csv(&t);
    assert!(p.is_clean());
    let gp_row = &p.rows[1];
    assert_eq!(p.parent_in_file(gp_row).map(|r| r.row), Some(2));
    assert_eq!(p.parent_in_file(&p.rows[0]), None);
    assert_eq!(
        p.row_defining(UnitType::Ward, "W-1").map(|r| r.row),
        Some(5)
    );
    let outside: Vec<ParentRef> = p.parents_outside_file().into_iter().collect();
    assert_eq!(
        outside,
        vec![
            ParentRef {
                kind: ParentKind::District,
                code: "436".into()
            },
            ParentRef {
                kind: ParentKind::Block,
                code: "1379".into()
            },
            ParentRef {
                kind: ParentKind::Ulb,
                code: "ULB-BPL".into()
            },
        ]
    );
}
