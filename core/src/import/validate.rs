//! Turns the cells of one row into an [`ImportRow`] or row errors, whatever the file
//! format. Rows are checked one at a time as the reader streams them, so memory grows
//! with the valid rows kept, never with the raw file.

use crate::registry::{is_forbidden_char, is_valid_invite_link};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use super::columns::{normalize_label, Column};
use super::errors::{FileError, FileWarning, RowError, RowErrorCode};
use super::{
    normalize_indian_mobile, ImportAdmin, ImportFormat, ImportGroup, ImportRow, Location,
    ParsedImport, UnitType, DEFAULT_MEMBER_LIMIT, MAX_COLUMNS, MAX_DATA_ROWS, MAX_ROW_ERRORS,
};

const MAX_UNIT_NAME: u32 = 200;
const MAX_GROUP_NAME: u32 = 200;
const MAX_ADMIN_TEXT: u32 = 120;
const MAX_MEMBERS: u32 = crate::registry::MAX_MEMBER_LIMIT;
const LON_RANGE: (u32, u32) = (68, 98);
const LAT_RANGE: (u32, u32) = (6, 38);
/// Columns with values but no header are reported by letter, up to this many.
const MAX_UNNAMED_WARNINGS: usize = 20;

/// How a cell was stored. Only text can be a formula in disguise: a number cell that
/// shows `-5` is a negative number, not `-5` typed into a text cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CellKind {
    Text,
    Number,
    /// An Excel error value such as `#N/A`, cached from a failed formula.
    ExcelError,
}

#[derive(Clone, Debug)]
pub(crate) struct RawCell<'a> {
    pub text: Cow<'a, str>,
    pub kind: CellKind,
}

impl<'a> RawCell<'a> {
    pub fn text(text: impl Into<Cow<'a, str>>) -> Self {
        RawCell {
            text: text.into(),
            kind: CellKind::Text,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.kind != CellKind::ExcelError && self.text.trim().is_empty()
    }
}

pub(crate) struct Builder {
    format: ImportFormat,
    /// The layout column of each file column, by position.
    layout: Vec<Option<Column>>,
    /// File columns whose header cell is empty.
    unnamed: Vec<bool>,
    position: [Option<usize>; Column::ALL.len()],
    data_rows: u32,
    rows: Vec<ImportRow>,
    errors: Vec<RowError>,
    error_count: u32,
    warnings: Vec<FileWarning>,
    unnamed_with_values: BTreeSet<usize>,
    codes: HashMap<(UnitType, String), u32>,
    invite_links: HashMap<String, u32>,
    /// Mobile number → (first row, admin name there).
    mobiles: HashMap<String, (u32, String)>,
}

impl Builder {
    /// Reads the header row. Unknown headers are warned about and ignored; a missing
    /// required column or a repeated one refuses the file.
    pub fn new(format: ImportFormat, header: &[RawCell]) -> Result<Builder, FileError> {
        let named = header.iter().filter(|c| !c.is_blank()).count();
        if named > MAX_COLUMNS {
            return Err(FileError::TooManyColumns);
        }
        let mut builder = Builder {
            format,
            layout: Vec::with_capacity(header.len()),
            unnamed: Vec::with_capacity(header.len()),
            position: [None; Column::ALL.len()],
            data_rows: 0,
            rows: Vec::new(),
            errors: Vec::new(),
            error_count: 0,
            warnings: Vec::new(),
            unnamed_with_values: BTreeSet::new(),
            codes: HashMap::new(),
            invite_links: HashMap::new(),
            mobiles: HashMap::new(),
        };
        for (index, cell) in header.iter().enumerate() {
            let column = if cell.is_blank() {
                None
            } else {
                match Column::from_header(&cell.text) {
                    Some(column) => {
                        let slot = &mut builder.position[column as usize];
                        if slot.is_some() {
                            return Err(FileError::DuplicateColumn {
                                column: column.header_en(),
                            });
                        }
                        *slot = Some(index);
                        Some(column)
                    }
                    None => {
                        builder.warnings.push(FileWarning::UnknownColumn {
                            name: display_snippet(&cell.text),
                        });
                        None
                    }
                }
            };
            builder.layout.push(column);
            builder.unnamed.push(cell.is_blank());
        }
        let missing: Vec<&'static str> = Column::ALL
            .into_iter()
            .filter(|c| c.required() && builder.position[*c as usize].is_none())
            .map(Column::header_en)
            .collect();
        if !missing.is_empty() {
            return Err(FileError::MissingColumns { columns: missing });
        }
        Ok(builder)
    }

    /// How many file columns the header row spans.
    pub fn width(&self) -> usize {
        self.layout.len()
    }

    /// Notes a value in a column that is beyond the header row or has no header.
    pub fn note_unnamed_value(&mut self, index: usize) {
        if self.unnamed_with_values.len() < MAX_UNNAMED_WARNINGS {
            self.unnamed_with_values.insert(index);
        }
    }

    /// Checks one row (`row` as the user numbers it). Blank rows are skipped; the row
    /// past [`MAX_DATA_ROWS`] refuses the file.
    pub fn push_row(&mut self, row: u32, cells: &[RawCell]) -> Result<(), FileError> {
        if cells.iter().all(RawCell::is_blank) {
            return Ok(());
        }
        self.data_rows += 1;
        if self.data_rows > MAX_DATA_ROWS {
            return Err(FileError::TooManyRows);
        }
        for (index, cell) in cells.iter().enumerate() {
            let unnamed = self.unnamed.get(index).copied().unwrap_or(true);
            if unnamed && !cell.is_blank() {
                self.note_unnamed_value(index);
            }
        }
        let mut check = RowCheck {
            cells,
            position: &self.position,
            errors: Vec::new(),
        };
        let parsed = check.row(row);
        let mut errors = check.errors;
        let complete = self.check_uniqueness(parsed, &mut errors);
        if errors.is_empty() {
            if let Some(complete) = complete {
                self.rows.push(complete);
            }
        } else {
            for (column, code) in errors {
                self.error_count = self.error_count.saturating_add(1);
                if self.errors.len() < MAX_ROW_ERRORS {
                    self.errors.push(RowError::new(row, column, code));
                }
            }
        }
        Ok(())
    }

    /// Codes, invite links and admin mobiles must agree across rows. A unit code is
    /// registered even when its row has other errors, so the second of two rows
    /// sharing a code is always the one blamed.
    fn check_uniqueness(
        &mut self,
        parsed: Parsed,
        errors: &mut Vec<(Column, RowErrorCode)>,
    ) -> Option<ImportRow> {
        let Parsed { row, key, complete } = parsed;
        if let Some((unit_type, code)) = key {
            match self.codes.get(&(unit_type, code.clone())) {
                Some(&first_row) => {
                    errors.push((Column::UnitCode, RowErrorCode::DuplicateCode { first_row }));
                }
                None => {
                    self.codes.insert((unit_type, code), row);
                }
            }
        }
        let complete = complete?;
        if !errors.is_empty() {
            return None;
        }
        if let Some(link) = complete.group.as_ref().and_then(|g| g.invite_link.as_ref()) {
            if let Some(&first_row) = self.invite_links.get(link) {
                errors.push((
                    Column::InviteLink,
                    RowErrorCode::DuplicateInviteLink { first_row },
                ));
            }
        }
        if let Some(admin) = &complete.admin {
            if let Some((first_row, name)) = self.mobiles.get(&admin.mobile) {
                if *name != admin.name {
                    errors.push((
                        Column::AdminMobile,
                        RowErrorCode::MobileNameConflict {
                            first_row: *first_row,
                        },
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return None;
        }
        if let Some(link) = complete.group.as_ref().and_then(|g| g.invite_link.clone()) {
            self.invite_links.insert(link, row);
        }
        if let Some(admin) = &complete.admin {
            self.mobiles
                .entry(admin.mobile.clone())
                .or_insert_with(|| (row, admin.name.clone()));
        }
        Some(complete)
    }

    pub fn finish(mut self) -> ParsedImport {
        for index in std::mem::take(&mut self.unnamed_with_values) {
            self.warnings.push(FileWarning::UnnamedColumn {
                column: column_letter(index),
            });
        }
        if self.data_rows == 0 {
            self.warnings.push(FileWarning::NoDataRows);
        }
        if self.error_count as usize > self.errors.len() {
            self.warnings.push(FileWarning::RowErrorsTruncated {
                shown: self.errors.len() as u32,
                total: self.error_count,
            });
        }
        ParsedImport {
            format: self.format,
            data_rows: self.data_rows,
            rows: self.rows,
            row_errors: self.errors,
            warnings: self.warnings,
        }
    }
}

/// What a row yielded: its unit key when type and code were valid (for the duplicate
/// check) and the whole row when every cell was.
struct Parsed {
    row: u32,
    key: Option<(UnitType, String)>,
    complete: Option<ImportRow>,
}

struct RowCheck<'r, 'a> {
    cells: &'r [RawCell<'a>],
    position: &'r [Option<usize>; Column::ALL.len()],
    errors: Vec<(Column, RowErrorCode)>,
}

impl RowCheck<'_, '_> {
    /// The non-blank cell of `column` in this row.
    fn cell(&self, column: Column) -> Option<&RawCell<'_>> {
        let index = self.position[column as usize]?;
        self.cells.get(index).filter(|c| !c.is_blank())
    }

    fn has(&self, column: Column) -> bool {
        self.cell(column).is_some()
    }

    fn fail<T>(&mut self, column: Column, code: RowErrorCode) -> Option<T> {
        self.errors.push((column, code));
        None
    }

    /// Free text: trimmed, one line, at most `max` characters. Text starting with `=`
    /// and the like is kept as typed; it is a name, not a formula.
    fn text(&mut self, column: Column, max: u32) -> Option<Option<String>> {
        let Some(cell) = self.cell(column) else {
            return Some(None);
        };
        if cell.kind == CellKind::ExcelError {
            return self.fail(column, RowErrorCode::ExcelErrorValue);
        }
        let text = cell.text.trim();
        if text.chars().any(is_forbidden_char) {
            return self.fail(column, RowErrorCode::ControlCharacter);
        }
        if text.chars().count() > max as usize {
            return self.fail(column, RowErrorCode::TooLong { max });
        }
        Some(Some(text.to_owned()))
    }

    fn required_text(&mut self, column: Column, max: u32) -> Option<String> {
        match self.text(column, max)? {
            Some(text) => Some(text),
            None => self.fail(column, RowErrorCode::Required),
        }
    }

    /// A typed value (code, number, link, flag) as trimmed text, refusing what a
    /// spreadsheet would run as a formula. `allow_plus` is for mobile numbers.
    fn typed(&mut self, column: Column, allow_plus: bool) -> Option<Option<String>> {
        let Some(cell) = self.cell(column) else {
            return Some(None);
        };
        let text = cell.text.trim();
        let code = match cell.kind {
            CellKind::ExcelError => Some(RowErrorCode::ExcelErrorValue),
            _ if text.chars().any(is_forbidden_char) => Some(RowErrorCode::ControlCharacter),
            CellKind::Text if looks_like_formula(text, allow_plus) => {
                Some(RowErrorCode::FormulaLike)
            }
            _ => None,
        };
        match code {
            Some(code) => self.fail(column, code),
            None => Some(Some(text.to_owned())),
        }
    }

    fn parsed<T>(
        &mut self,
        column: Column,
        parse: impl FnOnce(&str) -> Result<T, RowErrorCode>,
    ) -> Option<Option<T>> {
        let Some(text) = self.typed(column, false)? else {
            return Some(None);
        };
        match parse(&text) {
            Ok(value) => Some(Some(value)),
            Err(code) => self.fail(column, code),
        }
    }

    fn required<T>(
        &mut self,
        column: Column,
        parse: impl FnOnce(&str) -> Result<T, RowErrorCode>,
    ) -> Option<T> {
        match self.parsed(column, parse)? {
            Some(value) => Some(value),
            None => self.fail(column, RowErrorCode::Required),
        }
    }

    fn row(&mut self, row: u32) -> Parsed {
        let unit_type = self.required(Column::UnitType, parse_unit_type);
        let unit_code = self.required(Column::UnitCode, parse_code);
        let key = unit_type.zip(unit_code.clone());
        let unit_name_en = self.required_text(Column::UnitNameEn, MAX_UNIT_NAME);
        let unit_name_hi = self.text(Column::UnitNameHi, MAX_UNIT_NAME);
        let parent_code = self.required(Column::ParentCode, parse_code);
        let location = self.location();
        let (group, admin) = match unit_type {
            Some(t) if t.has_group() => (self.group(unit_name_en.as_deref()), self.admin()),
            Some(_) => (self.refuse_group_columns(), Some(None)),
            // Without a valid type the group columns cannot be judged; the type error
            // already refuses the row.
            None => (None, None),
        };
        let complete = (|| {
            let mut group = group?;
            let admin = admin?;
            // An admin administers the group, so an admin alone implies the group.
            if group.is_none() && admin.is_some() {
                group = Some(ImportGroup {
                    name: unit_name_en.clone()?,
                    invite_link: None,
                    member_limit: DEFAULT_MEMBER_LIMIT,
                    member_count: None,
                });
            }
            Some(ImportRow {
                row,
                unit_type: unit_type?,
                unit_code: unit_code?,
                unit_name_en: unit_name_en?,
                unit_name_hi: unit_name_hi?.unwrap_or_default(),
                parent_code: parent_code?,
                location: location?,
                group,
                admin,
            })
        })();
        Parsed { row, key, complete }
    }

    fn location(&mut self) -> Option<Option<Location>> {
        let lon = self.parsed(Column::Lon, |t| parse_decimal(t, LON_RANGE));
        let lat = self.parsed(Column::Lat, |t| parse_decimal(t, LAT_RANGE));
        let exact = self.parsed(Column::LocationExact, parse_yes_no);
        match (self.has(Column::Lon), self.has(Column::Lat)) {
            (true, false) => return self.fail(Column::Lat, RowErrorCode::LonLatPair),
            (false, true) => return self.fail(Column::Lon, RowErrorCode::LonLatPair),
            (false, false) if exact == Some(Some(true)) => {
                return self.fail(Column::LocationExact, RowErrorCode::ExactWithoutLocation)
            }
            _ => {}
        }
        let exact = exact?.unwrap_or(false);
        Some(match (lon?, lat?) {
            (Some(lon), Some(lat)) => Some(Location { lon, lat, exact }),
            _ => None,
        })
    }

    fn group(&mut self, unit_name_en: Option<&str>) -> Option<Option<ImportGroup>> {
        let name = self.text(Column::GroupName, MAX_GROUP_NAME);
        let invite_link = self.parsed(Column::InviteLink, parse_invite_link);
        let member_limit = self.parsed(Column::MemberLimit, |t| parse_whole(t, (1, MAX_MEMBERS)));
        let member_count = self.parsed(Column::MemberCount, |t| parse_whole(t, (0, MAX_MEMBERS)));
        let limit = member_limit?.unwrap_or(DEFAULT_MEMBER_LIMIT);
        let count = member_count?;
        if let Some(count) = count {
            if count > limit {
                return self.fail(
                    Column::MemberCount,
                    RowErrorCode::MemberCountAboveLimit { limit },
                );
            }
        }
        let any = [
            Column::GroupName,
            Column::InviteLink,
            Column::MemberLimit,
            Column::MemberCount,
        ]
        .into_iter()
        .any(|c| self.has(c));
        if !any {
            return Some(None);
        }
        Some(Some(ImportGroup {
            name: name?.or_else(|| unit_name_en.map(str::to_owned))?,
            invite_link: invite_link?,
            member_limit: limit,
            member_count: count,
        }))
    }

    fn admin(&mut self) -> Option<Option<ImportAdmin>> {
        let name = self.text(Column::AdminName, MAX_ADMIN_TEXT);
        let mobile = match self.typed(Column::AdminMobile, true) {
            Some(Some(text)) => match normalize_indian_mobile(&text) {
                Some(mobile) => Some(Some(mobile)),
                None => self.fail(Column::AdminMobile, RowErrorCode::InvalidMobile),
            },
            other => other,
        };
        let designation = self.text(Column::AdminDesignation, MAX_ADMIN_TEXT);
        let department = self.text(Column::AdminDepartment, MAX_ADMIN_TEXT);
        let any = [
            Column::AdminName,
            Column::AdminMobile,
            Column::AdminDesignation,
            Column::AdminDepartment,
        ]
        .into_iter()
        .any(|c| self.has(c));
        if !any {
            return Some(None);
        }
        for column in [Column::AdminName, Column::AdminMobile] {
            if !self.has(column) {
                self.errors.push((column, RowErrorCode::AdminIncomplete));
            }
        }
        Some(Some(ImportAdmin {
            name: name??,
            mobile: mobile??,
            designation: designation?.unwrap_or_default(),
            department: department?.unwrap_or_default(),
        }))
    }

    /// Blocks and ULBs have no group: every filled group or admin cell is an error.
    fn refuse_group_columns(&mut self) -> Option<Option<ImportGroup>> {
        let mut ok = true;
        for column in [
            Column::GroupName,
            Column::InviteLink,
            Column::MemberLimit,
            Column::MemberCount,
            Column::AdminName,
            Column::AdminMobile,
            Column::AdminDesignation,
            Column::AdminDepartment,
        ] {
            if self.has(column) {
                self.errors.push((column, RowErrorCode::OnlyForGroups));
                ok = false;
            }
        }
        ok.then_some(None)
    }
}

/// Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV
/// injection").
fn looks_like_formula(text: &str, allow_plus: bool) -> bool {
    match text.chars().next() {
        Some('=' | '-' | '@') => true,
        Some('+') => !allow_plus,
        _ => false,
    }
}

fn parse_unit_type(text: &str) -> Result<UnitType, RowErrorCode> {
    match normalize_label(text).as_str() {
        "block" | "ब्लॉक" | "ब्लाक" | "पंचायत_समिति" => {
            Ok(UnitType::Block)
        }
        "ulb" | "नगर_निकाय" => Ok(UnitType::Ulb),
        "gp" | "gram_panchayat" | "ग्राम_पंचायत" => {
            Ok(UnitType::GramPanchayat)
        }
        "ward" | "वार्ड" => Ok(UnitType::Ward),
        _ => Err(RowErrorCode::InvalidUnitType),
    }
}

/// An LGD code (1–12 digits, kept as typed) or an office code (`[A-Z0-9-]{1,32}`,
/// upper-cased). All-digit text longer than an LGD code is refused rather than taken
/// for an office code: it is nearly always a number that Excel mangled.
fn parse_code(text: &str) -> Result<String, RowErrorCode> {
    let bytes = text.as_bytes();
    let all_digits = bytes.iter().all(u8::is_ascii_digit);
    let ok = if all_digits {
        (1..=12).contains(&bytes.len())
    } else {
        (1..=32).contains(&bytes.len())
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    };
    if ok {
        Ok(text.to_ascii_uppercase())
    } else {
        Err(RowErrorCode::InvalidCode)
    }
}

/// Digits with an optional decimal point; a minus sign only arrives from number cells
/// (typed text starting with `-` was already refused as formula-like).
fn parse_decimal(text: &str, (min, max): (u32, u32)) -> Result<f64, RowErrorCode> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) {
        return Err(RowErrorCode::NotADecimal);
    }
    let value: f64 = text.parse().map_err(|_| RowErrorCode::NotADecimal)?;
    if value < f64::from(min) || value > f64::from(max) {
        return Err(RowErrorCode::OutOfRange { min, max });
    }
    Ok(value)
}

fn parse_whole(text: &str, (min, max): (u32, u32)) -> Result<u32, RowErrorCode> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RowErrorCode::NotAWholeNumber);
    }
    let out_of_range = RowErrorCode::OutOfRange { min, max };
    if unsigned.len() != text.len() {
        return Err(out_of_range);
    }
    match unsigned.trim_start_matches('0').len() {
        n if n > 9 => Err(out_of_range),
        _ => {
            let value: u32 = unsigned
                .parse()
                .map_err(|_| RowErrorCode::NotAWholeNumber)?;
            (min..=max)
                .contains(&value)
                .then_some(value)
                .ok_or(out_of_range)
        }
    }
}

fn parse_yes_no(text: &str) -> Result<bool, RowErrorCode> {
    match normalize_label(text).as_str() {
        "yes" | "true" | "1" | "हाँ" | "हां" => Ok(true),
        "no" | "false" | "0" | "नहीं" => Ok(false),
        _ => Err(RowErrorCode::InvalidYesNo),
    }
}

fn parse_invite_link(text: &str) -> Result<String, RowErrorCode> {
    is_valid_invite_link(text)
        .then(|| text.to_owned())
        .ok_or(RowErrorCode::InvalidInviteLink)
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A user-supplied header for a message: one line, at most 60 characters.
fn display_snippet(text: &str) -> String {
    let clean: String = text
        .trim()
        .chars()
        .map(|c| if is_forbidden_char(c) { ' ' } else { c })
        .take(61)
        .collect();
    if clean.chars().count() > 60 {
        format!("{}…", clean.chars().take(60).collect::<String>())
    } else {
        clean
    }
}
