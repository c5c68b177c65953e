//! District registry imports: an uploaded CSV or XLSX file (bytes) becomes validated rows,
//! row errors and file warnings. Pure Rust and no I/O, so the same code runs in the
//! worker (wasm32, 128 MB, CPU billed) and in native tests. The layout, the rules and the
//! limits are documented in docs/import.md.
//!
//! Hostile files are expected: every size is bounded before it is allocated, the XLSX
//! archive is inspected before calamine opens it, and nothing is ever evaluated
//! (formula cells give their cached value; text that looks like a formula stays text).

mod columns;
mod csv_input;
mod errors;
mod mobile;
mod template;
mod validate;
mod xlsx_input;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;

pub use columns::Column;
pub use errors::{FileError, FileWarning, RowError, RowErrorCode};
pub use mobile::normalize_indian_mobile;
pub use template::{template_csv, template_xlsx, INSTRUCTIONS_SHEET};

/// Largest accepted upload. A registry of 2,000 units with every column filled is about
/// 0.7 MB as CSV and 0.2 MB as XLSX.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// Most data rows (header excluded) one file may have; a district has under 2,000 units.
pub const MAX_DATA_ROWS: u32 = 20_000;
/// Most named columns in the header row; the layout has 16.
pub const MAX_COLUMNS: usize = 100;
/// Row errors kept in full; past this only the count grows (a warning says so).
pub const MAX_ROW_ERRORS: usize = 1_000;
/// Most entries in an XLSX archive; Excel writes about a dozen.
pub const MAX_ZIP_ENTRIES: usize = 1_000;
/// Most bytes all entries of an XLSX archive may declare once unpacked.
pub const MAX_XLSX_UNCOMPRESSED_BYTES: u64 = 100 * 1024 * 1024;

/// Default WhatsApp group size limit when `member_limit` is empty; shared with form edits.
pub use crate::registry::DEFAULT_MEMBER_LIMIT;

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportFormat {
    Csv,
    Xlsx,
}

/// The kind of unit a row describes, serialised as `units.kind` in the database.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitType {
    Block,
    Ulb,
    GramPanchayat,
    Ward,
}

impl UnitType {
    /// The value of `units.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitType::Block => "block",
            UnitType::Ulb => "ulb",
            UnitType::GramPanchayat => "gram_panchayat",
            UnitType::Ward => "ward",
        }
    }

    pub fn parent_kind(self) -> ParentKind {
        match self {
            UnitType::Block | UnitType::Ulb => ParentKind::District,
            UnitType::GramPanchayat => ParentKind::Block,
            UnitType::Ward => ParentKind::Ulb,
        }
    }

    /// Gram panchayats and wards have a WhatsApp group (and so an admin).
    pub fn has_group(self) -> bool {
        matches!(self, UnitType::GramPanchayat | UnitType::Ward)
    }
}

/// What a row's `parent_code` names.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParentKind {
    District,
    Block,
    Ulb,
}

impl ParentKind {
    /// The unit type that defines such a parent inside an import file (districts never do).
    pub fn unit_type(self) -> Option<UnitType> {
        match self {
            ParentKind::District => None,
            ParentKind::Block => Some(UnitType::Block),
            ParentKind::Ulb => Some(UnitType::Ulb),
        }
    }
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ParentRef {
    pub kind: ParentKind,
    pub code: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Location {
    pub lon: f64,
    pub lat: f64,
    /// True when the point is the unit's office itself, not an approximate centre.
    pub exact: bool,
}

/// The WhatsApp group of a gram panchayat or ward row.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportGroup {
    /// `group_name`, or the unit's English name when that cell is empty.
    pub name: String,
    pub invite_link: Option<String>,
    pub member_limit: u32,
    pub member_count: Option<u32>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportAdmin {
    pub name: String,
    /// Always `+91` and ten digits.
    pub mobile: String,
    pub designation: String,
    pub department: String,
}

/// One valid row. Rows with any error are not here but in [`ParsedImport::row_errors`].
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImportRow {
    /// Spreadsheet row number as the user sees it; the header is row 1.
    pub row: u32,
    pub unit_type: UnitType,
    /// Digits, or an upper-case office code.
    pub unit_code: String,
    pub unit_name_en: String,
    /// Empty when not given (the schema's default).
    pub unit_name_hi: String,
    pub parent_code: String,
    pub location: Option<Location>,
    /// For gram panchayat and ward rows that fill any group or admin column.
    pub group: Option<ImportGroup>,
    pub admin: Option<ImportAdmin>,
}

impl ImportRow {
    pub fn parent(&self) -> ParentRef {
        ParentRef {
            kind: self.unit_type.parent_kind(),
            code: self.parent_code.clone(),
        }
    }
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParsedImport {
    pub format: ImportFormat,
    /// Non-blank rows below the header, valid or not.
    pub data_rows: u32,
    pub rows: Vec<ImportRow>,
    /// At most [`MAX_ROW_ERRORS`]; a warning gives the full count when there are more.
    pub row_errors: Vec<RowError>,
    pub warnings: Vec<FileWarning>,
}

impl ParsedImport {
    /// The valid row of this file that defines the unit `code` of type `unit_type`.
    pub fn row_defining(&self, unit_type: UnitType, code: &str) -> Option<&ImportRow> {
        self.rows
            .iter()
            .find(|r| r.unit_type == unit_type && r.unit_code == code)
    }

    /// The row of this file that defines `row`'s parent, if the file has one.
    pub fn parent_in_file(&self, row: &ImportRow) -> Option<&ImportRow> {
        let parent_type = row.unit_type.parent_kind().unit_type()?;
        self.row_defining(parent_type, &row.parent_code)
    }

    /// Parents named by rows of this file that no row of the file defines: the worker
    /// must find each of these in the database (districts always land here).
    pub fn parents_outside_file(&self) -> BTreeSet<ParentRef> {
        let defined: HashSet<(UnitType, &str)> = self
            .rows
            .iter()
            .map(|r| (r.unit_type, r.unit_code.as_str()))
            .collect();
        self.rows
            .iter()
            .filter(|r| match r.unit_type.parent_kind().unit_type() {
                Some(t) => !defined.contains(&(t, r.parent_code.as_str())),
                None => true,
            })
            .map(ImportRow::parent)
            .collect()
    }

    /// True when every data row was valid; the worker should apply nothing otherwise.
    pub fn is_clean(&self) -> bool {
        self.row_errors.is_empty()
    }
}

/// The format named by the file's first bytes; names and declared MIME types are ignored.
/// A zip is taken for XLSX; text is CSV when it is valid UTF-8 (a BOM is fine) without
/// NUL bytes.
pub fn detect_format(bytes: &[u8]) -> Option<ImportFormat> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(ImportFormat::Xlsx);
    }
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    (std::str::from_utf8(text).is_ok() && !text.contains(&0)).then_some(ImportFormat::Csv)
}

/// Parses an uploaded registry file. A `FileError` means nothing was read; otherwise
/// every non-blank row is either in `rows` or has at least one entry in `row_errors`.
pub fn parse_import(bytes: &[u8]) -> Result<ParsedImport, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(FileError::TooLarge);
    }
    match detect_format(bytes) {
        Some(ImportFormat::Xlsx) => xlsx_input::parse(bytes),
        Some(ImportFormat::Csv) => csv_input::parse(bytes),
        None => Err(why_not_text(bytes)),
    }
}

/// A file that is neither zip nor UTF-8: say "save as CSV UTF-8" when it is text in
/// another encoding, "not a registry file" when it is something else entirely.
fn why_not_text(bytes: &[u8]) -> FileError {
    const OLE_MAGIC: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    if bytes.starts_with(OLE_MAGIC) {
        return FileError::LegacyOrEncryptedExcel;
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return FileError::NotUtf8;
    }
    let head = &bytes[..bytes.len().min(4096)];
    // UTF-16 without a BOM: the ASCII header leaves every other byte NUL.
    let start = &head[..head.len().min(64)];
    let nul_share = |parity: usize| {
        let lane: Vec<u8> = start.iter().skip(parity).step_by(2).copied().collect();
        lane.len() >= 4 && lane.iter().filter(|&&b| b == 0).count() * 10 >= lane.len() * 9
    };
    if nul_share(0) != nul_share(1) {
        return FileError::NotUtf8;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !b"\t\r\n\x0c".contains(&b))
        .count();
    // Windows-1252 and ISCII text has no control bytes; binary formats are full of them.
    if controls == 0 {
        FileError::NotUtf8
    } else {
        FileError::NotCsvOrXlsx
    }
}
