//! Places gram panchayats at their headquarters village.
//!
//! LGD blocks (2023) and PMGSY blocks (older) are different id systems, and several LGD
//! blocks were carved out of old ones, so a GP's search area is derived from the data:
//! every GP whose name matches exactly one habitation in the whole file votes for that
//! habitation's PMGSY block, and an LGD block's area is the PMGSY block(s) holding at
//! least a fifth of its votes. Inside that area a GP is matched by
//!
//! 1. exact normalised name (`names::normalize`),
//! 2. equal spelling-variant key (`names::variant_key`),
//! 3. a conservative fuzzy match (`names::fuzzy_score`: Jaro-Winkler ≥ 0.93 on variant
//!    keys with the same consonant skeleton, or ≥ 0.96),
//!
//! ties broken by: inside today's Udaipur, then nearest to the block's anchor (the mean
//! of its unambiguous exact matches), then habitation id. A habitation claimed by two
//! GPs goes to the better match; the other GP is placed approximately. GPs left over are
//! placed near the centroid of their block's matched GPs, on a golden-angle spiral (so
//! markers do not stack) kept inside the block area and the district outline.

use std::collections::{BTreeMap, BTreeSet};

use crate::data::{Habitation, PmgsyBlock};
use crate::geo::{self, Area, Point};
use crate::names;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Exact,
    Variant,
    Fuzzy,
    Approximate,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Variant => "variant",
            Method::Fuzzy => "fuzzy",
            Method::Approximate => "approximate",
        }
    }

    /// Matched to a habitation point (stored as `location_exact = 1`).
    pub fn is_matched(self) -> bool {
        self != Method::Approximate
    }
}

/// A GP to place.
#[derive(Clone, Debug)]
pub struct GpRef {
    pub code: u64,
    pub name: String,
    pub block_code: u64,
    pub block_name: String,
}

#[derive(Clone, Debug)]
pub struct Placement {
    pub point: Point,
    pub method: Method,
    /// Index into the habitation slice, for matched GPs.
    pub habitation: Option<usize>,
    /// Jaro-Winkler similarity of the variant keys (1 for exact and variant matches).
    pub score: f64,
}

#[derive(Clone, Debug)]
pub struct BlockArea {
    pub block_code: u64,
    pub block_name: String,
    /// PMGSY block id → number of unambiguous exact matches that fall in it.
    pub votes: BTreeMap<i64, usize>,
    pub pmgsy_ids: BTreeSet<i64>,
    /// How the area was chosen, for the report.
    pub basis: &'static str,
    pub anchor: Point,
}

#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub exact: usize,
    pub variant: usize,
    pub fuzzy: usize,
    pub approximate: usize,
    /// Exact-name matches that had more than one candidate in the block area.
    pub exact_ambiguous: usize,
    /// GPs that lost a habitation to a better-matching GP.
    pub conflicts: usize,
    /// Matched habitations outside today's Udaipur outline (per the PMGSY flag).
    pub matched_outside_district: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.exact + self.variant + self.fuzzy + self.approximate
    }

    /// One-line summary used on stderr and in the SQL header.
    pub fn summary(&self) -> String {
        format!(
            "{} GPs: {} exact, {} fuzzy ({} spelling variant + {} similarity), {} approximate \
             | exact with several candidates {}, habitation conflicts {}, matched outside the OSM outline {}",
            self.total(),
            self.exact,
            self.variant + self.fuzzy,
            self.variant,
            self.fuzzy,
            self.approximate,
            self.exact_ambiguous,
            self.conflicts,
            self.matched_outside_district
        )
    }
}

#[derive(Clone, Debug)]
pub struct MatchResult {
    /// Same order as the input GPs.
    pub placements: Vec<Placement>,
    pub blocks: Vec<BlockArea>,
    pub counts: Counts,
}

/// Share of a block's votes a PMGSY block needs to be part of its area (1/5).
const AREA_VOTE_SHARE_DENOMINATOR: usize = 5;
/// Golden angle: successive spiral points never line up.
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;
/// Spiral spacing for approximate GPs: the k-th sits 1.2·√(k+1) km from the centroid.
const SPIRAL_KM: f64 = 1.2;

pub fn place_gps(
    gps: &[GpRef],
    habs: &[Habitation],
    pmgsy: &[PmgsyBlock],
    district: &Area,
) -> Result<MatchResult, String> {
    let hab_norm: Vec<String> = habs.iter().map(|h| names::normalize(&h.name)).collect();
    let hab_key: Vec<String> = habs.iter().map(|h| names::variant_key(&h.name)).collect();
    let mut by_norm: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, n) in hab_norm.iter().enumerate() {
        by_norm.entry(n.as_str()).or_default().push(i);
    }

    // 1. Votes: GPs whose name matches exactly one habitation anywhere.
    let mut block_names: BTreeMap<u64, &str> = BTreeMap::new();
    let mut votes: BTreeMap<u64, BTreeMap<i64, usize>> = BTreeMap::new();
    let mut unique_hits: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for gp in gps {
        block_names.entry(gp.block_code).or_insert(&gp.block_name);
        votes.entry(gp.block_code).or_default();
        if let Some([only]) = by_norm
            .get(names::normalize(&gp.name).as_str())
            .map(Vec::as_slice)
        {
            *votes
                .get_mut(&gp.block_code)
                .expect("entry made above")
                .entry(habs[*only].pmgsy_block_id)
                .or_default() += 1;
            unique_hits.entry(gp.block_code).or_default().push(*only);
        }
    }

    // 2. Block areas and anchors.
    let mut blocks = Vec::new();
    for (&block_code, block_votes) in &votes {
        let block_name = block_names[&block_code];
        let total: usize = block_votes.values().sum();
        let (pmgsy_ids, basis): (BTreeSet<i64>, &'static str) = if total > 0 {
            let ids = block_votes
                .iter()
                .filter(|(_, &n)| n * AREA_VOTE_SHARE_DENOMINATOR >= total)
                .map(|(&id, _)| id)
                .collect();
            (ids, "votes of exact matches")
        } else {
            let by_name: BTreeSet<i64> = pmgsy
                .iter()
                .filter(|b| names::normalize(&b.name_inferred) == names::normalize(block_name))
                .map(|b| b.id)
                .collect();
            if by_name.is_empty() {
                (
                    pmgsy.iter().map(|b| b.id).collect(),
                    "no votes: whole district",
                )
            } else {
                (by_name, "no votes: PMGSY block of the same name")
            }
        };
        let hits = unique_hits
            .get(&block_code)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let anchor = geo::mean(
            hits.iter()
                .filter(|&&i| pmgsy_ids.contains(&habs[i].pmgsy_block_id))
                .map(|&i| habs[i].point),
        )
        .or_else(|| area_of(pmgsy, &pmgsy_ids).vertex_mean())
        .ok_or_else(|| format!("block {block_code}: no habitation and no polygon to anchor it"))?;
        blocks.push(BlockArea {
            block_code,
            block_name: block_name.to_string(),
            votes: block_votes.clone(),
            pmgsy_ids,
            basis,
            anchor,
        });
    }
    let block_index: BTreeMap<u64, usize> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (b.block_code, i))
        .collect();

    // 3. Match each GP inside its block area.
    let mut counts = Counts::default();
    let mut placements: Vec<Option<Placement>> = Vec::with_capacity(gps.len());
    for gp in gps {
        let block = &blocks[block_index[&gp.block_code]];
        let candidates: Vec<usize> = (0..habs.len())
            .filter(|&i| block.pmgsy_ids.contains(&habs[i].pmgsy_block_id))
            .collect();
        let better = |a: usize, b: usize| -> std::cmp::Ordering {
            // in Udaipur first, then nearest to the anchor, then lowest habitation id
            habs[b]
                .in_udaipur
                .cmp(&habs[a].in_udaipur)
                .then_with(|| {
                    geo::distance_km(habs[a].point, block.anchor)
                        .total_cmp(&geo::distance_km(habs[b].point, block.anchor))
                })
                .then_with(|| habs[a].id.cmp(&habs[b].id))
        };
        let pick = |set: Vec<usize>| set.into_iter().min_by(|&a, &b| better(a, b));

        let norm = names::normalize(&gp.name);
        let key = names::variant_key(&gp.name);
        let exact: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| hab_norm[i] == norm)
            .collect();
        let placement = if !exact.is_empty() {
            if exact.len() > 1 {
                counts.exact_ambiguous += 1;
            }
            pick(exact).map(|i| (i, Method::Exact, 1.0))
        } else {
            let variant: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&i| hab_key[i] == key)
                .collect();
            if !variant.is_empty() {
                pick(variant).map(|i| (i, Method::Variant, 1.0))
            } else {
                let scored: Vec<(usize, f64)> = candidates
                    .iter()
                    .filter_map(|&i| names::fuzzy_score(&key, &hab_key[i]).map(|s| (i, s)))
                    .collect();
                let best = scored.iter().map(|&(_, s)| s).fold(f64::NAN, f64::max);
                let top: Vec<usize> = scored
                    .iter()
                    .filter(|&&(_, s)| s == best)
                    .map(|&(i, _)| i)
                    .collect();
                pick(top).map(|i| (i, Method::Fuzzy, best))
            }
        };
        placements.push(placement.map(|(i, method, score)| Placement {
            point: habs[i].point,
            method,
            habitation: Some(i),
            score,
        }));
    }

    // 4. One habitation, one GP: the better match keeps it.
    let mut claims: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (g, p) in placements.iter().enumerate() {
        if let Some(Placement {
            habitation: Some(h),
            ..
        }) = p
        {
            claims.entry(*h).or_default().push(g);
        }
    }
    for claimants in claims.values().filter(|c| c.len() > 1) {
        let keep = *claimants
            .iter()
            .min_by(|&&a, &&b| {
                let (pa, pb) = (placements[a].as_ref(), placements[b].as_ref());
                let (pa, pb) = (pa.expect("claimed"), pb.expect("claimed"));
                // better method, higher score, then the GP whose block lies nearer
                let near = |g: usize, p: &Placement| {
                    geo::distance_km(p.point, blocks[block_index[&gps[g].block_code]].anchor)
                };
                pa.method
                    .cmp(&pb.method)
                    .then_with(|| pb.score.total_cmp(&pa.score))
                    .then_with(|| near(a, pa).total_cmp(&near(b, pb)))
                    .then_with(|| gps[a].code.cmp(&gps[b].code))
            })
            .expect("non-empty");
        for &g in claimants {
            if g != keep {
                placements[g] = None;
                counts.conflicts += 1;
            }
        }
    }

    // 5. Approximate positions for the rest.
    let mut matched_points: BTreeMap<u64, Vec<Point>> = BTreeMap::new();
    for (gp, p) in gps.iter().zip(&placements) {
        if let Some(p) = p {
            matched_points
                .entry(gp.block_code)
                .or_default()
                .push(p.point);
        }
    }
    let mut spiral_index: BTreeMap<u64, usize> = BTreeMap::new();
    let mut order: Vec<usize> = (0..gps.len()).collect();
    order.sort_by_key(|&g| (gps[g].block_code, gps[g].code));
    for g in order {
        if placements[g].is_some() {
            continue;
        }
        let gp = &gps[g];
        let block = &blocks[block_index[&gp.block_code]];
        let centre = matched_points
            .get(&gp.block_code)
            .and_then(|pts| geo::mean(pts.iter().copied()))
            .unwrap_or(block.anchor);
        let k = spiral_index.entry(gp.block_code).or_default();
        let area = area_of(pmgsy, &block.pmgsy_ids);
        let point = spiral_point(centre, *k, gp.block_code, |p| {
            area.contains(p) && district.contains(p)
        });
        *k += 1;
        placements[g] = Some(Placement {
            point,
            method: Method::Approximate,
            habitation: None,
            score: 0.0,
        });
    }

    let placements: Vec<Placement> = placements
        .into_iter()
        .map(|p| p.expect("every GP placed"))
        .collect();
    for p in &placements {
        match p.method {
            Method::Exact => counts.exact += 1,
            Method::Variant => counts.variant += 1,
            Method::Fuzzy => counts.fuzzy += 1,
            Method::Approximate => counts.approximate += 1,
        }
        if let Some(h) = p.habitation {
            if !habs[h].in_udaipur {
                counts.matched_outside_district += 1;
            }
        }
    }
    Ok(MatchResult {
        placements,
        blocks,
        counts,
    })
}

fn area_of(pmgsy: &[PmgsyBlock], ids: &BTreeSet<i64>) -> Area {
    let mut area = Area::default();
    for b in pmgsy.iter().filter(|b| ids.contains(&b.id)) {
        area.extend(&b.area);
    }
    area
}

/// The k-th point of a golden-angle spiral around `centre`, pulled in (halving the
/// radius up to four times) until `accept` holds; the centre itself as a last resort.
fn spiral_point(centre: Point, k: usize, salt: u64, accept: impl Fn(Point) -> bool) -> Point {
    let phase = (salt % 360) as f64 * std::f64::consts::PI / 180.0;
    let angle = phase + k as f64 * GOLDEN_ANGLE;
    let mut radius = SPIRAL_KM * ((k + 1) as f64).sqrt();
    for _ in 0..5 {
        let p = geo::polar_offset_km(centre, radius, angle);
        if accept(p) {
            return p;
        }
        radius /= 2.0;
    }
    centre
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;

    fn udaipur_result() -> (Vec<GpRef>, Vec<Habitation>, MatchResult) {
        let dir = data::tests::data_dir();
        let gps: Vec<GpRef> = data::udaipur_gps(&dir)
            .unwrap()
            .into_iter()
            .filter(|r| r.district_after_2023_split == "Udaipur")
            .map(|r| GpRef {
                code: r.gp_lgd_code.parse().unwrap(),
                name: r.gp_name,
                block_code: r.block_lgd_code.parse().unwrap(),
                block_name: r.block_name,
            })
            .collect();
        let habs = data::habitations(&dir).unwrap();
        let pmgsy = data::pmgsy_blocks(&dir).unwrap();
        let outline = data::district_outline(&dir, "Udaipur").unwrap();
        let result = place_gps(&gps, &habs, &pmgsy, &outline).unwrap();
        (gps, habs, result)
    }

    fn placement_of<'a>(
        gps: &[GpRef],
        habs: &'a [Habitation],
        r: &'a MatchResult,
        name: &str,
        block: &str,
    ) -> (&'a Placement, Option<&'a str>) {
        let i = gps
            .iter()
            .position(|g| g.name == name && g.block_name == block)
            .unwrap_or_else(|| panic!("{name} in {block}"));
        let p = &r.placements[i];
        (p, p.habitation.map(|h| habs[h].name.as_str()))
    }

    #[test]
    fn known_gps_are_matched_as_expected() {
        let (gps, habs, r) = udaipur_result();
        let check = |name: &str, block: &str, method: Method, hab: Option<&str>| {
            let (p, h) = placement_of(&gps, &habs, &r, name, block);
            assert_eq!((p.method, h), (method, hab), "{name} ({block})");
        };
        check("Alsigarh", "Girwa", Method::Exact, Some("Alsigarh"));
        check("Bedwas", "Girwa", Method::Exact, Some("Bedwas Rural"));
        check(
            "Bhopa Kheda",
            "Bhinder",
            Method::Variant,
            Some("Bhopa Khera"),
        );
        check("Chanavada", "Girwa", Method::Variant, Some("Chanawada"));
        check(
            "Mohammad Falasiya",
            "Jhadol",
            Method::Variant,
            Some("Mohammad Phalasiya"),
        );
        check("Kurabad", "Kurabad", Method::Fuzzy, Some("Kurawar"));
        check("Pograkala", "Kherwara", Method::Fuzzy, Some("Pograkalan"));
        // No habitation of that name: the block HQ towns are not PMGSY habitations.
        check("Gogunda", "Gogunda", Method::Approximate, None);
        check("Rishabhdeo", "Rishbhdeo", Method::Approximate, None);
        // Similar but different consonants: left approximate rather than guessed.
        check("Gadawan", "Rishbhdeo", Method::Approximate, None);
    }

    #[test]
    fn block_areas_follow_the_votes() {
        let (_, _, r) = udaipur_result();
        let area = |name: &str| {
            r.blocks
                .iter()
                .find(|b| b.block_name == name)
                .unwrap()
                .pmgsy_ids
                .iter()
                .copied()
                .collect::<Vec<_>>()
        };
        assert_eq!(r.blocks.len(), 16);
        assert_eq!(area("Girwa"), [1959]);
        assert_eq!(area("Kurabad"), [1959], "carved out of Girwa");
        assert_eq!(area("Bhinder"), [859], "carved out of Vallabhnagar");
        assert_eq!(area("Rishbhdeo"), [3001], "carved out of Kherwara");
        assert!(r.blocks.iter().all(|b| b.pmgsy_ids.len() == 1));
    }

    #[test]
    fn every_gp_is_placed_inside_udaipur() {
        let (gps, _, r) = udaipur_result();
        let outline = data::district_outline(&data::tests::data_dir(), "Udaipur").unwrap();
        assert_eq!(r.placements.len(), 481);
        assert_eq!(r.counts.total(), 481);
        // The README's 391 exact matches are over all 638 GPs and the whole district.
        assert!(r.counts.exact >= 280, "{}", r.counts.summary());
        assert!(r.counts.approximate <= 60, "{}", r.counts.summary());
        for (gp, p) in gps.iter().zip(&r.placements) {
            if p.method == Method::Approximate {
                assert!(outline.contains(p.point), "{} at {:?}", gp.name, p.point);
            }
        }
        // No two GPs share a point.
        let mut seen = BTreeSet::new();
        for p in &r.placements {
            assert!(seen.insert((p.point[0].to_bits(), p.point[1].to_bits())));
        }
    }
}
