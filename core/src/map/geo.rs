//! District and block outlines for the map: GeoJSON (Polygon / MultiPolygon features)
//! in, a compact simplified form out. The build bakes the Udaipur outlines into a static
//! asset with these functions; a district office may upload its own through the API,
//! which validates with the same code (size, geometry types, coordinates, counts).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::registry::is_forbidden_char;

/// Largest GeoJSON upload, before simplification.
pub const MAX_UPLOAD_BYTES: usize = 4 * 1024 * 1024;
pub const MAX_FEATURES: usize = 500;
pub const MAX_VERTICES: usize = 400_000;
/// Coordinates are stored as integers of 1e-5 degree (about 1 m).
pub const QUANTUM: f64 = 1e-5;
/// Douglas–Peucker tolerance in degrees (about 30 m): invisible at block zoom.
pub const SIMPLIFY_TOLERANCE: f64 = 0.0003;
/// Outlines must lie in India (with a margin): a swapped lon/lat or a file of another
/// country is refused rather than drawn somewhere off screen.
pub const INDIA_BOUNDS: (f64, f64, f64, f64) = (67.0, 5.0, 98.5, 38.0);

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutlineLayer {
    /// The district boundary.
    District,
    /// Block (panchayat samiti) boundaries.
    Blocks,
}

impl OutlineLayer {
    pub const ALL: [OutlineLayer; 2] = [OutlineLayer::District, OutlineLayer::Blocks];

    pub fn as_str(self) -> &'static str {
        match self {
            OutlineLayer::District => "district",
            OutlineLayer::Blocks => "blocks",
        }
    }

    pub fn parse(text: &str) -> Option<OutlineLayer> {
        OutlineLayer::ALL.into_iter().find(|l| l.as_str() == text)
    }
}

/// One named area: rings as flat `[x0, y0, x1, y1, …]` in units of [`QUANTUM`].
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutlineFeature {
    pub name: String,
    /// Outer rings and holes alike (drawn with the even-odd rule).
    pub rings: Vec<Vec<i32>>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerOutlines {
    pub layer: OutlineLayer,
    pub features: Vec<OutlineFeature>,
    /// Credit line shown on the map (licence of the source data).
    pub attribution: String,
}

/// What the map draws under the markers.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapOutlines {
    pub layers: Vec<LayerOutlines>,
    /// Set when a background tile layer is configured (`MAP_TILE_URL`): its credit line.
    /// Tiles then come through `/api/map/tiles/{z}/{x}/{y}`; without one the map needs
    /// no tiles at all.
    #[serde(default)]
    pub tile_attribution: Option<String>,
}

/// Closest tile zoom the proxy serves.
pub const MAX_TILE_ZOOM: u32 = 19;

/// The upstream URL of tile (z, x, y) from a `{z}/{x}/{y}` template, or `None` for a
/// tile that does not exist.
pub fn tile_url(template: &str, z: u32, x: u32, y: u32) -> Option<String> {
    if z > MAX_TILE_ZOOM || x >= (1 << z) || y >= (1 << z) {
        return None;
    }
    Some(
        template
            .replace("{z}", &z.to_string())
            .replace("{x}", &x.to_string())
            .replace("{y}", &y.to_string()),
    )
}

/// Why an outline file was refused; every variant maps to a translated API error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlineError {
    TooLarge,
    NotGeoJson,
    NoPolygons,
    UnsupportedGeometry,
    TooManyFeatures,
    TooManyVertices,
    BadRing,
    CoordinateOutOfRange,
}

type Ring = Vec<[f64; 2]>;

fn coordinate(v: &Value) -> Result<[f64; 2], OutlineError> {
    let pair = v.as_array().ok_or(OutlineError::NotGeoJson)?;
    if !(2..=3).contains(&pair.len()) {
        return Err(OutlineError::NotGeoJson);
    }
    let lon = pair[0].as_f64().ok_or(OutlineError::NotGeoJson)?;
    let lat = pair[1].as_f64().ok_or(OutlineError::NotGeoJson)?;
    let (x0, y0, x1, y1) = INDIA_BOUNDS;
    if !(lon.is_finite() && lat.is_finite() && (x0..=x1).contains(&lon) && (y0..=y1).contains(&lat))
    {
        return Err(OutlineError::CoordinateOutOfRange);
    }
    Ok([lon, lat])
}

fn ring(v: &Value, budget: &mut usize) -> Result<Ring, OutlineError> {
    let points = v.as_array().ok_or(OutlineError::NotGeoJson)?;
    if points.len() > *budget {
        return Err(OutlineError::TooManyVertices);
    }
    *budget -= points.len();
    let mut ring: Ring = points.iter().map(coordinate).collect::<Result<_, _>>()?;
    if ring.first() != ring.last() {
        if let Some(&first) = ring.first() {
            ring.push(first);
        }
    }
    // A closed ring needs three distinct corners.
    if ring.len() < 4 {
        return Err(OutlineError::BadRing);
    }
    Ok(ring)
}

fn polygon(v: &Value, budget: &mut usize) -> Result<Vec<Ring>, OutlineError> {
    let rings = v.as_array().ok_or(OutlineError::NotGeoJson)?;
    if rings.is_empty() {
        return Err(OutlineError::BadRing);
    }
    rings.iter().map(|r| ring(r, budget)).collect()
}

/// The rings of a Polygon or MultiPolygon geometry.
fn geometry(v: &Value, budget: &mut usize) -> Result<Vec<Ring>, OutlineError> {
    let kind = v.get("type").and_then(Value::as_str);
    let coords = v.get("coordinates");
    match (kind, coords) {
        (Some("Polygon"), Some(c)) => polygon(c, budget),
        (Some("MultiPolygon"), Some(c)) => {
            let polys = c.as_array().ok_or(OutlineError::NotGeoJson)?;
            let mut out = Vec::new();
            for p in polys {
                out.extend(polygon(p, budget)?);
            }
            Ok(out)
        }
        (
            Some("Point" | "MultiPoint" | "LineString" | "MultiLineString" | "GeometryCollection"),
            _,
        ) => Err(OutlineError::UnsupportedGeometry),
        _ => Err(OutlineError::NotGeoJson),
    }
}

/// A feature's name from common property names, cleaned of control characters.
fn feature_name(props: Option<&Value>, fallback: usize) -> String {
    let props = props.and_then(Value::as_object);
    let raw = [
        "name",
        "name_en",
        "NAME",
        "Name",
        "name_inferred",
        "block_name",
    ]
    .iter()
    .find_map(|k| props.and_then(|p| p.get(*k)).and_then(Value::as_str));
    raw.map(|n| strip(n, 200))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("#{}", fallback + 1))
}

/// Text from a file, without control characters, at most `max` characters.
fn strip(text: &str, max: usize) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !is_forbidden_char(*c))
        .take(max)
        .collect();
    kept.trim().to_owned()
}

/// Parses and validates a GeoJSON FeatureCollection, Feature or bare geometry of
/// polygons, then simplifies and quantises it.
pub fn parse_outlines(
    bytes: &[u8],
    layer: OutlineLayer,
    attribution: &str,
) -> Result<LayerOutlines, OutlineError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(OutlineError::TooLarge);
    }
    let doc: Value = serde_json::from_slice(bytes).map_err(|_| OutlineError::NotGeoJson)?;
    let features: Vec<(Option<&Value>, &Value)> = match doc.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {
            let list = doc
                .get("features")
                .and_then(Value::as_array)
                .ok_or(OutlineError::NotGeoJson)?;
            if list.len() > MAX_FEATURES {
                return Err(OutlineError::TooManyFeatures);
            }
            list.iter()
                .map(|f| {
                    if f.get("type").and_then(Value::as_str) != Some("Feature") {
                        return Err(OutlineError::NotGeoJson);
                    }
                    let g = f.get("geometry").ok_or(OutlineError::NotGeoJson)?;
                    Ok((f.get("properties"), g))
                })
                .collect::<Result<_, _>>()?
        }
        Some("Feature") => vec![(
            doc.get("properties"),
            doc.get("geometry").ok_or(OutlineError::NotGeoJson)?,
        )],
        Some(_) => vec![(None, &doc)],
        None => return Err(OutlineError::NotGeoJson),
    };
    let mut budget = MAX_VERTICES;
    let mut out = Vec::new();
    for (i, (props, geom)) in features.into_iter().enumerate() {
        if geom.is_null() {
            continue;
        }
        let rings = geometry(geom, &mut budget)?;
        out.push(OutlineFeature {
            name: feature_name(props, i),
            rings: rings
                .iter()
                .map(|r| quantise(&simplify(r, SIMPLIFY_TOLERANCE)))
                .collect(),
        });
    }
    if out.is_empty() {
        return Err(OutlineError::NoPolygons);
    }
    Ok(LayerOutlines {
        layer,
        features: out,
        attribution: strip(attribution, 300),
    })
}

/// Douglas–Peucker on one closed ring; keeps at least the first, middle and last points
/// so a ring never collapses.
pub fn simplify(ring: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    if ring.len() <= 4 {
        return ring.to_vec();
    }
    let mut keep = vec![false; ring.len()];
    let last = ring.len() - 1;
    let mid = last / 2;
    keep[0] = true;
    keep[mid] = true;
    keep[last] = true;
    let mut stack = vec![(0, mid), (mid, last)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (mut far, mut far_d) = (a, 0.0);
        for (i, p) in ring.iter().enumerate().take(b).skip(a + 1) {
            let d = segment_distance(*p, ring[a], ring[b]);
            if d > far_d {
                far = i;
                far_d = d;
            }
        }
        if far_d > tolerance {
            keep[far] = true;
            stack.push((a, far));
            stack.push((far, b));
        }
    }
    ring.iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    };
    ((p[0] - a[0] - t * dx).powi(2) + (p[1] - a[1] - t * dy).powi(2)).sqrt()
}

/// Flat integer coordinates, dropping points that round onto their predecessor.
pub fn quantise(ring: &[[f64; 2]]) -> Vec<i32> {
    let mut out: Vec<i32> = Vec::with_capacity(ring.len() * 2);
    for p in ring {
        let (x, y) = (
            (p[0] / QUANTUM).round() as i32,
            (p[1] / QUANTUM).round() as i32,
        );
        if out.len() >= 2 && out[out.len() - 2] == x && out[out.len() - 1] == y {
            continue;
        }
        out.push(x);
        out.push(y);
    }
    out
}

/// Back to lon/lat pairs.
pub fn dequantise(ring: &[i32]) -> impl Iterator<Item = (f64, f64)> + '_ {
    ring.chunks_exact(2)
        .map(|c| (f64::from(c[0]) * QUANTUM, f64::from(c[1]) * QUANTUM))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":{"name":"Girwa"},"geometry":{"type":"Polygon","coordinates":
        [[[73.6,24.5],[73.8,24.5],[73.8,24.7],[73.6,24.7],[73.6,24.5]]]}}]}"#;

    fn parse(text: &str) -> Result<LayerOutlines, OutlineError> {
        parse_outlines(text.as_bytes(), OutlineLayer::Blocks, "test")
    }

    #[test]
    fn a_feature_collection_of_polygons_is_quantised() {
        let out = parse(SQUARE).unwrap();
        assert_eq!(out.features.len(), 1);
        assert_eq!(out.features[0].name, "Girwa");
        assert_eq!(
            out.features[0].rings[0],
            vec![
                7360000, 2450000, 7380000, 2450000, 7380000, 2470000, 7360000, 2470000, 7360000,
                2450000
            ]
        );
        let back: Vec<(f64, f64)> = dequantise(&out.features[0].rings[0]).collect();
        assert!((back[1].0 - 73.8).abs() < 1e-9);
    }

    #[test]
    fn bare_geometries_multipolygons_and_open_rings_are_accepted() {
        let multi = r#"{"type":"MultiPolygon","coordinates":[[[[73.6,24.5],[73.8,24.5],[73.8,24.7]]],
            [[[74.0,24.0],[74.1,24.0],[74.1,24.1],[74.0,24.0]]]]}"#;
        let out = parse(multi).unwrap();
        assert_eq!(out.features[0].rings.len(), 2);
        assert_eq!(out.features[0].name, "#1");
        // The open ring was closed.
        let r = &out.features[0].rings[0];
        assert_eq!(r[..2], r[r.len() - 2..]);
    }

    #[test]
    fn hostile_and_wrong_files_are_refused_with_a_reason() {
        use OutlineError::*;
        assert_eq!(parse("not json"), Err(NotGeoJson));
        assert_eq!(parse("[1,2,3]"), Err(NotGeoJson));
        assert_eq!(
            parse(r#"{"type":"Point","coordinates":[73.7,24.6]}"#),
            Err(UnsupportedGeometry)
        );
        assert_eq!(
            parse(r#"{"type":"FeatureCollection","features":[]}"#),
            Err(NoPolygons)
        );
        // lat/lon swapped puts Udaipur in the sea off Somalia.
        let swapped = SQUARE
            .replace("73.", "x")
            .replace("24.", "73.")
            .replace('x', "24.");
        assert_eq!(parse(&swapped), Err(CoordinateOutOfRange));
        assert_eq!(
            parse(r#"{"type":"Polygon","coordinates":[[[73.6,24.5],[73.8,24.5],[73.6,24.5]]]}"#),
            Err(BadRing)
        );
        assert_eq!(
            parse(r#"{"type":"Polygon","coordinates":[[[73.6,"24.5"],[73.8,24.5],[73.8,24.7]]]}"#),
            Err(NotGeoJson)
        );
        assert_eq!(
            parse(r#"{"type":"Polygon","coordinates":[[[1e999,24.5],[73.8,24.5],[73.8,24.7]]]}"#),
            Err(NotGeoJson)
        );
        let big = vec![b' '; MAX_UPLOAD_BYTES + 1];
        assert_eq!(
            parse_outlines(&big, OutlineLayer::District, ""),
            Err(TooLarge)
        );
        let many = format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            vec![r#"{"type":"Feature","properties":{},"geometry":null}"#; MAX_FEATURES + 1]
                .join(",")
        );
        assert_eq!(parse(&many), Err(TooManyFeatures));
        let ring: Vec<String> = (0..MAX_VERTICES + 1)
            .map(|i| format!("[{},{}]", 73.0 + (i as f64) * 1e-7, 24.5))
            .collect();
        let huge = format!(
            r#"{{"type":"Polygon","coordinates":[[{}]]}}"#,
            ring.join(",")
        );
        assert!(huge.len() < MAX_UPLOAD_BYTES * 4);
        assert_eq!(
            parse_outlines(huge.as_bytes(), OutlineLayer::District, "").err(),
            Some(if huge.len() > MAX_UPLOAD_BYTES {
                TooLarge
            } else {
                TooManyVertices
            })
        );
        // Deeply nested arrays stop at serde_json's recursion limit, not the stack.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&deep), Err(NotGeoJson));
    }

    #[test]
    fn tile_urls_fill_the_template_and_refuse_missing_tiles() {
        let t = "https://tiles.example/{z}/{x}/{y}.png";
        assert_eq!(
            tile_url(t, 10, 717, 444).as_deref(),
            Some("https://tiles.example/10/717/444.png")
        );
        assert_eq!(
            tile_url(t, 0, 0, 0).as_deref(),
            Some("https://tiles.example/0/0/0.png")
        );
        assert_eq!(tile_url(t, 2, 4, 0), None);
        assert_eq!(tile_url(t, 20, 0, 0), None);
    }

    #[test]
    fn names_are_cleaned_text() {
        let text = SQUARE.replace("Girwa", "<script>alert(1)</script>\\u0007");
        let out = parse(&text).unwrap();
        assert_eq!(out.features[0].name, "<script>alert(1)</script>");
    }

    #[test]
    fn simplification_keeps_shape_and_drops_collinear_points() {
        let mut ring: Vec<[f64; 2]> = (0..=100).map(|i| [73.0 + i as f64 * 0.001, 24.0]).collect();
        ring.push([73.1, 24.1]);
        ring.push([73.0, 24.1]);
        ring.push([73.0, 24.0]);
        let s = simplify(&ring, SIMPLIFY_TOLERANCE);
        assert!(s.len() <= 6, "{s:?}");
        assert_eq!(s.first(), ring.first());
        assert_eq!(s.last(), ring.last());
        assert!(s.contains(&[73.1, 24.1]));
    }
}
