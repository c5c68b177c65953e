#!/usr/bin/env bash
# The bench (separate from the tests): builds the release artifacts, generates the
# Udaipur and Rajasthan-scale fixtures, and measures every figure on loopback with local
# workerd and Debian's Chromium. Writes target/bench/report.json, prints a table, and
# exits non-zero if a budget fails.
#   bash scripts/bench.sh [figure-module ...]     e.g. bash scripts/bench.sh 10-admin-load
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_rust_tools
ensure_node_modules
ensure_browser
build_app
build_worker
generate_seed
generate_state_seed

node tests/bench/run.mjs "$@"
