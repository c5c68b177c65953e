# Shared steps for start.sh and test.sh. Every step checks before it acts, so a second
# run on a ready machine does almost nothing. Nothing here downloads from outside the
# package registries (crates.io, npm, Debian): see ../shared/toolchain.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export WRANGLER_SEND_METRICS=false
# wrangler dev (only dev) otherwise holds each response until the request body is drained,
# so a client lying about Content-Length would never get the worker's 413.
export WRANGLER_DISABLE_REQUEST_BODY_DRAINING=1

WASM_BINDGEN_VERSION=0.2.130
WORKER_BUILD_VERSION=0.8.7

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

sha_of() { sha256sum "$@" | sha256sum | cut -c1-64; }

# Content hash of the files below the given paths (tracked or not, ignoring build output).
tree_hash() {
  find "$@" -type f ! -path '*/target/*' ! -path '*/build/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # --locked fails for this version (a yanked transitive crate); see toolchain.md.
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 10 minutes, once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if [ "$(worker-build --version 2>/dev/null)" != "$WORKER_BUILD_VERSION" ]; then
    say "installing worker-build $WORKER_BUILD_VERSION (about 11 minutes, once)"
    cargo install worker-build --version "$WORKER_BUILD_VERSION" --locked --force
  fi
}

ensure_node_modules() {
  local want have=""
  want="$(sha_of package-lock.json)"
  [ -f node_modules/.prasar-lock ] && have="$(cat node_modules/.prasar-lock)"
  if [ "$want" != "$have" ] || [ ! -x node_modules/.bin/wrangler ]; then
    say "installing npm packages (wrangler, binaryen, playwright-core)"
    npm ci --no-audit --no-fund
    echo "$want" > node_modules/.prasar-lock
  fi
}

# Debian's Chromium, its driver and Devanagari fonts, for the browser tests; openpyxl for
# reading XLSX exports in tests.
ensure_browser() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
  # Report tests read the XLSX exports back with an independent reader.
  /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || missing+=(python3-openpyxl)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

# The Leptos app, twice: the full app, and the group admins' small bundle (`/a`,
# `/submit` only; cargo feature `officials` off) for cheap phones on 2G/3G. Each is
# cargo → wasm-bindgen → wasm-opt (npm binaryen; Debian's is broken for this output).
# The admin build has its own target dir so the two feature sets never evict each other.
build_app_variant() {
  local name="$1" target_dir="$2"; shift 2
  cargo build --release --target wasm32-unknown-unknown -p prasar-app --target-dir "$target_dir" "$@"
  local wasm="$target_dir/wasm32-unknown-unknown/release/prasar-app.wasm"
  local out="target/pkg-$name" stamp="target/pkg-$name.stamp" want
  want="$(sha_of "$wasm" scripts/lib.sh)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -f "$out/${name}_bg.wasm" ]; then
    rm -rf "$out"
    wasm-bindgen --target web --no-typescript --out-name "$name" --out-dir "$out" "$wasm"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      -o "$out/${name}_bg.wasm" "$out/${name}_bg.wasm"
    echo "$want" > "$stamp"
  fi
}

# The chat-export reader (crate `chat`): a third, small module the admin page imports
# only when an export is opened, so the admins' first load does not carry the parser.
build_chat_module() {
  cargo build --release --target wasm32-unknown-unknown -p prasar-chat
  local wasm=target/wasm32-unknown-unknown/release/prasar_chat.wasm
  local out=target/pkg-prasar_chat stamp=target/pkg-prasar_chat.stamp want
  want="$(sha_of "$wasm" scripts/lib.sh)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -f "$out/prasar_chat_bg.wasm" ]; then
    rm -rf "$out"
    wasm-bindgen --target web --no-typescript --out-name prasar_chat --out-dir "$out" "$wasm"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      -o "$out/prasar_chat_bg.wasm" "$out/prasar_chat_bg.wasm"
    echo "$want" > "$stamp"
  fi
}

build_app() {
  say "building the app (officials' and group admins' bundles, chat-export reader)"
  build_app_variant prasar_app target
  build_app_variant prasar_admin target/admin-app --no-default-features
  build_chat_module
  rm -rf dist.tmp && mkdir -p dist.tmp/pkg
  cp -R public/. dist.tmp/
  generate_geo
  if [ -d target/geo ]; then cp -R target/geo dist.tmp/geo; fi
  cp target/pkg-prasar_app/prasar_app.js target/pkg-prasar_app/prasar_app_bg.wasm \
    target/pkg-prasar_admin/prasar_admin.js target/pkg-prasar_admin/prasar_admin_bg.wasm \
    target/pkg-prasar_chat/prasar_chat.js target/pkg-prasar_chat/prasar_chat_bg.wasm dist.tmp/pkg/
  stamp_service_worker dist.tmp
  minify_assets dist.tmp
  rm -rf dist && mv dist.tmp dist
}

# Names the service worker's shell cache after the content of the files it precaches
# (its SHELL list), so a new build replaces the phones' cached app and an unchanged one
# costs them nothing. Fails if a listed file is missing from the build.
stamp_service_worker() {
  local dir="$1" files=() path version
  for path in $(sed -n "/^const SHELL = \[/,/^\];/p" "$dir/sw.js" | grep -o "'/[^']*'" | tr -d "'"); do
    [ "$path" = / ] && path=/index.html
    [ -f "$dir$path" ] || { echo "sw.js precaches $path, which the build lacks" >&2; return 1; }
    files+=("$dir$path")
  done
  version="$(sha256sum "${files[@]}" | sed "s|  $dir/|  |" | sha256sum | cut -c1-16)"
  sed -i "s/__PRASAR_SHELL_VERSION__/$version/" "$dir/sw.js"
}

# Minifies the scripts and the stylesheet in place (esbuild comes with wrangler): the
# admins' first load on 2G is budgeted at 200 KB brotli, and comments are not free.
minify_assets() {
  local dir="$1" file
  for file in "$dir"/*.js "$dir"/pkg/*.js "$dir"/*.css; do
    "$ROOT/node_modules/@esbuild/linux-x64/bin/esbuild" "$file" --minify --log-level=warning \
      --allow-overwrite --outfile="$file"
  done
}

build_worker() {
  say "building the worker"
  bash scripts/build-worker.sh
}

# Real reference data (LGD lists, boundaries, village points) lives beside the repo.
SHARED_DATA="${PRASAR_SHARED_DATA:-$ROOT/../shared/data}"

# Generates the Udaipur demo district SQL from ../shared/data (skipped when unchanged).
generate_seed() {
  local out=target/seed/udaipur.sql stamp=target/seed/udaipur.stamp want
  if [ ! -f "$SHARED_DATA/udaipur_lgd_gram_panchayats.csv" ]; then
    echo "missing $SHARED_DATA (the shared reference data); set PRASAR_SHARED_DATA" >&2
    return 1
  fi
  want="$(tree_hash tools/seed "$SHARED_DATA" Cargo.lock)"
  if [ ! -f "$out" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "generating the Udaipur seed from $SHARED_DATA"
    mkdir -p target/seed
    cargo run -q --release -p prasar-seed -- udaipur --data "$SHARED_DATA" --out "$out"
    echo "$want" > "$stamp"
  fi
}

# schemathesis (PyPI) in a virtualenv under target/, for the API fuzz test.
SCHEMATHESIS_VERSION=4.32.5
ensure_schemathesis() {
  if [ "$(target/venv/bin/schemathesis --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
    say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI (once)"
    python3 -m venv target/venv
    target/venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

# The Rajasthan-scale fixture (25,000 groups) for the bench.
generate_state_seed() {
  local out=target/seed/state.sql stamp=target/seed/state.stamp want
  want="$(tree_hash tools/seed "$SHARED_DATA" Cargo.lock)"
  if [ ! -f "$out" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "generating the Rajasthan-scale fixture (25,000 groups)"
    mkdir -p target/seed
    cargo run -q --release -p prasar-seed -- state --data "$SHARED_DATA" --out "$out"
    echo "$want" > "$stamp"
  fi
}

# The map's baked outlines (Udaipur district and blocks) from ../shared/data, into
# target/geo/ and from there dist/geo/ (skipped when unchanged). Without the data the map
# still works, with outlines the district uploads.
generate_geo() {
  local out=target/geo stamp=target/geo.stamp want
  if [ ! -f "$SHARED_DATA/udaipur_salumbar_districts_osm.geojson" ]; then
    echo "no $SHARED_DATA: the map gets no baked outlines" >&2
    return 0
  fi
  want="$(tree_hash tools/seed core/src/map "$SHARED_DATA" Cargo.lock)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -d "$out" ]; then
    say "baking the map outlines from $SHARED_DATA"
    rm -rf "$out"
    cargo run -q --release -p prasar-seed -- geo --data "$SHARED_DATA" --out "$out"
    echo "$want" > "$stamp"
  fi
}

# Applies migrations and the Udaipur seed to the local D1 in $1 (default .wrangler/state).
migrate_and_seed() {
  local persist=(${1:+--persist-to "$1"})
  generate_seed
  say "applying D1 migrations${1:+ in $1}"
  CI=true wrangler d1 migrations apply DB --local "${persist[@]}"
  say "seeding the Udaipur demo district"
  wrangler d1 execute DB --local "${persist[@]}" --file target/seed/udaipur.sql >/dev/null
}
