//! Just enough plane geometry on WGS84 lon/lat for a district: point in polygon,
//! distances and offsets in kilometres (equirectangular, fine at this scale).

pub type Point = [f64; 2];

/// A polygon as GeoJSON stores it: the outer ring first, then holes.
#[derive(Clone, Debug, Default)]
pub struct Polygon {
    pub rings: Vec<Vec<Point>>,
}

/// One or more polygons (a GeoJSON Polygon or MultiPolygon).
#[derive(Clone, Debug, Default)]
pub struct Area {
    pub polygons: Vec<Polygon>,
}

fn ring_contains(ring: &[Point], p: Point) -> bool {
    let mut inside = false;
    let mut j = ring.len().wrapping_sub(1);
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[j]);
        if (a[1] > p[1]) != (b[1] > p[1]) {
            let x = a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
            if p[0] < x {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

impl Polygon {
    pub fn contains(&self, p: Point) -> bool {
        match self.rings.split_first() {
            Some((outer, holes)) => {
                ring_contains(outer, p) && !holes.iter().any(|h| ring_contains(h, p))
            }
            None => false,
        }
    }
}

impl Area {
    pub fn contains(&self, p: Point) -> bool {
        self.polygons.iter().any(|poly| poly.contains(p))
    }

    pub fn extend(&mut self, other: &Area) {
        self.polygons.extend(other.polygons.iter().cloned());
    }

    /// Mean of the outer-ring vertices: a rough centre, used only as a last resort.
    pub fn vertex_mean(&self) -> Option<Point> {
        mean(
            self.polygons
                .iter()
                .filter_map(|p| p.rings.first())
                .flatten()
                .copied(),
        )
    }
}

pub fn mean(points: impl IntoIterator<Item = Point>) -> Option<Point> {
    let (mut sx, mut sy, mut n) = (0.0, 0.0, 0usize);
    for p in points {
        sx += p[0];
        sy += p[1];
        n += 1;
    }
    (n > 0).then(|| [sx / n as f64, sy / n as f64])
}

const KM_PER_DEG_LAT: f64 = 110.574;
const KM_PER_DEG_LON_EQUATOR: f64 = 111.320;

/// Approximate distance in km (equirectangular).
pub fn distance_km(a: Point, b: Point) -> f64 {
    let mid_lat = ((a[1] + b[1]) / 2.0).to_radians();
    let dx = (a[0] - b[0]) * KM_PER_DEG_LON_EQUATOR * mid_lat.cos();
    let dy = (a[1] - b[1]) * KM_PER_DEG_LAT;
    dx.hypot(dy)
}

/// The point `east_km`/`north_km` away from `p`.
pub fn offset_km(p: Point, east_km: f64, north_km: f64) -> Point {
    let lon = p[0] + east_km / (KM_PER_DEG_LON_EQUATOR * p[1].to_radians().cos());
    let lat = p[1] + north_km / KM_PER_DEG_LAT;
    [lon, lat]
}

/// The point at `radius_km` from `p` in direction `angle` (radians, from east).
pub fn polar_offset_km(p: Point, radius_km: f64, angle: f64) -> Point {
    offset_km(p, radius_km * angle.cos(), radius_km * angle.sin())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, size: f64) -> Vec<Point> {
        vec![
            [x0, y0],
            [x0 + size, y0],
            [x0 + size, y0 + size],
            [x0, y0 + size],
            [x0, y0],
        ]
    }

    #[test]
    fn point_in_polygon_with_hole() {
        let area = Area {
            polygons: vec![Polygon {
                rings: vec![square(0.0, 0.0, 10.0), square(4.0, 4.0, 2.0)],
            }],
        };
        assert!(area.contains([1.0, 1.0]));
        assert!(!area.contains([5.0, 5.0]));
        assert!(!area.contains([11.0, 5.0]));
        assert!(!Area::default().contains([1.0, 1.0]));
    }

    #[test]
    fn offsets_and_distances_agree() {
        let udaipur = [73.7125, 24.5854];
        let p = polar_offset_km(udaipur, 4.0, 1.0);
        assert!((distance_km(udaipur, p) - 4.0).abs() < 0.01);
        // One degree of latitude is about 110.6 km.
        assert!((distance_km([73.0, 24.0], [73.0, 25.0]) - 110.574).abs() < 1e-9);
    }
}
