//! 64-bit perceptual hash of a screenshot (dHash), computed on the phone from the pixels
//! the browser decoded, and compared by Hamming distance to find reused screenshots.
//!
//! dHash: shrink the luma image to 9×8 cells by area averaging, then set one bit per
//! cell pair for "left brighter than right". Area averaging makes the hash independent of
//! the size the browser scaled to and of JPEG/WebP noise.
//!
//! Only the middle 80 % of the height is hashed: the top 10 % of a phone screenshot is
//! the status bar (clock, battery) and the chat's title bar, the bottom 10 % the input
//! and navigation bars. They look the same in every WhatsApp screenshot except for the
//! clock, so hashing them adds noise (a re-taken screenshot at another time) and no
//! signal (which posts are shown). Measured on rendered Devanagari chat screenshots
//! (tests/integration/phash-threshold.test.mjs, 12 chats × 5 days, 136 variants):
//! variants of one screenshot differ by 0–4 bits, different chats or days by 10 or more
//! (median 24); hashing the whole height gave 0–4 against 8 or more.

/// Two screenshots whose hashes differ in at most this many bits are flagged as the
/// same picture. Chosen from the measurements above: re-encodes (JPEG 20–95 %, WebP),
/// 50–100 % rescales and re-takes with another status-bar clock stay within 4 bits (3
/// except JPEG at quality 20); different chats and other days' posts start at 10. Six
/// leaves 2 bits of room above the worst variant and 4 below the closest different
/// chat: a false flag asks a reviewer to doubt an honest admin, so the margin leans
/// towards not flagging.
pub const DUPLICATE_MAX_DISTANCE: u32 = 6;

/// Share of the height left out at the top and at the bottom, in percent.
const CROP_PERCENT: usize = 10;

/// Cells across (one more than bits per row: each bit compares two neighbours).
const COLS: usize = 9;
const ROWS: usize = 8;

/// The dHash of an RGBA raster (`rgba.len() == width * height * 4`, as canvas
/// `getImageData` returns it). An empty or inconsistent raster hashes to 0.
pub fn perceptual_hash(rgba: &[u8], width: u32, height: u32) -> u64 {
    let (w, h) = (width as usize, height as usize);
    if w == 0 || h == 0 || rgba.len() != w * h * 4 {
        return 0;
    }
    let luma = rgba
        .chunks_exact(4)
        .map(|p| (299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000);
    let cells = shrink(luma, w, h);
    bits_of(&cells)
}

/// The dHash of a grayscale raster (`gray.len() == width * height`).
pub fn perceptual_hash_gray(gray: &[u8], width: u32, height: u32) -> u64 {
    let (w, h) = (width as usize, height as usize);
    if w == 0 || h == 0 || gray.len() != w * h {
        return 0;
    }
    bits_of(&shrink(gray.iter().map(|&g| u32::from(g)), w, h))
}

/// Area-average the image into COLS×ROWS cells (each pixel goes to the cell its centre
/// falls in; for images smaller than the grid, cells may repeat pixels).
fn shrink(pixels: impl Iterator<Item = u32>, w: usize, h: usize) -> [f64; COLS * ROWS] {
    let mut sums = [0f64; COLS * ROWS];
    let mut counts = [0u32; COLS * ROWS];
    // Rows y0..y1 are hashed (all of them for images too small to crop).
    let crop = h * CROP_PERCENT / 100;
    let (y0, y1) = if h - 2 * crop >= ROWS {
        (crop, h - crop)
    } else {
        (0, h)
    };
    for (i, value) in pixels.enumerate() {
        let (x, y) = (i % w, i / w);
        if y < y0 || y >= y1 {
            continue;
        }
        let cx = (x * COLS) / w;
        let cy = ((y - y0) * ROWS) / (y1 - y0);
        sums[cy * COLS + cx] += f64::from(value);
        counts[cy * COLS + cx] += 1;
    }
    let mut cells = [0f64; COLS * ROWS];
    for (i, cell) in cells.iter_mut().enumerate() {
        if counts[i] > 0 {
            *cell = sums[i] / f64::from(counts[i]);
        }
    }
    // Tiny images leave empty cells: fill each from the nearest pixel instead.
    if w < COLS || h < ROWS {
        for cy in 0..ROWS {
            for cx in 0..COLS {
                if counts[cy * COLS + cx] == 0 {
                    let sx = (cx * w) / COLS;
                    let sy = (cy * h) / ROWS;
                    let src = ((sy * ROWS) / h.max(1)).min(ROWS - 1) * COLS
                        + ((sx * COLS) / w.max(1)).min(COLS - 1);
                    cells[cy * COLS + cx] = cells[src];
                }
            }
        }
    }
    cells
}

fn bits_of(cells: &[f64; COLS * ROWS]) -> u64 {
    let mut hash = 0u64;
    for row in 0..ROWS {
        for col in 0..COLS - 1 {
            hash <<= 1;
            if cells[row * COLS + col] > cells[row * COLS + col + 1] {
                hash |= 1;
            }
        }
    }
    hash
}

/// Number of differing bits.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// The hash as the API carries it: 16 lowercase hex digits.
pub fn to_hex(hash: u64) -> String {
    format!("{hash:016x}")
}

pub fn from_hex(text: &str) -> Option<u64> {
    crate::api::is_valid_phash(text)
        .then(|| u64::from_str_radix(text, 16).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gray_from_fn(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> Vec<u8> {
        (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .map(|(x, y)| f(x, y))
            .collect()
    }

    #[test]
    fn known_vectors() {
        // Brightness falling left to right: every left cell is brighter → all ones.
        let falling = gray_from_fn(90, 80, |x, _| 255 - (x as u8 * 2));
        assert_eq!(perceptual_hash_gray(&falling, 90, 80), u64::MAX);
        // Rising: no left cell is brighter → all zeros.
        let rising = gray_from_fn(90, 80, |x, _| x as u8 * 2);
        assert_eq!(perceptual_hash_gray(&rising, 90, 80), 0);
        // Flat: equal neighbours are not "brighter" → zero.
        assert_eq!(perceptual_hash_gray(&[128; 90 * 80], 90, 80), 0);
        // Falling in the top half only: the first 4 rows of 8 bits are ones.
        let half = gray_from_fn(90, 80, |x, y| if y < 40 { 255 - x as u8 * 2 } else { 7 });
        assert_eq!(perceptual_hash_gray(&half, 90, 80), 0xffff_ffff_0000_0000);
    }

    #[test]
    fn rgba_and_gray_agree_for_gray_pixels() {
        let gray = gray_from_fn(123, 77, |x, y| ((x * 7 + y * 13) % 251) as u8);
        let rgba: Vec<u8> = gray.iter().flat_map(|&g| [g, g, g, 255]).collect();
        assert_eq!(
            perceptual_hash(&rgba, 123, 77),
            perceptual_hash_gray(&gray, 123, 77)
        );
    }

    #[test]
    fn scaling_keeps_the_hash() {
        let big = gray_from_fn(900, 800, |x, y| ((x / 50 * 37 + y / 60 * 91) % 256) as u8);
        let small = gray_from_fn(450, 400, |x, y| ((x / 25 * 37 + y / 30 * 91) % 256) as u8);
        assert!(
            hamming(
                perceptual_hash_gray(&big, 900, 800),
                perceptual_hash_gray(&small, 450, 400)
            ) <= 2
        );
    }

    #[test]
    fn status_and_navigation_bars_do_not_count() {
        let chat = |clock: u8| {
            gray_from_fn(108, 240, move |x, y| match y {
                0..24 => clock.wrapping_mul(x as u8), // status bar with a "clock"
                216.. => 255 - clock,                 // navigation bar
                _ => ((x / 12 * 37 + y / 20 * 91) % 256) as u8,
            })
        };
        let (a, b) = (chat(3), chat(200));
        assert_ne!(a, b);
        assert_eq!(
            perceptual_hash_gray(&a, 108, 240),
            perceptual_hash_gray(&b, 108, 240)
        );
        // A change inside the conversation does count.
        let mut c = a.clone();
        for px in &mut c[108 * 100..108 * 140] {
            *px = 255 - *px;
        }
        assert!(
            hamming(
                perceptual_hash_gray(&a, 108, 240),
                perceptual_hash_gray(&c, 108, 240)
            ) > 0
        );
    }

    #[test]
    fn inconsistent_input_is_zero_not_a_panic() {
        assert_eq!(perceptual_hash(&[1, 2, 3], 10, 10), 0);
        assert_eq!(perceptual_hash(&[], 0, 0), 0);
        // Smaller than the grid.
        let _ = perceptual_hash_gray(&[0, 255, 0, 255], 2, 2);
    }

    #[test]
    fn hex_round_trip() {
        for h in [0, 1, u64::MAX, 0x0123_4567_89ab_cdef] {
            assert_eq!(from_hex(&to_hex(h)), Some(h));
        }
        assert_eq!(from_hex("xyz"), None);
        assert_eq!(hamming(0b1011, 0b0001), 2);
    }
}
