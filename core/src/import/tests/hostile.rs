//! Hostile and broken files: each gets a clear file error, quickly, without panicking or
//! unpacking what it claims.

use flate2::{Compress, Compression, FlushCompress};

use super::*;

const REQUIRED: &str = "unit_type,unit_code,unit_name_en,parent_code\n";

/// A CSV with `n` valid gp rows of the four required columns.
fn csv_rows(n: u32) -> Vec<u8> {
    let mut text = String::from(REQUIRED);
    for i in 0..n {
        text.push_str(&format!("gp,{},GP {i},1378\n", i + 1));
    }
    text.into_bytes()
}

/// An XLSX with `n` valid gp rows of the four required columns, as inline strings.
fn xlsx_rows(n: u32) -> Vec<u8> {
    let mut rows = vec![(
        1,
        ["unit_type", "unit_code", "unit_name_en", "parent_code"]
            .iter()
            .enumerate()
            .map(|(i, h)| c_str(i, 1, h))
            .collect::<Vec<_>>(),
    )];
    for i in 0..n {
        let r = i + 2;
        rows.push((
            r,
            vec![
                c_str(0, r, "gp"),
                c_num(1, r, &(i + 1).to_string()),
                c_str(2, r, "GP"),
                c_num(3, r, "1378"),
            ],
        ));
    }
    xlsx_with_sheet(&sheet_xml(&rows))
}

#[test]
fn oversize_files_are_refused_before_reading() {
    let mut big = csv_rows(1);
    big.resize(MAX_IMPORT_BYTES + 1, b' ');
    assert_eq!(parse_import(&big), Err(FileError::TooLarge));
    let mut big_zip = b"PK\x03\x04".to_vec();
    big_zip.resize(MAX_IMPORT_BYTES + 1, 0);
    assert_eq!(parse_import(&big_zip), Err(FileError::TooLarge));
}

#[test]
fn the_row_limit_is_enforced_while_streaming() {
    let p = parse_import(&csv_rows(MAX_DATA_ROWS)).unwrap();
    assert!(p.is_clean());
    assert_eq!(p.rows.len(), MAX_DATA_ROWS as usize);
    assert_eq!(p.rows.last().unwrap().row, MAX_DATA_ROWS + 1);
    assert_eq!(
        parse_import(&csv_rows(MAX_DATA_ROWS + 1)),
        Err(FileError::TooManyRows)
    );
    assert_eq!(parse_import(&csv_rows(50_000)), Err(FileError::TooManyRows));
    assert!(FileError::TooManyRows.message_en().contains("20000"));
    assert!(FileError::TooManyRows.message_hi().contains("20000"));
}

#[test]
fn the_row_limit_applies_to_xlsx_too() {
    // One filled cell makes a row count; stored, not deflated, to keep the test quick.
    let header = ["unit_type", "unit_code", "unit_name_en", "parent_code"];
    let mut rows = vec![(
        1,
        header
            .iter()
            .enumerate()
            .map(|(i, h)| c_str(i, 1, h))
            .collect(),
    )];
    rows.extend((2..=MAX_DATA_ROWS + 2).map(|r| (r, vec![c_num(1, r, "1")])));
    let sheet = sheet_xml(&rows);
    let zip = xlsx_parts_with(
        zip::CompressionMethod::Stored,
        &[("xl/worksheets/sheet1.xml", sheet.as_bytes())],
    );
    assert_eq!(parse_import(&zip), Err(FileError::TooManyRows));
    let p = parse_import(&xlsx_rows(2_000)).unwrap();
    assert!(p.is_clean());
    assert_eq!(p.rows.len(), 2_000);
}

#[test]
fn too_many_header_columns_refuse_the_file() {
    let header: Vec<String> = (0..=MAX_COLUMNS).map(|i| format!("c{i}")).collect();
    let text = format!("{}\n", header.join(","));
    assert_eq!(
        parse_import(text.as_bytes()),
        Err(FileError::TooManyColumns)
    );
}

#[test]
fn broken_csv_gets_a_row_numbered_error() {
    let unclosed = format!("{REQUIRED}gp,1,A,9\ngp,2,\"Rampur,9\ngp,3,C,9\n");
    assert_eq!(
        parse_import(unclosed.as_bytes()),
        Err(FileError::UnclosedQuote { row: 3 })
    );
    // Doubled quotes inside a quoted cell are not unbalanced.
    let escaped = format!("{REQUIRED}gp,1,\"Ram \"\"Nagar\"\"\",9\n");
    assert_eq!(
        parse_import(escaped.as_bytes()).unwrap().rows[0].unit_name_en,
        "Ram \"Nagar\""
    );
    let extra = format!("{REQUIRED}gp,1,A,9\ngp,2,B,9,extra\n");
    assert_eq!(
        parse_import(extra.as_bytes()),
        Err(FileError::FieldCount {
            row: 3,
            expected: 4,
            found: 5
        })
    );
    let short = format!("{REQUIRED}\n\ngp,1,A\n");
    assert_eq!(
        parse_import(short.as_bytes()),
        Err(FileError::FieldCount {
            row: 4,
            expected: 4,
            found: 3
        })
    );
}

#[test]
fn text_in_other_encodings_asks_for_csv_utf8() {
    // "Café" in Windows-1252.
    let ansi = b"unit_type,unit_code,unit_name_en,parent_code\ngp,1,Caf\xe9,9\n";
    assert_eq!(parse_import(ansi), Err(FileError::NotUtf8));
    let utf16le: Vec<u8> = REQUIRED.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut with_bom = vec![0xff, 0xfe];
    with_bom.extend(&utf16le);
    assert_eq!(parse_import(&with_bom), Err(FileError::NotUtf8));
    assert_eq!(parse_import(&utf16le), Err(FileError::NotUtf8));
    let utf16be: Vec<u8> = REQUIRED.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(parse_import(&utf16be), Err(FileError::NotUtf8));
    assert!(FileError::NotUtf8.message_en().contains("CSV UTF-8"));
}

#[test]
fn other_file_types_are_named_as_such() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    assert_eq!(parse_import(png), Err(FileError::NotCsvOrXlsx));
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\x00\x01>>";
    assert_eq!(parse_import(pdf), Err(FileError::NotCsvOrXlsx));
    let ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0\0\0\0\0";
    assert_eq!(parse_import(ole), Err(FileError::LegacyOrEncryptedExcel));
}

#[test]
fn broken_zips_are_not_a_zip() {
    assert_eq!(
        parse_import(b"PK\x03\x04this is not a zip"),
        Err(FileError::NotAZip)
    );
    let good = xlsx_rows(3);
    assert!(parse_import(&good).is_ok());
    for cut in [good.len() / 2, good.len() - 10] {
        assert_eq!(
            parse_import(&good[..cut]),
            Err(FileError::NotAZip),
            "cut at {cut}"
        );
    }
}

#[test]
fn a_zip_that_is_not_a_workbook_is_unreadable() {
    let docx_like = zip_of(&[("word/document.xml", b"<w:document/>")]);
    assert_eq!(parse_import(&docx_like), Err(FileError::UnreadableXlsx));
    let bad_xml = xlsx_with_sheet("<worksheet><sheetData><row><c r=\"A1\"><v>1</v>");
    assert_eq!(parse_import(&bad_xml), Err(FileError::UnreadableXlsx));
}

#[test]
fn truncated_or_corrupted_entries_are_errors_not_panics() {
    let good = xlsx_rows(50);
    // Flip bytes all over the archive: every outcome is a result, never a panic.
    for i in (0..good.len()).step_by(7) {
        let mut bad = good.clone();
        bad[i] ^= 0x5a;
        let _ = parse_import(&bad);
    }
}

// ---- zip bombs ----

/// Offsets of the central directory entry for `name` and its local header.
fn entry_offsets(zip: &[u8], name: &str) -> (usize, usize) {
    let mut at = 0;
    while let Some(pos) = zip[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let cd = at + pos;
        let u16_at = |o: usize| u16::from_le_bytes([zip[cd + o], zip[cd + o + 1]]) as usize;
        let name_len = u16_at(28);
        if &zip[cd + 46..cd + 46 + name_len] == name.as_bytes() {
            let local = u32::from_le_bytes(zip[cd + 42..cd + 46].try_into().unwrap()) as usize;
            return (cd, local);
        }
        at = cd + 4;
    }
    panic!("{name} not in archive");
}

/// Rewrites the uncompressed size that both headers declare for `name`.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let (cd, local) = entry_offsets(zip, name);
    zip[cd + 24..cd + 28].copy_from_slice(&size.to_le_bytes());
    zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
}

struct RawEntry<'a> {
    name: &'a str,
    /// 0 stored, 8 deflated.
    method: u16,
    data: &'a [u8],
    crc: u32,
    declared_size: u32,
}

/// A zip written byte by byte, so sizes and data can disagree on purpose.
fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let common = |buf: &mut Vec<u8>| {
            buf.extend(20u16.to_le_bytes()); // version needed
            buf.extend(0u16.to_le_bytes()); // flags
            buf.extend(e.method.to_le_bytes());
            buf.extend(0u32.to_le_bytes()); // time and date
            buf.extend(e.crc.to_le_bytes());
            buf.extend((e.data.len() as u32).to_le_bytes());
            buf.extend(e.declared_size.to_le_bytes());
            buf.extend((e.name.len() as u16).to_le_bytes());
            buf.extend(0u16.to_le_bytes()); // extra length
        };
        out.extend(b"PK\x03\x04");
        common(&mut out);
        out.extend(e.name.as_bytes());
        out.extend(e.data);
        central.extend(b"PK\x01\x02");
        central.extend(20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend([0u8; 6]); // comment length, disk, internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(e.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A raw deflate stream of `mb` MiB of zeros, built without compressing them: one
/// byte-aligned block for 1 MiB of zeros (after the first) is repeated.
fn zeros_deflated(mb: usize) -> Vec<u8> {
    let chunk = vec![0u8; 1 << 20];
    let mut c = Compress::new(Compression::best(), false);
    let mut first = Vec::with_capacity(1 << 16);
    c.compress_vec(&chunk, &mut first, FlushCompress::Sync)
        .unwrap();
    let mut repeat = Vec::with_capacity(1 << 16);
    c.compress_vec(&chunk, &mut repeat, FlushCompress::Sync)
        .unwrap();
    let mut last = Vec::with_capacity(64);
    c.compress_vec(&[], &mut last, FlushCompress::Finish)
        .unwrap();
    let mut out = first;
    for _ in 1..mb {
        out.extend(&repeat);
    }
    out.extend(last);
    out
}

/// The minimal workbook parts, stored, with a sheet entry supplied by the caller.
fn workbook_with_raw_sheet(sheet: RawEntry) -> Vec<u8> {
    let good = xlsx_rows(1);
    let mut archive = zip::ZipArchive::new(Cursor::new(good.as_slice())).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        if name != "xl/worksheets/sheet1.xml" {
            parts.push((name, data));
        }
    }
    let mut entries: Vec<RawEntry> = parts
        .iter()
        .map(|(name, data)| RawEntry {
            name,
            method: 0,
            data,
            crc: crc32fast::hash(data),
            declared_size: data.len() as u32,
        })
        .collect();
    entries.push(sheet);
    raw_zip(&entries)
}

#[test]
fn the_hand_written_zip_is_a_valid_workbook() {
    // Guards the bomb tests below: the same construction with honest sizes works.
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
                c_str(1, 2, "1"),
                c_str(2, 2, "A"),
                c_str(3, 2, "9"),
            ],
        ),
    ]);
    let zip = workbook_with_raw_sheet(RawEntry {
        name: "xl/worksheets/sheet1.xml",
        method: 0,
        data: sheet.as_bytes(),
        crc: crc32fast::hash(sheet.as_bytes()),
        declared_size: sheet.len() as u32,
    });
    assert_eq!(parse_import(&zip).unwrap().rows.len(), 1);
    let deflated = zeros_deflated(3);
    let mut inflated = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::DeflateDecoder::new(deflated.as_slice()),
        &mut inflated,
    )
    .unwrap();
    assert_eq!(inflated.len(), 3 << 20);
    assert!(inflated.iter().all(|&b| b == 0));
}

#[test]
fn a_small_file_declaring_gigabytes_is_a_bomb() {
    let mut zip = xlsx_rows(3);
    declare_size(&mut zip, "xl/worksheets/sheet1.xml", 3_000_000_000);
    assert_eq!(parse_import(&zip), Err(FileError::ZipBomb));
    let mut zip = xlsx_rows(3);
    declare_size(
        &mut zip,
        "xl/worksheets/sheet1.xml",
        MAX_XLSX_UNCOMPRESSED_BYTES as u32 + 1,
    );
    assert_eq!(parse_import(&zip), Err(FileError::ZipBomb));
}

#[test]
fn a_real_gigabyte_bomb_is_refused_from_its_directory() {
    let bomb = zeros_deflated(1024);
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    let zip = workbook_with_raw_sheet(RawEntry {
        name: "xl/worksheets/sheet1.xml",
        method: 8,
        data: &bomb,
        crc: 0,
        declared_size: 1 << 30,
    });
    assert_eq!(parse_import(&zip), Err(FileError::ZipBomb));
}

#[test]
fn zip_that_lies_about_sizes_is_stopped_at_the_declared_size() {
    // 1 GiB of zeros that declares 4 KiB: the total and ratio checks pass, so only the
    // bounded reader stands between the worker and a gigabyte.
    let bomb = zeros_deflated(1024);
    let zip = workbook_with_raw_sheet(RawEntry {
        name: "xl/worksheets/sheet1.xml",
        method: 8,
        data: &bomb,
        crc: 0,
        declared_size: 4096,
    });
    assert_eq!(parse_import(&zip), Err(FileError::ZipBomb));
}

#[test]
fn zip_that_lies_about_sizes_of_real_rows_is_refused() {
    // Real rows that would parse fine if the lie went unnoticed.
    let mut zip = xlsx_rows(2_000);
    declare_size(&mut zip, "xl/worksheets/sheet1.xml", 1_000);
    assert_eq!(parse_import(&zip), Err(FileError::ZipBomb));
}

#[test]
fn a_high_ratio_entry_is_a_bomb_even_when_small_in_total() {
    let bomb = zeros_deflated(8);
    let zip = workbook_with_raw_sheet(RawEntry {
        name: "xl/worksheets/sheet1.xml",
        method: 8,
        data: &bomb,
        crc: 0,
        declared_size: 8 << 20,
    });
    assert_eq!(parse_import(&zip), Err(FileError::ZipBomb));
}

#[test]
fn many_entries_are_a_bomb() {
    let names: Vec<String> = (0..=MAX_ZIP_ENTRIES)
        .map(|i| format!("x/{i}.xml"))
        .collect();
    let entries: Vec<RawEntry> = names
        .iter()
        .map(|name| RawEntry {
            name,
            method: 0,
            data: b"",
            crc: 0,
            declared_size: 0,
        })
        .collect();
    assert_eq!(parse_import(&raw_zip(&entries)), Err(FileError::ZipBomb));
}

#[test]
fn a_forged_shared_string_count_is_refused_before_calamine_reserves_it() {
    let sheet = sheet_xml(&[(1, vec![c_str(0, 1, "unit_type")])]);
    for sst in [
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>a</t></si></sst>"#,
        r#"<sst uniqueCount = '900000000'><si><t>a</t></si></sst>"#,
        r#"<!-- <sst uniqueCount="1"> --><x:sst xmlns:x="urn:x" uniqueCount="18446744073709551615"><x:si><x:t>a</x:t></x:si></x:sst>"#,
        r#"<sst uniqueCount="00000000000000000000000000000000000000099999999999"></sst>"#,
    ] {
        let zip = xlsx_parts(&[
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
            ("xl/sharedStrings.xml", sst.as_bytes()),
        ]);
        assert_eq!(parse_import(&zip), Err(FileError::ZipBomb), "{sst}");
    }
    // An <sst> pushed far into the part by padding is not looked for forever.
    let padded = format!(
        "<!--{}--><sst uniqueCount=\"1\"></sst>",
        " ".repeat(100_000)
    );
    let zip = xlsx_parts(&[
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", padded.as_bytes()),
    ]);
    assert_eq!(parse_import(&zip), Err(FileError::UnreadableXlsx));
}

#[test]
fn parts_held_in_memory_have_their_own_cap() {
    let styles = b"<styleSheet/>";
    let mut zip = xlsx_parts(&[
        ("xl/worksheets/sheet1.xml", sheet_xml(&[]).as_bytes()),
        ("xl/styles.xml", styles),
    ]);
    declare_size(&mut zip, "xl/styles.xml", 17 << 20);
    assert_eq!(parse_import(&zip), Err(FileError::ZipBomb));
}

#[test]
fn element_floods_that_calamine_would_hold_in_memory_are_refused() {
    let sheet = sheet_xml(&[]);
    // 70,001 cell formats: calamine builds a full style object for each.
    let xfs = format!(
        "<styleSheet><cellXfs>{}</cellXfs></styleSheet>",
        r#"<xf fontId="0"/>"#.repeat(70_001)
    );
    let strings = format!("<sst>{}</sst>", "<x:si/>".repeat(500_001));
    let sheets: String = (0..1_001)
        .map(|i| format!(r#"<sheet name="s{i}" sheetId="{i}" r:id="rId1"/>"#))
        .collect();
    let workbook = WORKBOOK.replace(r#"<sheet name="Sheet1" sheetId="1" r:id="rId1"/>"#, &sheets);
    for (name, part) in [
        ("xl/styles.xml", xfs.as_str()),
        ("xl/sharedStrings.xml", strings.as_str()),
        ("xl/workbook.xml", workbook.as_str()),
    ] {
        // Stored, not deflated, so the ratio check cannot be what catches them.
        let zip = xlsx_parts_with(
            zip::CompressionMethod::Stored,
            &[
                ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
                (name, part.as_bytes()),
            ],
        );
        assert_eq!(parse_import(&zip), Err(FileError::ZipBomb), "{name}");
    }
    // At the limit it is an ordinary (if odd) workbook.
    let xfs = format!(
        "<styleSheet><cellXfs>{}</cellXfs></styleSheet>",
        r#"<xf fontId="0"/>"#.repeat(1_000)
    );
    let zip = xlsx_parts(&[
        (
            "xl/worksheets/sheet1.xml",
            sheet_xml(&[(1, vec![c_str(0, 1, "x")])]).as_bytes(),
        ),
        ("xl/styles.xml", xfs.as_bytes()),
    ]);
    assert!(matches!(
        parse_import(&zip),
        Err(FileError::MissingColumns { .. })
    ));
}

#[test]
fn forged_cell_references_are_refused_before_calamine_computes_with_them() {
    let cell = |r: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>x</t></is></c>"#);
    for sheet in [
        format!("<worksheet><sheetData><row>{}</row></sheetData></worksheet>", cell("AAAAAAAAAAAAA1")),
        format!("<worksheet><sheetData><row>{}</row></sheetData></worksheet>", cell("A99999999999")),
        format!("<worksheet><sheetData><row>{}</row></sheetData></worksheet>", cell("A0")),
        format!("<worksheet><sheetData><row>{}</row></sheetData></worksheet>", cell("XFE1")),
        r#"<worksheet><dimension ref="B5:A1"/><sheetData/></worksheet>"#.to_string(),
        r#"<worksheet><dimension ref="A1:B2:C3"/><sheetData/></worksheet>"#.to_string(),
        r#"<worksheet><sheetData><row r="99999999999"></row></sheetData></worksheet>"#.to_string(),
        format!(
            r#"<worksheet><sheetData><row><c r = 'A1' {}/></row></sheetData></worksheet>"#,
            "x=\"y\" ".repeat(200)
        ),
        r#"<worksheet><sheetData><row><x:c xmlns:x="urn:x" r="A99999999999"/></row></sheetData></worksheet>"#.to_string(),
    ] {
        assert_eq!(parse_import(&xlsx_with_sheet(&sheet)), Err(FileError::UnreadableXlsx), "{sheet}");
    }
    // What Excel writes passes, quotes and spacing as they come.
    let header = ["unit_type", "unit_code", "unit_name_en", "parent_code"];
    let cells: String = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            format!(
                r#"<c r = '{}1' s="1" t="inlineStr"><is><t>{h}</t></is></c>"#,
                (b'A' + i as u8) as char
            )
        })
        .collect();
    let sheet = format!(
        r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1" spans="1:4" x14ac:dyDescent="0.25">{cells}</row><row r="1048576"><c r="xfd1048576"/></row></sheetData></worksheet>"#
    );
    let p = parse_import(&xlsx_with_sheet(&sheet)).unwrap();
    assert_eq!(p.warnings, vec![FileWarning::NoDataRows]);
}
