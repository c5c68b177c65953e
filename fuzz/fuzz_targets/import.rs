//! Registry import (CSV and XLSX) on arbitrary bytes: never panics, bounded output.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    prasar_core::fuzzing::import(data);
});
