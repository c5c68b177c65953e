use crate::i18n::Lang;

use super::*;

fn assert_template_rows(p: &ParsedImport) {
    assert!(p.is_clean(), "{:#?}", p.row_errors);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let types: Vec<UnitType> = p.rows.iter().map(|r| r.unit_type).collect();
    assert_eq!(
        types,
        vec![
            UnitType::Block,
            UnitType::GramPanchayat,
            UnitType::Ulb,
            UnitType::Ward
        ]
    );
    assert_eq!(
        p.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        vec![2, 3, 4, 5]
    );
    let gp = &p.rows[1];
    assert_eq!(gp.admin.as_ref().unwrap().mobile, "+919000000001");
    assert_eq!(gp.group.as_ref().unwrap().member_limit, 1024);
    assert!(gp.location.unwrap().exact);
    assert_eq!(p.parent_in_file(gp).map(|r| r.row), Some(2));
    let ward = &p.rows[3];
    assert_eq!(ward.unit_code, "ULB-EX-01-W01");
    assert_eq!(ward.admin.as_ref().unwrap().mobile, "+919000000002");
    assert_eq!(p.parent_in_file(ward).map(|r| r.row), Some(4));
    // Only the district is left for the database to know.
    let outside: Vec<_> = p.parents_outside_file().into_iter().collect();
    assert_eq!(
        outside,
        vec![ParentRef {
            kind: ParentKind::District,
            code: "900".into()
        }]
    );
}

#[test]
fn csv_templates_round_trip_in_both_languages() {
    for lang in [Lang::En, Lang::Hi] {
        let csv = template_csv(lang);
        let header = csv.lines().next().unwrap();
        let expected: Vec<&str> = Column::ALL.iter().map(|c| c.header(lang)).collect();
        assert_eq!(header, expected.join(","));
        // Served with a BOM for Excel; read with or without one.
        let p = parse_import(format!("\u{feff}{csv}").as_bytes()).unwrap();
        assert_eq!(p, parse_import(csv.as_bytes()).unwrap());
        assert_eq!(p.format, ImportFormat::Csv);
        assert_template_rows(&p);
    }
}

#[test]
fn xlsx_templates_round_trip_in_both_languages() {
    for lang in [Lang::En, Lang::Hi] {
        let xlsx = template_xlsx(lang);
        assert_eq!(detect_format(&xlsx), Some(ImportFormat::Xlsx));
        let p = parse_import(&xlsx).unwrap();
        assert_eq!(p.format, ImportFormat::Xlsx);
        assert_template_rows(&p);
        // Same rows as the CSV template of the same language.
        let from_csv = parse_import(template_csv(lang).as_bytes()).unwrap();
        assert_eq!(p.rows, from_csv.rows);
    }
}

#[test]
fn xlsx_template_has_an_instructions_sheet_with_every_rule() {
    use calamine::{Data, Reader, Xlsx};
    let mut book = Xlsx::new(Cursor::new(template_xlsx(Lang::Hi))).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["पंजी".to_string(), INSTRUCTIONS_SHEET.into()]
    );
    let help = book.worksheet_range(INSTRUCTIONS_SHEET).unwrap();
    for (i, column) in Column::ALL.into_iter().enumerate() {
        let row = i as u32 + 1;
        let text = |c: u32| match help.get_value((row, c)) {
            Some(Data::String(s)) => s.clone(),
            other => panic!("{column:?} col {c}: {other:?}"),
        };
        assert_eq!(text(0), column.header_en());
        assert_eq!(text(1), column.header_hi());
        assert_eq!(text(3), column.rule_en());
        assert_eq!(text(4), column.rule_hi());
    }
}
