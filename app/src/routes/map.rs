//! `/map`: today's status of every GP and ward group of the caller's area on our own
//! canvas map, live (conditional polling every 3 s), with a legend that counts and
//! filters, a block/ULB filter that zooms there, and a side panel per marker.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use prasar_core::api::MapParent;
use prasar_core::map::geo::OutlineLayer;
use prasar_core::map::status::DayStatus;
use prasar_core::map::text::MapText;
use prasar_core::map::view::Viewport;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiFailure};
use crate::components::error_box::ErrorBox;
use crate::components::group_panel::GroupPanelView;
use crate::components::guard::Guard;
use crate::i18n::{use_lang, Lang};
use crate::map::model::Model;
use crate::map::render::{bench, draw, ensure_tiles, Surface};
use crate::session::{use_session, Need};

/// How often an open map asks whether anything changed (a 304 costs one indexed read).
const POLL_EVERY: Duration = Duration::from_secs(3);

pub fn mt(text: MapText) -> impl Fn() -> &'static str + Copy {
    let lang = use_lang();
    move || text.get(lang.get())
}

pub fn status_label(s: DayStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::Hi => s.label_hi(),
        Lang::En => s.label_en(),
    }
}

#[component]
pub fn MapPage() -> impl IntoView {
    view! { <Guard need=Need::Official><MapView/></Guard> }
}

type Local<T> = StoredValue<T, LocalStorage>;

#[derive(Default)]
struct Gesture {
    pointers: Vec<(i32, f64, f64)>,
    travelled: f64,
}

fn redraw(model: Local<Model>, surface: Local<Option<Surface>>, lang: Lang) {
    surface.try_with_value(|s| {
        if let Some(s) = s {
            model.try_update_value(|m| ensure_tiles(m, s));
            model.try_with_value(|m| draw(m, s, lang));
        }
    });
}

fn fit_home(model: Local<Model>, surface: Local<Option<Surface>>) {
    let size = surface
        .try_with_value(|s| s.as_ref().map(|s| (s.width, s.height)))
        .flatten();
    if let Some((w, h)) = size {
        model.try_update_value(|m| {
            if let Some(b) = m.home() {
                m.view = Viewport::fit(b, w, h, 28.0);
            }
        });
    }
}

fn now_hms() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

#[component]
fn MapView() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let may_manage = Memo::new(move |_| session.with(|s| s.me().is_some_and(|m| m.may_manage)));
    let area = use_query_map().with_untracked(|q| q.get("area"));

    let model: Local<Model> = StoredValue::new_local(Model::default());
    let surface: Local<Option<Surface>> = StoredValue::new_local(None);
    let gesture: Local<Gesture> = StoredValue::new_local(Gesture::default());
    let polling: Local<bool> = StoredValue::new_local(false);
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();

    let parents = RwSignal::new(Vec::<MapParent>::new());
    let area_name = RwSignal::new((String::new(), String::new()));
    let counts = RwSignal::new(([0u32; 6], 0u32, 0u32, 0u32));
    let filter_status = RwSignal::new([true; 6]);
    let selected = RwSignal::new(None::<String>);
    let selected_status = RwSignal::new(None::<DayStatus>);
    let updated = RwSignal::new(None::<String>);
    let offline = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let attributions = RwSignal::new(Vec::<String>::new());
    // Bumped on every changed status, so the open panel reloads its screenshots.
    let version = RwSignal::new(0u32);

    let refresh_counts = move || {
        model.try_with_value(|m| {
            counts.set(m.counts());
            let status = m
                .selected
                .and_then(|i| m.markers.get(i))
                .map(|mk| mk.status);
            selected_status.set(status);
        });
    };
    let repaint = move || redraw(model, surface, lang.get_untracked());
    // A loaded background tile redraws the map (kept alive as long as the page).
    let on_tile = Closure::<dyn Fn()>::new(move || {
        if let Some(l) = lang.try_get_untracked() {
            redraw(model, surface, l);
        }
    });
    model.update_value(|m| {
        m.on_tile = Some(on_tile.as_ref().unchecked_ref::<js_sys::Function>().clone())
    });
    let _keep_on_tile = StoredValue::new_local(on_tile);

    // Canvas: size it, draw on resize, and offer the benchmark hook.
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        surface.set_value(Surface::new(canvas));
        fit_home(model, surface);
        repaint();
    });
    let resize = window_event_listener(ev::resize, move |_| {
        let changed = surface
            .try_update_value(|s| s.as_mut().is_some_and(Surface::fit))
            .unwrap_or(false);
        if changed {
            fit_home(model, surface);
            repaint();
        }
    });
    on_cleanup(move || resize.remove());
    install_bench_hook(model, surface, lang);

    // Redraw names in the other language.
    Effect::new(move |_| {
        lang.track();
        repaint();
    });

    // First load: places, outlines, then today's status.
    let area_for_load = area.clone();
    spawn_local(async move {
        let units = api::map_units(area_for_load.clone()).await;
        let outlines = api::map_outlines(area_for_load.clone()).await;
        let status = api::map_status(area_for_load, None).await;
        match (units, outlines) {
            (Ok(units), outlines) => {
                area_name.set((units.area.name_hi.clone(), units.area.name_en.clone()));
                parents.set(units.parents.clone());
                model.try_update_value(|m| {
                    m.set_units(units);
                    if let Ok(o) = outlines {
                        m.set_outlines(o);
                    }
                    attributions.set(m.attributions.clone());
                    if let Ok(Some(s)) = status {
                        m.apply_status(s, js_sys::Date::now());
                    }
                });
                updated.set(Some(now_hms()));
                fit_home(model, surface);
                refresh_counts();
                repaint();
                mark_ready();
            }
            (Err(f), _) => failure.set(Some(f)),
        }
    });

    // Live: ask every few seconds; a 304 still re-derives statuses (deadlines pass).
    let area_for_poll = area.clone();
    let poll = move || {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden || polling.get_value() || model.with_value(|m| m.markers.is_empty()) {
            return;
        }
        polling.set_value(true);
        let etag = model.with_value(|m| m.etag.clone());
        let area = area_for_poll.clone();
        spawn_local(async move {
            let answer = api::map_status(area, etag).await;
            let now = js_sys::Date::now();
            let changed = match answer {
                Ok(Some(status)) => {
                    model.try_update_value(|m| m.apply_status(status, now));
                    version.update(|v| *v += 1);
                    true
                }
                Ok(None) => model
                    .try_update_value(|m| m.recompute(now))
                    .unwrap_or(false),
                Err(_) => {
                    offline.set(true);
                    polling.set_value(false);
                    return;
                }
            };
            offline.set(false);
            updated.set(Some(now_hms()));
            if changed {
                refresh_counts();
                repaint();
            }
            polling.set_value(false);
        });
    };
    if let Ok(handle) = set_interval_with_handle(poll, POLL_EVERY) {
        on_cleanup(move || handle.clear());
    }

    // Pointer input: drag to pan, wheel and pinch to zoom, tap to open a marker.
    let on_down = move |ev: web_sys::PointerEvent| {
        if let Some(t) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = t.set_pointer_capture(ev.pointer_id());
        }
        gesture.update_value(|g| {
            g.pointers.retain(|p| p.0 != ev.pointer_id());
            g.pointers.push((
                ev.pointer_id(),
                f64::from(ev.offset_x()),
                f64::from(ev.offset_y()),
            ));
            if g.pointers.len() == 1 {
                g.travelled = 0.0;
            }
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let moved = gesture.try_update_value(|g| {
            let before = g.pointers.clone();
            let me = g.pointers.iter_mut().find(|p| p.0 == ev.pointer_id())?;
            let (dx, dy) = (x - me.1, y - me.2);
            me.1 = x;
            me.2 = y;
            g.travelled += dx.abs() + dy.abs();
            Some((before, g.pointers.clone(), dx, dy))
        });
        let Some(Some((before, after, dx, dy))) = moved else {
            return;
        };
        model.update_value(|m| {
            if after.len() >= 2 {
                let (a0, b0, a1, b1) = (before[0], before[1], after[0], after[1]);
                let d0 = (a0.1 - b0.1).hypot(a0.2 - b0.2).max(1.0);
                let d1 = (a1.1 - b1.1).hypot(a1.2 - b1.2).max(1.0);
                let (m0x, m0y) = ((a0.1 + b0.1) / 2.0, (a0.2 + b0.2) / 2.0);
                let (m1x, m1y) = ((a1.1 + b1.1) / 2.0, (a1.2 + b1.2) / 2.0);
                m.view = m.view.zoom_at(m0x, m0y, d1 / d0).pan(m1x - m0x, m1y - m0y);
            } else {
                m.view = m.view.pan(dx, dy);
            }
        });
        repaint();
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let tap = gesture
            .try_update_value(|g| {
                let single = g.pointers.len() == 1;
                g.pointers.retain(|p| p.0 != ev.pointer_id());
                single && g.travelled < 8.0
            })
            .unwrap_or(false);
        if tap && ev.type_() == "pointerup" {
            let hit = model.with_value(|m| m.hit(x, y).map(|i| (i, m.markers[i].id.clone())));
            model.update_value(|m| m.selected = hit.as_ref().map(|h| h.0));
            selected.set(hit.map(|h| h.1));
            refresh_counts();
            repaint();
        }
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let factor = (-ev.delta_y() * 0.0015).exp().clamp(0.5, 2.0);
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        model.update_value(|m| m.view = m.view.zoom_at(x, y, factor));
        repaint();
    };
    let zoom_centre = move |factor: f64| {
        let size = surface.with_value(|s| s.as_ref().map(|s| (s.width, s.height)));
        if let Some((w, h)) = size {
            model.update_value(|m| m.view = m.view.zoom_at(w / 2.0, h / 2.0, factor));
            repaint();
        }
    };
    let on_dblclick = move |ev: web_sys::MouseEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        model.update_value(|m| m.view = m.view.zoom_at(x, y, 2.0));
        repaint();
    };

    let on_area = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        model.update_value(|m| m.filter_parent = value.parse::<usize>().ok());
        fit_home(model, surface);
        refresh_counts();
        repaint();
    };
    let toggle_status = move |i: usize| {
        filter_status.update(|f| f[i] = !f[i]);
        let f = filter_status.get_untracked();
        model.update_value(|m| m.filter_status = f);
        repaint();
    };
    let close_panel = Callback::new(move |_: ()| {
        selected.set(None);
        model.update_value(|m| m.selected = None);
        repaint();
    });
    let reload_outlines = {
        let area = area.clone();
        Callback::new(move |_: ()| {
            let area = area.clone();
            spawn_local(async move {
                if let Ok(o) = api::map_outlines(area).await {
                    model.update_value(|m| m.set_outlines(o));
                    attributions.set(model.with_value(|m| m.attributions.clone()));
                    repaint();
                }
            });
        })
    };

    let legend = move || {
        let (by_status, checked, approx, unlocated) = counts.get();
        let l = lang.get();
        let rows = DayStatus::ALL
            .into_iter()
            .map(|s| {
                let i = s.index();
                view! {
                    <li class=format!("legend-row status-{}", s.as_str())>
                        <label>
                            <input type="checkbox" prop:checked=move || filter_status.get()[i]
                                on:change=move |_| toggle_status(i)/>
                            <span class="swatch" style:background-color=s.colour()></span>
                            <span class="label">{status_label(s, l)}</span>
                            <strong class="count" data-status=s.as_str()>{by_status[i]}</strong>
                        </label>
                    </li>
                }
            })
            .collect_view();
        let total: u32 = by_status.iter().sum();
        view! {
            <ul class="legend-list">{rows}</ul>
            <p class="legend-total">{MapText::Total.get(l)} ": " <strong class="total">{total}</strong></p>
            <p class="legend-extra"><span class="swatch ring"></span>{MapText::DrawnToday.get(l)} ": " <strong class="checked-count">{checked}</strong></p>
            <p class="legend-extra"><span class="swatch hollow"></span>{MapText::ApproxLocation.get(l)} ": " {approx}</p>
            {(unlocated > 0).then(|| view! { <p class="hint">{unlocated} " " {MapText::WithoutLocation.get(l)}</p> })}
        }
    };

    view! {
        <section class="map-page">
            <div class="map-head">
                <h1>{mt(MapText::MapTitle)} {move || { let (hi, en) = area_name.get(); let l = lang.get(); if en.is_empty() { String::new() } else { format!(" · {}", l.pick(&hi, &en)) } }}</h1>
                <label class="area-filter">
                    <span>{mt(MapText::FilterArea)}</span>
                    <select id="map-area" on:change=on_area>
                        <option value="">{mt(MapText::AllAreas)}</option>
                        {move || {
                            let l = lang.get();
                            parents.get().into_iter().enumerate().map(|(i, p)| {
                                let name = l.pick(&p.name_hi, &p.name_en).to_owned();
                                view! { <option value=i.to_string() data-id=p.id.clone()>{name}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
                <p class="live" class:offline=move || offline.get() role="status">
                    {move || if offline.get() { mt(MapText::Reconnecting)().to_owned() } else {
                        updated.get().map(|t| format!("{} {t}", MapText::UpdatedAt.get(lang.get()))).unwrap_or_default()
                    }}
                </p>
                <A href="/reports" attr:class="to-reports">{mt(MapText::NavReports)}</A>
            </div>
            {move || failure.get().map(|failure| view! { <ErrorBox failure/> })}
            <div class="map-body">
                <div class="map-frame">
                    <canvas class="map-canvas" node_ref=canvas_ref
                        aria-label=mt(MapText::MapHint)
                        on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
                        on:pointercancel=on_up on:wheel=on_wheel on:dblclick=on_dblclick></canvas>
                    <div class="map-zoom">
                        <button type="button" class="zoom-in" title=mt(MapText::ZoomIn) on:click=move |_| zoom_centre(2.0)>"+"</button>
                        <button type="button" class="zoom-out" title=mt(MapText::ZoomOut) on:click=move |_| zoom_centre(0.5)>"−"</button>
                        <button type="button" class="zoom-home" title=mt(MapText::WholeArea) on:click=move |_| { fit_home(model, surface); repaint(); }>"⌂"</button>
                    </div>
                    <p class="map-credit">{mt(MapText::MapData)} ": " {move || attributions.get().join(" · ")}</p>
                </div>
                <aside class="map-legend" aria-label=mt(MapText::Legend)>
                    <h2>{mt(MapText::Legend)}</h2>
                    {legend}
                    <p class="hint">{mt(MapText::MapHint)}</p>
                    {move || may_manage.get().then(|| view! { <OutlineUpload area=area.clone() on_done=reload_outlines/> })}
                </aside>
                {move || selected.get().map(|id| view! {
                    <GroupPanelView id status=selected_status version on_close=close_panel/>
                })}
            </div>
        </section>
    }
}

/// Tells tests and the benchmark that the first full draw happened.
fn mark_ready() {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__prasarMapReady".into(), &JsValue::TRUE);
        if let Some(p) = w.performance() {
            let _ = p.mark("prasar-map-drawn");
        }
    }
}

/// `window.__prasarMapRender(n)`: draws n synthetic markers, answers milliseconds.
fn install_bench_hook(model: Local<Model>, surface: Local<Option<Surface>>, lang: RwSignal<Lang>) {
    let Some(w) = web_sys::window() else { return };
    let hook = Closure::<dyn Fn(f64) -> f64>::new(move |n: f64| {
        let n = n.clamp(0.0, 200_000.0) as usize;
        let l = lang.try_get_untracked().unwrap_or_default();
        surface
            .try_with_value(|s| {
                s.as_ref()
                    .and_then(|s| model.try_update_value(|m| bench(m, s, l, n)))
            })
            .flatten()
            .unwrap_or(-1.0)
    });
    let _ = js_sys::Reflect::set(&w, &"__prasarMapRender".into(), hook.as_ref());
    hook.forget();
    // `window.__prasarMapMarker(id)`: where a group's marker is drawn and its status,
    // for browser tests ({x, y, r, exact, status} in CSS pixels of the canvas, or null).
    let marker = Closure::<dyn Fn(String) -> JsValue>::new(move |id: String| {
        model
            .try_with_value(|m| {
                let mk = m.markers.iter().find(|mk| mk.id == id)?;
                let (x, y) = mk.at.map(|(wx, wy)| m.view.to_screen(wx, wy))?;
                let o = js_sys::Object::new();
                let set = |k: &str, v: JsValue| {
                    let _ = js_sys::Reflect::set(&o, &k.into(), &v);
                };
                set("x", x.into());
                set("y", y.into());
                set("r", m.view.marker_radius().into());
                set("exact", mk.exact.into());
                set("checked", mk.checked.into());
                set("status", mk.status.as_str().into());
                Some(JsValue::from(o))
            })
            .flatten()
            .unwrap_or(JsValue::NULL)
    });
    let _ = js_sys::Reflect::set(&w, &"__prasarMapMarker".into(), marker.as_ref());
    marker.forget();
    on_cleanup(move || {
        if let Some(w) = web_sys::window() {
            let _ = js_sys::Reflect::delete_property(&w, &"__prasarMapRender".into());
            let _ = js_sys::Reflect::delete_property(&w, &"__prasarMapMarker".into());
            let _ = js_sys::Reflect::delete_property(&w, &"__prasarMapReady".into());
        }
    });
}

/// A district office replaces the baked outlines with its own GeoJSON.
#[component]
fn OutlineUpload(area: Option<String>, on_done: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let layer = RwSignal::new(OutlineLayer::Blocks);
    let input = NodeRef::<leptos::html::Input>::new();
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<Result<u32, ApiFailure>>);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(file) = input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            return;
        };
        busy.set(true);
        let area = area.clone();
        spawn_local(async move {
            let answer = api::upload_outlines(layer.get_untracked(), area, file).await;
            if answer.is_ok() {
                on_done.run(());
            }
            result.set(Some(answer.map(|s| s.features)));
            busy.set(false);
        });
    };
    view! {
        <details class="outline-upload">
            <summary>{mt(MapText::UploadOutlines)}</summary>
            <form on:submit=submit>
                <label>
                    <select id="outline-layer" on:change=move |ev| {
                        layer.set(OutlineLayer::parse(&event_target_value(&ev)).unwrap_or(OutlineLayer::Blocks));
                    }>
                        <option value="blocks">{mt(MapText::LayerBlocks)}</option>
                        <option value="district">{mt(MapText::LayerDistrict)}</option>
                    </select>
                </label>
                <input id="outline-file" type="file" accept=".geojson,.json,application/geo+json,application/json" node_ref=input/>
                <button type="submit" disabled=move || busy.get()>{mt(MapText::Upload)}</button>
            </form>
            {move || match result.get() {
                Some(Ok(n)) => Some(view! { <p class="notice ok" role="status">{MapText::OutlinesSaved.get(lang.get())} " (" {n} ")"</p> }.into_any()),
                Some(Err(failure)) => Some(view! { <ErrorBox failure/> }.into_any()),
                None => None,
            }}
        </details>
    }
}
