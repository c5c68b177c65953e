//! parse_import never panics, whatever it is given.

use proptest::prelude::*;

use super::*;

fn csvish() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ]{0,12}",
        "[=+@-][a-z0-9()]{0,6}",
        "\"[^\"]{0,10}\"",
        "\"",
        "[\\PC]{0,8}",
        "[0-9]{1,14}(\\.[0-9]{0,3})?",
        "(\\+91 )?[6-9][0-9]{9}",
        Just("https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv".to_string()),
        "(gp|block|ulb|ward|ग्राम पंचायत|वार्ड)",
        "[\r\n\t\u{200d}\u{202e}]",
    ];
    let sep = prop_oneof![Just(","), Just(";"), Just("\t"), Just("\n"), Just("\r\n")];
    let header = prop::sample::subsequence(HEADER_EN.to_vec(), 0..=16).prop_map(|h| h.join(","));
    (header, prop::collection::vec((cell, sep), 0..60)).prop_map(|(h, body)| {
        let mut s = h;
        s.push('\n');
        for (cell, sep) in body {
            s.push_str(&cell);
            s.push_str(sep);
        }
        s
    })
}

/// `exact`: every data row is either a valid row or has an error (true for CSV, whose
/// row numbers are unique; a corrupted XLSX may repeat a row number).
fn check_invariants(bytes: &[u8], exact: bool) {
    if let Ok(p) = parse_import(bytes) {
        assert!(p.rows.len() as u32 <= p.data_rows);
        assert!(p.data_rows <= MAX_DATA_ROWS);
        for r in &p.rows {
            assert!(!r.unit_code.is_empty() && !r.unit_name_en.is_empty());
        }
        if !exact {
            return;
        }
        let mut rows: Vec<u32> = p.rows.iter().map(|r| r.row).collect();
        rows.extend(p.row_errors.iter().map(|e| e.row));
        rows.sort_unstable();
        rows.dedup();
        assert_eq!(rows.len() as u32, p.data_rows);
    }
}

/// Sheet XML built from the pieces calamine parses, with references both sane and
/// forged (its own arithmetic on forged ones overflows).
fn sheetish() -> impl Strategy<Value = String> {
    let reference = ("[A-Za-z]{0,8}", "[0-9]{0,12}").prop_map(|(c, r)| format!("{c}{r}"));
    let piece = prop_oneof![
        reference
            .clone()
            .prop_map(|r| format!(r#"<c r="{r}" t="inlineStr"><is><t>x</t></is></c>"#)),
        reference
            .clone()
            .prop_map(|r| format!(r#"<c r="{r}"><v>1</v></c>"#)),
        "[0-9]{0,12}".prop_map(|r| format!(r#"<row r="{r}">"#)),
        Just("</row>".to_string()),
        Just("<row>".to_string()),
        (reference.clone(), reference).prop_map(|(a, b)| format!(r#"<dimension ref="{a}:{b}"/>"#)),
        Just(r#"<c t="s"><v>7</v></c>"#.to_string()),
        Just(r#"<c t="e"><v>#N/A</v></c>"#.to_string()),
        "[<>/=\"' a-z]{0,12}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| {
        format!(
            "<worksheet><sheetData>{}</sheetData></worksheet>",
            pieces.concat()
        )
    })
}

proptest! {
    // Failures are not persisted: the tree is shared, and a failing case prints its input.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_invariants(&bytes, false);
    }

    #[test]
    fn arbitrary_bytes_after_a_zip_signature_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..2048)
    ) {
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(bytes);
        check_invariants(&zip, false);
    }

    #[test]
    fn csv_like_text_never_panics(text in csvish()) {
        check_invariants(text.as_bytes(), true);
    }

    #[test]
    fn sheet_xml_with_forged_references_never_panics(sheet in sheetish()) {
        check_invariants(&xlsx_with_sheet(&sheet), false);
    }

    #[test]
    fn corrupted_workbooks_never_panic(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
    ) {
        static TEMPLATE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let mut zip = TEMPLATE.get_or_init(|| template_xlsx(crate::i18n::Lang::Hi)).clone();
        for (at, byte) in flips {
            let i = at.index(zip.len());
            zip[i] = byte;
        }
        check_invariants(&zip, false);
    }
}
