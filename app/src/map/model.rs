//! What the map shows, outside the reactive system: a state has 25,000 markers, and a
//! signal per marker would cost more than drawing them.

use std::collections::HashMap;

use prasar_core::api::{MapParent, MapStatus, MapUnits};
use prasar_core::map::geo::{dequantise, MapOutlines, OutlineLayer};
use prasar_core::map::status::{count_statuses, day_status, DayStatus, GroupDayFacts};
use prasar_core::map::view::{project, Bounds, Grid, Viewport};

pub struct Marker {
    pub id: String,
    pub parent: Option<usize>,
    pub name_en: String,
    pub name_hi: String,
    /// World coordinates; `None` without a recorded location (counted, not drawn).
    pub at: Option<(f64, f64)>,
    pub exact: bool,
    pub status: DayStatus,
    /// Drawn for a check today.
    pub checked: bool,
}

/// One outline ring in world coordinates (flat x, y pairs).
pub struct Ring {
    pub layer: OutlineLayer,
    pub points: Vec<f64>,
}

pub struct Model {
    pub markers: Vec<Marker>,
    pub parents: Vec<MapParent>,
    /// Where each parent's name is written: the middle of its markers.
    pub parent_centres: Vec<Option<(f64, f64)>>,
    grid: Option<Grid>,
    /// Marker index of each grid point.
    grid_ids: Vec<usize>,
    facts: HashMap<String, GroupDayFacts>,
    pub etag: Option<String>,
    /// Server clock minus ours, from the last status (for deadlines).
    pub clock_offset_ms: f64,
    pub filter_parent: Option<usize>,
    pub filter_status: [bool; 6],
    pub view: Viewport,
    pub rings: Vec<Ring>,
    pub attributions: Vec<String>,
    pub selected: Option<usize>,
    /// Markers drawn by the benchmark hook instead of the real ones, while it runs.
    pub synthetic: Option<Vec<Marker>>,
    /// Set when a background tile layer is configured.
    pub tile_attribution: Option<String>,
    pub tiles: HashMap<(u32, u32, u32), web_sys::HtmlImageElement>,
    /// Called when a tile has loaded (redraws).
    pub on_tile: Option<js_sys::Function>,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            markers: Vec::new(),
            parents: Vec::new(),
            parent_centres: Vec::new(),
            grid: None,
            grid_ids: Vec::new(),
            facts: HashMap::new(),
            etag: None,
            clock_offset_ms: 0.0,
            filter_parent: None,
            filter_status: [true; 6],
            view: Viewport {
                scale: 1.0,
                tx: 0.0,
                ty: 0.0,
            },
            rings: Vec::new(),
            attributions: Vec::new(),
            selected: None,
            synthetic: None,
            tile_attribution: None,
            tiles: HashMap::new(),
            on_tile: None,
        }
    }
}

impl Model {
    pub fn set_units(&mut self, units: MapUnits) {
        let index: HashMap<&str, usize> = units
            .parents
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let selected_id = self.selected.map(|i| self.markers[i].id.clone());
        self.markers = units
            .units
            .iter()
            .map(|u| Marker {
                id: u.id().to_owned(),
                parent: index.get(u.parent_id()).copied(),
                name_en: u.name_en().to_owned(),
                name_hi: u.name_hi().to_owned(),
                at: u.location().map(|(lon, lat)| project(lon, lat)),
                exact: u.exact(),
                status: DayStatus::NotSubmitted,
                checked: false,
            })
            .collect();
        let mut sums = vec![(0.0, 0.0, 0u32); units.parents.len()];
        for m in &self.markers {
            if let (Some(p), Some((x, y))) = (m.parent, m.at) {
                sums[p].0 += x;
                sums[p].1 += y;
                sums[p].2 += 1;
            }
        }
        self.parent_centres = sums
            .into_iter()
            .map(|(x, y, n)| (n > 0).then(|| (x / f64::from(n), y / f64::from(n))))
            .collect();
        self.parents = units.parents;
        self.grid_ids = (0..self.markers.len())
            .filter(|&i| self.markers[i].at.is_some())
            .collect();
        let points: Vec<(f64, f64)> = self
            .grid_ids
            .iter()
            .filter_map(|&i| self.markers[i].at)
            .collect();
        self.grid = Some(Grid::build(&points, 4));
        self.selected = selected_id.and_then(|id| self.markers.iter().position(|m| m.id == id));
        self.recompute(js_sys::Date::now());
    }

    pub fn set_outlines(&mut self, outlines: MapOutlines) {
        self.rings.clear();
        self.attributions.clear();
        self.tile_attribution = outlines.tile_attribution.clone();
        if let Some(a) = &outlines.tile_attribution {
            self.attributions.push(a.clone());
        }
        for layer in outlines.layers {
            if !layer.attribution.is_empty() {
                self.attributions.push(layer.attribution.clone());
            }
            for feature in layer.features {
                for ring in feature.rings {
                    let points = dequantise(&ring)
                        .flat_map(|(lon, lat)| {
                            let (x, y) = project(lon, lat);
                            [x, y]
                        })
                        .collect();
                    self.rings.push(Ring {
                        layer: layer.layer,
                        points,
                    });
                }
            }
        }
    }

    /// The status answer replaces the facts; statuses follow at the corrected clock.
    pub fn apply_status(&mut self, status: MapStatus, local_now: f64) {
        self.clock_offset_ms = status.now_ms as f64 - local_now;
        self.facts = status
            .facts()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        self.etag = Some(status.version.clone());
        self.recompute(local_now);
    }

    /// Derives every marker's status at `local_now` (corrected by the server's clock);
    /// true when any changed.
    pub fn recompute(&mut self, local_now: f64) -> bool {
        let now = (local_now + self.clock_offset_ms) as i64;
        let default = GroupDayFacts {
            has_admin: true,
            ..GroupDayFacts::default()
        };
        let mut changed = false;
        for m in &mut self.markers {
            let facts = self.facts.get(&m.id).copied().unwrap_or(default);
            let status = day_status(&facts, now);
            let checked = facts.check_deadline_ms.is_some();
            changed |= status != m.status || checked != m.checked;
            m.status = status;
            m.checked = checked;
        }
        changed
    }

    pub fn in_area(&self, m: &Marker) -> bool {
        self.filter_parent.is_none() || m.parent == self.filter_parent
    }

    pub fn shown(&self, m: &Marker) -> bool {
        self.in_area(m) && self.filter_status[m.status.index()]
    }

    /// Per status, in the chosen area (whatever the status filter), with the number
    /// drawn for a check, the approximate ones and those without a location.
    pub fn counts(&self) -> ([u32; 6], u32, u32, u32) {
        let area: Vec<&Marker> = self.markers.iter().filter(|m| self.in_area(m)).collect();
        (
            count_statuses(area.iter().map(|m| m.status)),
            area.iter().filter(|m| m.checked).count() as u32,
            area.iter().filter(|m| m.at.is_some() && !m.exact).count() as u32,
            area.iter().filter(|m| m.at.is_none()).count() as u32,
        )
    }

    /// The world rectangle of the chosen area's markers (or of the outlines).
    pub fn home(&self) -> Option<Bounds> {
        let markers = Bounds::of(
            self.markers
                .iter()
                .filter(|m| self.in_area(m))
                .filter_map(|m| m.at),
        );
        if self.filter_parent.is_some() {
            return markers;
        }
        let outline = Bounds::of(
            self.rings
                .iter()
                .filter(|r| r.layer == OutlineLayer::District)
                .flat_map(|r| r.points.chunks_exact(2).map(|c| (c[0], c[1]))),
        );
        match (outline, markers) {
            (Some(a), Some(b)) => Some(Bounds {
                min_x: a.min_x.min(b.min_x),
                min_y: a.min_y.min(b.min_y),
                max_x: a.max_x.max(b.max_x),
                max_y: a.max_y.max(b.max_y),
            }),
            (a, b) => a.or(b),
        }
    }

    /// The shown marker nearest to screen point (sx, sy), within a finger's reach.
    pub fn hit(&self, sx: f64, sy: f64) -> Option<usize> {
        let grid = self.grid.as_ref()?;
        let (wx, wy) = self.view.to_world(sx, sy);
        let reach = (self.view.marker_radius() + 8.0) / self.view.scale;
        grid.nearest(wx, wy, reach, |g| {
            self.shown(&self.markers[self.grid_ids[g]])
        })
        .map(|g| self.grid_ids[g])
    }
}
