//! Hashes raw RGBA rasters with the same function the phone runs
//! (`prasar_core::phash::perceptual_hash`), for tests/integration/phash-threshold.test.mjs:
//! Chromium decodes and scales each image exactly as the admin PWA does and exports the
//! canvas pixels; this prints one line per raster: `<name> <16 hex digits>`, then
//! `threshold <n>` (the distance at or under which the worker flags a reuse).
//!
//! Usage: `phash_rasters <dir>`; each raster is `<name>.<width>x<height>.rgba`.

use std::{env, fs};

use prasar_core::phash::{perceptual_hash, to_hex, DUPLICATE_MAX_DISTANCE};

fn main() {
    let dir = env::args().nth(1).expect("usage: phash_rasters <dir>");
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .expect("readable dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rgba"))
        .collect();
    entries.sort();
    for path in entries {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let (name, size) = stem.rsplit_once('.').expect("<name>.<w>x<h>");
        let (w, h) = size.split_once('x').expect("<w>x<h>");
        let (w, h): (u32, u32) = (w.parse().unwrap(), h.parse().unwrap());
        let rgba = fs::read(&path).expect("raster");
        println!("{name} {}", to_hex(perceptual_hash(&rgba, w, h)));
    }
    println!("threshold {DUPLICATE_MAX_DISTANCE}");
}
