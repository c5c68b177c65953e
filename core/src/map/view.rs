//! The map's plane: Web Mercator world coordinates in `[0, 1]` (so an optional tile layer
//! lines up), a viewport of scale and offset, and a uniform grid over the markers for
//! hit testing. Pure, so the renderer in the app stays a thin drawing loop.

use std::f64::consts::PI;

/// Web Mercator of lon/lat into `[0, 1]²`, y growing southwards like screen pixels.
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-85.051_128, 85.051_128).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0;
    (x, y)
}

/// A rectangle in world coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl Bounds {
    pub fn of(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Bounds> {
        let mut it = points.into_iter();
        let (x, y) = it.next()?;
        let mut b = Bounds {
            min_x: x,
            min_y: y,
            max_x: x,
            max_y: y,
        };
        for (x, y) in it {
            b.min_x = b.min_x.min(x);
            b.min_y = b.min_y.min(y);
            b.max_x = b.max_x.max(x);
            b.max_y = b.max_y.max(y);
        }
        Some(b)
    }

    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }
}

/// Screen = world × scale + offset (CSS pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub scale: f64,
    pub tx: f64,
    pub ty: f64,
}

/// Closest zoom allowed: about 2 m per pixel.
pub const MAX_SCALE: f64 = 2.0e7;
/// Widest: all of India and more in a phone's width.
pub const MIN_SCALE: f64 = 200.0;

impl Viewport {
    /// Fits `bounds` into a `width`×`height` screen with `margin` pixels on each side.
    pub fn fit(bounds: Bounds, width: f64, height: f64, margin: f64) -> Viewport {
        let w = (width - 2.0 * margin).max(1.0);
        let h = (height - 2.0 * margin).max(1.0);
        let bw = bounds.width().max(1e-7);
        let bh = bounds.height().max(1e-7);
        let scale = (w / bw).min(h / bh).clamp(MIN_SCALE, MAX_SCALE);
        let cx = (bounds.min_x + bounds.max_x) / 2.0;
        let cy = (bounds.min_y + bounds.max_y) / 2.0;
        Viewport {
            scale,
            tx: width / 2.0 - cx * scale,
            ty: height / 2.0 - cy * scale,
        }
    }

    pub fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        (x * self.scale + self.tx, y * self.scale + self.ty)
    }

    pub fn to_world(&self, sx: f64, sy: f64) -> (f64, f64) {
        ((sx - self.tx) / self.scale, (sy - self.ty) / self.scale)
    }

    /// Zooms by `factor` keeping the world point under screen point (sx, sy) in place.
    pub fn zoom_at(&self, sx: f64, sy: f64, factor: f64) -> Viewport {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let (wx, wy) = self.to_world(sx, sy);
        Viewport {
            scale,
            tx: sx - wx * scale,
            ty: sy - wy * scale,
        }
    }

    pub fn pan(&self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            scale: self.scale,
            tx: self.tx + dx,
            ty: self.ty + dy,
        }
    }

    /// The world rectangle a `width`×`height` screen shows.
    pub fn visible(&self, width: f64, height: f64) -> Bounds {
        let (min_x, min_y) = self.to_world(0.0, 0.0);
        let (max_x, max_y) = self.to_world(width, height);
        Bounds {
            min_x,
            min_y,
            max_x,
            max_y,
        }
    }

    /// Marker radius in pixels: small when a whole state is in view, larger close up.
    pub fn marker_radius(&self) -> f64 {
        // scale ≈ 2e4 shows a state, 2e5 a district, 2e6 a block.
        (1.5 + (self.scale / 2.0e4).max(1.0).log2() * 1.1).clamp(1.5, 9.0)
    }
}

/// Side of a background tile in pixels (Web Mercator tiles, as OpenStreetMap's).
pub const TILE_PX: f64 = 256.0;

/// The tile zoom whose tiles show closest to their own size at `scale`.
pub fn tile_zoom(scale: f64) -> u32 {
    (scale / TILE_PX).log2().round().clamp(0.0, 19.0) as u32
}

/// The tiles (z, x, y) covering what a `width`×`height` screen shows, at most `max`.
pub fn visible_tiles(v: &Viewport, width: f64, height: f64, max: usize) -> Vec<(u32, u32, u32)> {
    let z = tile_zoom(v.scale);
    let n = f64::from(1u32 << z);
    let b = v.visible(width, height);
    let range = |lo: f64, hi: f64| {
        let a = (lo * n).floor().clamp(0.0, n - 1.0) as u32;
        let b = (hi * n).floor().clamp(0.0, n - 1.0) as u32;
        a..=b
    };
    let mut out = Vec::new();
    for y in range(b.min_y, b.max_y) {
        for x in range(b.min_x, b.max_x) {
            if out.len() == max {
                return out;
            }
            out.push((z, x, y));
        }
    }
    out
}

/// A uniform grid of marker indices in world coordinates: a click looks at the few
/// cells around it instead of every marker.
#[derive(Clone, Debug)]
pub struct Grid {
    origin: (f64, f64),
    cell: f64,
    cols: usize,
    rows: usize,
    /// Per cell, the first index into `items` (prefix sums; `cols * rows + 1` entries).
    starts: Vec<u32>,
    items: Vec<u32>,
    points: Vec<(f64, f64)>,
}

impl Grid {
    /// About `per_cell` points per cell on average.
    pub fn build(points: &[(f64, f64)], per_cell: usize) -> Grid {
        let bounds = Bounds::of(points.iter().copied()).unwrap_or(Bounds {
            min_x: 0.0,
            min_y: 0.0,
            max_x: 1.0,
            max_y: 1.0,
        });
        let n = points.len().max(1);
        let area = bounds.width().max(1e-9) * bounds.height().max(1e-9);
        let cell = (area * per_cell.max(1) as f64 / n as f64).sqrt().max(1e-9);
        let cols = ((bounds.width() / cell) as usize + 1).min(4096);
        let rows = ((bounds.height() / cell) as usize + 1).min(4096);
        let cell = cell
            .max(bounds.width() / cols as f64)
            .max(bounds.height() / rows as f64);
        let mut grid = Grid {
            origin: (bounds.min_x, bounds.min_y),
            cell,
            cols,
            rows,
            starts: vec![0; cols * rows + 1],
            items: vec![0; points.len()],
            points: points.to_vec(),
        };
        let cells: Vec<usize> = points.iter().map(|&(x, y)| grid.cell_of(x, y)).collect();
        for &c in &cells {
            grid.starts[c + 1] += 1;
        }
        for i in 1..grid.starts.len() {
            grid.starts[i] += grid.starts[i - 1];
        }
        let mut fill = grid.starts.clone();
        for (i, &c) in cells.iter().enumerate() {
            grid.items[fill[c] as usize] = i as u32;
            fill[c] += 1;
        }
        grid
    }

    fn clamp_col(&self, x: f64) -> usize {
        (((x - self.origin.0) / self.cell).floor().max(0.0) as usize).min(self.cols - 1)
    }

    fn clamp_row(&self, y: f64) -> usize {
        (((y - self.origin.1) / self.cell).floor().max(0.0) as usize).min(self.rows - 1)
    }

    fn cell_of(&self, x: f64, y: f64) -> usize {
        self.clamp_row(y) * self.cols + self.clamp_col(x)
    }

    /// The nearest point within `radius` (world units) of (x, y) for which `accept`
    /// holds (say, markers the filters show).
    pub fn nearest(
        &self,
        x: f64,
        y: f64,
        radius: f64,
        accept: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        if self.points.is_empty() {
            return None;
        }
        let (c0, c1) = (self.clamp_col(x - radius), self.clamp_col(x + radius));
        let (r0, r1) = (self.clamp_row(y - radius), self.clamp_row(y + radius));
        let mut best: Option<(f64, usize)> = None;
        for row in r0..=r1 {
            for col in c0..=c1 {
                let c = row * self.cols + col;
                for &i in &self.items[self.starts[c] as usize..self.starts[c + 1] as usize] {
                    let i = i as usize;
                    let (px, py) = self.points[i];
                    let d2 = (px - x).powi(2) + (py - y).powi(2);
                    if d2 <= radius * radius && best.is_none_or(|(b, _)| d2 < b) && accept(i) {
                        best = Some((d2, i));
                    }
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mercator_of_known_points() {
        assert_eq!(project(-180.0, 0.0), (0.0, 0.5));
        let (x, y) = project(0.0, 0.0);
        assert!((x - 0.5).abs() < 1e-12 && (y - 0.5).abs() < 1e-12);
        // Udaipur lies north-east of (0, 0): right of and above the middle.
        let (x, y) = project(73.7, 24.6);
        assert!(x > 0.5 && y < 0.5);
        // Poles clamp instead of going infinite.
        assert!(project(0.0, 90.0).1.is_finite());
    }

    #[test]
    fn fitting_zooming_and_panning_round_trip() {
        let b = Bounds::of([project(73.0, 24.0), project(74.5, 25.0)]).unwrap();
        let v = Viewport::fit(b, 800.0, 600.0, 20.0);
        let (sx, sy) = v.to_screen(b.min_x, b.min_y);
        assert!(
            (19.99..=780.01).contains(&sx) && (0.0..=600.0).contains(&sy),
            "{sx} {sy}"
        );
        let (wx, wy) = v.to_world(sx, sy);
        assert!((wx - b.min_x).abs() < 1e-9 && (wy - b.min_y).abs() < 1e-9);
        let z = v.zoom_at(300.0, 200.0, 2.0);
        assert!((z.scale - 2.0 * v.scale).abs() < 1e-6);
        let before = v.to_world(300.0, 200.0);
        let after = z.to_world(300.0, 200.0);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert_eq!(
            v.pan(10.0, -5.0).to_screen(0.0, 0.0),
            (v.tx + 10.0, v.ty - 5.0)
        );
        assert!(v.zoom_at(0.0, 0.0, 1e12).scale <= MAX_SCALE);
        assert!(v.zoom_at(0.0, 0.0, 1e-12).scale >= MIN_SCALE);
    }

    #[test]
    fn tiles_cover_the_view_at_the_nearest_zoom() {
        let b = Bounds::of([project(73.0, 24.0), project(74.5, 25.0)]).unwrap();
        let v = Viewport::fit(b, 1024.0, 768.0, 0.0);
        let z = tile_zoom(v.scale);
        assert!((7..=10).contains(&z), "{z}");
        let tiles = visible_tiles(&v, 1024.0, 768.0, 64);
        assert!(!tiles.is_empty() && tiles.len() <= 64);
        let n = f64::from(1u32 << z);
        // Every corner of the screen lies in one of the tiles.
        for (sx, sy) in [(0.0, 0.0), (1023.0, 0.0), (0.0, 767.0), (1023.0, 767.0)] {
            let (wx, wy) = v.to_world(sx, sy);
            let t = ((wx * n).floor() as u32, (wy * n).floor() as u32);
            assert!(tiles.iter().any(|&(_, x, y)| (x, y) == t), "{t:?}");
        }
        assert_eq!(visible_tiles(&v, 1024.0, 768.0, 2).len(), 2);
        assert_eq!(tile_zoom(1.0), 0);
    }

    #[test]
    fn grid_finds_the_nearest_accepted_point_like_a_linear_scan() {
        // A deterministic scatter (LCG) of 5,000 points, some on top of each other.
        let mut s: u64 = 42;
        let mut next = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut points: Vec<(f64, f64)> = (0..5000).map(|_| (next(), next() * 0.5)).collect();
        points.push(points[10]);
        let grid = Grid::build(&points, 4);
        for q in 0..300 {
            let (x, y) = (next() * 1.1 - 0.05, next() * 0.6 - 0.05);
            let r = 0.02;
            let accept = |i: usize| i % 3 != q % 3;
            let linear = points
                .iter()
                .enumerate()
                .filter(|(i, _)| accept(*i))
                .map(|(i, &(px, py))| ((px - x).powi(2) + (py - y).powi(2), i))
                .filter(|(d2, _)| *d2 <= r * r)
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let found = grid.nearest(x, y, r, accept);
            match (found, linear) {
                (None, None) => {}
                (Some(i), Some((d2, _))) => {
                    let (px, py) = points[i];
                    assert!(((px - x).powi(2) + (py - y).powi(2) - d2).abs() < 1e-15);
                }
                other => panic!("grid and scan disagree: {other:?}"),
            }
        }
        assert_eq!(Grid::build(&[], 4).nearest(0.5, 0.5, 1.0, |_| true), None);
    }
}
