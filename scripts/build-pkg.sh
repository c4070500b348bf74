#!/usr/bin/env bash
# Builds the npm package into pkg/ from two builds of the crate:
#   pkg/          the main entry: the client and the sandbox (createSandbox)
#   pkg/client/   the client alone, for users who never load the sandbox (smaller; the size budget is on it)
#   pkg/webhooks/ verifyWebhook alone, for receivers of Telnyx's webhooks (no client)
# Each: release .wasm (no std) → wasm-bindgen --target web → wasm-opt -Os (binaryen from npm; Debian's corrupts
# the output). Then pkg-template/ is merged in, with the version from Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

# Panic locations embed source paths: remap them so the package names no path of the build machine.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
export RUSTFLAGS="--remap-path-prefix=$cargo_home/registry/src=/deps --remap-path-prefix=$PWD=/telnyx-verify-wasm ${RUSTFLAGS:-}"

build() { # out-dir cargo-feature-args...
  local out=$1
  shift
  cargo build --release --target wasm32-unknown-unknown --lib --no-default-features "$@"
  wasm-bindgen target/wasm32-unknown-unknown/release/telnyx_verify_wasm.wasm \
    --target web --out-dir "$out" --out-name telnyx_verify_wasm --weak-refs
  # -Os, not -Oz: -Oz makes the raw file smaller but the gzip (what users download) larger here (measured when
  # chosen).
  # The producers and target-features sections are metadata nothing reads after wasm-bindgen. Only the
  # features rustc emits: `--all-features` lets binaryen use encodings Node 20 cannot load.
  # --low-memory-unused (a smaller gzip, measured when chosen) lets binaryen fold offsets, assuming no access
  # below address 1024.
  # That holds: rustc links wasm32 with the stack first (data starts at 1 MiB, the stack grows down from it),
  # so only a stack 1023 KiB deep would reach there.
  node_modules/.bin/wasm-opt -Os --converge --low-memory-unused --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue \
    "$out/telnyx_verify_wasm_bg.wasm" -o "$out/telnyx_verify_wasm_bg.wasm"
  rm -f "$out/.gitignore" "$out/package.json"
  # The runtime entries (pkg-template/entry/): auto-initialising wrappers, and CommonJS for require().
  cp pkg-template/entry/* "$out/"
  node_modules/.bin/esbuild "$out/telnyx_verify_wasm.js" --bundle --format=cjs --platform=neutral --log-level=error \
    --outfile="$out/glue.cjs"
  # The classes declare [Symbol.dispose]: bring that lib along for consumers on an older `lib` setting.
  sed -i '1i /// <reference lib="esnext.disposable" />' "$out/telnyx_verify_wasm.d.ts"
  # CommonJS initialises on require(): no default `init` export in its types.
  grep -v '^export default function __wbg_init' "$out/telnyx_verify_wasm.d.ts" >"$out/telnyx_verify_wasm.d.cts"
}

rm -rf pkg
build pkg/client --features js
build pkg/webhooks --features js-webhooks
build pkg --features js,sandbox,js-webhooks
cp pkg-template/package.json pkg-template/README.md pkg-template/sandbox-server.mjs pkg-template/sandbox-server.d.mts pkg/
# For resolvers that ignore "exports" (TypeScript's node10): the client entry as a directory.
printf '{ "type": "module", "main": "node.cjs", "types": "telnyx_verify_wasm.d.cts" }\n' >pkg/client/package.json
printf '{ "type": "module", "main": "node.cjs", "types": "telnyx_verify_wasm.d.cts" }\n' >pkg/webhooks/package.json
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed -i "s/\"version\": \"0.0.0-from-cargo\"/\"version\": \"$version\"/" pkg/package.json
echo "built pkg/ (version $version): client + sandbox, and pkg/client/ (client only)"
