//! XLSX input. The archive is inspected before calamine opens it, because calamine
//! trusts what a file declares and holds whole parts in memory: the directory's sizes,
//! the declared shared-string count, a count of the elements calamine keeps one object
//! for, and the cell references it does arithmetic on are all checked first. That is
//! what keeps a hostile workbook from exhausting the worker's 128 MB.
//!
//! Actual decompression is bounded too: since zip 9.0.1 an entry's reader fails as soon
//! as it yields more than the size declared in the central directory, and those
//! declared sizes are what is summed and capped below (`zip_that_lies_about_sizes_*`
//! tests keep that promise checked).

use std::borrow::Cow;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxError};
use quick_xml::events::Event;
use zip::ZipArchive;

use super::errors::FileError;
use super::validate::{Builder, CellKind, RawCell};
use super::{ImportFormat, ParsedImport, MAX_XLSX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES};

const MB: u64 = 1024 * 1024;
/// Shared strings and styles are held in memory whole (as `String`s and styles, larger
/// than their XML); a registry needs a few MB of each.
const MAX_HELD_PART_BYTES: u64 = 16 * MB;
/// Most shared strings a workbook may declare; 20,000 rows × 16 columns is 320,000.
const MAX_SHARED_STRINGS: u64 = 500_000;
/// Highest unpacked:packed ratio for parts over 1 MB. Spreadsheet XML packs 5–30×;
/// deflate's ceiling is about 1,000×, which only a bomb reaches.
const MAX_RATIO: u64 = 200;
/// Excel's own column limit; cells beyond it cannot come from a real workbook.
const MAX_SHEET_COLUMNS: u32 = 16_384;
/// How far into sharedStrings.xml its `<sst>` element may start.
const SST_SCAN_BYTES: u64 = 64 * 1024;
/// Elements that calamine turns into one heap object each when it opens a workbook,
/// with the most a registry workbook can need. Without these a 100 KB file of 15 MB of
/// `<xf/>` records made calamine allocate 244 MB of styles. Counted over the whole
/// archive (the workbook part may have any name), comments included, so the count
/// can only err high.
const ELEMENT_LIMITS: [(&str, u64); 9] = [
    ("si", MAX_SHARED_STRINGS),
    // Excel itself stops at 64,000 cell formats.
    ("xf", 70_000),
    ("font", 10_000),
    ("fill", 10_000),
    ("border", 10_000),
    ("numFmt", 10_000),
    ("sheet", 1_000),
    ("definedName", 10_000),
    // Excel stores each hyperlink (an invite link typed into a cell) as a relationship.
    ("Relationship", 100_000),
];

pub(crate) fn parse(bytes: &[u8]) -> Result<ParsedImport, FileError> {
    inspect_archive(bytes)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| file_error(&e))?;
    let sheet = first_worksheet(&workbook).ok_or(FileError::NoSheet)?;
    let mut cells = match workbook.worksheet_cells_reader(&sheet) {
        Ok(cells) => cells,
        Err(XlsxError::WorksheetNotFound(_) | XlsxError::NotAWorksheet(_)) => {
            return Err(FileError::NoSheet)
        }
        Err(e) => return Err(file_error(&e)),
    };

    let mut builder: Option<Builder> = None;
    let mut current: Option<u32> = None;
    let mut row: Vec<RawCell> = Vec::new();
    loop {
        let next = cells.next_cell().map_err(|e| file_error(&e))?;
        let position = next.as_ref().map(|c| c.get_position());
        if current.is_some() && position.map(|p| p.0) != current {
            let number = current.unwrap_or(0).saturating_add(1);
            match builder.as_mut() {
                None if row.iter().all(RawCell::is_blank) => {}
                None => builder = Some(Builder::new(ImportFormat::Xlsx, &row)?),
                Some(b) => b.push_row(number, &row)?,
            }
            row.clear();
        }
        let Some(cell) = next else { break };
        let (r, c) = cell.get_position();
        current = Some(r);
        let Some(value) = raw_cell(cell.get_value()) else {
            continue;
        };
        if c >= MAX_SHEET_COLUMNS {
            continue;
        }
        let index = c as usize;
        // Data rows only need the header's columns; values beyond them are noted.
        if let Some(b) = builder.as_mut() {
            if index >= b.width() {
                if !value.is_blank() {
                    b.note_unnamed_value(index);
                }
                continue;
            }
        }
        if row.len() <= index {
            row.resize(index + 1, RawCell::text(""));
        }
        row[index] = value;
    }
    drop(cells);
    builder.map(Builder::finish).ok_or(FileError::Empty)
}

/// The first visible worksheet in tab order (hidden ones are easily forgotten), else the
/// first worksheet at all. Chart and macro sheets hold no rows.
fn first_worksheet<R: std::io::Read + std::io::Seek>(workbook: &Xlsx<R>) -> Option<String> {
    let sheets = workbook.sheets_metadata();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone())
}

fn raw_cell<'a>(value: &DataRef<'a>) -> Option<RawCell<'a>> {
    let (text, kind): (Cow<'a, str>, CellKind) = match value {
        DataRef::Empty => return None,
        DataRef::SharedString(s) => (Cow::Borrowed(*s), CellKind::Text),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            (Cow::Owned(s.clone()), CellKind::Text)
        }
        DataRef::Float(f) => (format_number(*f).into(), CellKind::Number),
        DataRef::Int(i) => (i.to_string().into(), CellKind::Number),
        DataRef::DateTime(d) => (format_number(d.as_f64()).into(), CellKind::Number),
        DataRef::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).into(), CellKind::Number),
        DataRef::Error(e) => (e.to_string().into(), CellKind::ExcelError),
    };
    Some(RawCell { text, kind })
}

/// Whole numbers print without a fraction (an LGD code typed as a number, 42356.0, is
/// "42356"; a mobile number 9876543210.0 is its ten digits); others as Rust's shortest
/// round-trip form, which never uses an exponent.
fn format_number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Checks the archive before calamine sees it: its directory first, then (unpacking
/// each entry once) its contents.
fn inspect_archive(bytes: &[u8]) -> Result<(), FileError> {
    // Each directory entry starts with this signature; counting them bounds the work the
    // zip reader does on a directory of a million entries before we could check `len()`.
    let entries = count_occurrences(bytes, b"PK\x01\x02");
    if entries > MAX_ZIP_ENTRIES {
        return Err(FileError::ZipBomb);
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| FileError::NotAZip)?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(FileError::ZipBomb);
    }
    let mut total: u64 = 0;
    let mut shared_strings = Vec::new();
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|_| FileError::NotAZip)?;
        let (size, packed) = (entry.size(), entry.compressed_size());
        let name = String::from_utf8_lossy(entry.name_raw()).to_ascii_lowercase();
        total = total.saturating_add(size);
        let held = name.ends_with("sharedstrings.xml") || name.ends_with("styles.xml");
        if total > MAX_XLSX_UNCOMPRESSED_BYTES
            || (size > MB && size / packed.max(1) > MAX_RATIO)
            || (held && size > MAX_HELD_PART_BYTES)
        {
            return Err(FileError::ZipBomb);
        }
        if name.ends_with("sharedstrings.xml") {
            shared_strings.push(index);
        }
    }
    for index in shared_strings {
        check_shared_string_count(&mut archive, index)?;
    }
    scan_contents(&mut archive)
}

/// Unpacks every entry once (bounded by the sizes checked above), counts the start
/// tags of [`ELEMENT_LIMITS`] and checks the cell references calamine will parse.
fn scan_contents(archive: &mut ZipArchive<Cursor<&[u8]>>) -> Result<(), FileError> {
    let mut scan = TagScan::default();
    let mut chunk = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|_| FileError::UnreadableXlsx)?;
        scan.start_entry();
        loop {
            let n = entry.read(&mut chunk).map_err(|e| io_error(&e))?;
            if n == 0 {
                break;
            }
            scan.feed(&chunk[..n]);
            if scan.over_limit() {
                return Err(FileError::ZipBomb);
            }
            if scan.bad_reference {
                return Err(FileError::UnreadableXlsx);
            }
        }
    }
    Ok(())
}

/// Longest start tag of a cell, row or dimension element that is looked into; Excel
/// writes under 200 bytes.
const MAX_CHECKED_TAG: usize = 512;

/// A streaming look at XML start tags, byte by byte so that tags split across reads
/// are still seen: counts them by local name (`<x:si>` counts as `si`) and checks the
/// `r`/`ref` attributes of `c`, `row` and `dimension`. calamine does arithmetic on
/// those that overflows on forged values (`A99999999999`, `B5:A1`): a panic in debug
/// builds, garbage in release ones.
#[derive(Default)]
struct TagScan {
    state: ScanState,
    name: Vec<u8>,
    tag: Vec<u8>,
    quote: Option<u8>,
    counts: [u64; ELEMENT_LIMITS.len()],
    bad_reference: bool,
}

#[derive(Default, PartialEq)]
enum ScanState {
    #[default]
    Text,
    AfterLt,
    Name,
    /// Inside the attributes of a tag whose references are checked.
    Attributes,
}

impl TagScan {
    fn start_entry(&mut self) {
        self.state = ScanState::Text;
        self.name.clear();
        self.tag.clear();
        self.quote = None;
    }

    fn feed(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            match self.state {
                ScanState::Text => {
                    // Skip to the next tag in one go: most bytes are text.
                    match bytes[i - 1..].iter().position(|&c| c == b'<') {
                        Some(at) => {
                            i += at;
                            self.state = ScanState::AfterLt;
                        }
                        None => return,
                    }
                }
                ScanState::AfterLt => match b {
                    // End tags, comments, declarations and processing instructions.
                    b'/' | b'!' | b'?' => self.state = ScanState::Text,
                    b'<' => {}
                    _ => {
                        self.name.clear();
                        self.name.push(b);
                        self.state = ScanState::Name;
                    }
                },
                ScanState::Name => {
                    if matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>' | b'<') {
                        self.end_of_name(b);
                    } else if self.name.len() <= 32 {
                        self.name.push(b);
                    }
                }
                ScanState::Attributes => self.attribute_byte(b),
            }
        }
    }

    fn local_name(&self) -> &[u8] {
        match self.name.iter().rposition(|&b| b == b':') {
            Some(colon) => &self.name[colon + 1..],
            None => &self.name,
        }
    }

    fn end_of_name(&mut self, b: u8) {
        let local = self.local_name();
        let counted = ELEMENT_LIMITS
            .iter()
            .position(|(n, _)| n.as_bytes() == local);
        let checked = matches!(local, b"c" | b"row" | b"dimension");
        if let Some(i) = counted {
            self.counts[i] += 1;
        }
        self.state = match b {
            b'<' => ScanState::AfterLt,
            b'>' => ScanState::Text,
            _ if checked => {
                self.tag.clear();
                self.quote = None;
                ScanState::Attributes
            }
            _ => ScanState::Text,
        };
    }

    fn attribute_byte(&mut self, b: u8) {
        match self.quote {
            Some(q) if b == q => self.quote = None,
            None if b == b'"' || b == b'\'' => self.quote = Some(b),
            None if b == b'>' => {
                self.state = ScanState::Text;
                if !references_are_sane(self.local_name(), &self.tag) {
                    self.bad_reference = true;
                }
                return;
            }
            _ => {}
        }
        if self.tag.len() >= MAX_CHECKED_TAG {
            self.bad_reference = true;
            self.state = ScanState::Text;
            return;
        }
        self.tag.push(b);
    }

    fn over_limit(&self) -> bool {
        ELEMENT_LIMITS
            .iter()
            .zip(self.counts)
            .any(|((_, max), count)| count > *max)
    }
}

/// The `r` of a cell is `A1`…`XFD1048576`, the `r` of a row 1…1048576, and a
/// dimension's `ref` one or two cell references, top-left first.
fn references_are_sane(element: &[u8], attributes: &[u8]) -> bool {
    let Some(pairs) = parse_attributes(attributes) else {
        return false;
    };
    pairs.iter().all(|(key, value)| match (element, *key) {
        (b"c", b"r") => cell_reference(value).is_some(),
        (b"row", b"r") => (1..=7).contains(&value.len()) && value.iter().all(u8::is_ascii_digit),
        (b"dimension", b"ref") => {
            let mut parts = value.split(|&b| b == b':');
            let first = parts.next().and_then(cell_reference);
            let second = parts.next().map(cell_reference);
            match (first, second, parts.next()) {
                (Some(_), None, None) => true,
                (Some((r1, c1)), Some(Some((r2, c2))), None) => r1 <= r2 && c1 <= c2,
                _ => false,
            }
        }
        _ => true,
    })
}

/// `(row, column)` of a reference such as `B7`, within Excel's limits.
fn cell_reference(text: &[u8]) -> Option<(u32, u32)> {
    let letters = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (col, row) = text.split_at(letters);
    if !(1..=3).contains(&letters)
        || !(1..=7).contains(&row.len())
        || !row.iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let col = col.iter().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = row.iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    (row >= 1 && col <= MAX_SHEET_COLUMNS).then_some((row, col))
}

/// `key="value"` pairs of a start tag, or `None` when they are malformed.
fn parse_attributes(mut text: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let mut pairs = Vec::new();
    loop {
        text = trim_start(text);
        if text.is_empty() || text == b"/" {
            return Some(pairs);
        }
        let key_len = text
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'=')?;
        let (key, rest) = text.split_at(key_len);
        let rest = trim_start(rest).strip_prefix(b"=")?;
        let rest = trim_start(rest);
        let quote = *rest.first().filter(|q| matches!(q, b'"' | b'\''))?;
        let value_len = rest[1..].iter().position(|&b| b == quote)?;
        pairs.push((key, &rest[1..1 + value_len]));
        text = &rest[2 + value_len..];
    }
}

fn trim_start(text: &[u8]) -> &[u8] {
    let skip = text.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &text[skip..]
}

/// calamine reserves room for as many strings as `<sst uniqueCount="…">` declares, before
/// reading any: a forged count of a billion would abort the worker. The element is
/// found the way calamine finds it (first start tag named `sst`, any prefix), and every
/// number among its attributes must be within the limit.
fn check_shared_string_count(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
) -> Result<(), FileError> {
    let mut head = Vec::new();
    {
        let entry = archive
            .by_index(index)
            .map_err(|_| FileError::UnreadableXlsx)?;
        entry
            .take(SST_SCAN_BYTES)
            .read_to_end(&mut head)
            .map_err(|e| io_error(&e))?;
    }
    let mut reader = quick_xml::Reader::from_reader(head.as_slice());
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => {
                let attributes = e.attributes_raw();
                return if digit_runs_within(attributes.as_bytes(), MAX_SHARED_STRINGS) {
                    Ok(())
                } else {
                    Err(FileError::ZipBomb)
                };
            }
            Ok(Event::Eof) | Err(_) => return Err(FileError::UnreadableXlsx),
            Ok(_) => {}
        }
    }
}

/// True when every run of ASCII digits in `bytes` is a number no greater than `max`.
fn digit_runs_within(bytes: &[u8], max: u64) -> bool {
    bytes
        .split(|b| !b.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .all(|run| {
            let significant = &run[run.iter().take_while(|&&b| b == b'0').count()..];
            significant.len() <= 18
                && significant
                    .iter()
                    .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'))
                    <= max
        })
}

fn count_occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// zip reports an entry that unpacks past its declared size as this I/O error.
fn io_error(e: &std::io::Error) -> FileError {
    if e.to_string().contains("declared uncompressed size") {
        FileError::ZipBomb
    } else {
        FileError::UnreadableXlsx
    }
}

fn file_error(e: &XlsxError) -> FileError {
    match e {
        XlsxError::Password => FileError::LegacyOrEncryptedExcel,
        _ => {
            // The size-limit failure can surface wrapped in quick-xml or zip errors.
            let mut source: Option<&dyn std::error::Error> = Some(e);
            while let Some(err) = source {
                if err.to_string().contains("declared uncompressed size") {
                    return FileError::ZipBomb;
                }
                source = err.source();
            }
            FileError::UnreadableXlsx
        }
    }
}
