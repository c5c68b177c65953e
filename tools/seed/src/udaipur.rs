//! `udaipur` mode: the demo district. Real units (state, district, 16 blocks, 481 GPs
//! of present-day Udaipur, 3 ULBs with 125 wards), demo groups, counts, admins and
//! official accounts.

use std::collections::BTreeMap;
use std::path::Path;

use rand::RngExt;

use crate::data;
use crate::geo::{self, Point};
use crate::matching::{self, GpRef, MatchResult};
use crate::password;
use crate::seed::{self, Account, DemoAdmins, Kind, Seed, Unit};
use crate::time;

pub const STATE_ID: &str = "state-08";
pub const DISTRICT_ID: &str = "district-108";
const DISTRICT_CODE: &str = "108";
const UDAIPUR_CENTRE: Point = [73.7125, 24.5854];

/// The 16 blocks of present-day Udaipur: LGD code, name in the data, Hindi name.
pub const BLOCKS: [(u64, &str, &str); 16] = [
    (1375, "Bargaon", "बड़गांव"),
    (1376, "Bhinder", "भींडर"),
    (1378, "Girwa", "गिर्वा"),
    (1379, "Gogunda", "गोगुन्दा"),
    (1380, "Jhadol", "झाड़ोल"),
    (1381, "Kherwara", "खेरवाड़ा"),
    (1382, "Kotra", "कोटड़ा"),
    (1383, "Mavli", "मावली"),
    (262235, "Rishbhdeo", "ऋषभदेव"),
    (262243, "Sayra", "सायरा"),
    (262252, "Phalasiya", "फलासिया"),
    (262276, "Kurabad", "कुराबड़"),
    (295178, "Nayagaon", "नयागांव"),
    (295182, "Vallabhnagar", "वल्लभनगर"),
    (301230, "Khemli", "खेमली"),
    (301231, "Devla", "देवला"),
];

pub struct Ulb {
    pub slug: &'static str,
    pub code: &'static str,
    pub name_en: &'static str,
    pub name_hi: &'static str,
    /// Used in group names: "Udaipur MC Ward 7 सूचना समूह".
    pub short_en: &'static str,
    pub centre: Point,
    pub wards: u32,
    pub scatter_km: f64,
}

/// Ward counts after the 2025 delimitation (data README). Codes are office codes: the
/// data has no LGD codes for urban bodies.
pub const ULBS: [Ulb; 3] = [
    Ulb {
        slug: "udaipur-mc",
        code: "UDR-MC",
        name_en: "Udaipur Municipal Corporation",
        name_hi: "उदयपुर नगर निगम",
        short_en: "Udaipur MC",
        centre: UDAIPUR_CENTRE,
        wards: 80,
        scatter_km: 4.0,
    },
    Ulb {
        slug: "bhinder",
        code: "UDR-BHINDER",
        name_en: "Bhinder Municipality",
        name_hi: "भींडर नगर पालिका",
        short_en: "Bhinder",
        centre: [74.1830, 24.4930],
        wards: 20,
        scatter_km: 1.5,
    },
    Ulb {
        slug: "fatehnagar",
        code: "UDR-FATEHNAGAR",
        name_en: "Fatehnagar Municipality",
        name_hi: "फतहनगर नगर पालिका",
        short_en: "Fatehnagar",
        centre: [74.0990, 24.8110],
        wards: 25,
        scatter_km: 1.5,
    },
];

pub struct Output {
    pub seed: Seed,
    pub matching: MatchResult,
    /// GP code and name per placement, same order as `matching.placements`.
    pub gps: Vec<GpRef>,
    pub habitation_names: Vec<String>,
}

fn unit(id: String, kind: Kind, code: String, parent: Option<&str>, name_en: &str) -> Unit {
    Unit {
        id,
        kind,
        code,
        parent_id: parent.map(str::to_string),
        state_id: Some(STATE_ID.to_string()),
        district_id: Some(DISTRICT_ID.to_string()),
        block_id: None,
        name_en: name_en.to_string(),
        name_hi: String::new(),
        location: None,
        location_exact: false,
        is_demo: false,
    }
}

/// A uniformly random point within `radius_km` of `centre`.
pub fn scatter(rng: &mut impl rand::Rng, centre: Point, radius_km: f64) -> Point {
    let r = radius_km * rng.random::<f64>().sqrt();
    let angle = rng.random::<f64>() * std::f64::consts::TAU;
    geo::polar_offset_km(centre, r, angle)
}

/// `hash_password` gives the stored password hash for an account id
/// (`password::demo_password_hash`; tests may pass a cheaper one).
pub fn build(dir: &Path, hash_password: &dyn Fn(&str) -> String) -> Result<Output, String> {
    let rows = data::udaipur_gps(dir)?;
    let block_table: BTreeMap<u64, (&str, &str)> =
        BLOCKS.iter().map(|&(c, en, hi)| (c, (en, hi))).collect();

    // GPs of present-day Udaipur, ordered by block then GP code.
    let mut gps = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in rows
        .iter()
        .filter(|r| r.district_after_2023_split == "Udaipur")
    {
        if r.zila_panchayat_lgd_code != DISTRICT_CODE || r.zila_panchayat_name != "Udaipur" {
            return Err(format!(
                "GP {} is not in zila panchayat 108 Udaipur",
                r.gp_lgd_code
            ));
        }
        let code = data::check_code(&r.gp_lgd_code, "gp_lgd_code")?;
        let block_code = data::check_code(&r.block_lgd_code, "block_lgd_code")?;
        match block_table.get(&block_code) {
            Some((en, _)) if *en == r.block_name => {}
            _ => {
                return Err(format!(
                    "block {block_code} {:?} is not one of the 16 known Udaipur blocks",
                    r.block_name
                ))
            }
        }
        if !seen.insert(code) {
            return Err(format!("GP code {code} appears twice"));
        }
        gps.push(GpRef {
            code,
            name: r.gp_name.trim().to_string(),
            block_code,
            block_name: r.block_name.clone(),
        });
    }
    gps.sort_by_key(|g| (g.block_code, g.code));

    let habs = data::habitations(dir)?;
    let pmgsy = data::pmgsy_blocks(dir)?;
    let outline = data::district_outline(dir, "Udaipur")?;
    let matching = matching::place_gps(&gps, &habs, &pmgsy, &outline)?;

    let mut units = Vec::new();
    let mut state = unit(STATE_ID.into(), Kind::State, "08".into(), None, "Rajasthan");
    state.name_hi = "राजस्थान".into();
    state.district_id = None;
    units.push(state);
    let mut district = unit(
        DISTRICT_ID.into(),
        Kind::District,
        DISTRICT_CODE.into(),
        Some(STATE_ID),
        "Udaipur",
    );
    district.name_hi = "उदयपुर".into();
    district.location = Some(UDAIPUR_CENTRE);
    units.push(district);

    for &(code, en, hi) in &BLOCKS {
        let id = format!("block-{code}");
        let mut b = unit(
            id.clone(),
            Kind::Block,
            code.to_string(),
            Some(DISTRICT_ID),
            en,
        );
        b.name_hi = hi.into();
        b.block_id = Some(id);
        // Approximate: the centroid of the block's GPs.
        b.location = geo::mean(
            gps.iter()
                .zip(&matching.placements)
                .filter(|(g, _)| g.block_code == code)
                .map(|(_, p)| p.point),
        );
        if b.location.is_none() {
            return Err(format!("block {code} {en} has no GPs in the data"));
        }
        units.push(b);
    }

    let mut groups = Vec::new();
    for (gp, p) in gps.iter().zip(&matching.placements) {
        let block_id = format!("block-{}", gp.block_code);
        let mut u = unit(
            format!("gp-{}", gp.code),
            Kind::GramPanchayat,
            gp.code.to_string(),
            Some(&block_id),
            &gp.name,
        );
        u.block_id = Some(block_id);
        u.location = Some(p.point);
        u.location_exact = p.method.is_matched();
        groups.push(seed::group_for(&u, format!("{} सूचना समूह", gp.name)));
        units.push(u);
    }

    for ulb in &ULBS {
        let ulb_id = format!("ulb-{}", ulb.slug);
        let mut u = unit(
            ulb_id.clone(),
            Kind::Ulb,
            ulb.code.into(),
            Some(DISTRICT_ID),
            ulb.name_en,
        );
        u.name_hi = ulb.name_hi.into();
        u.location = Some(ulb.centre);
        units.push(u);
        let mut rng = seed::rng(&format!("wards:{}", ulb.slug));
        for n in 1..=ulb.wards {
            let mut w = unit(
                format!("ward-{}-{n}", ulb.slug),
                Kind::Ward,
                format!("{}-W{n}", ulb.code),
                Some(&ulb_id),
                &format!("Ward {n}"),
            );
            w.name_hi = format!("वार्ड {n}");
            w.location = Some(scatter(&mut rng, ulb.centre, ulb.scatter_km));
            groups.push(seed::group_for(
                &w,
                format!("{} Ward {n} सूचना समूह", ulb.short_en),
            ));
            units.push(w);
        }
    }

    let member_counts = seed::member_counts(&groups, "udaipur:member-counts");
    let mobile = |n: usize| format!("+9190000{n:05}");
    let (admins, assignments) = seed::demo_admins(
        &groups,
        &DemoAdmins {
            id_infix: "demo",
            width: 4,
            without_admin: 0.04,
            mobile: &mobile,
            label: "udaipur:admins",
        },
    );
    let mut accounts = accounts();
    for a in &mut accounts {
        a.password_hash = hash_password(&a.id);
    }

    let c = &matching.counts;
    let mut header = vec![
        "Prasar seed: Udaipur demo district. Generated by tools/seed (prasar-seed), do not edit.".into(),
        "Regenerate: cargo run -q -p prasar-seed --release -- udaipur --data ../shared/data --out <file>".into(),
        "Idempotent: upserts on id, no explicit transaction. Safe to run again.".into(),
        String::new(),
        "Sources: Local Government Directory (LGD), Government of India (GP and block codes and names).".into(),
        "PMGSY Rural Connectivity Datasets, Ministry of Rural Development, GODL-India (habitation points).".into(),
        "District outline (c) OpenStreetMap contributors, ODbL 1.0.".into(),
        String::new(),
        format!(
            "Units: state, district 108, {} blocks, {} gram panchayats, {} ULBs, {} wards. All real (is_demo 0).",
            BLOCKS.len(),
            gps.len(),
            ULBS.len(),
            ULBS.iter().map(|u| u.wards).sum::<u32>()
        ),
        format!("valid_from {} for every unit: after the 2023 Udaipur/Salumbar split, before the 2025-26 reorganisation.", time::VALID_FROM),
        "GP Hindi names are left empty: the LGD list has none and machine transliterations would be wrong.".into(),
        format!("GP locations at the headquarters village: {}", c.summary()),
        format!(
            "location_exact 1 = matched to a PMGSY habitation ({} GPs), 0 = approximate ({} GPs, near the centroid of their block).",
            c.exact + c.variant + c.fuzzy,
            c.approximate
        ),
        "Blocks are placed at the centroid of their GPs, the district at Udaipur city (approximate).".into(),
        "Block areas (LGD block -> PMGSY block ids by votes of exact name matches):".into(),
    ];
    for b in &matching.blocks {
        let votes: Vec<String> = b.votes.iter().map(|(id, n)| format!("{id}:{n}")).collect();
        let area: Vec<String> = b.pmgsy_ids.iter().map(|id| id.to_string()).collect();
        header.push(format!(
            "  {} {} -> PMGSY {} (votes {})",
            b.block_code,
            b.block_name,
            area.join("+"),
            votes.join(" ")
        ));
    }
    header.extend([
        "ULB codes (UDR-MC, UDR-BHINDER, UDR-FATEHNAGAR) are office codes: LGD codes for urban bodies are not in the data.".into(),
        "ULB locations are approximate town centres, ward locations approximate (random within 4 km Udaipur, 1.5 km others).".into(),
        format!(
            "Demo (is_demo 1): {} groups, {} member counts at {}, {} admins (+9190000xxxxx), {} accounts.",
            groups.len(),
            member_counts.len(),
            time::REPORTED_AT,
            admins.len(),
            accounts.len()
        ),
        format!("Demo accounts, password {}: {}", password::DEMO_PASSWORD, accounts.iter().map(|a| a.username.as_str()).collect::<Vec<_>>().join(", ")),
    ]);

    let habitation_names = habs.iter().map(|h| h.name.clone()).collect();
    Ok(Output {
        seed: Seed {
            header,
            units,
            groups,
            member_counts,
            admins,
            assignments,
            accounts,
        },
        matching,
        gps,
        habitation_names,
    })
}

/// A demo account; its `password_hash` is filled in by the caller.
pub fn account(
    id_suffix: &str,
    username: &str,
    display: &str,
    role: &'static str,
    area: &str,
) -> Account {
    Account {
        id: format!("acct-demo-{id_suffix}"),
        password_hash: String::new(),
        username: username.into(),
        display_name: display.into(),
        role,
        area_id: area.into(),
    }
}

pub fn state_admin() -> Account {
    account(
        "state-admin",
        "state.admin",
        "राज्य प्रशासक, राजस्थान (State Admin, Rajasthan)",
        "state_admin",
        STATE_ID,
    )
}

fn accounts() -> Vec<Account> {
    vec![
        state_admin(),
        account(
            "collector-udaipur",
            "collector.udaipur",
            "जिला कलेक्टर, उदयपुर (Collector, Udaipur)",
            "collector",
            DISTRICT_ID,
        ),
        account(
            "nodal-udaipur",
            "nodal.udaipur",
            "नोडल अधिकारी, उदयपुर (Nodal Officer, Udaipur)",
            "nodal_officer",
            DISTRICT_ID,
        ),
        account(
            "pr-udaipur",
            "pr.udaipur",
            "सूचना एवं जनसंपर्क अधिकारी, उदयपुर (PR Officer, Udaipur)",
            "pr_officer",
            DISTRICT_ID,
        ),
        account(
            "bdo-girwa",
            "bdo.girwa",
            "विकास अधिकारी, पंचायत समिति गिर्वा (BDO, Girwa)",
            "block_officer",
            "block-1378",
        ),
    ]
}
