//! From the file's bytes to text. WhatsApp writes UTF-8 (iPhone exports start with a
//! byte-order mark); a file re-saved by another app may be UTF-16 with a mark. Anything
//! that is not valid text is refused here, before any parsing.

use super::{ChatExportError, MAX_EXPORT_BYTES};

/// Leading bytes of files people pick by mistake: images, PDF, zip-based office files
/// (a real zip is routed to the zip reader before this), old Office, gzip.
const BINARY_MAGIC: [&[u8]; 8] = [
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"%PDF",
    b"PK\x03\x04",
    b"GIF8",
    b"RIFF",
    b"\xD0\xCF\x11\xE0",
    b"\x1F\x8B",
];

pub(crate) fn decode(mut bytes: Vec<u8>) -> Result<String, ChatExportError> {
    if bytes.is_empty() {
        return Err(ChatExportError::Empty);
    }
    if bytes.len() > MAX_EXPORT_BYTES {
        return Err(ChatExportError::TooLarge);
    }
    if BINARY_MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return Err(ChatExportError::NotAChatExport);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return utf16(&bytes);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let error = err.utf8_error();
            // Only a character cut off at the very end (a truncated copy) is forgiven.
            if error.error_len().is_some() {
                return Err(ChatExportError::BrokenEncoding);
            }
            let mut bytes = err.into_bytes();
            bytes.truncate(error.valid_up_to());
            String::from_utf8(bytes).map_err(|_| ChatExportError::BrokenEncoding)?
        }
    };
    // NUL never occurs in a chat; it means UTF-16 without a mark, or binary data.
    if text.contains('\0') {
        return Err(ChatExportError::BrokenEncoding);
    }
    Ok(text)
}

fn utf16(bytes: &[u8]) -> Result<String, ChatExportError> {
    let little = bytes[0] == 0xFF;
    let units = bytes[2..].chunks_exact(2).map(|pair| {
        if little {
            u16::from_le_bytes([pair[0], pair[1]])
        } else {
            u16::from_be_bytes([pair[0], pair[1]])
        }
    });
    let text: String = char::decode_utf16(units)
        .collect::<Result<_, _>>()
        .map_err(|_| ChatExportError::BrokenEncoding)?;
    if text.contains('\0') {
        return Err(ChatExportError::BrokenEncoding);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_mark() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc".to_vec()).unwrap(), "abc");
        assert_eq!(decode("नमस्ते".as_bytes().to_vec()).unwrap(), "नमस्ते");
        // A Devanagari letter cut in half at the end is dropped.
        let mut cut = "नमस्ते".as_bytes().to_vec();
        cut.pop();
        assert_eq!(decode(cut).unwrap(), "नमस्त");
    }

    #[test]
    fn utf16_with_mark() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("रमेश: hi".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le).unwrap(), "रमेश: hi");
        let mut be = vec![0xFE, 0xFF];
        be.extend("hi".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap(), "hi");
    }

    #[test]
    fn refusals() {
        assert_eq!(decode(Vec::new()), Err(ChatExportError::Empty));
        // Windows-1252 "café" and Latin-1 bytes in the middle are broken UTF-8.
        assert_eq!(
            decode(b"caf\xE9 au lait".to_vec()),
            Err(ChatExportError::BrokenEncoding)
        );
        assert_eq!(
            decode(b"a\x00b\x00c\x00".to_vec()),
            Err(ChatExportError::BrokenEncoding)
        );
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n....".to_vec()),
            Err(ChatExportError::NotAChatExport)
        );
        assert_eq!(
            decode(vec![b'a'; MAX_EXPORT_BYTES + 1]),
            Err(ChatExportError::TooLarge)
        );
    }
}
