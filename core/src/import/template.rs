//! Blank-but-for-examples registry files for district offices to fill in: the header row
//! in the chosen language and one obviously fake row of each unit type.

use rust_xlsxwriter::{DataValidation, Format, Workbook, Worksheet, XlsxError};

use super::columns::Column;
use crate::i18n::Lang;

/// Name of the XLSX template's second sheet.
/// Excel forbids `/` in sheet names, so the dash stands in for the slash.
pub const INSTRUCTIONS_SHEET: &str = "निर्देश - Instructions";

/// Example rows, one cell per [`Column::ALL`] entry. Codes start with 9 and mobiles are
/// 90000 0000x so nobody mistakes them for real units or people.
fn example_rows(lang: Lang) -> [[&'static str; 16]; 4] {
    let hi = lang == Lang::Hi;
    let t = |hi_text, en_text| if hi { hi_text } else { en_text };
    [
        [
            t("ब्लॉक", "block"),
            "9001",
            "Example Block",
            "उदाहरण ब्लॉक",
            "900",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            t("ग्राम पंचायत", "gp"),
            "900101",
            "Example Gram Panchayat",
            "उदाहरण ग्राम पंचायत",
            "9001",
            "77.4126",
            "23.2599",
            t("हाँ", "yes"),
            t("उदाहरण ग्राम पंचायत समूह", "Example GP group"),
            "https://chat.whatsapp.com/ExampleInviteLink00001",
            "1024",
            "250",
            t("उदाहरण एडमिन", "Example Admin"),
            "9000000001",
            t("पंचायत सचिव", "Panchayat Secretary"),
            t("पंचायती राज", "Panchayati Raj"),
        ],
        [
            t("नगर निकाय", "ulb"),
            "ULB-EX-01",
            "Example Nagar Palika",
            "उदाहरण नगर पालिका",
            "900",
            "77.4000",
            "23.2500",
            t("नहीं", "no"),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            t("वार्ड", "ward"),
            "ULB-EX-01-W01",
            "Example Ward 1",
            "उदाहरण वार्ड 1",
            "ULB-EX-01",
            "",
            "",
            "",
            t("उदाहरण वार्ड 1 समूह", "Example Ward 1 group"),
            "https://chat.whatsapp.com/ExampleInviteLink00002",
            "512",
            "120",
            t("उदाहरण वार्ड एडमिन", "Example Ward Admin"),
            "+91 90000 00002",
            t("वार्ड पार्षद", "Ward Councillor"),
            t("नगरीय विकास", "Urban Development"),
        ],
    ]
}

/// The CSV template: the header row in `lang` and the four example rows. Serve it with
/// a UTF-8 BOM in front (the worker does): without one Excel shows Hindi as gibberish.
pub fn template_csv(lang: Lang) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = Column::ALL.map(|c| c.header(lang));
    // Writing to a Vec cannot fail, and every record has the header's length.
    let records = std::iter::once(header).chain(example_rows(lang));
    for record in records {
        writer
            .write_record(record)
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("the template is UTF-8")
}

/// The XLSX template: the same header (bold, frozen) and rows on the first sheet, with
/// codes and mobiles formatted as text so Excel keeps them as typed, drop-downs for the
/// unit type and yes/no, and a second sheet with every column's rule in both languages.
pub fn template_xlsx(lang: Lang) -> Vec<u8> {
    build_xlsx(lang).expect("the XLSX template is static and valid")
}

fn build_xlsx(lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let wrap = Format::new().set_text_wrap();

    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("पंजी", "Registry"))?;
    for (col, column) in Column::ALL.into_iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, column.header(lang), &bold)?;
        sheet.set_column_width(col, column_width(column))?;
        if is_text_column(column) {
            sheet.set_column_format(col, &text)?;
        }
    }
    for (row, values) in example_rows(lang).iter().enumerate() {
        let row = row as u32 + 1;
        for (col, (column, value)) in Column::ALL.into_iter().zip(values).enumerate() {
            write_example(sheet, row, col as u16, column, value, &text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = super::MAX_DATA_ROWS;
    let types = match lang {
        Lang::Hi => ["ब्लॉक", "नगर निकाय", "ग्राम पंचायत", "वार्ड"],
        Lang::En => ["block", "ulb", "gp", "ward"],
    };
    let type_list = DataValidation::new().allow_list_strings(&types)?;
    sheet.add_data_validation(1, 0, last_row, 0, &type_list)?;
    let yes_no = DataValidation::new().allow_list_strings(&lang_yes_no(lang))?;
    let exact = Column::LocationExact as u16;
    sheet.add_data_validation(1, exact, last_row, exact, &yes_no)?;

    let help = workbook.add_worksheet();
    help.set_name(INSTRUCTIONS_SHEET)?;
    let titles = ["Column", "कॉलम", "Required / अनिवार्य", "Rule", "नियम"];
    for (col, title) in titles.into_iter().enumerate() {
        help.write_string_with_format(0, col as u16, title, &bold)?;
    }
    for (width, col) in [(20, 0), (22, 1), (14, 2), (60, 3), (60, 4)] {
        help.set_column_width(col, width)?;
    }
    for (row, column) in Column::ALL.into_iter().enumerate() {
        let row = row as u32 + 1;
        help.write_string(row, 0, column.header_en())?;
        help.write_string(row, 1, column.header_hi())?;
        let required = if column.required() {
            "yes / हाँ"
        } else {
            "no / नहीं"
        };
        help.write_string(row, 2, required)?;
        help.write_string_with_format(row, 3, column.rule_en(), &wrap)?;
        help.write_string_with_format(row, 4, column.rule_hi(), &wrap)?;
    }
    let notes_row = Column::ALL.len() as u32 + 2;
    for (i, (en, hi)) in NOTES.iter().enumerate() {
        let row = notes_row + i as u32;
        help.write_string_with_format(row, 3, *en, &wrap)?;
        help.write_string_with_format(row, 4, *hi, &wrap)?;
    }
    workbook.save_to_buffer()
}

const NOTES: [(&str, &str); 4] = [
    (
        "Keep the header row as it is; columns may be in any order, and English or Hindi \
         headers both work.",
        "शीर्ष पंक्ति जैसी है वैसी रखें; कॉलम किसी भी क्रम में हो सकते हैं, और अंग्रेज़ी या हिंदी \
         दोनों शीर्षक चलेंगे।",
    ),
    (
        "Replace the four example rows with your units: one row per block, ULB, gram \
         panchayat or ward.",
        "चारों उदाहरण पंक्तियों की जगह अपनी इकाइयाँ लिखें: हर ब्लॉक, नगर निकाय, ग्राम पंचायत या \
         वार्ड की एक पंक्ति।",
    ),
    (
        "Only the first sheet is read. Formulas are not calculated: the value Excel last saved \
         is used.",
        "केवल पहली शीट पढ़ी जाती है। सूत्र नहीं चलाए जाते: Excel ने जो मान आख़िरी बार सहेजा, वही \
         लिया जाता है।",
    ),
    (
        "For CSV, use Save As > CSV UTF-8 (Comma delimited) so that Hindi text survives.",
        "CSV के लिए Save As > CSV UTF-8 (Comma delimited) चुनें, ताकि हिंदी पाठ सही रहे।",
    ),
];

fn lang_yes_no(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Hi => ["हाँ", "नहीं"],
        Lang::En => ["yes", "no"],
    }
}

/// Codes and mobiles are text: typed as numbers, Excel drops leading zeros and shows
/// long ones as 9.87654E+09.
fn is_text_column(column: Column) -> bool {
    matches!(
        column,
        Column::UnitCode | Column::ParentCode | Column::AdminMobile | Column::InviteLink
    )
}

fn is_number_column(column: Column) -> bool {
    matches!(
        column,
        Column::Lon | Column::Lat | Column::MemberLimit | Column::MemberCount
    )
}

fn write_example(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    column: Column,
    value: &str,
    text: &Format,
) -> Result<(), XlsxError> {
    if value.is_empty() {
        return Ok(());
    }
    match value.parse::<f64>() {
        Ok(number) if is_number_column(column) => sheet.write_number(row, col, number)?,
        _ if is_text_column(column) => sheet.write_string_with_format(row, col, value, text)?,
        _ => sheet.write_string(row, col, value)?,
    };
    Ok(())
}

fn column_width(column: Column) -> f64 {
    use Column::*;
    match column {
        UnitNameEn | UnitNameHi | GroupName | AdminName | AdminDepartment => 26.0,
        InviteLink => 50.0,
        UnitCode | ParentCode | AdminMobile | AdminDesignation => 18.0,
        UnitType | LocationExact | MemberLimit | MemberCount => 14.0,
        Lon | Lat => 11.0,
    }
}
