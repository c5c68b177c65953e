#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time (default 60 s each), growing the corpus
# in fuzz/corpus/<target>. The bench calls this; CI replays the saved corpus on stable
# (core/tests/fuzz_corpus.rs). libFuzzer needs nightly compiler flags: the nightly
# toolchain is used when installed, else stable with RUSTC_BOOTSTRAP=1.
#   bash scripts/fuzz.sh [seconds] [target ...]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

seconds="${1:-60}"; shift || true
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz (once)"
  cargo install cargo-fuzz --locked
fi
toolchain=()
if rustup toolchain list | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cd fuzz && cargo "${toolchain[@]}" fuzz list)
mkdir -p target/bench
for t in "${targets[@]}"; do
  # New inputs go to a working corpus under target/ (not committed); the committed seeds
  # in fuzz/corpus/<target> are read as well. A crash lands in fuzz/artifacts/<target>:
  # fix it, then add the input to fuzz/corpus/<target> so CI replays it for ever.
  mkdir -p "target/fuzz-corpus/$t"
  say "fuzzing $t for ${seconds} s"
  log="target/bench/fuzz-$t.log"
  # -fork/-jobs stay off: two cores are shared with the rest of the bench.
  (cd fuzz && cargo "${toolchain[@]}" fuzz run --sanitizer none "$t" "../target/fuzz-corpus/$t" "corpus/$t" -- \
     -max_total_time="$seconds" -max_len=1048576 -print_final_stats=1) 2>&1 | tee "$log" | tail -n 5
done
