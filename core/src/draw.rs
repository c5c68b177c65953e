//! The daily draw: every morning, for each district and each monitoring level (nodal
//! officer, collector), one gram panchayat group and one ward group are chosen for a
//! deadline-bound check.
//!
//! Fairness works in rounds, per district and pool (GP groups, ward groups): a group that
//! has not been checked in the current round is *waiting*; the draw takes one waiting
//! group, and when no eligible group is waiting any more a new round starts. So every
//! eligible group has its turn before any group has a second one. Inside a round the
//! draw prefers waiting groups not checked in the last `window_days` (the ones checked
//! at the end of the previous round wait a little longer); only when every waiting group
//! was checked inside the window does it take the one checked longest ago. Which waiting
//! group is taken is random, so an admin cannot tell when their turn comes.
//!
//! Reproducible: the random choice is a ChaCha20 stream (crate `rand_chacha`: portable,
//! value-stable across platforms and versions, tested against reference vectors) keyed by
//! SHA-256 of (district, IST day, level, pool, recorded seed). The same inputs and seed
//! give the same picks natively and in the worker's wasm. The index is drawn by
//! rejection sampling over `next_u64` (unbiased, written out here so no change in a
//! distribution helper of `rand` can change past draws). Candidates are sorted by id
//! first, so the order the database returns them in does not matter.

use chrono::NaiveDate;
use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

use crate::api::GroupKind;

/// No group is checked twice inside this many days unless every eligible group of its
/// pool has had its turn.
pub const DEFAULT_WINDOW_DAYS: u32 = 30;

/// Who the check is drawn for.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    NodalOfficer,
    Collector,
}

impl Level {
    /// In the order the draw runs them on a day: the nodal officer's picks are history
    /// for the collector's, so the two get different groups whenever the pool has more
    /// than one eligible group.
    pub const ALL: [Level; 2] = [Level::NodalOfficer, Level::Collector];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::NodalOfficer => "nodal_officer",
            Level::Collector => "collector",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == text)
    }
}

pub const POOLS: [GroupKind; 2] = [GroupKind::GramPanchayat, GroupKind::Ward];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DrawConfig {
    pub window_days: u32,
}

impl Default for DrawConfig {
    fn default() -> Self {
        DrawConfig {
            window_days: DEFAULT_WINDOW_DAYS,
        }
    }
}

/// A group's most recent check before the draw (at any level).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastCheck {
    pub day: NaiveDate,
    /// The round of its pool the check belonged to (1, 2, …).
    pub round: u32,
}

/// What the draw needs to know about one group of the district.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub group_id: String,
    pub kind: GroupKind,
    /// First day the group can be checked: the later of the unit's `valid_from` and the
    /// day the group was created.
    pub open_from: NaiveDate,
    /// Last day it can be checked: the earlier of the unit's `valid_to` and the day
    /// before the group was closed; `None` while both are open.
    pub open_to: Option<NaiveDate>,
    /// An open assignment exists: someone can be asked for a screenshot.
    pub has_active_admin: bool,
    pub last_check: Option<PastCheck>,
}

/// Why a group cannot be drawn on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ineligible {
    NotYetOpen,
    Closed,
    NoActiveAdmin,
}

impl Candidate {
    pub fn eligibility(&self, day: NaiveDate) -> Result<(), Ineligible> {
        if day < self.open_from {
            Err(Ineligible::NotYetOpen)
        } else if self.open_to.is_some_and(|to| day > to) {
            Err(Ineligible::Closed)
        } else if !self.has_active_admin {
            Err(Ineligible::NoActiveAdmin)
        } else {
            Ok(())
        }
    }
}

/// Which rule chose the group.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Waiting in this round and not checked inside the window: drawn at random.
    WaitingOutsideWindow,
    /// Every waiting group was checked inside the window: the one checked longest ago.
    LongestWaiting,
}

/// Why a group was picked, recorded with the check and shown to officers.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub rule: Rule,
    pub round: u32,
    /// Eligible groups in the pool that day.
    pub eligible: u32,
    /// Of those, not yet checked in this round.
    pub waiting: u32,
    /// The group drawn from, by `rule`.
    pub drawn_from: u32,
    pub window_days: u32,
    /// The group's previous check, if any.
    pub last_checked: Option<NaiveDate>,
}

impl Reason {
    pub fn text_en(&self) -> String {
        let last = match self.last_checked {
            Some(day) => format!("last checked {day}"),
            None => "never checked before".to_owned(),
        };
        match self.rule {
            Rule::WaitingOutsideWindow => format!(
                "Not yet checked in round {} and not in the last {} days ({last}); drawn at random from {} such groups ({} of {} eligible groups still waiting).",
                self.round, self.window_days, self.drawn_from, self.waiting, self.eligible
            ),
            Rule::LongestWaiting => format!(
                "Every group still waiting in round {} was checked in the last {} days; this one waited longest ({last}), chosen from {}.",
                self.round, self.window_days, self.drawn_from
            ),
        }
    }

    pub fn text_hi(&self) -> String {
        let last = match self.last_checked {
            Some(day) => format!("पिछली जाँच {day}"),
            None => "पहले कभी जाँच नहीं हुई".to_owned(),
        };
        match self.rule {
            Rule::WaitingOutsideWindow => format!(
                "दौर {} में अभी तक जाँच नहीं हुई और पिछले {} दिनों में भी नहीं ({last}); ऐसे {} समूहों में से यादृच्छिक रूप से चुना गया ({} पात्र समूहों में से {} की बारी बाकी)।",
                self.round, self.window_days, self.drawn_from, self.eligible, self.waiting
            ),
            Rule::LongestWaiting => format!(
                "दौर {} में बारी की प्रतीक्षा कर रहे सभी समूहों की पिछले {} दिनों में जाँच हो चुकी थी; इस समूह ने सबसे लंबी प्रतीक्षा की ({last}), {} में से चुना गया।",
                self.round, self.window_days, self.drawn_from
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    pub group_id: String,
    pub kind: GroupKind,
    pub level: Level,
    pub reason: Reason,
}

/// Groups left out of a pool on a day, by cause (recorded with the draw).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub not_yet_open: u32,
    pub closed: u32,
    pub no_active_admin: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelDraw {
    pub level: Level,
    pub seed: u64,
    /// At most one per pool; a pool with no eligible group gives none.
    pub picks: Vec<Pick>,
}

/// The random stream for one pool of one level's draw.
fn stream(
    district_id: &str,
    day: NaiveDate,
    level: Level,
    kind: GroupKind,
    seed: u64,
) -> ChaCha20Rng {
    let key = Sha256::digest(
        format!(
            "prasar-draw/v1\0{district_id}\0{day}\0{}\0{}\0{seed:016x}",
            level.as_str(),
            kind.as_str()
        )
        .as_bytes(),
    );
    ChaCha20Rng::from_seed(key.into())
}

/// Unbiased index in `0..n` (n > 0): rejection sampling as in OpenBSD's
/// `arc4random_uniform`, throwing away the `2^64 mod n` lowest values.
fn uniform_index(rng: &mut ChaCha20Rng, n: usize) -> usize {
    let n = n as u64;
    let threshold = n.wrapping_neg() % n;
    loop {
        let x = rng.next_u64();
        if x >= threshold {
            return (x % n) as usize;
        }
    }
}

/// Counts of ineligible groups per pool on `day`.
pub fn skipped(candidates: &[Candidate], kind: GroupKind, day: NaiveDate) -> Skipped {
    let mut s = Skipped::default();
    for c in candidates.iter().filter(|c| c.kind == kind) {
        match c.eligibility(day) {
            Ok(()) => {}
            Err(Ineligible::NotYetOpen) => s.not_yet_open += 1,
            Err(Ineligible::Closed) => s.closed += 1,
            Err(Ineligible::NoActiveAdmin) => s.no_active_admin += 1,
        }
    }
    s
}

/// One pick from one pool, or `None` when no group of the pool is eligible.
pub fn draw_pool(
    district_id: &str,
    day: NaiveDate,
    level: Level,
    kind: GroupKind,
    seed: u64,
    config: DrawConfig,
    candidates: &[Candidate],
) -> Option<Pick> {
    let mut pool: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.kind == kind && c.eligibility(day).is_ok())
        .collect();
    if pool.is_empty() {
        return None;
    }
    pool.sort_by(|a, b| a.group_id.cmp(&b.group_id));
    // The current round is the newest any group of the pool (eligible or not) was in.
    let mut round = candidates
        .iter()
        .filter(|c| c.kind == kind)
        .filter_map(|c| c.last_check.map(|p| p.round))
        .max()
        .unwrap_or(1)
        .max(1);
    let done = |c: &&Candidate, round: u32| c.last_check.is_some_and(|p| p.round >= round);
    let mut waiting: Vec<&Candidate> = pool.iter().copied().filter(|c| !done(c, round)).collect();
    if waiting.is_empty() {
        round += 1;
        waiting = pool.clone();
    }
    // Days since the last check; `window_days` or more is outside the window.
    let in_window = |c: &Candidate| {
        c.last_check
            .is_some_and(|p| (day - p.day).num_days() < i64::from(config.window_days))
    };
    let outside: Vec<&Candidate> = waiting.iter().copied().filter(|c| !in_window(c)).collect();
    let (rule, from) = if outside.is_empty() {
        let oldest = waiting
            .iter()
            .filter_map(|c| c.last_check.map(|p| p.day))
            .min()
            .expect("every waiting group is inside the window, so it has a check");
        let longest: Vec<&Candidate> = waiting
            .iter()
            .copied()
            .filter(|c| c.last_check.map(|p| p.day) == Some(oldest))
            .collect();
        (Rule::LongestWaiting, longest)
    } else {
        (Rule::WaitingOutsideWindow, outside)
    };
    let mut rng = stream(district_id, day, level, kind, seed);
    let chosen = from[uniform_index(&mut rng, from.len())];
    Some(Pick {
        group_id: chosen.group_id.clone(),
        kind,
        level,
        reason: Reason {
            rule,
            round,
            eligible: pool.len() as u32,
            waiting: waiting.len() as u32,
            drawn_from: from.len() as u32,
            window_days: config.window_days,
            last_checked: chosen.last_check.map(|p| p.day),
        },
    })
}

/// The whole day for a district: every level in [`Level::ALL`] order, one pick per
/// pool. `seeds` gives each level's recorded seed. Each pick becomes history for the
/// next, so one group is never drawn twice on a day.
pub fn draw_day(
    district_id: &str,
    day: NaiveDate,
    seeds: &[(Level, u64)],
    config: DrawConfig,
    candidates: &[Candidate],
) -> Vec<LevelDraw> {
    let mut candidates = candidates.to_vec();
    let mut out = Vec::new();
    for level in Level::ALL {
        let Some(&(_, seed)) = seeds.iter().find(|(l, _)| *l == level) else {
            continue;
        };
        let mut picks = Vec::new();
        for kind in POOLS {
            if let Some(pick) = draw_pool(district_id, day, level, kind, seed, config, &candidates)
            {
                if let Some(c) = candidates.iter_mut().find(|c| c.group_id == pick.group_id) {
                    c.last_check = Some(PastCheck {
                        day,
                        round: pick.reason.round,
                    });
                }
                picks.push(pick);
            }
        }
        out.push(LevelDraw { level, seed, picks });
    }
    out
}

// ---- Checking fairness over a simulated period --------------------------------------

/// One simulated morning: the groups eligible that day and what was drawn.
#[derive(Clone, Debug)]
pub struct SimulatedDay {
    pub day: NaiveDate,
    pub eligible: BTreeSet<String>,
    pub picks: Vec<Pick>,
}

/// Runs `days` daily draws from `start`, feeding each day's picks back as history (as
/// the worker does through its checks table). `change` runs every morning before the
/// draw, to close units or remove admins; `seed_of` plays the recorded seeds.
pub fn simulate(
    district_id: &str,
    candidates: &mut [Candidate],
    start: NaiveDate,
    days: u32,
    config: DrawConfig,
    seed_of: impl Fn(NaiveDate, Level) -> u64,
    mut change: impl FnMut(NaiveDate, &mut [Candidate]),
) -> Vec<SimulatedDay> {
    let mut log = Vec::new();
    for offset in 0..days {
        let day = start + chrono::Days::new(u64::from(offset));
        change(day, candidates);
        let eligible = candidates
            .iter()
            .filter(|c| c.eligibility(day).is_ok())
            .map(|c| c.group_id.clone())
            .collect();
        let seeds: Vec<(Level, u64)> = Level::ALL.iter().map(|&l| (l, seed_of(day, l))).collect();
        let picks: Vec<Pick> = draw_day(district_id, day, &seeds, config, candidates)
            .into_iter()
            .flat_map(|l| l.picks)
            .collect();
        for p in &picks {
            if let Some(c) = candidates.iter_mut().find(|c| c.group_id == p.group_id) {
                c.last_check = Some(PastCheck {
                    day,
                    round: p.reason.round,
                });
            }
        }
        log.push(SimulatedDay {
            day,
            eligible,
            picks,
        });
    }
    log
}

/// What [`check_fairness`] measured.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FairnessReport {
    pub picks: usize,
    /// Groups eligible on at least one day, and of those, groups picked at least once.
    pub eligible_groups: usize,
    pub picked_groups: usize,
    /// Picks of a group inside the window of its previous pick (allowed only once every
    /// other eligible group had its turn since then).
    pub repeats_inside_window: usize,
    /// Longest run of days between two picks of one group.
    pub longest_gap_days: i64,
}

/// Checks the draw's promises on a simulation log:
/// 1. every pick is of a group eligible that day, and no group twice on one day;
/// 2. a group picked again inside the window only when no other eligible group of its
///    pool had been waiting since before its previous pick ("while others wait");
/// 3. every stretch of at least `cover_days` consecutive eligible days contains a pick.
///
/// `kinds` maps every group id to its pool.
pub fn check_fairness(
    log: &[SimulatedDay],
    kinds: &BTreeMap<String, GroupKind>,
    config: DrawConfig,
    cover_days: usize,
) -> Result<FairnessReport, String> {
    let mut report = FairnessReport::default();
    let mut last: BTreeMap<&str, NaiveDate> = BTreeMap::new();
    // Start (index into log) of each group's current stretch of eligibility, and whether
    // it was picked in that stretch.
    let mut stretch: BTreeMap<&str, (usize, bool)> = BTreeMap::new();
    let mut ever_eligible: BTreeSet<&str> = BTreeSet::new();
    let mut ever_picked: BTreeSet<&str> = BTreeSet::new();
    let close_stretch = |g: &str, (from, picked): (usize, bool), to: usize| {
        if to - from >= cover_days && !picked {
            Err(format!(
                "{g} was eligible for {} days in a row and never picked",
                to - from
            ))
        } else {
            Ok(())
        }
    };
    for (i, day) in log.iter().enumerate() {
        let ended: Vec<&str> = stretch
            .keys()
            .copied()
            .filter(|g| !day.eligible.contains(*g))
            .collect();
        for g in ended {
            close_stretch(g, stretch.remove(g).expect("listed"), i)?;
        }
        for g in &day.eligible {
            stretch.entry(g.as_str()).or_insert((i, false));
            ever_eligible.insert(g.as_str());
        }
        let mut today: BTreeSet<&str> = BTreeSet::new();
        for p in &day.picks {
            let g = p.group_id.as_str();
            if !day.eligible.contains(g) {
                return Err(format!("{}: {g} picked but not eligible", day.day));
            }
            if !today.insert(g) {
                return Err(format!("{}: {g} picked twice in one day", day.day));
            }
            if let Some(prev) = last.get(g).copied() {
                report.longest_gap_days = report.longest_gap_days.max((day.day - prev).num_days());
                if (day.day - prev).num_days() < i64::from(config.window_days) {
                    report.repeats_inside_window += 1;
                    let waiting = day.eligible.iter().find(|h| {
                        h.as_str() != g
                            && kinds.get(h.as_str()) == Some(&p.kind)
                            && last.get(h.as_str()).is_none_or(|lh| *lh < prev)
                    });
                    if let Some(h) = waiting {
                        return Err(format!(
                            "{}: {g} picked again (previous {prev}) while {h} waited (last {:?})",
                            day.day,
                            last.get(h.as_str())
                        ));
                    }
                }
            }
            last.insert(g, day.day);
            ever_picked.insert(g);
            if let Some(s) = stretch.get_mut(g) {
                s.1 = true;
            }
            report.picks += 1;
        }
    }
    for (g, s) in stretch {
        close_stretch(g, s, log.len())?;
    }
    report.eligible_groups = ever_eligible.len();
    report.picked_groups = ever_picked.len();
    Ok(report)
}

#[cfg(test)]
mod tests;
