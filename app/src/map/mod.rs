//! The collector's map: our own canvas renderer (no map library, no tile server), so it
//! works offline and adds little to the bundle. `model` holds the markers, filters and
//! viewport; `render` draws them in one pass per style and answers the benchmark hook.

pub mod model;
pub mod render;
