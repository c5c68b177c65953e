//! Prasar's Cloudflare Worker: the JSON API under `/api/` (routes → services → storage)
//! in front of D1 (registry and submissions) and R2 (screenshot bytes). Everything else
//! is the Leptos app, served by Workers Static Assets.
//!
//! The whole crate is wasm-only; natively it compiles to nothing so that
//! `cargo test --workspace` and `cargo clippy --workspace` work on the host.

#[cfg(target_arch = "wasm32")]
mod crypto;
#[cfg(target_arch = "wasm32")]
mod html;
#[cfg(target_arch = "wasm32")]
mod http;
#[cfg(target_arch = "wasm32")]
mod routes;
#[cfg(target_arch = "wasm32")]
mod scope;
#[cfg(target_arch = "wasm32")]
mod services;
#[cfg(target_arch = "wasm32")]
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
