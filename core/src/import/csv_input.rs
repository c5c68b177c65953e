//! CSV input: UTF-8 (a BOM is fine), separated by commas, semicolons (Excel in many
//! European locales) or tabs, read record by record with the `csv` crate.

use csv::{ErrorKind, ReaderBuilder, StringRecord};

use super::errors::FileError;
use super::validate::{Builder, RawCell};
use super::{ImportFormat, ParsedImport};

pub(crate) fn parse(bytes: &[u8]) -> Result<ParsedImport, FileError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let delimiter = sniff_delimiter(text);
    if let Some(row) = unclosed_quote_row(text, delimiter) {
        return Err(FileError::UnclosedQuote { row });
    }

    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = StringRecord::new();
    let mut builder: Option<Builder> = None;
    // Spreadsheet rows are counted from line breaks outside quoted cells, so a blank
    // line is a row (as in Excel) and a line break inside a cell is not.
    let mut rows = RowCounter::new(text, delimiter);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte());
                let row = rows.row_at(start);
                let cells: Vec<RawCell> = record.iter().map(RawCell::text).collect();
                match builder.as_mut() {
                    None => builder = Some(Builder::new(ImportFormat::Csv, &cells)?),
                    Some(b) => b.push_row(row, &cells)?,
                }
            }
            Err(e) => {
                let start = match e.kind() {
                    ErrorKind::UnequalLengths { pos, .. } => pos.as_ref(),
                    _ => e.position(),
                }
                .map_or(0, |p| p.byte());
                let row = rows.row_at(start);
                return Err(match e.kind() {
                    ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => FileError::FieldCount {
                        row,
                        expected: u32::try_from(*expected_len).unwrap_or(u32::MAX),
                        found: u32::try_from(*len).unwrap_or(u32::MAX),
                    },
                    ErrorKind::Utf8 { .. } => FileError::NotUtf8,
                    _ => FileError::MalformedCsv { row },
                });
            }
        }
    }
    builder.map(Builder::finish).ok_or(FileError::Empty)
}

/// The separator is whichever of `,` `;` and tab occurs most often outside quotes in the
/// first record, commas winning ties (a one-column file has none of them).
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for b in text.bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == b) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// Walks the same states as `csv-core` (RFC 4180 with doubled quotes): the `csv` crate
/// would silently swallow the rest of a file into a cell whose quote never closes, and
/// its line numbers count line breaks inside quoted cells, which Excel does not.
struct RowCounter<'t> {
    bytes: &'t [u8],
    delimiter: u8,
    at: usize,
    row: u32,
    state: State,
    /// Row where the quoted cell being read was opened.
    opened_at: u32,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

impl<'t> RowCounter<'t> {
    fn new(text: &'t str, delimiter: u8) -> Self {
        RowCounter {
            bytes: text.as_bytes(),
            delimiter,
            at: 0,
            row: 1,
            state: State::FieldStart,
            opened_at: 1,
        }
    }

    /// The row of the record starting at byte `offset` (offsets only move forward).
    fn row_at(&mut self, offset: u64) -> u32 {
        let end = usize::try_from(offset).map_or(self.bytes.len(), |o| o.min(self.bytes.len()));
        while self.at < end {
            self.step();
        }
        // csv-core starts a record right after the first byte of the previous record's
        // terminator, so the rest of it and any blank lines come first.
        while matches!(self.bytes.get(self.at), Some(b'\r' | b'\n')) {
            self.step();
        }
        self.row
    }

    fn step(&mut self) {
        let b = self.bytes[self.at];
        self.state = match self.state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::FieldStart if b == b'"' => {
                self.opened_at = self.row;
                State::Quoted
            }
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            _ if b == b'\n' || b == b'\r' => {
                // \r\n is one line break.
                if !(b == b'\r' && self.bytes.get(self.at + 1) == Some(&b'\n')) {
                    self.row = self.row.saturating_add(1);
                }
                State::FieldStart
            }
            _ if b == self.delimiter => State::FieldStart,
            _ => State::Unquoted,
        };
        self.at += 1;
    }
}

/// The row of a quotation mark that opens a quoted cell and is never closed.
fn unclosed_quote_row(text: &str, delimiter: u8) -> Option<u32> {
    let mut counter = RowCounter::new(text, delimiter);
    counter.row_at(text.len() as u64);
    (counter.state == State::Quoted).then_some(counter.opened_at)
}
