//! The daily draw (prasar_core::draw) over the real Udaipur seed: 365 simulated days of
//! two levels × (one GP group + one ward group), checked for the draw's promises.

use std::collections::{BTreeMap, BTreeSet};

use prasar_core::api::GroupKind;
use prasar_core::draw::{self, Candidate, DrawConfig};
use prasar_core::time::parse_day;

use crate::{data, udaipur};

fn candidates() -> Vec<Candidate> {
    // Account password hashes play no part here.
    let out = udaipur::build(&data::tests::data_dir(), &|_| String::new()).expect("seed");
    let with_admin: BTreeSet<&str> = out
        .seed
        .assignments
        .iter()
        .map(|a| a.group_id.as_str())
        .collect();
    out.seed
        .groups
        .iter()
        .map(|g| Candidate {
            group_id: g.id.clone(),
            kind: if g.is_ward {
                GroupKind::Ward
            } else {
                GroupKind::GramPanchayat
            },
            open_from: parse_day("2024-01-01").unwrap(),
            open_to: None,
            has_active_admin: with_admin.contains(g.id.as_str()),
            last_check: None,
        })
        .collect()
}

#[test]
fn a_year_of_draws_over_udaipur_covers_every_group_without_early_repeats() {
    let mut groups = candidates();
    let count = |kind: GroupKind, admin: bool| {
        groups
            .iter()
            .filter(|c| c.kind == kind && c.has_active_admin == admin)
            .count()
    };
    let (gps, wards) = (
        count(GroupKind::GramPanchayat, true),
        count(GroupKind::Ward, true),
    );
    let (gps_without, wards_without) = (
        count(GroupKind::GramPanchayat, false),
        count(GroupKind::Ward, false),
    );
    assert_eq!(gps + gps_without, 481);
    assert_eq!(wards + wards_without, 125);
    let kinds: BTreeMap<String, GroupKind> = groups
        .iter()
        .map(|c| (c.group_id.clone(), c.kind))
        .collect();
    let config = DrawConfig::default();
    let start = parse_day("2026-01-01").unwrap();
    let log = draw::simulate(
        "district-108",
        &mut groups,
        start,
        365,
        config,
        // Stand-ins for the random seeds the worker records.
        |day, level| {
            (day.to_epoch_days() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ level as u64
        },
        |_, _| {},
    );
    let report = draw::check_fairness(&log, &kinds, config, 365).expect("fair");
    println!(
        "Udaipur, 365 days, window {} days: {} eligible GP groups ({} without admin skipped), {} eligible ward groups ({} skipped); {:?}",
        config.window_days, gps, gps_without, wards, wards_without, report
    );
    assert_eq!(report.picks, 365 * 4);
    assert_eq!(report.eligible_groups, gps + wards);
    assert_eq!(
        report.picked_groups,
        gps + wards,
        "every eligible group picked"
    );
    // Wards (fewer groups) come round several times a year; repeats inside the window
    // happen only as the check allows (once everyone else had a turn).
    let picks_per_group = |kind: GroupKind| {
        let mut n: BTreeMap<&str, usize> = BTreeMap::new();
        for p in log.iter().flat_map(|d| &d.picks).filter(|p| p.kind == kind) {
            *n.entry(&p.group_id).or_default() += 1;
        }
        (
            n.values().min().copied().unwrap(),
            n.values().max().copied().unwrap(),
        )
    };
    let (gmin, gmax) = picks_per_group(GroupKind::GramPanchayat);
    let (wmin, wmax) = picks_per_group(GroupKind::Ward);
    println!("picks per GP group {gmin}..{gmax}, per ward group {wmin}..{wmax}");
    // Rounds keep it even: nobody has a second turn before everyone had a first.
    assert!(gmax - gmin <= 1 && wmax - wmin <= 1);
    // Groups without an admin are never drawn.
    let without: BTreeSet<&str> = groups
        .iter()
        .filter(|c| !c.has_active_admin)
        .map(|c| c.group_id.as_str())
        .collect();
    assert!(log
        .iter()
        .flat_map(|d| &d.picks)
        .all(|p| !without.contains(p.group_id.as_str())));
    // Same seeds → same year.
    let mut again = candidates();
    let log2 = draw::simulate(
        "district-108",
        &mut again,
        start,
        30,
        config,
        |day, level| {
            (day.to_epoch_days() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ level as u64
        },
        |_, _| {},
    );
    let first: Vec<&str> = log[..30]
        .iter()
        .flat_map(|d| d.picks.iter().map(|p| p.group_id.as_str()))
        .collect();
    let second: Vec<&str> = log2
        .iter()
        .flat_map(|d| d.picks.iter().map(|p| p.group_id.as_str()))
        .collect();
    assert_eq!(first, second);
}
