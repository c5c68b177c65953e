//! The `.zip` WhatsApp makes of an export (iPhone: `_chat.txt` inside "WhatsApp Chat -
//! <group>.zip"). Only the directory is read here, from a few slices of the file; the
//! browser inflates the one text entry with its native `DecompressionStream`, so the
//! admin's phone downloads no inflater and never holds more than the chat text.
//!
//! Refused: encrypted, split or zip64 archives, archives holding anything besides one
//! `.txt` (such as an export "with media"), entries declared larger than
//! [`MAX_EXPORT_BYTES`], and entries whose inflated size or CRC-32 differs from the
//! directory's (a zip bomb lying about its size, or a damaged file).

use super::{ChatExportError, MAX_EXPORT_BYTES};

/// Largest `.zip` accepted; an export without media is far smaller.
pub const MAX_ZIP_BYTES: u64 = MAX_EXPORT_BYTES as u64;
/// How many bytes from the end of the file hold the end-of-directory record for sure:
/// the 22-byte record plus the longest possible comment.
pub const TAIL_BYTES: u64 = 22 + 65_535;
/// Largest central directory read (an export's has one or two entries).
const MAX_DIRECTORY_BYTES: u64 = 64 * 1024;
/// Size of a local file header before its name and extra field.
pub const LOCAL_HEADER_BYTES: u64 = 30;

const EOCD_SIGNATURE: u32 = 0x0605_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const LOCAL_SIGNATURE: u32 = 0x0403_4b50;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Does the file start like a zip (a local header, or the record of an empty zip)?
pub fn looks_like_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")
}

/// Where the central directory lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Directory {
    pub offset: u64,
    pub size: u64,
    pub entries: u16,
}

/// Finds the end-of-directory record in the last bytes of a `file_len`-byte file.
pub fn directory(tail: &[u8], file_len: u64) -> Result<Directory, ChatExportError> {
    if file_len > MAX_ZIP_BYTES {
        return Err(ChatExportError::TooLarge);
    }
    let unreadable = ChatExportError::ZipUnreadable;
    if tail.len() < 22 || tail.len() as u64 > file_len {
        return Err(unreadable);
    }
    let at = (0..=tail.len() - 22)
        .rev()
        .find(|&i| u32_at(tail, i) == Some(EOCD_SIGNATURE))
        .ok_or(unreadable)?;
    let r = &tail[at..];
    let (disk, cd_disk) = (
        u16_at(r, 4).ok_or(unreadable)?,
        u16_at(r, 6).ok_or(unreadable)?,
    );
    let (here, total) = (
        u16_at(r, 8).ok_or(unreadable)?,
        u16_at(r, 10).ok_or(unreadable)?,
    );
    let size = u64::from(u32_at(r, 12).ok_or(unreadable)?);
    let offset = u64::from(u32_at(r, 16).ok_or(unreadable)?);
    // Split archives and zip64 (whose markers are all-ones) are not exports.
    if disk != 0 || cd_disk != 0 || here != total || total == 0xFFFF || offset == 0xFFFF_FFFF {
        return Err(unreadable);
    }
    let record_at = file_len - (tail.len() - at) as u64;
    if offset.checked_add(size).is_none_or(|end| end > record_at) {
        return Err(unreadable);
    }
    if total == 0 {
        return Err(ChatExportError::ZipOtherContents);
    }
    if size > MAX_DIRECTORY_BYTES {
        return Err(ChatExportError::ZipOtherContents);
    }
    Ok(Directory {
        offset,
        size,
        entries: total,
    })
}

/// The chat text inside the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// 0 stored, 8 deflated.
    pub method: u16,
    pub compressed_size: u64,
    pub size: u64,
    pub crc32: u32,
    pub local_header_offset: u64,
}

/// Picks the one `.txt` entry from the central directory, refusing anything else.
pub fn chat_entry(directory_bytes: &[u8], dir: &Directory) -> Result<Entry, ChatExportError> {
    let unreadable = ChatExportError::ZipUnreadable;
    let mut at = 0usize;
    let mut found: Option<Entry> = None;
    for _ in 0..dir.entries {
        let b = directory_bytes.get(at..).ok_or(unreadable)?;
        if u32_at(b, 0) != Some(CENTRAL_SIGNATURE) {
            return Err(unreadable);
        }
        let flags = u16_at(b, 8).ok_or(unreadable)?;
        let method = u16_at(b, 10).ok_or(unreadable)?;
        let crc32 = u32_at(b, 16).ok_or(unreadable)?;
        let compressed_size = u64::from(u32_at(b, 20).ok_or(unreadable)?);
        let size = u64::from(u32_at(b, 24).ok_or(unreadable)?);
        let name_len = usize::from(u16_at(b, 28).ok_or(unreadable)?);
        let extra_len = usize::from(u16_at(b, 30).ok_or(unreadable)?);
        let comment_len = usize::from(u16_at(b, 32).ok_or(unreadable)?);
        let local_header_offset = u64::from(u32_at(b, 42).ok_or(unreadable)?);
        let name_bytes = b.get(46..46 + name_len).ok_or(unreadable)?;
        at += 46 + name_len + extra_len + comment_len;
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        // Folders and the resource forks macOS adds when someone re-zips on a Mac.
        if name.ends_with('/') || name.starts_with("__MACOSX/") {
            continue;
        }
        if !name.to_ascii_lowercase().ends_with(".txt") || found.is_some() {
            return Err(ChatExportError::ZipOtherContents);
        }
        // Encrypted entries, or compression other than stored and deflate.
        if flags & 1 != 0 || !(method == 0 || method == 8) {
            return Err(unreadable);
        }
        if compressed_size == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
            return Err(unreadable);
        }
        if size > MAX_EXPORT_BYTES as u64 {
            return Err(ChatExportError::TooLarge);
        }
        if method == 0 && compressed_size != size {
            return Err(unreadable);
        }
        found = Some(Entry {
            name,
            method,
            compressed_size,
            size,
            crc32,
            local_header_offset,
        });
    }
    found.ok_or(ChatExportError::ZipOtherContents)
}

/// From the entry's local header (its first [`LOCAL_HEADER_BYTES`]), the byte range of
/// its data in the file; it must end before the central directory.
pub fn data_range(
    local_header: &[u8],
    entry: &Entry,
    dir: &Directory,
) -> Result<(u64, u64), ChatExportError> {
    let unreadable = ChatExportError::ZipUnreadable;
    if u32_at(local_header, 0) != Some(LOCAL_SIGNATURE) {
        return Err(unreadable);
    }
    let name_len = u64::from(u16_at(local_header, 26).ok_or(unreadable)?);
    let extra_len = u64::from(u16_at(local_header, 28).ok_or(unreadable)?);
    let start = entry.local_header_offset + LOCAL_HEADER_BYTES + name_len + extra_len;
    let end = start + entry.compressed_size;
    if end > dir.offset {
        return Err(unreadable);
    }
    Ok((start, end))
}

/// Checks the inflated text against the directory: a longer text is a bomb that lies
/// about its size, a different checksum a damaged file.
pub fn verify(text: &[u8], entry: &Entry) -> Result<(), ChatExportError> {
    if text.len() as u64 > entry.size {
        return Err(ChatExportError::ZipBomb);
    }
    if text.len() as u64 != entry.size || crc32(text) != entry.crc32 {
        return Err(ChatExportError::ZipUnreadable);
    }
    Ok(())
}

/// The most bytes an inflater may produce for `entry` before it is stopped: its declared
/// size (anything beyond is a lie) and never more than [`MAX_EXPORT_BYTES`].
pub fn inflate_limit(entry: &Entry) -> u64 {
    entry.size.min(MAX_EXPORT_BYTES as u64)
}

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (IEEE), as zip records it.
pub fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// An inflater: `(deflated data, limit)` → the inflated bytes, at most `limit + 1` of
/// them; `None` when the data is not valid deflate.
pub type Inflate<'a> = dyn FnMut(&[u8], u64) -> Option<Vec<u8>> + 'a;

/// Reads the chat text from a whole zip held in memory, inflating with `inflate(data,
/// limit)` (which must stop after `limit + 1` bytes). The browser reads slices and uses
/// its own inflater instead; tests and the fuzz target use this.
pub fn extract_in_memory(
    zip: &[u8],
    inflate: &mut Inflate<'_>,
) -> Result<Vec<u8>, ChatExportError> {
    let len = zip.len() as u64;
    let tail_start = len.saturating_sub(TAIL_BYTES) as usize;
    let dir = directory(&zip[tail_start..], len)?;
    let unreadable = ChatExportError::ZipUnreadable;
    let dir_bytes = zip
        .get(dir.offset as usize..(dir.offset + dir.size) as usize)
        .ok_or(unreadable)?;
    let entry = chat_entry(dir_bytes, &dir)?;
    let header_start = entry.local_header_offset as usize;
    let header = zip
        .get(header_start..header_start + LOCAL_HEADER_BYTES as usize)
        .ok_or(unreadable)?;
    let (start, end) = data_range(header, &entry, &dir)?;
    let data = zip.get(start as usize..end as usize).ok_or(unreadable)?;
    let text = if entry.method == 0 {
        data.to_vec()
    } else {
        inflate(data, inflate_limit(&entry)).ok_or(unreadable)?
    };
    verify(&text, &entry)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_known_vectors() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn short_or_foreign_tails_are_unreadable() {
        assert_eq!(directory(b"PK", 2), Err(ChatExportError::ZipUnreadable));
        assert_eq!(
            directory(&[0u8; 100], 100),
            Err(ChatExportError::ZipUnreadable)
        );
        assert_eq!(
            directory(&[0u8; 100], MAX_ZIP_BYTES + 1),
            Err(ChatExportError::TooLarge)
        );
    }
}
