//! `geo` mode: bakes the map's outlines for the Udaipur demo district into a static
//! asset, `<out>/district-108.json` (`prasar_core::map::geo::MapOutlines`): the district
//! boundary from OpenStreetMap and the PMGSY development blocks that lie in today's
//! Udaipur, simplified and quantised by the same code that checks district uploads.

use std::path::Path;

use prasar_core::map::geo::{parse_outlines, MapOutlines, OutlineLayer};
use serde_json::{json, Value};

use crate::data::{DISTRICTS_OSM, PMGSY_BLOCKS};
use crate::udaipur::DISTRICT_ID;

/// A PMGSY block is drawn when at least this share of it lies in today's Udaipur.
const MIN_SHARE_IN_UDAIPUR: f64 = 0.05;

fn read(dir: &Path, file: &str) -> Result<Value, String> {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn features(doc: &Value) -> Vec<Value> {
    doc.get("features")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

pub fn build(dir: &Path) -> Result<(String, MapOutlines), String> {
    let osm = read(dir, DISTRICTS_OSM)?;
    let udaipur: Vec<Value> = features(&osm)
        .into_iter()
        .filter(|f| f["properties"]["name"] == "Udaipur")
        .collect();
    let district = parse_outlines(
        json!({"type": "FeatureCollection", "features": udaipur})
            .to_string()
            .as_bytes(),
        OutlineLayer::District,
        "© OpenStreetMap contributors, ODbL 1.0",
    )
    .map_err(|e| format!("{DISTRICTS_OSM}: {e:?}"))?;

    let pmgsy = read(dir, PMGSY_BLOCKS)?;
    let blocks: Vec<Value> = features(&pmgsy)
        .into_iter()
        .filter(|f| {
            f["properties"]["frac_in_udaipur"].as_f64().unwrap_or(0.0) >= MIN_SHARE_IN_UDAIPUR
        })
        .collect();
    let blocks = parse_outlines(
        json!({"type": "FeatureCollection", "features": blocks})
            .to_string()
            .as_bytes(),
        OutlineLayer::Blocks,
        "PMGSY development blocks (names inferred), Ministry of Rural Development, GODL-India",
    )
    .map_err(|e| format!("{PMGSY_BLOCKS}: {e:?}"))?;
    Ok((
        format!("{DISTRICT_ID}.json"),
        MapOutlines {
            layers: vec![district, blocks],
            tile_attribution: None,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn udaipur_outlines_are_small_and_inside_the_district_box() {
        let (name, outlines) = build(&crate::data::tests::data_dir()).unwrap();
        assert_eq!(name, "district-108.json");
        assert_eq!(outlines.layers.len(), 2);
        assert_eq!(outlines.layers[0].features.len(), 1);
        let blocks = &outlines.layers[1].features;
        assert!((8..=11).contains(&blocks.len()), "{}", blocks.len());
        assert!(blocks.iter().any(|b| b.name == "Jhadol"));
        let json = serde_json::to_string(&outlines).unwrap();
        assert!(
            json.len() < 120_000,
            "baked outlines are {} bytes",
            json.len()
        );
        for layer in &outlines.layers {
            for f in &layer.features {
                for ring in &f.rings {
                    for c in ring.chunks_exact(2) {
                        assert!((7250000..=7500000).contains(&c[0]), "{c:?}");
                        assert!((2350000..=2550000).contains(&c[1]), "{c:?}");
                    }
                }
            }
        }
    }
}
