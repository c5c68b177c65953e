//! Import tests. Fixtures are built in code (CSV text, hand-written XLSX parts, patched
//! zips), so no large or binary files are committed.

mod docs;
mod files;
mod hostile;
mod mobile;
mod props;
mod rules;
mod template;

use std::io::{Cursor, Write};

use super::*;

pub(super) const HEADER_EN: [&str; 16] = [
    "unit_type",
    "unit_code",
    "unit_name_en",
    "unit_name_hi",
    "parent_code",
    "lon",
    "lat",
    "location_exact",
    "group_name",
    "invite_link",
    "member_limit",
    "member_count",
    "admin_name",
    "admin_mobile",
    "admin_designation",
    "admin_department",
];

pub(super) const LINK_A: &str = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv";
pub(super) const LINK_B: &str = "https://chat.whatsapp.com/ZyXwVuTsRqPoNmLkJiHgFe12";

/// A table as rows of cells, header first.
pub(super) type Table = Vec<Vec<String>>;

pub(super) fn table(rows: &[&[&str]]) -> Table {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// A full-layout row: every column empty except the given ones.
pub(super) fn full_row(cells: &[(Column, &str)]) -> Vec<String> {
    let mut row = vec![String::new(); 16];
    for (column, value) in cells {
        row[*column as usize] = value.to_string();
    }
    row
}

pub(super) fn full_table(rows: &[&[(Column, &str)]]) -> Table {
    let mut t = vec![HEADER_EN.iter().map(|h| h.to_string()).collect()];
    t.extend(rows.iter().map(|r| full_row(r)));
    t
}

/// The smallest valid rows of each type, for building on.
pub(super) fn gp(code: &str) -> Vec<(Column, &str)> {
    vec![
        (Column::UnitType, "gp"),
        (Column::UnitCode, code),
        (Column::UnitNameEn, "Rampur"),
        (Column::ParentCode, "1378"),
    ]
}

pub(super) fn csv_bytes(t: &Table) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in t {
        w.write_record(row).unwrap();
    }
    w.into_inner().unwrap()
}

pub(super) fn parse_csv(t: &Table) -> ParsedImport {
    parse_import(&csv_bytes(t)).unwrap_or_else(|e| panic!("{e:?}"))
}

pub(super) fn parse_xlsx(t: &Table) -> ParsedImport {
    parse_import(&xlsx_of_strings(t)).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Parses the table as CSV and as XLSX, checks both agree, and returns the result.
pub(super) fn parse_both(t: &Table) -> ParsedImport {
    let from_csv = parse_csv(t);
    let mut from_xlsx = parse_xlsx(t);
    assert_eq!(from_xlsx.format, ImportFormat::Xlsx);
    from_xlsx.format = ImportFormat::Csv;
    assert_eq!(from_csv, from_xlsx, "CSV and XLSX disagree");
    from_csv
}

/// The single error of a one-error result.
pub(super) fn only_error(p: &ParsedImport) -> (u32, &'static str, RowErrorCode) {
    assert_eq!(p.row_errors.len(), 1, "{:#?}", p.row_errors);
    let e = &p.row_errors[0];
    (e.row, e.column, e.code.clone())
}

// ---- hand-written XLSX parts ----

pub(super) fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A cell reference such as `B7` (0-based column, 1-based row).
pub(super) fn cell_ref(col: usize, row: u32) -> String {
    format!("{}{row}", validate::column_letter(col))
}

/// Cell XML: inline text.
pub(super) fn c_str(col: usize, row: u32, text: &str) -> String {
    format!(
        r#"<c r="{}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
        cell_ref(col, row),
        xml_escape(text)
    )
}

/// Cell XML: a number as Excel stores it.
pub(super) fn c_num(col: usize, row: u32, value: &str) -> String {
    format!(r#"<c r="{}"><v>{value}</v></c>"#, cell_ref(col, row))
}

pub(super) fn sheet_xml(rows: &[(u32, Vec<String>)]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (row, cells) in rows {
        xml.push_str(&format!(r#"<row r="{row}">"#));
        for c in cells {
            xml.push_str(c);
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// The table as an XLSX whose every non-empty cell is inline text.
pub(super) fn xlsx_of_strings(t: &Table) -> Vec<u8> {
    let rows: Vec<(u32, Vec<String>)> = t
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let row = i as u32 + 1;
            let cells = r
                .iter()
                .enumerate()
                .filter(|(_, v)| !v.is_empty())
                .map(|(c, v)| c_str(c, row, v))
                .collect();
            (row, cells)
        })
        .collect();
    xlsx_with_sheet(&sheet_xml(&rows))
}

pub(super) fn xlsx_with_sheet(sheet: &str) -> Vec<u8> {
    xlsx_parts(&[("xl/worksheets/sheet1.xml", sheet.as_bytes())])
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
pub(super) const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// A minimal workbook; `overrides` replace or add parts by name.
pub(super) fn xlsx_parts(overrides: &[(&str, &[u8])]) -> Vec<u8> {
    xlsx_parts_with(zip::CompressionMethod::Deflated, overrides)
}

pub(super) fn xlsx_parts_with(
    method: zip::CompressionMethod,
    overrides: &[(&str, &[u8])],
) -> Vec<u8> {
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
    ];
    for (name, data) in overrides {
        parts.retain(|(n, _)| n != name);
        parts.push((name, data));
    }
    zip_with(method, &parts)
}

pub(super) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with(zip::CompressionMethod::Deflated, parts)
}

fn zip_with(method: zip::CompressionMethod, parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let level = (method == zip::CompressionMethod::Deflated).then_some(1);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .compression_level(level);
    for (name, data) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
