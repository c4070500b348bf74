#!/usr/bin/env bash
# Builds the npm package into pkg/: release .wasm → wasm-bindgen (--target web) → wasm-opt -Os (binaryen from
# npm; Debian's corrupts the output) → merged with pkg-template/, version taken from Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

# Panic locations embed source paths: remap them so the package names no path of the build machine.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
RUSTFLAGS="--remap-path-prefix=$cargo_home/registry/src=/deps --remap-path-prefix=$PWD=/telnyx-verify-wasm ${RUSTFLAGS:-}" \
  cargo build --release --target wasm32-unknown-unknown --lib --no-default-features
rm -rf pkg && mkdir -p pkg
wasm-bindgen target/wasm32-unknown-unknown/release/telnyx_verify_wasm.wasm \
  --target web --out-dir pkg --out-name telnyx_verify_wasm --weak-refs
# -Os, not -Oz: -Oz makes the raw file smaller but the gzip (what users download) about 1 KB larger here.
# The producers and target-features sections are metadata nothing reads after wasm-bindgen.
# Only the features rustc emits for wasm32: `--all-features` lets binaryen use encodings that Node 20 cannot
# load ("unknown import kind", caught by tests/pkg-smoke.mjs).
node_modules/.bin/wasm-opt -Os --converge --strip-producers --strip-target-features \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue \
  pkg/telnyx_verify_wasm_bg.wasm -o pkg/telnyx_verify_wasm_bg.wasm
cp -R pkg-template/. pkg/
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed -i "s/\"version\": \"0.0.0-from-cargo\"/\"version\": \"$version\"/" pkg/package.json
rm -f pkg/.gitignore
echo "built pkg/ (version $version)"
