//! docs/import.md carries a generated list of every code with both messages; this test
//! fails when the list is stale. `PRASAR_UPDATE_DOCS=1 cargo test -p prasar-core docs`
//! rewrites it.

use super::*;

const DOC_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/import.md");
const START: &str = "<!-- generated:codes:start -->";
const END: &str = "<!-- generated:codes:end -->";

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

pub(super) fn codes_markdown() -> String {
    let mut md = String::new();
    md.push_str("### File errors (nothing is imported)\n\n");
    md.push_str("| code | message (English) | संदेश (हिंदी) |\n|---|---|---|\n");
    for e in FileError::examples() {
        md.push_str(&format!(
            "| `{}` | {} | {} |\n",
            e.code(),
            cell(&e.message_en()),
            cell(&e.message_hi())
        ));
    }
    md.push_str("\n### Row errors (the row is not imported)\n\n");
    md.push_str("| code | message (English) | संदेश (हिंदी) |\n|---|---|---|\n");
    for e in RowErrorCode::EXAMPLES {
        md.push_str(&format!(
            "| `{}` | {} | {} |\n",
            e.code(),
            cell(&e.message_en()),
            cell(&e.message_hi())
        ));
    }
    md.push_str("\n### Warnings (the file is imported)\n\n");
    md.push_str("| code | message (English) | संदेश (हिंदी) |\n|---|---|---|\n");
    for w in FileWarning::examples() {
        md.push_str(&format!(
            "| `{}` | {} | {} |\n",
            w.code(),
            cell(&w.message_en()),
            cell(&w.message_hi())
        ));
    }
    md
}

#[test]
fn the_doc_lists_every_code_with_current_messages() {
    let doc = std::fs::read_to_string(DOC_PATH).expect("docs/import.md exists");
    let (Some(start), Some(end)) = (doc.find(START), doc.find(END)) else {
        panic!("docs/import.md lacks the {START} … {END} markers");
    };
    let current = &doc[start + START.len()..end];
    let generated = format!("\n{}", codes_markdown());
    if current != generated {
        if std::env::var_os("PRASAR_UPDATE_DOCS").is_some() {
            let updated = format!("{}{START}{generated}{}", &doc[..start], &doc[end..]);
            std::fs::write(DOC_PATH, updated).unwrap();
        } else {
            panic!(
                "docs/import.md is stale: run PRASAR_UPDATE_DOCS=1 cargo test -p prasar-core docs"
            );
        }
    }
}

#[test]
fn the_doc_names_every_column_in_both_languages() {
    let doc = std::fs::read_to_string(DOC_PATH).unwrap();
    for column in Column::ALL {
        for header in [column.header_en(), column.header_hi()] {
            assert!(
                doc.contains(&format!("`{header}`")),
                "{header} missing from the doc"
            );
        }
    }
}

#[test]
fn every_code_is_distinct_and_translated() {
    let mut codes = std::collections::HashSet::new();
    let mut english = std::collections::HashSet::new();
    let devanagari = |s: &str| s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
    let all: Vec<(&str, String, String)> = FileError::examples()
        .iter()
        .map(|e| (e.code(), e.message_en(), e.message_hi()))
        .chain(
            RowErrorCode::EXAMPLES
                .iter()
                .map(|e| (e.code(), e.message_en(), e.message_hi())),
        )
        .chain(
            FileWarning::examples()
                .iter()
                .map(|e| (e.code(), e.message_en(), e.message_hi())),
        )
        .collect();
    for (code, en, hi) in all {
        assert!(codes.insert(code), "{code} used twice");
        assert!(
            english.insert(en.clone()),
            "{code}: duplicate English message"
        );
        assert!(
            code.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{code} is not snake_case"
        );
        assert!(devanagari(&hi), "{code}: Hindi message has no Devanagari");
        assert!(!devanagari(&en), "{code}: English message has Devanagari");
        assert!(en.ends_with('.'), "{code}: {en}");
        assert!(hi.ends_with('।'), "{code}: {hi}");
    }
}

#[test]
fn column_rules_are_written_in_both_languages() {
    let devanagari = |s: &str| s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
    for column in Column::ALL {
        assert!(!devanagari(column.rule_en()), "{column:?}");
        assert!(devanagari(column.rule_hi()), "{column:?}");
        assert!(devanagari(column.header_hi()), "{column:?}");
    }
}
