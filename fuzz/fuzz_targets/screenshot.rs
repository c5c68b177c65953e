//! Upload validation on arbitrary bytes: never panics, and whatever it accepts keeps the
//! limits the worker relies on.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    prasar_core::fuzzing::screenshot(data);
});
