#!/usr/bin/env bash
# Runs every test layer (what `make test` and .ci/run do, after `make pkg` and scripts/setup.sh --test):
#   lint (fmt, clippy for the host and wasm32) · native cargo tests · Prism + the loopback test server ·
#   wasm-bindgen tests in Node and headless Chromium (the JS API and the Rust API) · tsc --strict consumer · smoke
#   test of the built package · edge Worker · demo page · fault matrix · hostile input · the JS boundary and its
#   fast-check fuzz · webhooks · the Rust Worker example in workerd · runtime matrix · size budget.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=test-artifacts
mkdir -p "$artifacts"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for() { # url name
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.5
  done
  echo "$2 did not start; see $artifacts/$2.log" >&2
  exit 1
}

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

step "lint: rustfmt, clippy (host, wasm32 with std, wasm32 as packaged)"
cargo fmt --check
cargo clippy --all-targets -q -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -q -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -q -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features js -q -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features js,sandbox -q -- -D warnings

step "native tests (cargo test)"
cargo test 2>&1 | tee "$artifacts/native.log" | grep -E "^test result: [^o]|^     Running|^test result|panicked" || true
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "native tests failed; see $artifacts/native.log" >&2; exit 1; }

step "servers: Prism (Verify spec, psd2 spec), the test server and the sandbox server, on 127.0.0.1"
prism_port=$(free_port); psd2_port=$(free_port); server_port=$(free_port)
node_modules/.bin/prism mock -h 127.0.0.1 -p "$prism_port" tests/fixtures/verify-subset.json >"$artifacts/prism.log" 2>&1 &
pids+=($!)
node_modules/.bin/prism mock -h 127.0.0.1 -p "$psd2_port" tests/fixtures/psd2-2023-subset.json >"$artifacts/prism-psd2.log" 2>&1 &
pids+=($!)
PRISM_URL="http://127.0.0.1:$prism_port" PRISM_PSD2_URL="http://127.0.0.1:$psd2_port" TEST_SERVER_PORT="$server_port" \
  node tests/support/test-server.mjs >"$artifacts/test-server.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$prism_port/verify_profiles" prism
wait_for "http://127.0.0.1:$psd2_port/verifications/psd2" prism-psd2
sandbox_port=$(free_port)
node pkg/sandbox-server.mjs --port "$sandbox_port" >"$artifacts/sandbox-server.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$server_port/log/ready" test-server
wait_for "http://127.0.0.1:$sandbox_port/_sandbox/outbox" sandbox-server
export TEST_SERVER_URL="http://127.0.0.1:$server_port" SANDBOX_URL="http://127.0.0.1:$sandbox_port"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

step "wasm tests in Node"
cargo test --target wasm32-unknown-unknown --test wasm_node

step "wasm tests in headless Chromium"
CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test wasm_browser

step "TypeScript: a strict consumer of the generated declarations"
node_modules/.bin/tsc -p tests/types/tsconfig.json && echo "tsc --strict: OK"

step "the built package (optimised .wasm) in Node"
node tests/pkg-smoke.mjs

step "the edge Worker in Miniflare (every limit, Turnstile, fail-closed config, persistence, logs, webhooks)"
node --test --test-concurrency=1 www/edge/test/edge.test.mjs

step "README \"Deploy it\", followed as written (wrangler dev --local, the sandbox server as the API)"
node --test www/edge/test/deploy.test.mjs

step "the demo page in headless Chromium (playwright-core)"
node --test tests/demo.test.mjs

step "fault matrix: 15 faults × 4 call classes, in Node and workerd"
node --test --test-concurrency=1 tests/faults/fault-matrix.test.mjs

step "hostile input and leaks: malformed values for every method, the key on every error path, 100,000 calls"
node --test --test-concurrency=1 tests/faults/hostile.test.mjs

step "the JS boundary: issue 9's defects, gloo-net's panics out of reach, fast-check fuzz of every export (${FUZZ_RUNS:-10000} runs)"
node --test --test-concurrency=1 tests/faults/boundary.test.mjs

step "webhooks: independent signatures, every forgery, the sandbox's signed events and the server's POSTs with failover"
node --test --test-concurrency=1 tests/webhooks.test.mjs

step "the Rust API in a Rust Worker (examples/worker-rs, workers-rs) built and run in workerd"
examples/worker-rs/build.sh
node --test tests/worker-rs.test.mjs

step "runtime matrix: the packed tarball in Node ESM/require, workerd, Deno, Bun, Chromium; publint, attw, tsc"
node --test --test-concurrency=1 tests/runtimes/matrix.test.mjs

step "size budget"
scripts/size.sh --check

step "all tests passed"
