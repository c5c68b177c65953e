//! What an import can report: file errors (nothing was read), row errors (one cell is
//! wrong) and file warnings (read, but something was ignored). Messages are exhaustive
//! `match`es per language, so a new case cannot ship untranslated. Each serialises as a
//! flat JSON object: `code` in snake_case, its details, `message_en` and `message_hi`.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::columns::Column;
use super::{MAX_COLUMNS, MAX_DATA_ROWS, MAX_IMPORT_BYTES};

const MB: u64 = 1024 * 1024;

/// Why one cell of one row was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowErrorCode {
    Required,
    InvalidUnitType,
    InvalidCode,
    DuplicateCode { first_row: u32 },
    TooLong { max: u32 },
    ControlCharacter,
    FormulaLike,
    NotADecimal,
    NotAWholeNumber,
    OutOfRange { min: u32, max: u32 },
    LonLatPair,
    ExactWithoutLocation,
    InvalidYesNo,
    InvalidInviteLink,
    DuplicateInviteLink { first_row: u32 },
    OnlyForGroups,
    MemberCountAboveLimit { limit: u32 },
    InvalidMobile,
    AdminIncomplete,
    MobileNameConflict { first_row: u32 },
    ExcelErrorValue,
}

impl RowErrorCode {
    /// One instance of every code, for tests and the generated list in docs/import.md.
    pub const EXAMPLES: [RowErrorCode; 21] = {
        use RowErrorCode::*;
        [
            Required,
            InvalidUnitType,
            InvalidCode,
            DuplicateCode { first_row: 2 },
            TooLong { max: 200 },
            ControlCharacter,
            FormulaLike,
            NotADecimal,
            NotAWholeNumber,
            OutOfRange { min: 68, max: 98 },
            LonLatPair,
            ExactWithoutLocation,
            InvalidYesNo,
            InvalidInviteLink,
            DuplicateInviteLink { first_row: 2 },
            OnlyForGroups,
            MemberCountAboveLimit { limit: 1024 },
            InvalidMobile,
            AdminIncomplete,
            MobileNameConflict { first_row: 2 },
            ExcelErrorValue,
        ]
    };

    pub fn code(&self) -> &'static str {
        use RowErrorCode::*;
        match self {
            Required => "required",
            InvalidUnitType => "invalid_unit_type",
            InvalidCode => "invalid_code",
            DuplicateCode { .. } => "duplicate_code",
            TooLong { .. } => "too_long",
            ControlCharacter => "control_character",
            FormulaLike => "formula_like",
            NotADecimal => "not_a_decimal",
            NotAWholeNumber => "not_a_whole_number",
            OutOfRange { .. } => "out_of_range",
            LonLatPair => "lon_lat_pair",
            ExactWithoutLocation => "exact_without_location",
            InvalidYesNo => "invalid_yes_no",
            InvalidInviteLink => "invalid_invite_link",
            DuplicateInviteLink { .. } => "duplicate_invite_link",
            OnlyForGroups => "only_for_groups",
            MemberCountAboveLimit { .. } => "member_count_above_limit",
            InvalidMobile => "invalid_mobile",
            AdminIncomplete => "admin_incomplete",
            MobileNameConflict { .. } => "mobile_name_conflict",
            ExcelErrorValue => "excel_error_value",
        }
    }

    pub fn message_en(&self) -> String {
        use RowErrorCode::*;
        match self {
            Required => "This column is required, but the cell is empty.".into(),
            InvalidUnitType => {
                "The unit type must be block, ulb, gp (gram panchayat) or ward.".into()
            }
            InvalidCode => {
                "A code must be an LGD code (1 to 12 digits) or an office code of up to \
                            32 letters A-Z, digits and dashes."
                    .into()
            }
            DuplicateCode { first_row } => {
                format!("Row {first_row} already uses this code for a unit of the same type.")
            }
            TooLong { max } => format!("The text is longer than {max} characters."),
            ControlCharacter => "The cell contains a line break, tab or another invisible control \
                                 character; write it on one line."
                .into(),
            FormulaLike => "The value starts with =, +, - or @, which spreadsheets read as a \
                            formula; this column needs a plain value."
                .into(),
            NotADecimal => {
                "This must be a decimal number written in digits, such as 77.4126.".into()
            }
            NotAWholeNumber => "This must be a whole number written in digits, such as 250.".into(),
            OutOfRange { min, max } => format!("The number must be between {min} and {max}."),
            LonLatPair => "Give both longitude and latitude, or leave both empty.".into(),
            ExactWithoutLocation => {
                "The location is marked exact, but longitude and latitude are empty.".into()
            }
            InvalidYesNo => "Write yes or no (or 1/0, true/false).".into(),
            InvalidInviteLink => "The invite link must be https://chat.whatsapp.com/ followed by \
                                  the group code of 22 to 24 letters and digits, and nothing else."
                .into(),
            DuplicateInviteLink { first_row } => format!(
                "Row {first_row} already has this invite link; every group has its own link."
            ),
            OnlyForGroups => "Only gram panchayat and ward rows have a WhatsApp group and admin; \
                              leave this empty for blocks and ULBs."
                .into(),
            MemberCountAboveLimit { limit } => {
                format!("The member count is more than the group's member limit ({limit}).")
            }
            InvalidMobile => "Write a 10-digit Indian mobile number starting with 6, 7, 8 or 9 \
                              (+91 or 0 in front is fine)."
                .into(),
            AdminIncomplete => "An admin needs both a name and a mobile number.".into(),
            MobileNameConflict { first_row } => {
                format!("Row {first_row} gives this mobile number with a different admin name.")
            }
            ExcelErrorValue => "The cell shows an Excel error such as #N/A or #REF!; fix the \
                                formula or type the value."
                .into(),
        }
    }

    pub fn message_hi(&self) -> String {
        use RowErrorCode::*;
        match self {
            Required => "यह कॉलम अनिवार्य है, पर सेल खाली है।".into(),
            InvalidUnitType => {
                "इकाई प्रकार ब्लॉक, नगर निकाय, ग्राम पंचायत या वार्ड (block, ulb, gp, ward) होना चाहिए।"
                    .into()
            }
            InvalidCode => "कोड LGD कोड (1 से 12 अंक) या 32 तक अक्षर (A-Z), अंक और डैश वाला \
                            कार्यालय कोड होना चाहिए।"
                .into(),
            DuplicateCode { first_row } => {
                format!("पंक्ति {first_row} में इसी प्रकार की इकाई के लिए यह कोड पहले से है।")
            }
            TooLong { max } => format!("पाठ {max} अक्षरों से लंबा है।"),
            ControlCharacter => "सेल में लाइन ब्रेक, टैब या कोई और अदृश्य नियंत्रण वर्ण है; इसे एक ही \
                                 पंक्ति में लिखें।"
                .into(),
            FormulaLike => "मान =, +, - या @ से शुरू होता है, जिसे स्प्रेडशीट सूत्र मानती है; इस \
                            कॉलम में सादा मान चाहिए।"
                .into(),
            NotADecimal => "यह अंकों में लिखी दशमलव संख्या होनी चाहिए, जैसे 77.4126।".into(),
            NotAWholeNumber => "यह अंकों में लिखी पूर्ण संख्या होनी चाहिए, जैसे 250।".into(),
            OutOfRange { min, max } => format!("संख्या {min} और {max} के बीच होनी चाहिए।"),
            LonLatPair => "देशांतर और अक्षांश दोनों भरें, या दोनों खाली छोड़ें।".into(),
            ExactWithoutLocation => "स्थान को सटीक बताया गया है, पर देशांतर और अक्षांश खाली हैं।".into(),
            InvalidYesNo => "हाँ या नहीं लिखें (या yes/no, 1/0)।".into(),
            InvalidInviteLink => "आमंत्रण लिंक https://chat.whatsapp.com/ और उसके बाद 22 से 24 \
                                  अक्षरों व अंकों का समूह कोड होना चाहिए, इसके अलावा कुछ नहीं।"
                .into(),
            DuplicateInviteLink { first_row } => {
                format!("पंक्ति {first_row} में यही आमंत्रण लिंक पहले से है; हर समूह का अपना लिंक होता है।")
            }
            OnlyForGroups => "व्हाट्सऐप समूह और एडमिन केवल ग्राम पंचायत और वार्ड की पंक्तियों में होते \
                              हैं; ब्लॉक और नगर निकाय के लिए इसे खाली छोड़ें।"
                .into(),
            MemberCountAboveLimit { limit } => {
                format!("सदस्य संख्या समूह की सदस्य सीमा ({limit}) से अधिक है।")
            }
            InvalidMobile => "6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का भारतीय मोबाइल नंबर लिखें \
                              (आगे +91 या 0 लगाना ठीक है)।"
                .into(),
            AdminIncomplete => "एडमिन के लिए नाम और मोबाइल नंबर दोनों चाहिए।".into(),
            MobileNameConflict { first_row } => {
                format!("पंक्ति {first_row} में यही मोबाइल नंबर किसी दूसरे एडमिन नाम के साथ है।")
            }
            ExcelErrorValue => "सेल में #N/A या #REF! जैसी Excel त्रुटि है; सूत्र ठीक करें या मान सीधे \
                                लिखें।"
                .into(),
        }
    }

    fn serialize_details<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        use RowErrorCode::*;
        match self {
            DuplicateCode { first_row }
            | DuplicateInviteLink { first_row }
            | MobileNameConflict { first_row } => map.serialize_entry("first_row", first_row),
            TooLong { max } => map.serialize_entry("max", max),
            OutOfRange { min, max } => {
                map.serialize_entry("min", min)?;
                map.serialize_entry("max", max)
            }
            MemberCountAboveLimit { limit } => map.serialize_entry("limit", limit),
            Required | InvalidUnitType | InvalidCode | ControlCharacter | FormulaLike
            | NotADecimal | NotAWholeNumber | LonLatPair | ExactWithoutLocation | InvalidYesNo
            | InvalidInviteLink | OnlyForGroups | InvalidMobile | AdminIncomplete
            | ExcelErrorValue => Ok(()),
        }
    }
}

/// One refused cell. `row` is the spreadsheet row number the user sees (the header is
/// row 1); `column` is the English header of the column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: u32,
    pub column: &'static str,
    pub code: RowErrorCode,
}

impl RowError {
    pub(crate) fn new(row: u32, column: Column, code: RowErrorCode) -> Self {
        RowError {
            row,
            column: column.header_en(),
            code,
        }
    }

    pub fn message_en(&self) -> String {
        self.code.message_en()
    }

    pub fn message_hi(&self) -> String {
        self.code.message_hi()
    }
}

/// Why the whole file was refused; no row was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Empty,
    TooLarge,
    NotCsvOrXlsx,
    /// A compound (OLE) file: Excel 97–2003 `.xls`, or an `.xlsx` encrypted with a password.
    LegacyOrEncryptedExcel,
    NotUtf8,
    UnclosedQuote {
        row: u32,
    },
    MalformedCsv {
        row: u32,
    },
    FieldCount {
        row: u32,
        expected: u32,
        found: u32,
    },
    NotAZip,
    ZipBomb,
    UnreadableXlsx,
    NoSheet,
    MissingColumns {
        columns: Vec<&'static str>,
    },
    DuplicateColumn {
        column: &'static str,
    },
    TooManyColumns,
    TooManyRows,
}

impl FileError {
    /// One instance of every code, for tests and the generated list in docs/import.md.
    pub fn examples() -> Vec<FileError> {
        use FileError::*;
        vec![
            Empty,
            TooLarge,
            NotCsvOrXlsx,
            LegacyOrEncryptedExcel,
            NotUtf8,
            UnclosedQuote { row: 7 },
            MalformedCsv { row: 7 },
            FieldCount {
                row: 7,
                expected: 16,
                found: 17,
            },
            NotAZip,
            ZipBomb,
            UnreadableXlsx,
            NoSheet,
            MissingColumns {
                columns: vec!["unit_code", "parent_code"],
            },
            DuplicateColumn {
                column: "unit_code",
            },
            TooManyColumns,
            TooManyRows,
        ]
    }

    pub fn code(&self) -> &'static str {
        use FileError::*;
        match self {
            Empty => "empty",
            TooLarge => "too_large",
            NotCsvOrXlsx => "not_csv_or_xlsx",
            LegacyOrEncryptedExcel => "legacy_or_encrypted_excel",
            NotUtf8 => "not_utf8",
            UnclosedQuote { .. } => "unclosed_quote",
            MalformedCsv { .. } => "malformed_csv",
            FieldCount { .. } => "field_count",
            NotAZip => "not_a_zip",
            ZipBomb => "zip_bomb",
            UnreadableXlsx => "unreadable_xlsx",
            NoSheet => "no_sheet",
            MissingColumns { .. } => "missing_columns",
            DuplicateColumn { .. } => "duplicate_column",
            TooManyColumns => "too_many_columns",
            TooManyRows => "too_many_rows",
        }
    }

    pub fn message_en(&self) -> String {
        use FileError::*;
        match self {
            Empty => "The file is empty. Choose the registry file again.".into(),
            TooLarge => format!(
                "The file is larger than {} MB. A district registry is far smaller; remove other \
                 sheets and pictures.",
                MAX_IMPORT_BYTES as u64 / MB
            ),
            NotCsvOrXlsx => "This is not a CSV or Excel (.xlsx) file. Save the registry as .xlsx \
                             or as CSV UTF-8."
                .into(),
            LegacyOrEncryptedExcel => {
                "This is an old Excel (.xls) file or one with a password. In \
                                       Excel use Save As > Excel Workbook (.xlsx), without a \
                                       password."
                    .into()
            }
            NotUtf8 => {
                "The CSV file is not UTF-8 (it may be ANSI/Windows-1252 or UTF-16), so Hindi \
                        text would be garbled. In Excel use Save As > CSV UTF-8 (Comma delimited)."
                    .into()
            }
            UnclosedQuote { row } => {
                format!("Row {row} opens a quotation mark (\") that is never closed.")
            }
            MalformedCsv { row } => format!("Row {row} could not be read as CSV."),
            FieldCount {
                row,
                expected,
                found,
            } => format!(
                "Row {row} has {found} cells but the header row has {expected}; look for extra \
                 commas or missing quotation marks."
            ),
            NotAZip => {
                "The Excel file is damaged or incomplete. Save it again from Excel as .xlsx \
                        and upload it once more."
                    .into()
            }
            ZipBomb => "The Excel file unpacks to far more than a registry needs, past the \
                        size limits, so it was not opened. Copy only the registry sheet into a \
                        new workbook and save that."
                .into(),
            UnreadableXlsx => {
                "The Excel file could not be read. Save it again from Excel as .xlsx, \
                 or as CSV UTF-8."
                    .into()
            }
            NoSheet => "The Excel file has no worksheet.".into(),
            MissingColumns { columns } => format!(
                "The first row must hold the column names. These required columns are missing: \
                 {}.",
                columns.join(", ")
            ),
            DuplicateColumn { column } => {
                format!("The column {column} appears twice in the header row.")
            }
            TooManyColumns => format!("The header row has more than {MAX_COLUMNS} columns."),
            TooManyRows => format!(
                "The file has more than {MAX_DATA_ROWS} data rows; a district registry has far \
                 fewer. Remove other data or split the file."
            ),
        }
    }

    pub fn message_hi(&self) -> String {
        use FileError::*;
        match self {
            Empty => "फ़ाइल खाली है। पंजी की फ़ाइल फिर से चुनें।".into(),
            TooLarge => format!(
                "फ़ाइल {} MB से बड़ी है। ज़िले की पंजी इससे बहुत छोटी होती है; दूसरी शीट और चित्र हटाएँ।",
                MAX_IMPORT_BYTES as u64 / MB
            ),
            NotCsvOrXlsx => "यह CSV या Excel (.xlsx) फ़ाइल नहीं है। पंजी को .xlsx या CSV UTF-8 के \
                             रूप में सहेजें।"
                .into(),
            LegacyOrEncryptedExcel => "यह पुरानी Excel (.xls) फ़ाइल है या इस पर पासवर्ड है। Excel में \
                                       Save As > Excel Workbook (.xlsx) से बिना पासवर्ड के सहेजें।"
                .into(),
            NotUtf8 => "CSV फ़ाइल UTF-8 में नहीं है (शायद ANSI/Windows-1252 या UTF-16), इसलिए हिंदी \
                        पाठ बिगड़ जाएगा। Excel में Save As > CSV UTF-8 (Comma delimited) चुनें।"
                .into(),
            UnclosedQuote { row } => {
                format!("पंक्ति {row} में खोला गया उद्धरण चिह्न (\") कहीं बंद नहीं होता।")
            }
            MalformedCsv { row } => format!("पंक्ति {row} को CSV के रूप में पढ़ा नहीं जा सका।"),
            FieldCount {
                row,
                expected,
                found,
            } => format!(
                "पंक्ति {row} में {found} सेल हैं, पर शीर्ष पंक्ति में {expected}; फालतू कॉमा या छूटे \
                 उद्धरण चिह्न देखें।"
            ),
            NotAZip => "Excel फ़ाइल खराब या अधूरी है। इसे Excel से .xlsx के रूप में फिर सहेजकर दोबारा \
                        अपलोड करें।"
                .into(),
            ZipBomb => "Excel फ़ाइल खुलने पर पंजी की ज़रूरत से कहीं बड़ी, आकार की सीमाओं से परे हो \
                        जाती है, इसलिए इसे नहीं खोला गया। केवल पंजी वाली शीट को नई वर्कबुक में \
                        कॉपी करके सहेजें।"
                .into(),
            UnreadableXlsx => "Excel फ़ाइल पढ़ी नहीं जा सकी। इसे Excel से .xlsx या CSV UTF-8 के रूप \
                               में फिर सहेजें।"
                .into(),
            NoSheet => "Excel फ़ाइल में कोई वर्कशीट नहीं है।".into(),
            MissingColumns { columns } => format!(
                "पहली पंक्ति में कॉलम के नाम होने चाहिए। ये अनिवार्य कॉलम नहीं मिले: {}।",
                hindi_headers(columns)
            ),
            DuplicateColumn { column } => format!(
                "कॉलम {} शीर्ष पंक्ति में दो बार है।",
                hindi_headers(std::slice::from_ref(column))
            ),
            TooManyColumns => format!("शीर्ष पंक्ति में {MAX_COLUMNS} से अधिक कॉलम हैं।"),
            TooManyRows => format!(
                "फ़ाइल में {MAX_DATA_ROWS} से अधिक डेटा पंक्तियाँ हैं; ज़िले की पंजी में इससे बहुत कम \
                 होती हैं। दूसरा डेटा हटाएँ या फ़ाइल को बाँटें।"
            ),
        }
    }

    fn serialize_details<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        use FileError::*;
        match self {
            UnclosedQuote { row } | MalformedCsv { row } => map.serialize_entry("row", row),
            FieldCount {
                row,
                expected,
                found,
            } => {
                map.serialize_entry("row", row)?;
                map.serialize_entry("expected", expected)?;
                map.serialize_entry("found", found)
            }
            MissingColumns { columns } => map.serialize_entry("columns", columns),
            DuplicateColumn { column } => map.serialize_entry("column", column),
            TooManyRows => map.serialize_entry("limit", &MAX_DATA_ROWS),
            Empty
            | TooLarge
            | NotCsvOrXlsx
            | LegacyOrEncryptedExcel
            | NotUtf8
            | NotAZip
            | ZipBomb
            | UnreadableXlsx
            | NoSheet
            | TooManyColumns => Ok(()),
        }
    }
}

/// Hindi headers with the English one in brackets, for messages about columns.
fn hindi_headers(columns: &[&'static str]) -> String {
    columns
        .iter()
        .map(
            |en| match Column::ALL.iter().find(|c| c.header_en() == *en) {
                Some(c) => format!("{} ({en})", c.header_hi()),
                None => (*en).to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

/// The file was read, but part of it was ignored or is worth a second look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileWarning {
    /// A header that is not part of the layout; its column was ignored.
    UnknownColumn {
        name: String,
    },
    /// Values under a header cell that is empty (`column` is the letter, e.g. "R").
    UnnamedColumn {
        column: String,
    },
    NoDataRows,
    /// Only the first `shown` of `total` row errors are listed.
    RowErrorsTruncated {
        shown: u32,
        total: u32,
    },
}

impl FileWarning {
    pub fn examples() -> Vec<FileWarning> {
        use FileWarning::*;
        vec![
            UnknownColumn {
                name: "remarks".into(),
            },
            UnnamedColumn { column: "R".into() },
            NoDataRows,
            RowErrorsTruncated {
                shown: 1000,
                total: 1234,
            },
        ]
    }

    pub fn code(&self) -> &'static str {
        use FileWarning::*;
        match self {
            UnknownColumn { .. } => "unknown_column",
            UnnamedColumn { .. } => "unnamed_column",
            NoDataRows => "no_data_rows",
            RowErrorsTruncated { .. } => "row_errors_truncated",
        }
    }

    pub fn message_en(&self) -> String {
        use FileWarning::*;
        match self {
            UnknownColumn { name } => {
                format!(
                    "The column \u{201c}{name}\u{201d} is not part of the layout and was ignored."
                )
            }
            UnnamedColumn { column } => format!(
                "Column {column} has values but no name in the header row, so it was ignored."
            ),
            NoDataRows => "The file has the header row but no data rows.".into(),
            RowErrorsTruncated { shown, total } => {
                format!("There are {total} errors; only the first {shown} are listed.")
            }
        }
    }

    pub fn message_hi(&self) -> String {
        use FileWarning::*;
        match self {
            UnknownColumn { name } => {
                format!("कॉलम \u{201c}{name}\u{201d} पंजी के प्रारूप में नहीं है, इसलिए छोड़ दिया गया।")
            }
            UnnamedColumn { column } => format!(
                "कॉलम {column} में मान हैं, पर शीर्ष पंक्ति में उसका नाम नहीं है, इसलिए उसे छोड़ दिया गया।"
            ),
            NoDataRows => "फ़ाइल में शीर्ष पंक्ति है, पर कोई डेटा पंक्ति नहीं।".into(),
            RowErrorsTruncated { shown, total } => {
                format!("कुल {total} त्रुटियाँ हैं; केवल पहली {shown} दिखाई गई हैं।")
            }
        }
    }

    fn serialize_details<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        use FileWarning::*;
        match self {
            UnknownColumn { name } => map.serialize_entry("name", name),
            UnnamedColumn { column } => map.serialize_entry("column", column),
            NoDataRows => Ok(()),
            RowErrorsTruncated { shown, total } => {
                map.serialize_entry("shown", shown)?;
                map.serialize_entry("total", total)
            }
        }
    }
}

impl Serialize for RowError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("row", &self.row)?;
        map.serialize_entry("column", self.column)?;
        map.serialize_entry("code", self.code.code())?;
        self.code.serialize_details(&mut map)?;
        map.serialize_entry("message_en", &self.code.message_en())?;
        map.serialize_entry("message_hi", &self.code.message_hi())?;
        map.end()
    }
}

macro_rules! serialize_coded {
    ($($ty:ty),+) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                map.serialize_entry("code", self.code())?;
                self.serialize_details(&mut map)?;
                map.serialize_entry("message_en", &self.message_en())?;
                map.serialize_entry("message_hi", &self.message_hi())?;
                map.end()
            }
        }
    )+};
}

serialize_coded!(RowErrorCode, FileError, FileWarning);

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for FileError {}

/// JSON Schemas for the hand-written serialisations above (for the OpenAPI document).
/// Each is inferred from the serialised examples of every case, so a new case or a new
/// detail field appears in the schema without anyone editing it here.
#[cfg(test)]
mod json_schema;
