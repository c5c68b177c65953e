//! Prasar's Cloudflare Worker: the JSON API under `/api/` (routes → services → storage)
//! in front of D1 (registry and submissions) and R2 (screenshot bytes). Everything else
//! is the Leptos app, served by Workers Static Assets.
//!
//! The crate is wasm-only except its storage layer (`db`, `scope`, `storage`), which
//! natively runs every statement on SQLite with the migrations applied (`cargo test`).

#[cfg(target_arch = "wasm32")]
mod crypto;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod db;
#[cfg(target_arch = "wasm32")]
mod html;
#[cfg(target_arch = "wasm32")]
mod http;
#[cfg(target_arch = "wasm32")]
mod routes;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod scope;
#[cfg(target_arch = "wasm32")]
mod services;
// D1's statements build and run natively too (the SQLite tier of `cargo test`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod storage;

#[cfg(target_arch = "wasm32")]
#[worker::event(fetch)]
async fn fetch(
    req: worker::Request,
    env: worker::Env,
    _ctx: worker::Context,
) -> worker::Result<worker::Response> {
    routes::dispatch(req, env).await
}

/// The daily draw at 09:00 IST (cron `30 3 * * *` in wrangler.toml; `wrangler dev
/// --test-scheduled` serves `/__scheduled` to trigger it). The event's scheduled time
/// decides the IST day, so a late or repeated run draws the same day once.
#[cfg(target_arch = "wasm32")]
#[worker::event(scheduled)]
async fn scheduled(event: worker::ScheduledEvent, env: worker::Env, _ctx: worker::ScheduleContext) {
    let at = event.schedule() as i64;
    services::draws::run_scheduled(&env, at).await;
    // The same morning run removes R2 objects a crashed upload left without a row.
    services::maintenance::run_scheduled(&env, at).await;
}
