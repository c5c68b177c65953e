//! The reports' CSV and XLSX exports. Text cells that a spreadsheet would run as a
//! formula (those that start with `=`, `+`, `-`, `@`, a tab or a carriage return) get a
//! leading apostrophe: names come from imports and uploads, so a GP called
//! `=HYPERLINK(…)` must stay text.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::*;
use crate::api::InactiveAdminRow;

/// A spreadsheet cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// One sheet: a header row and data rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Text that a spreadsheet would read as a formula gets a leading apostrophe.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: impl Into<f64>) -> Cell {
    Cell::Number(n.into())
}

fn opt_number(n: Option<f64>) -> Cell {
    n.map_or(Cell::Empty, Cell::Number)
}

fn header(lang: Lang, pairs: &[(&str, &str)]) -> Vec<String> {
    pairs
        .iter()
        .map(|(en, hi)| lang.pick(hi, en).to_owned())
        .collect()
}

fn status_label(s: DayStatus, lang: Lang) -> String {
    lang.pick(s.label_hi(), s.label_en()).to_owned()
}

pub fn compliance_table(report: &AreaReport, lang: Lang) -> Table {
    let groups = report.level.is_group_level();
    let mut cols: Vec<(&str, &str)> = vec![("Id", "आईडी"), ("Name", "नाम")];
    if groups {
        cols.push((
            if report.level == ReportLevel::Ward {
                "Urban body"
            } else {
                "Block"
            },
            if report.level == ReportLevel::Ward {
                "नगर निकाय"
            } else {
                "ब्लॉक"
            },
        ));
    }
    cols.extend([
        ("Expected reports", "अपेक्षित रिपोर्ट"),
        ("Reports", "प्राप्त रिपोर्ट"),
        ("On time", "समय पर"),
        (
            "Of which self-reported (chat export, no screenshot)",
            "इनमें स्व-घोषित (चैट एक्सपोर्ट, स्क्रीनशॉट नहीं)",
        ),
        ("Reporting rate %", "रिपोर्टिंग दर %"),
        ("On-time rate %", "समय पर दर %"),
    ]);
    if groups {
        cols.push(("Status on last day", "अंतिम दिन की स्थिति"));
        cols.push(("Admin", "एडमिन"));
    }
    let rows = report
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![text(&r.id), text(lang.pick(&r.name_hi, &r.name_en))];
            if groups {
                row.push(text(lang.pick(&r.parent_hi, &r.parent_en)));
            }
            row.extend([
                number(r.counts.expected),
                number(r.counts.actual),
                number(r.counts.on_time),
                number(r.counts.self_reported),
                opt_number(r.reporting_rate),
                opt_number(r.on_time_rate),
            ]);
            if groups {
                row.push(
                    r.status
                        .map_or(Cell::Empty, |s| text(status_label(s, lang))),
                );
                row.push(r.admin_name.clone().map_or(Cell::Empty, text));
            }
            row
        })
        .collect();
    Table {
        sheet: lang.pick("अनुपालन", "Compliance").to_owned(),
        headers: header(lang, &cols),
        rows,
    }
}

pub fn inactive_table(rows: &[InactiveAdminRow], lang: Lang) -> Table {
    Table {
        sheet: lang.pick("निष्क्रिय एडमिन", "Inactive admins").to_owned(),
        headers: header(
            lang,
            &[
                ("Group id", "समूह आईडी"),
                ("Group", "समूह"),
                ("Block / urban body", "ब्लॉक / नगर निकाय"),
                ("Admin", "एडमिन"),
                ("Mobile", "मोबाइल"),
                ("Days since last report", "अंतिम रिपोर्ट से दिन"),
                ("Admin since", "एडमिन कब से"),
            ],
        ),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    text(&r.group_id),
                    text(&r.group_name),
                    text(lang.pick(&r.parent_hi, &r.parent_en)),
                    text(&r.admin_name),
                    // Ten digits: a leading "+91" would be neutralised like a formula.
                    text(r.mobile.strip_prefix("+91").unwrap_or(&r.mobile)),
                    r.days_since_last
                        .map_or_else(|| text(lang.pick("कभी नहीं", "never")), number),
                    text(&r.assigned_on),
                ]
            })
            .collect(),
    }
}

pub fn low_membership_table(rows: &[LowMembershipRow], lang: Lang) -> Table {
    Table {
        sheet: lang.pick("कम सदस्य", "Low membership").to_owned(),
        headers: header(
            lang,
            &[
                ("Group id", "समूह आईडी"),
                ("Group", "समूह"),
                ("Block / urban body", "ब्लॉक / नगर निकाय"),
                ("Members", "सदस्य"),
                ("Member limit", "सदस्य सीमा"),
                ("Fill %", "भराव %"),
            ],
        ),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    text(&r.group_id),
                    text(&r.group_name),
                    text(lang.pick(&r.parent_hi, &r.parent_en)),
                    r.member_count.map_or(Cell::Empty, number),
                    number(r.member_limit),
                    opt_number(r.fill_percent),
                ]
            })
            .collect(),
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => neutralise(t),
        Cell::Number(n) => n.to_string(),
        Cell::Empty => String::new(),
    }
}

/// UTF-8 CSV with a byte-order mark (Excel shows Hindi only with one).
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header: Vec<String> = table.headers.iter().map(|h| neutralise(h)).collect();
    let records = std::iter::once(header).chain(
        table
            .rows
            .iter()
            .map(|row| row.iter().map(cell_text).collect()),
    );
    for record in records {
        writer
            .write_record(record)
            .expect("writing CSV to memory cannot fail");
    }
    writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail")
}

/// One-sheet XLSX: bold frozen header, numbers as numbers, text as text.
pub fn to_xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name(&table.sheet)?;
    for (col, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, neutralise(h), &bold)?;
        sheet.set_column_width(col as u16, 18)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(t) => {
                    sheet.write_string(r, col, neutralise(t))?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, col, *n)?;
                }
                Cell::Empty => {}
            }
        }
    }
    workbook.save_to_buffer()
}
