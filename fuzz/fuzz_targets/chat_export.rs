//! Everything the phone does with a WhatsApp chat export, on arbitrary bytes: zip
//! directory, decoding, parsing, the preview and the summary for each sender. Never
//! panics, and every summary keeps the limits the server relies on.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    prasar_core::fuzzing::chat_export(data);
});
