#!/usr/bin/env bash
# Command 2: every test. Installs what is missing (as start.sh does, plus Debian's
# Chromium, chromium-driver and Devanagari fonts), checks formatting and lints, then runs
# the tiers and prints each tier's counts:
#   1. native `cargo test`: prasar-core's domain rules, and the worker's storage statements
#      on SQLite with the migrations applied;
#   2. worker integration: real workerd via `wrangler dev --local`, real local D1 and R2;
#   2b. the day-sensitive integration files again at 00:05 and 23:55 IST (pinned clock);
#   3. browser end to end: playwright-core driving Debian's Chromium.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_rust_tools
ensure_node_modules
ensure_browser
ensure_schemathesis

mkdir -p target/test-logs
declare -A PASSED FAILED
overall=0

# Runs one tier, keeps its output, and records its pass/fail counts.
tier() {
  local name="$1" kind="$2"; shift 2
  local log="target/test-logs/$name.log" status=0
  say "tier: $name"
  "$@" 2>&1 | tee "$log" || status=$?
  local p=0 f=0
  case "$kind" in
    cargo)
      p=$(sed -nE 's/^test result: .* ([0-9]+) passed; ([0-9]+) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
      f=$(sed -nE 's/^test result: .* ([0-9]+) passed; ([0-9]+) failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
      ;;
    node)
      p=$(grep -E '^ℹ pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
      f=$(grep -E '^ℹ fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
      ;;
  esac
  PASSED[$name]=${p:-0}
  FAILED[$name]=${f:-0}
  if [ "$status" -ne 0 ] && [ "${FAILED[$name]}" -eq 0 ]; then FAILED[$name]=1; fi
  [ "$status" -ne 0 ] && overall=1
  return 0
}

say "formatting and lints"
cargo fmt --all -- --check
cargo clippy -p prasar-core -p prasar-worker --all-targets -- -D warnings
cargo clippy --workspace --target wasm32-unknown-unknown -- -D warnings

tier native cargo cargo test -p prasar-core -p prasar-seed -p prasar-worker

build_app
build_worker
generate_seed

NODE_TEST=(node --test --test-concurrency=1 --test-reporter=spec)
tier integration node "${NODE_TEST[@]}" tests/integration/
# The day-sensitive files again with the tests' and the worker's clock pinned just after
# and just before IST midnight (tests/lib/clock.mjs): the suite must pass at any hour.
DAY_SENSITIVE=(tests/integration/{report,submissions,campaigns,chat_activity,map,security}.test.mjs)
tier clock-0005 node env PRASAR_TEST_CLOCK_AT=00:05 "${NODE_TEST[@]}" "${DAY_SENSITIVE[@]}"
tier clock-2355 node env PRASAR_TEST_CLOCK_AT=23:55 "${NODE_TEST[@]}" "${DAY_SENSITIVE[@]}"
tier e2e node "${NODE_TEST[@]}" tests/e2e/

say "summary"
total_p=0; total_f=0
for name in native integration clock-0005 clock-2355 e2e; do
  printf '%-12s %4d passed, %d failed\n' "$name" "${PASSED[$name]}" "${FAILED[$name]}"
  total_p=$((total_p + PASSED[$name])); total_f=$((total_f + FAILED[$name]))
done
echo "browser screenshots: target/e2e/"
echo "total: $total_p passed, $total_f failed"
exit $overall
