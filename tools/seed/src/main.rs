//! prasar-seed: writes idempotent D1 (SQLite) seed SQL for Prasar from the reference
//! data in `shared/data`.
//!
//! ```text
//! prasar-seed udaipur [--data DIR] --out FILE [--matches FILE.csv]
//! prasar-seed state   [--data DIR] --out FILE
//! prasar-seed geo     [--data DIR] --out DIR
//! ```
//!
//! `udaipur`: the demo district (real units, demo groups/admins/accounts).
//! `state`: a Rajasthan-scale benchmark fixture with exactly 25,000 groups.
//! `geo`: the map's baked outlines, `DIR/district-108.json` (see `outlines.rs`).
//! `--data` defaults to `../shared/data` relative to the repository root.
//! `--matches` (udaipur only) writes how each GP was placed, for review.

mod data;
mod geo;
mod matching;
mod names;
mod outlines;
mod password;
mod seed;
mod state;
mod time;
mod udaipur;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str =
    "usage: prasar-seed <udaipur|state|geo> [--data DIR] --out FILE|DIR [--matches FILE.csv]";

#[derive(Debug, PartialEq)]
enum Mode {
    Udaipur,
    State,
    Geo,
}

#[derive(Debug)]
struct Args {
    mode: Mode,
    data: PathBuf,
    out: PathBuf,
    matches: Option<PathBuf>,
}

/// `../shared/data` next to the repository root (this crate lives in `tools/seed`).
fn default_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut mode = None;
    let mut data = None;
    let mut out = None;
    let mut matches = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--data" => data = Some(value("--data")?),
            "--out" => out = Some(value("--out")?),
            "--matches" => matches = Some(value("--matches")?),
            "udaipur" if mode.is_none() => mode = Some(Mode::Udaipur),
            "state" if mode.is_none() => mode = Some(Mode::State),
            "geo" if mode.is_none() => mode = Some(Mode::Geo),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
        }
    }
    let mode = mode.ok_or_else(|| format!("missing mode\n{USAGE}"))?;
    if matches.is_some() && mode != Mode::Udaipur {
        return Err("--matches is only for udaipur mode".into());
    }
    Ok(Args {
        mode,
        data: data.unwrap_or_else(default_data_dir),
        out: out.ok_or_else(|| format!("missing --out FILE\n{USAGE}"))?,
        matches,
    })
}

fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

/// How each GP was placed, as CSV.
fn matches_csv(out: &udaipur::Output) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |e: csv::Error| e.to_string();
    w.write_record([
        "gp_lgd_code",
        "gp_name",
        "block_lgd_code",
        "block_name",
        "method",
        "score",
        "habitation",
        "lon",
        "lat",
    ])
    .map_err(e)?;
    for (gp, p) in out.gps.iter().zip(&out.matching.placements) {
        w.write_record([
            gp.code.to_string(),
            gp.name.clone(),
            gp.block_code.to_string(),
            gp.block_name.clone(),
            p.method.as_str().to_string(),
            format!("{:.3}", p.score),
            p.habitation
                .map(|h| out.habitation_names[h].clone())
                .unwrap_or_default(),
            format!("{:.6}", p.point[0]),
            format!("{:.6}", p.point[1]),
        ])
        .map_err(e)?;
    }
    String::from_utf8(w.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

fn run(args: Args) -> Result<(), String> {
    if !args.data.is_dir() {
        return Err(format!(
            "data folder {} not found (pass --data)",
            args.data.display()
        ));
    }
    if args.mode == Mode::Geo {
        let (name, outlines) = outlines::build(&args.data)?;
        let path = args.out.join(name);
        let text = serde_json::to_string(&outlines).map_err(|e| e.to_string())?;
        write_file(&path, &text)?;
        eprintln!(
            "prasar-seed: wrote {} ({} bytes)",
            path.display(),
            text.len()
        );
        return Ok(());
    }
    let seed = match args.mode {
        Mode::Udaipur => {
            let out = udaipur::build(&args.data, &password::demo_password_hash)?;
            eprintln!(
                "prasar-seed: GP locations: {}",
                out.matching.counts.summary()
            );
            for b in &out.matching.blocks {
                let area: Vec<String> = b.pmgsy_ids.iter().map(i64::to_string).collect();
                eprintln!(
                    "prasar-seed:   block {} {} -> PMGSY {} ({})",
                    b.block_code,
                    b.block_name,
                    area.join("+"),
                    b.basis
                );
            }
            if let Some(path) = &args.matches {
                write_file(path, &matches_csv(&out)?)?;
                eprintln!("prasar-seed: wrote {}", path.display());
            }
            out.seed
        }
        Mode::State => {
            let out = state::build(&args.data, &password::demo_password_hash)?;
            eprintln!(
                "prasar-seed: {} districts, {} blocks, {} GPs, {} synthetic wards = {} groups; \
                 duplicate codes skipped: {} GP, {} block rows",
                out.districts,
                out.blocks,
                out.gps,
                out.wards,
                out.seed.groups.len(),
                out.duplicate_gps,
                out.duplicate_blocks
            );
            out.seed
        }
        Mode::Geo => unreachable!("handled above"),
    };
    let rendered = seed.render();
    write_file(&args.out, &rendered.sql)?;
    eprintln!(
        "prasar-seed: wrote {} ({} bytes, {} statements, largest {} bytes): {} units, {} groups, \
         {} member counts, {} admins, {} assignments, {} accounts",
        args.out.display(),
        rendered.sql.len(),
        rendered.statements,
        rendered.largest_statement,
        seed.units.len(),
        seed.groups.len(),
        seed.member_counts.len(),
        seed.admins.len(),
        seed.assignments.len(),
        seed.accounts.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prasar-seed: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod draw_simulation;
#[cfg(test)]
mod tests;
