//! Upload validation for screenshots. The worker never decodes pixels (Workers bill CPU
//! time per request): the type comes from magic bytes via `imagesize`, the dimensions from
//! the header, and a cheap structural walk catches files cut off in transit.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::ErrorCode;

/// Largest accepted upload. A phone screenshot is 0.1–3 MB; 10 MB leaves room for
/// uncompressed camera photos without inviting abuse.
pub const MAX_SCREENSHOT_BYTES: usize = 10 * 1024 * 1024;
/// Largest accepted side. Bigger declared sizes are decompression bombs, not screenshots.
pub const MAX_SIDE_PX: u32 = 10_000;

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Png,
    Jpeg,
    Webp,
}

impl ImageFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Webp => "webp",
        }
    }

    pub fn from_content_type(content_type: &str) -> Option<Self> {
        match content_type {
            "image/png" => Some(ImageFormat::Png),
            "image/jpeg" => Some(ImageFormat::Jpeg),
            "image/webp" => Some(ImageFormat::Webp),
            _ => None,
        }
    }
}

/// What the worker records about an accepted screenshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreenshotInfo {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
    pub sha256_hex: String,
}

/// Checks an upload against every rule and returns what to store, or the reason to refuse.
pub fn validate_screenshot(data: &[u8]) -> Result<ScreenshotInfo, ErrorCode> {
    if data.is_empty() {
        return Err(ErrorCode::EmptyUpload);
    }
    if data.len() > MAX_SCREENSHOT_BYTES {
        return Err(ErrorCode::UploadTooLarge);
    }
    let format = sniff_format(data).ok_or(ErrorCode::UnsupportedImageType)?;
    if !is_complete(format, data) {
        return Err(ErrorCode::TruncatedImage);
    }
    let size = imagesize::blob_size(data).map_err(|_| ErrorCode::UnreadableImageDimensions)?;
    let (width, height) = (
        u32::try_from(size.width).unwrap_or(u32::MAX),
        u32::try_from(size.height).unwrap_or(u32::MAX),
    );
    if width == 0 || height == 0 {
        return Err(ErrorCode::UnreadableImageDimensions);
    }
    if width > MAX_SIDE_PX || height > MAX_SIDE_PX {
        return Err(ErrorCode::ImageDimensionsTooLarge);
    }
    Ok(ScreenshotInfo {
        format,
        width,
        height,
        bytes: data.len(),
        sha256_hex: sha256_hex(data),
    })
}

/// The format named by the file's magic bytes; names and declared MIME types are ignored.
pub fn sniff_format(data: &[u8]) -> Option<ImageFormat> {
    match imagesize::image_type(data).ok()? {
        imagesize::ImageType::Png => Some(ImageFormat::Png),
        imagesize::ImageType::Jpeg => Some(ImageFormat::Jpeg),
        imagesize::ImageType::Webp => Some(ImageFormat::Webp),
        _ => None,
    }
}

pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Structural completeness without decoding: a truncated upload must not be stored as if
/// it were evidence.
fn is_complete(format: ImageFormat, data: &[u8]) -> bool {
    match format {
        ImageFormat::Png => png_is_complete(data),
        ImageFormat::Jpeg => jpeg_is_complete(data),
        ImageFormat::Webp => webp_is_complete(data),
    }
}

/// Walks the chunk list (length, type, data, CRC) and requires IHDR first, at least one
/// IDAT, and an IEND that lies inside the file.
fn png_is_complete(data: &[u8]) -> bool {
    let mut pos = 8;
    let mut first = true;
    let mut seen_idat = false;
    while pos + 12 <= data.len() {
        let len = u32::from_be_bytes([data[pos], data[pos + 1], data[pos + 2], data[pos + 3]]);
        let kind = &data[pos + 4..pos + 8];
        let Some(end) = (len as usize)
            .checked_add(12)
            .and_then(|n| n.checked_add(pos))
        else {
            return false;
        };
        if end > data.len() || (first && kind != b"IHDR") {
            return false;
        }
        first = false;
        match kind {
            b"IDAT" => seen_idat = true,
            b"IEND" => return seen_idat,
            _ => {}
        }
        pos = end;
    }
    false
}

/// A JPEG ends with the EOI marker; some encoders pad with zero bytes after it.
fn jpeg_is_complete(data: &[u8]) -> bool {
    let trimmed = match data.iter().rposition(|&b| b != 0) {
        Some(last) => &data[..=last],
        None => return false,
    };
    trimmed.len() >= 4 && trimmed.ends_with(&[0xFF, 0xD9])
}

/// The RIFF header states the payload length; a shorter file was cut off.
fn webp_is_complete(data: &[u8]) -> bool {
    if data.len() < 12 {
        return false;
    }
    let declared = u32::from_le_bytes([data[4], data[5], data[6], data[7]]) as usize;
    // The RIFF size excludes the 8-byte "RIFF"+size prefix; odd sizes get one pad byte.
    declared
        .checked_add(8)
        .is_some_and(|needed| data.len() >= needed && data.len() <= needed + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 1×1 images produced by Chromium's encoders (see tests/fixtures/README.md).
    const PNG_1X1: &[u8] = include_bytes!("../../tests/fixtures/tiny.png");
    const JPEG_1X1: &[u8] = include_bytes!("../../tests/fixtures/tiny.jpg");
    const WEBP_1X1: &[u8] = include_bytes!("../../tests/fixtures/tiny.webp");

    #[test]
    fn accepts_real_png_jpeg_and_webp() {
        for (data, format) in [
            (PNG_1X1, ImageFormat::Png),
            (JPEG_1X1, ImageFormat::Jpeg),
            (WEBP_1X1, ImageFormat::Webp),
        ] {
            let info = validate_screenshot(data).unwrap_or_else(|e| panic!("{format:?}: {e:?}"));
            assert_eq!(info.format, format);
            assert_eq!((info.width, info.height), (3, 2), "{format:?}");
            assert_eq!(info.bytes, data.len());
            assert_eq!(info.sha256_hex.len(), 64);
        }
    }

    #[test]
    fn sha256_matches_the_standard_test_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn empty_and_oversize_uploads_are_refused_before_parsing() {
        assert_eq!(validate_screenshot(&[]), Err(ErrorCode::EmptyUpload));
        let mut big = PNG_1X1.to_vec();
        big.resize(MAX_SCREENSHOT_BYTES + 1, 0);
        assert_eq!(validate_screenshot(&big), Err(ErrorCode::UploadTooLarge));
    }

    #[test]
    fn type_comes_from_magic_bytes_not_names() {
        assert_eq!(
            validate_screenshot(b"hello, this is text pretending to be a .png"),
            Err(ErrorCode::UnsupportedImageType)
        );
        assert_eq!(
            validate_screenshot(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
            Err(ErrorCode::UnsupportedImageType)
        );
        assert_eq!(
            validate_screenshot(b"<script>alert(1)</script>"),
            Err(ErrorCode::UnsupportedImageType)
        );
    }

    #[test]
    fn every_truncation_of_a_valid_image_is_refused() {
        for data in [PNG_1X1, JPEG_1X1, WEBP_1X1] {
            for cut in 1..data.len() {
                let result = validate_screenshot(&data[..cut]);
                assert!(
                    result.is_err(),
                    "accepted a file cut at {cut} of {}",
                    data.len()
                );
            }
        }
    }

    /// A PNG whose IHDR declares `w`×`h`; the rest of the file stays structurally whole.
    fn png_declaring(w: u32, h: u32) -> Vec<u8> {
        let mut data = PNG_1X1.to_vec();
        data[16..20].copy_from_slice(&w.to_be_bytes());
        data[20..24].copy_from_slice(&h.to_be_bytes());
        data
    }

    #[test]
    fn declared_dimensions_are_bounded() {
        assert_eq!(
            validate_screenshot(&png_declaring(10_001, 20)),
            Err(ErrorCode::ImageDimensionsTooLarge)
        );
        assert_eq!(
            validate_screenshot(&png_declaring(20, 4_000_000_000)),
            Err(ErrorCode::ImageDimensionsTooLarge)
        );
        assert_eq!(
            validate_screenshot(&png_declaring(0, 20)),
            Err(ErrorCode::UnreadableImageDimensions)
        );
        let ok = validate_screenshot(&png_declaring(10_000, 10_000)).unwrap();
        assert_eq!((ok.width, ok.height), (10_000, 10_000));
    }

    #[test]
    fn png_with_a_lying_chunk_length_is_refused() {
        let mut data = PNG_1X1.to_vec();
        // IHDR's length field claims 4 GB of data.
        data[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(validate_screenshot(&data), Err(ErrorCode::TruncatedImage));
    }

    #[test]
    fn content_types_round_trip() {
        for f in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Webp] {
            assert_eq!(ImageFormat::from_content_type(f.content_type()), Some(f));
        }
        assert_eq!(ImageFormat::from_content_type("image/svg+xml"), None);
    }
}
