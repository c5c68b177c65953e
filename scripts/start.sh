#!/usr/bin/env bash
# Command 1: install what is missing, build, migrate, seed the Udaipur demo district and
# serve Prasar at http://127.0.0.1:8787 (local workerd with D1/KV/R2 in .wrangler/state).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT="${PORT:-8787}"
ensure_rust_tools
ensure_node_modules
build_app
build_worker
migrate_and_seed
say "Prasar is starting at http://127.0.0.1:$PORT (Ctrl-C stops it)"
exec wrangler dev --local --ip 127.0.0.1 --port "$PORT" --show-interactive-dev-session=false
