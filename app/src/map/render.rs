//! Draws the map on a 2D canvas: outlines, then markers in one path per style (so 25,000
//! markers are a handful of fills, not 25,000), then rings for today's checks and the
//! selection, and names when zoomed in. Everything in CSS pixels, scaled for the
//! screen's pixel ratio.

use std::cell::RefCell;
use std::f64::consts::TAU;

use prasar_core::i18n::Lang;
use prasar_core::map::geo::OutlineLayer;
use prasar_core::map::status::DayStatus;
use prasar_core::map::view::visible_tiles;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::model::{Marker, Model};

pub struct Surface {
    pub canvas: HtmlCanvasElement,
    pub ctx: CanvasRenderingContext2d,
    pub width: f64,
    pub height: f64,
    pub dpr: f64,
    sprites: RefCell<Option<Sprites>>,
}

/// One pre-drawn marker image per status and style (exact dot, hollow ring) at the
/// current size: a marker is then one `drawImage` blit instead of a path to fill and
/// stroke, which keeps 25,000 markers fast even on a software rasteriser.
struct Sprites {
    key: (u32, u32),
    /// Side in CSS pixels.
    side: f64,
    /// Index `status.index() * 2 + approximate`.
    images: Vec<HtmlCanvasElement>,
}

fn sprite(
    status: DayStatus,
    exact: bool,
    r: f64,
    side: f64,
    dpr: f64,
) -> Option<HtmlCanvasElement> {
    let canvas: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    let px = (side * dpr).ceil() as u32;
    canvas.set_width(px);
    canvas.set_height(px);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let _ = ctx.scale(dpr, dpr);
    let c = side / 2.0;
    ctx.begin_path();
    if exact {
        let _ = ctx.arc(c, c, r, 0.0, TAU);
        ctx.set_fill_style_str(status.colour());
        ctx.fill();
        if r >= 2.5 {
            ctx.set_stroke_style_str("#ffffff");
            ctx.set_line_width(1.0);
            ctx.stroke();
        }
    } else {
        let ri = (r - 0.75).max(1.0);
        let _ = ctx.arc(c, c, ri, 0.0, TAU);
        ctx.set_fill_style_str("#ffffff");
        ctx.fill();
        ctx.set_stroke_style_str(status.colour());
        ctx.set_line_width(if r < 2.5 { 1.2 } else { 2.0 });
        ctx.stroke();
    }
    Some(canvas)
}

impl Surface {
    /// The sprites for radius `r`, drawn again when the zoom changes the size.
    fn with_sprites<T>(&self, r: f64, f: impl FnOnce(&Sprites) -> T) -> Option<T> {
        let key = ((r * 4.0).round() as u32, (self.dpr * 100.0).round() as u32);
        let mut cache = self.sprites.borrow_mut();
        if cache.as_ref().is_none_or(|s| s.key != key) {
            let side = (2.0 * r + 4.0).ceil();
            let images = DayStatus::ALL
                .into_iter()
                .flat_map(|st| [true, false].map(|exact| sprite(st, exact, r, side, self.dpr)))
                .collect::<Option<Vec<_>>>()?;
            *cache = Some(Sprites { key, side, images });
        }
        cache.as_ref().map(f)
    }
}

impl Surface {
    pub fn new(canvas: HtmlCanvasElement) -> Option<Surface> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let mut s = Surface {
            canvas,
            ctx,
            width: 0.0,
            height: 0.0,
            dpr: 1.0,
            sprites: RefCell::new(None),
        };
        s.fit();
        Some(s)
    }

    /// Matches the backing store to the element's CSS size; true when it changed.
    pub fn fit(&mut self) -> bool {
        let dpr = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .clamp(1.0, 3.0);
        let (w, h) = (
            f64::from(self.canvas.client_width().max(1)),
            f64::from(self.canvas.client_height().max(1)),
        );
        if (w, h, dpr) == (self.width, self.height, self.dpr) {
            return false;
        }
        self.width = w;
        self.height = h;
        self.dpr = dpr;
        self.canvas.set_width((w * dpr).round() as u32);
        self.canvas.set_height((h * dpr).round() as u32);
        true
    }
}

/// Most background tiles drawn (and kept) at once.
const MAX_TILES: usize = 64;

/// Starts loading the background tiles the view needs (through the worker's proxy);
/// each one redraws the map when it arrives.
pub fn ensure_tiles(model: &mut Model, s: &Surface) {
    if model.tile_attribution.is_none() {
        return;
    }
    let wanted = visible_tiles(&model.view, s.width, s.height, MAX_TILES);
    if model.tiles.len() > 4 * MAX_TILES {
        model.tiles.retain(|k, _| wanted.contains(k));
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for key @ (z, x, y) in wanted {
        if model.tiles.contains_key(&key) {
            continue;
        }
        let Some(img) = document
            .create_element("img")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlImageElement>().ok())
        else {
            return;
        };
        img.set_onload(model.on_tile.as_ref());
        img.set_src(&format!("/api/map/tiles/{z}/{x}/{y}.png"));
        model.tiles.insert(key, img);
    }
}

/// Back to front: the least urgent first, overdue on top.
const DRAW_ORDER: [DayStatus; 6] = [
    DayStatus::NotSubmitted,
    DayStatus::NoActiveAdmin,
    DayStatus::Verified,
    DayStatus::Submitted,
    DayStatus::Requested,
    DayStatus::Overdue,
];

/// Parents' names from this zoom in; GP and ward names from `NAME_SCALE`.
const PARENT_LABEL_SCALE: f64 = 6.0e4;
const NAME_SCALE: f64 = 1.2e6;
const MAX_NAMES: usize = 250;

pub fn draw(model: &Model, s: &Surface, lang: Lang) {
    let ctx = &s.ctx;
    let _ = ctx.set_transform(s.dpr, 0.0, 0.0, s.dpr, 0.0, 0.0);
    ctx.set_fill_style_str("#eef1ec");
    ctx.fill_rect(0.0, 0.0, s.width, s.height);
    let v = model.view;

    // The optional background tiles, where loaded.
    if model.tile_attribution.is_some() {
        for (z, x, y) in visible_tiles(&v, s.width, s.height, MAX_TILES) {
            if let Some(img) = model
                .tiles
                .get(&(z, x, y))
                .filter(|i| i.complete() && i.natural_width() > 0)
            {
                let n = f64::from(1u32 << z);
                let (sx, sy) = v.to_screen(f64::from(x) / n, f64::from(y) / n);
                let side = v.scale / n;
                let _ =
                    ctx.draw_image_with_html_image_element_and_dw_and_dh(img, sx, sy, side, side);
            }
        }
    }

    // Outlines: the district filled white (see-through over tiles), block boundaries
    // thin and grey.
    for layer in [OutlineLayer::District, OutlineLayer::Blocks] {
        ctx.begin_path();
        for ring in model.rings.iter().filter(|r| r.layer == layer) {
            for (i, c) in ring.points.chunks_exact(2).enumerate() {
                let (x, y) = v.to_screen(c[0], c[1]);
                if i == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
            ctx.close_path();
        }
        if layer == OutlineLayer::District {
            ctx.set_fill_style_str(if model.tile_attribution.is_some() {
                "rgba(255,255,255,0.35)"
            } else {
                "#ffffff"
            });
            ctx.fill_with_canvas_winding_rule(web_sys::CanvasWindingRule::Evenodd);
            ctx.set_stroke_style_str("#4a4a4a");
            ctx.set_line_width(2.0);
        } else {
            ctx.set_stroke_style_str("#a7aca4");
            ctx.set_line_width(1.0);
        }
        ctx.stroke();
    }

    let markers: &[Marker] = model.synthetic.as_deref().unwrap_or(&model.markers);
    let r = v.marker_radius();
    let (w, h) = (s.width, s.height);
    let on_screen =
        |x: f64, y: f64| x > -r - 6.0 && y > -r - 6.0 && x < w + r + 6.0 && y < h + r + 6.0;
    // Screen positions of the markers that are shown and on screen, computed once.
    let mut visible: Vec<(f64, f64, &Marker)> = Vec::with_capacity(markers.len());
    for m in markers {
        if let Some((wx, wy)) = m.at {
            if model.shown(m) {
                let (x, y) = v.to_screen(wx, wy);
                if on_screen(x, y) {
                    visible.push((x, y, m));
                }
            }
        }
    }
    // Markers: one blit each, snapped to device pixels, least urgent first.
    let dpr = s.dpr;
    s.with_sprites(r, |sprites| {
        let half = sprites.side / 2.0;
        for status in DRAW_ORDER {
            for &(x, y, m) in visible.iter().filter(|(_, _, m)| m.status == status) {
                let image = &sprites.images[status.index() * 2 + usize::from(!m.exact)];
                let (sx, sy) = (
                    ((x - half) * dpr).round() / dpr,
                    ((y - half) * dpr).round() / dpr,
                );
                let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
                    image,
                    sx,
                    sy,
                    sprites.side,
                    sprites.side,
                );
            }
        }
    });
    // Today's drawn checks: a black ring around the marker.
    ctx.begin_path();
    let mut any = false;
    for &(x, y, _) in visible.iter().filter(|(_, _, m)| m.checked) {
        any = true;
        let rr = r + 3.5;
        ctx.move_to(x + rr, y);
        let _ = ctx.arc(x, y, rr, 0.0, TAU);
    }
    if any {
        ctx.set_stroke_style_str("#111111");
        ctx.set_line_width(2.5);
        ctx.stroke();
    }
    if let Some(m) = model.selected.and_then(|i| model.markers.get(i)) {
        if let Some((wx, wy)) = m.at {
            let (x, y) = v.to_screen(wx, wy);
            ctx.begin_path();
            let _ = ctx.arc(x, y, r + 7.0, 0.0, TAU);
            ctx.set_stroke_style_str("#1a4fd6");
            ctx.set_line_width(3.0);
            ctx.stroke();
        }
    }

    // Names: blocks and ULBs at district zoom, GPs and wards close up.
    ctx.set_text_align("center");
    ctx.set_line_join("round");
    if model.synthetic.is_none() {
        if v.scale >= NAME_SCALE {
            ctx.set_font("12px 'Noto Sans Devanagari', 'Noto Sans', sans-serif");
            for &(x, y, m) in visible.iter().take(MAX_NAMES) {
                halo_text(ctx, lang.pick(&m.name_hi, &m.name_en), x, y - r - 5.0);
            }
        } else if v.scale >= PARENT_LABEL_SCALE {
            ctx.set_font("bold 13px 'Noto Sans Devanagari', 'Noto Sans', sans-serif");
            for (p, centre) in model.parents.iter().zip(&model.parent_centres) {
                let shown_parent = model.filter_parent.is_none()
                    || model.parents.get(model.filter_parent.unwrap_or(usize::MAX)) == Some(p);
                if let (Some((wx, wy)), true) = (centre, shown_parent) {
                    let (x, y) = v.to_screen(*wx, *wy);
                    if on_screen(x, y) {
                        halo_text(ctx, lang.pick(&p.name_hi, &p.name_en), x, y);
                    }
                }
            }
        }
    }
}

fn halo_text(ctx: &CanvasRenderingContext2d, text: &str, x: f64, y: f64) {
    ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
    ctx.set_line_width(3.0);
    let _ = ctx.stroke_text(text, x, y);
    ctx.set_fill_style_str("#1d1d1d");
    let _ = ctx.fill_text(text, x, y);
}

/// The benchmark hook: draws `n` synthetic markers spread over the current view (all
/// statuses, a third approximate, every 50th drawn for a check) and answers the
/// milliseconds the draw took; then draws the real map again.
pub fn bench(model: &mut Model, s: &Surface, lang: Lang, n: usize) -> f64 {
    let area = model.view.visible(s.width, s.height);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let markers = (0..n)
        .map(|i| Marker {
            id: String::new(),
            parent: None,
            name_en: String::new(),
            name_hi: String::new(),
            at: Some((
                area.min_x + next() * area.width(),
                area.min_y + next() * area.height(),
            )),
            exact: i % 3 != 0,
            status: DayStatus::ALL[i % 6],
            checked: i % 50 == 0,
        })
        .collect();
    let filter = (model.filter_parent.take(), model.filter_status);
    model.filter_status = [true; 6];
    model.synthetic = Some(markers);
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = perf.as_ref().map_or(0.0, |p| p.now());
    draw(model, s, lang);
    // Reading a pixel waits for the canvas to finish drawing, so the time includes
    // rasterising, not only recording the commands.
    let _ = s.ctx.get_image_data(0.0, 0.0, 1.0, 1.0);
    let took = perf.as_ref().map_or(0.0, |p| p.now()) - start;
    model.synthetic = None;
    model.filter_parent = filter.0;
    model.filter_status = filter.1;
    draw(model, s, lang);
    took
}
