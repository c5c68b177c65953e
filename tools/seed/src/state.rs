//! `state` mode: a Rajasthan-scale fixture for benchmarks. Real LGD districts, blocks
//! and GPs (33-district era), plus one synthetic ULB per district with synthetic wards so
//! that there are exactly `TOTAL_GROUPS` groups. Locations are pseudo-random.

use std::collections::BTreeMap;
use std::path::Path;

use rand::RngExt;

use crate::data;
use crate::geo::Point;
use crate::password;
use crate::seed::{self, Account, DemoAdmins, Kind, Seed, Unit};
use crate::time;
use crate::udaipur::{self, scatter, STATE_ID};

/// About 14,635 GP groups + 10,175 ward groups in Rajasthan today (data README).
pub const TOTAL_GROUPS: usize = 25_000;
/// Rajasthan's bounding box.
pub const LON: (f64, f64) = (69.5, 78.3);
pub const LAT: (f64, f64) = (23.0, 30.2);

pub struct Output {
    pub seed: Seed,
    pub districts: usize,
    pub blocks: usize,
    pub gps: usize,
    pub wards: usize,
    pub duplicate_gps: usize,
    pub duplicate_blocks: usize,
}

fn clamp(p: Point) -> Point {
    [p[0].clamp(LON.0, LON.1), p[1].clamp(LAT.0, LAT.1)]
}

/// Mobile numbers for the n-th synthetic admin (n from 1): `+9180000xxxxx`, then
/// `+9170000xxxxx`. All distinct, so unique per district as the schema requires.
pub fn mobile(n: usize) -> String {
    match n {
        1..=99_999 => format!("+9180000{n:05}"),
        100_000..=199_998 => format!("+9170000{:05}", n - 99_999),
        _ => panic!("no synthetic mobile number left for admin {n}"),
    }
}

struct Block {
    code: u64,
    name: String,
    zila: u64,
}

/// `hash_password` as in `udaipur::build`.
pub fn build(dir: &Path, hash_password: &dyn Fn(&str) -> String) -> Result<Output, String> {
    let rows = data::state_gps(dir)?;
    let mut zilas: BTreeMap<u64, String> = BTreeMap::new();
    let mut blocks: BTreeMap<u64, Block> = BTreeMap::new();
    let mut gps: BTreeMap<(u64, u64, u64), String> = BTreeMap::new(); // (zila, block, gp)
    let mut gp_codes = std::collections::BTreeSet::new();
    let (mut duplicate_gps, mut duplicate_blocks) = (0, 0);
    for r in &rows {
        let zila = data::check_code(&r.zila_code, "zila_code")?;
        let block_code = data::check_code(&r.block_code, "block_code")?;
        let gp = data::check_code(&r.gp_code, "gp_code")?;
        zilas
            .entry(zila)
            .or_insert_with(|| r.zila_name.trim().to_string());
        let block = blocks.entry(block_code).or_insert_with(|| Block {
            code: block_code,
            name: r.block_name.trim().to_string(),
            zila,
        });
        if block.zila != zila || block.name != r.block_name.trim() {
            duplicate_blocks += 1; // same code, other name or district: first one wins
        }
        if !gp_codes.insert(gp) {
            duplicate_gps += 1; // first one wins
            continue;
        }
        gps.insert((block.zila, block_code, gp), r.gp_name.trim().to_string());
    }
    if gps.len() > TOTAL_GROUPS {
        return Err(format!("{} GPs exceed {TOTAL_GROUPS} groups", gps.len()));
    }
    let ward_total = TOTAL_GROUPS - gps.len();

    let mut rng = seed::rng("state:locations");
    let mut units = Vec::new();
    let mut groups = Vec::new();
    let base = |id: String, kind: Kind, code: String, parent: &str, name: &str| Unit {
        id,
        kind,
        code,
        parent_id: Some(parent.to_string()),
        state_id: Some(STATE_ID.to_string()),
        district_id: None,
        block_id: None,
        name_en: name.to_string(),
        name_hi: String::new(),
        location: None,
        location_exact: false,
        is_demo: false,
    };
    units.push(Unit {
        parent_id: None,
        name_hi: "राजस्थान".into(),
        ..base(STATE_ID.into(), Kind::State, "08".into(), "", "Rajasthan")
    });

    let mut district_points = BTreeMap::new();
    for (&zila, name) in &zilas {
        let id = format!("district-{zila}");
        let p = [
            rng.random_range(LON.0 + 0.5..LON.1 - 0.5),
            rng.random_range(LAT.0 + 0.5..LAT.1 - 0.5),
        ];
        district_points.insert(zila, p);
        units.push(Unit {
            district_id: Some(id.clone()),
            location: Some(p),
            ..base(id, Kind::District, zila.to_string(), STATE_ID, name)
        });
    }
    let mut block_points = BTreeMap::new();
    let mut ordered_blocks: Vec<&Block> = blocks.values().collect();
    ordered_blocks.sort_by_key(|b| (b.zila, b.code));
    for b in &ordered_blocks {
        let id = format!("block-{}", b.code);
        let p = clamp(scatter(&mut rng, district_points[&b.zila], 40.0));
        block_points.insert(b.code, p);
        units.push(Unit {
            district_id: Some(format!("district-{}", b.zila)),
            block_id: Some(id.clone()),
            location: Some(p),
            ..base(
                id,
                Kind::Block,
                b.code.to_string(),
                &format!("district-{}", b.zila),
                &b.name,
            )
        });
    }
    for (&(zila, block_code, gp), name) in &gps {
        let block_id = format!("block-{block_code}");
        let u = Unit {
            district_id: Some(format!("district-{zila}")),
            block_id: Some(block_id.clone()),
            location: Some(clamp(scatter(&mut rng, block_points[&block_code], 12.0))),
            ..base(
                format!("gp-{gp}"),
                Kind::GramPanchayat,
                gp.to_string(),
                &block_id,
                name,
            )
        };
        groups.push(seed::group_for(&u, format!("{name} सूचना समूह")));
        units.push(u);
    }

    let per_district = ward_total / zilas.len();
    let extra = ward_total % zilas.len();
    for (i, (&zila, name)) in zilas.iter().enumerate() {
        let district_id = format!("district-{zila}");
        let ulb_id = format!("ulb-syn-{zila}");
        let centre = district_points[&zila];
        units.push(Unit {
            district_id: Some(district_id.clone()),
            name_hi: format!("कृत्रिम नगर निकाय ({name})"),
            location: Some(centre),
            is_demo: true,
            ..base(
                ulb_id.clone(),
                Kind::Ulb,
                format!("SYN-{zila}"),
                &district_id,
                &format!("Synthetic ULB {name}"),
            )
        });
        let wards = per_district + usize::from(i < extra);
        for n in 1..=wards {
            let w = Unit {
                district_id: Some(district_id.clone()),
                name_hi: format!("कृत्रिम वार्ड {n}"),
                location: Some(clamp(scatter(&mut rng, centre, 5.0))),
                is_demo: true,
                ..base(
                    format!("ward-syn-{zila}-{n}"),
                    Kind::Ward,
                    format!("SYN-{zila}-W{n}"),
                    &ulb_id,
                    &format!("Synthetic Ward {n}"),
                )
            };
            groups.push(seed::group_for(
                &w,
                format!("Synthetic Ward {n}, {name} सूचना समूह"),
            ));
            units.push(w);
        }
    }

    let member_counts = seed::member_counts(&groups, "state:member-counts");
    let (admins, assignments) = seed::demo_admins(
        &groups,
        &DemoAdmins {
            id_infix: "syn",
            width: 5,
            without_admin: 0.05,
            mobile: &mobile,
            label: "state:admins",
        },
    );
    let mut accounts: Vec<Account> = vec![udaipur::state_admin()];
    for (&zila, name) in &zilas {
        accounts.push(udaipur::account(
            &format!("collector-{zila}"),
            &format!("collector.{zila}"),
            &format!("जिला कलेक्टर (Collector, {name})"),
            "collector",
            &format!("district-{zila}"),
        ));
    }

    for a in &mut accounts {
        a.password_hash = hash_password(&a.id);
    }

    let header = vec![
        "Prasar seed: Rajasthan-scale BENCHMARK fixture. Generated by tools/seed (prasar-seed), do not edit.".into(),
        "Regenerate: cargo run -q -p prasar-seed --release -- state --data ../shared/data --out <file>".into(),
        "Idempotent: upserts on id, no explicit transaction. Not for the demo: locations are pseudo-random.".into(),
        String::new(),
        "Sources: Local Government Directory (LGD), Government of India (rajasthan_lgd_block_gp.csv).".into(),
        format!(
            "Real units (is_demo 0): state, {} districts (zila panchayats), {} blocks, {} gram panchayats.",
            zilas.len(),
            blocks.len(),
            gps.len()
        ),
        format!(
            "Duplicate codes in the data (first kept): {duplicate_gps} GP, {duplicate_blocks} block rows."
        ),
        format!(
            "Synthetic (is_demo 1): one ULB per district, {ward_total} wards ({per_district} or {} per district),",
            per_district + 1
        ),
        format!(
            "so that GPs + wards = {TOTAL_GROUPS} groups. valid_from {} for every unit.",
            time::VALID_FROM
        ),
        "Locations: approximate (location_exact 0), pseudo-random inside lon 69.5-78.3, lat 23.0-30.2.".into(),
        format!(
            "Demo (is_demo 1): {} groups, {} member counts, {} admins (95 percent of groups), {} accounts",
            groups.len(),
            member_counts.len(),
            admins.len(),
            accounts.len()
        ),
        format!(
            "(state.admin and collector.<zila code>), password {}.",
            password::DEMO_PASSWORD
        ),
    ];

    Ok(Output {
        districts: zilas.len(),
        blocks: blocks.len(),
        gps: gps.len(),
        wards: ward_total,
        duplicate_gps,
        duplicate_blocks,
        seed: Seed {
            header,
            units,
            groups,
            member_counts,
            admins,
            assignments,
            accounts,
        },
    })
}
