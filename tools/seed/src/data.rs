//! Readers for the reference data in `shared/data` (see its README.md).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::geo::{Area, Point, Polygon};

pub const UDAIPUR_GPS: &str = "udaipur_lgd_gram_panchayats.csv";
pub const RAJASTHAN_GPS: &str = "rajasthan_lgd_block_gp.csv";
pub const PMGSY_BLOCKS: &str = "udaipur_pmgsy_blocks.geojson";
pub const PMGSY_HABITATIONS: &str = "udaipur_pmgsy_habitations.geojson";
pub const DISTRICTS_OSM: &str = "udaipur_salumbar_districts_osm.geojson";

/// A row of `udaipur_lgd_gram_panchayats.csv`.
#[derive(Clone, Debug, Deserialize)]
pub struct UdaipurGp {
    pub gp_lgd_code: String,
    pub gp_name: String,
    pub block_lgd_code: String,
    pub block_name: String,
    pub zila_panchayat_lgd_code: String,
    pub zila_panchayat_name: String,
    pub district_after_2023_split: String,
}

/// A row of `rajasthan_lgd_block_gp.csv`.
#[derive(Clone, Debug, Deserialize)]
pub struct StateGp {
    pub gp_code: String,
    pub gp_name: String,
    pub block_code: String,
    pub block_name: String,
    pub zila_code: String,
    pub zila_name: String,
}

/// A PMGSY habitation (village) point.
#[derive(Clone, Debug)]
pub struct Habitation {
    pub id: i64,
    pub pmgsy_block_id: i64,
    pub name: String,
    pub in_udaipur: bool,
    pub point: Point,
}

/// An old (pre-2023) PMGSY development block polygon.
#[derive(Clone, Debug)]
pub struct PmgsyBlock {
    pub id: i64,
    pub name_inferred: String,
    pub area: Area,
}

fn path(dir: &Path, file: &str) -> PathBuf {
    dir.join(file)
}

fn read_csv<T: for<'de> Deserialize<'de>>(dir: &Path, file: &str) -> Result<Vec<T>, String> {
    let p = path(dir, file);
    let mut reader = csv::Reader::from_path(&p).map_err(|e| format!("{}: {e}", p.display()))?;
    reader
        .deserialize()
        .map(|row| row.map_err(|e| format!("{}: {e}", p.display())))
        .collect()
}

/// A code from the LGD lists: digits only (checked, so it is safe in ids and SQL).
pub fn check_code(code: &str, what: &str) -> Result<u64, String> {
    if code.is_empty() || code.len() > 12 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{what}: not an LGD code: {code:?}"));
    }
    code.parse().map_err(|e| format!("{what} {code:?}: {e}"))
}

pub fn udaipur_gps(dir: &Path) -> Result<Vec<UdaipurGp>, String> {
    read_csv(dir, UDAIPUR_GPS)
}

pub fn state_gps(dir: &Path) -> Result<Vec<StateGp>, String> {
    read_csv(dir, RAJASTHAN_GPS)
}

// ---- GeoJSON ---------------------------------------------------------------------------

#[derive(Deserialize)]
struct FeatureCollection<P> {
    features: Vec<Feature<P>>,
}

#[derive(Deserialize)]
struct Feature<P> {
    properties: P,
    geometry: Geometry,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Point {
        coordinates: Vec<f64>,
    },
    Polygon {
        coordinates: Vec<Vec<Vec<f64>>>,
    },
    MultiPolygon {
        coordinates: Vec<Vec<Vec<Vec<f64>>>>,
    },
}

fn to_point(c: &[f64]) -> Result<Point, String> {
    match c {
        [lon, lat, ..] if (-180.0..=180.0).contains(lon) && (-90.0..=90.0).contains(lat) => {
            Ok([*lon, *lat])
        }
        _ => Err(format!("bad coordinate {c:?}")),
    }
}

fn to_polygon(rings: &[Vec<Vec<f64>>]) -> Result<Polygon, String> {
    let rings = rings
        .iter()
        .map(|ring| ring.iter().map(|c| to_point(c)).collect())
        .collect::<Result<_, _>>()?;
    Ok(Polygon { rings })
}

impl Geometry {
    fn area(&self) -> Result<Area, String> {
        let polygons = match self {
            Geometry::Polygon { coordinates } => vec![to_polygon(coordinates)?],
            Geometry::MultiPolygon { coordinates } => coordinates
                .iter()
                .map(|p| to_polygon(p))
                .collect::<Result<_, _>>()?,
            Geometry::Point { .. } => return Err("expected a polygon, found a point".into()),
        };
        Ok(Area { polygons })
    }
}

fn read_geojson<P: for<'de> Deserialize<'de>>(
    dir: &Path,
    file: &str,
) -> Result<Vec<Feature<P>>, String> {
    let p = path(dir, file);
    let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
    let fc: FeatureCollection<P> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
    Ok(fc.features)
}

#[derive(Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct HabitationProps {
    hab_id: i64,
    block_id: i64,
    hab_name: String,
    #[serde(rename = "in_osm_udaipur")]
    in_osm_udaipur: Option<bool>,
}

pub fn habitations(dir: &Path) -> Result<Vec<Habitation>, String> {
    let mut out = Vec::new();
    for f in read_geojson::<HabitationProps>(dir, PMGSY_HABITATIONS)? {
        let Geometry::Point { coordinates } = &f.geometry else {
            return Err(format!(
                "{PMGSY_HABITATIONS}: habitation {} is not a point",
                f.properties.hab_id
            ));
        };
        out.push(Habitation {
            id: f.properties.hab_id,
            pmgsy_block_id: f.properties.block_id,
            name: f.properties.hab_name,
            in_udaipur: f.properties.in_osm_udaipur.unwrap_or(false),
            point: to_point(coordinates)?,
        });
    }
    out.sort_by_key(|h| h.id);
    Ok(out)
}

#[derive(Deserialize)]
struct PmgsyBlockProps {
    pmgsy_block_id: i64,
    name_inferred: String,
}

pub fn pmgsy_blocks(dir: &Path) -> Result<Vec<PmgsyBlock>, String> {
    let mut out = read_geojson::<PmgsyBlockProps>(dir, PMGSY_BLOCKS)?
        .into_iter()
        .map(|f| {
            Ok(PmgsyBlock {
                id: f.properties.pmgsy_block_id,
                name_inferred: f.properties.name_inferred,
                area: f.geometry.area()?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    out.sort_by_key(|b| b.id);
    Ok(out)
}

#[derive(Deserialize)]
struct DistrictProps {
    name: String,
}

/// The OpenStreetMap outline of a district in `udaipur_salumbar_districts_osm.geojson`.
pub fn district_outline(dir: &Path, name: &str) -> Result<Area, String> {
    let mut area = Area::default();
    for f in read_geojson::<DistrictProps>(dir, DISTRICTS_OSM)? {
        if f.properties.name == name {
            area.extend(&f.geometry.area()?);
        }
    }
    if area.polygons.is_empty() {
        return Err(format!("{DISTRICTS_OSM}: no outline named {name:?}"));
    }
    Ok(area)
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// `shared/data`, next to the repository (as in the README).
    pub fn data_dir() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"))
    }

    #[test]
    fn reads_all_files() {
        let dir = data_dir();
        assert_eq!(udaipur_gps(&dir).unwrap().len(), 638);
        assert_eq!(state_gps(&dir).unwrap().len(), 11_071);
        let habs = habitations(&dir).unwrap();
        assert_eq!(habs.len(), 2_471);
        assert!(habs.iter().all(|h| h.point[0] > 72.0 && h.point[1] > 23.0));
        assert_eq!(pmgsy_blocks(&dir).unwrap().len(), 11);
        let udaipur = district_outline(&dir, "Udaipur").unwrap();
        assert!(
            udaipur.contains([73.7125, 24.5854]),
            "Udaipur city is in Udaipur"
        );
        assert!(district_outline(&dir, "Atlantis").is_err());
    }

    #[test]
    fn codes_are_digits() {
        assert_eq!(check_code("42356", "gp").unwrap(), 42356);
        assert!(check_code("", "gp").is_err());
        assert!(check_code("1'; DROP", "gp").is_err());
    }
}
