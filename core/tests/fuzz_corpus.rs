//! Runs the fuzz harnesses (src/fuzzing.rs) over the saved corpus in `fuzz/corpus/` on
//! stable Rust, so CI replays every input a fuzz run ever kept without needing libFuzzer.
//! `PRASAR_WRITE_CORPUS=1 cargo test -p prasar-core --test fuzz_corpus` (re)writes the
//! seed inputs that are generated from the code (the import templates).

use std::fs;
use std::path::{Path, PathBuf};

fn corpus(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target)
}

fn replay(target: &str, harness: fn(&[u8])) -> usize {
    let dir = corpus(target);
    let mut n = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_file() {
            harness(&fs::read(&path).unwrap());
            n += 1;
        }
    }
    n
}

#[test]
fn screenshot_corpus() {
    let n = replay("screenshot", prasar_core::fuzzing::screenshot);
    assert!(n >= 5, "only {n} screenshot inputs");
}

#[test]
fn import_corpus() {
    if std::env::var_os("PRASAR_WRITE_CORPUS").is_some() {
        use prasar_core::i18n::Lang;
        use prasar_core::import::{template_csv, template_xlsx};
        let dir = corpus("import");
        for (lang, tag) in [(Lang::Hi, "hi"), (Lang::En, "en")] {
            fs::write(dir.join(format!("template-{tag}.csv")), template_csv(lang)).unwrap();
            fs::write(
                dir.join(format!("template-{tag}.xlsx")),
                template_xlsx(lang),
            )
            .unwrap();
        }
    }
    let n = replay("import", prasar_core::fuzzing::import);
    assert!(n >= 4, "only {n} import inputs");
}

#[test]
fn chat_export_corpus() {
    let n = replay("chat_export", prasar_core::fuzzing::chat_export);
    assert!(n >= 9, "only {n} chat export inputs");
}
