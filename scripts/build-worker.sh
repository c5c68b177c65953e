#!/usr/bin/env bash
# Builds the Rust worker with worker-build. Called by `wrangler` ([build] in
# wrangler.toml) and by the setup scripts. Skips the build when its inputs are unchanged
# (wrangler dev runs the build command twice at startup).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The test harness starts many `wrangler dev`s after scripts/test.sh has built the worker
# once; they must not rebuild because someone edits a source file meanwhile.
if [ "${PRASAR_SKIP_WORKER_BUILD:-}" = 1 ] && [ -f worker/build/worker/shim.mjs ]; then
  exit 0
fi
export PATH="$HOME/.cargo/bin:$PATH"

# worker-build never looks on PATH and would download these from GitHub otherwise.
export WASM_BINDGEN_BIN="$HOME/.cargo/bin/wasm-bindgen"
export WASM_OPT_BIN="$ROOT/node_modules/.bin/wasm-opt"
export ESBUILD_BIN="$ROOT/node_modules/@esbuild/linux-x64/bin/esbuild"

inputs="$(find core worker/src worker/Cargo.toml Cargo.toml Cargo.lock scripts/build-worker.sh \
  -type f ! -path '*/target/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64)"
stamp=worker/build/.inputs
if [ -f worker/build/worker/shim.mjs ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$inputs" ]; then
  exit 0
fi
cd worker
worker-build --release
echo "$inputs" > build/.inputs
