#!/usr/bin/env bash
# The test layers: what `make test` and .ci/run run (after `make pkg` and scripts/setup.sh --test).
#   scripts/test.sh               every layer, then the summary (a layer's name, result, tests and time)
#   scripts/test.sh LAYER…        those layers alone, with only the servers they need
#   scripts/test.sh --list        the layers and what each runs
# A layer passes only when its commands exit 0, it ran at least one test and it skipped none: a tool that is
# missing fails its layer, it does not skip it. Every layer runs even when an earlier one failed; the exit
# status is non-zero when any did. The last layer, `harness`, proves it: it runs every other layer with a
# failure injected (INJECT_FAILURE=<layer>) and requires a non-zero exit naming that layer.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts=${TEST_ARTIFACTS:-test-artifacts}
mkdir -p "$artifacts"

# name|what it runs (the order is the order of `make test`)
LAYERS=(
  "lint|rustfmt, clippy -D warnings for the host and for wasm32 (with std, and each packaged feature set), cargo doc -D warnings, prettier --check on all JS"
  "native|cargo test: unit tests, the sans-IO core, shapes, RFC 8032 and small-order/non-canonical vectors, the fuzz property run"
  "fuzz|the fuzzer (profile fuzz, unwinding) from a fresh seed, then a planted panic that must be reported with its input"
  "wasm-node|wasm-bindgen tests in Node against Prism, the fault server and the sandbox server on loopback"
  "wasm-browser|the same wasm-bindgen tests in headless Chromium"
  "types|tsc --strict: a consumer of the generated declarations; tsc --checkJs on the demo page, the package's entries and the edge Worker"
  "pkg-smoke|the built package (optimised .wasm) in Node"
  "edge|the edge Worker in Miniflare: every limit, checks by id, fail-closed MODE, webhooks; three isolates with three clocks on one set of objects, the counter against a reference model, storage after an attack, a load test; the fraud guard against a replayed attack trace, and its admin page in Chromium"
  "deploy|docs/edge.md \"Deploy it\", followed as written (wrangler dev --local, the sandbox server as the API)"
  "demo|the demo page in headless Chromium (playwright-core)"
  "faults|fault matrix: 15 faults x 4 call classes, in Node and workerd"
  "hostile|hostile input and leaks: malformed values for every method, the key on every error path, 100,000 calls"
  "boundary|the JS boundary: Response fakes, Proxies, thenables, imported states, fast-check fuzz (${FUZZ_RUNS:-10000} runs, fresh seed)"
  "webhooks|independent signatures, every forgery, the sandbox's signed events, the server's POSTs with failover"
  "worker-rs|the Rust API in a Rust Worker (examples/worker-rs, workers-rs) built and run in workerd"
  "runtimes|the packed tarball in Node ESM/require, workerd, Deno, Bun, Chromium; publint, attw, tsc"
  "size|the client's size budget (size-budget.txt)"
  "harness|self-test: each layer above with an injected failure must fail make test, and a skipped test too"
)
layer_names() { for entry in "${LAYERS[@]}"; do echo "${entry%%|*}"; done; }

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# A check that is not a test runner's test (a lint, a size): counted as one passed test in the summary.
# Layer functions run under `set -e`; a command is never followed by `&& passed`, since a failure on the left
# of `&&` does not stop the function.
passed() { echo "check ok: $*"; }
require() { command -v "$1" >/dev/null || { echo "missing tool: $1 (scripts/setup.sh --test installs it)" >&2; return 1; }; }

# Under the self-test, a runner keeps only the injected test: its failure then shows in seconds.
INJECT_FAILURE=${INJECT_FAILURE:-}
NODE_LAYER_TIME_LIMIT=${NODE_LAYER_TIME_LIMIT:-900}
injected() { [ "${INJECT_FAILURE%%:*}" = "$1" ] && [ "${INJECT_FAILURE#*:}" != skip ]; }
node_test() { # layer, node --test arguments…
  local layer=$1
  shift
  local filter=()
  injected "$layer" && filter=(--test-name-pattern='injected failure')
  # A test file that never exits (a server or browser left open) fails its layer instead of stalling CI.
  local status=0
  timeout -k 15 "$NODE_LAYER_TIME_LIMIT" node --test --test-reporter=spec "${filter[@]}" "$@" || status=$?
  [ "$status" -ne 124 ] || echo "layer $layer: still running after ${NODE_LAYER_TIME_LIMIT} s, stopped" >&2
  return "$status"
}
cargo_filter() { if injected "$1"; then echo injected_failure; fi; }

layer_lint() {
  cargo fmt --check
  passed "cargo fmt --check"
  cargo clippy --all-targets -q -- -D warnings
  passed "clippy (host)"
  cargo clippy --target wasm32-unknown-unknown --all-targets -q -- -D warnings
  passed "clippy (wasm32)"
  for features in "" "--features js" "--features js,sandbox"; do
    # shellcheck disable=SC2086
    cargo clippy --target wasm32-unknown-unknown --lib --no-default-features $features -q -- -D warnings
    passed "clippy (wasm32, --no-default-features ${features:-})"
  done
  # The Rust API's docs as docs.rs builds them (Cargo.toml's [package.metadata.docs.rs]): no broken or private links.
  RUSTDOCFLAGS="-D warnings" cargo doc --target wasm32-unknown-unknown --no-deps --no-default-features --features sandbox,webhooks -q
  passed "cargo doc (wasm32, as docs.rs builds them)"
  # Every JS file in one style (.prettierrc.json: the Rust code's 120 columns); `prettier --write .` fixes it.
  node_modules/.bin/prettier --check --log-level warn .
  passed "prettier --check (all JS)"
}

layer_native() {
  cargo test -- $(cargo_filter native)
}

layer_fuzz() {
  # A fresh seed each run (printed by the fuzzer); FUZZ_SEED replays one.
  local planted=()
  injected fuzz && planted=(--plant-panic)
  cargo run -q --profile fuzz --example fuzz -- "${FUZZ_EXECUTIONS:-1000000}" ${FUZZ_SEED:-} "${planted[@]}"
  passed "fuzz: no panic"
  # The reporting works: a planted defect is found, and reported with its seed, execution and input.
  local out again status=0
  out=$(cargo run -q --profile fuzz --example fuzz -- 200000 7 --plant-panic 2>&1) || status=$?
  echo "$out" | tail -n 6
  [ "$status" -eq 1 ] || { echo "the planted panic exited $status, not 1" >&2; return 1; }
  grep -q "^PANIC: planted defect" <<<"$out" && grep -q "^  input: Case { target: 14" <<<"$out" \
    && grep -q "^  seed [0-9]* (the thread's), execution [0-9]*" <<<"$out" \
    || { echo "the planted panic was not reported with its seed and input" >&2; return 1; }
  # …and the replay it prints finds the same input.
  local replay
  replay=$(sed -n 's/^  replay: cargo run --profile fuzz --example fuzz -- //p' <<<"$out" | head -n 1)
  status=0
  # shellcheck disable=SC2086
  again=$(cargo run -q --profile fuzz --example fuzz -- $replay 2>&1) || status=$?
  [ "$status" -eq 1 ] && [ "$(grep -m 1 '^  input: ' <<<"$again")" = "$(grep -m 1 '^  input: ' <<<"$out")" ] \
    || { echo "the printed replay did not find the same input: $again" >&2; return 1; }
  passed "fuzz: the planted panic reported with seed, execution and input, and its replay finds it again"
}

layer_wasm_node() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --test wasm_node -- $(cargo_filter wasm-node)
}

layer_wasm_browser() {
  require chromedriver
  CHROMEDRIVER=$(command -v chromedriver) CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --test wasm_browser -- $(cargo_filter wasm-browser)
}

layer_types() {
  local config=tests/types/tsconfig.json
  injected types && config=tests/types/tsconfig.injected.json
  node_modules/.bin/tsc -p "$config"
  passed "tsc --strict ($config)"
  # The JS we write, checked against its JSDoc and the platforms' types: the demo page and the package's entries
  # (as built into pkg/, beside the declarations they import), and the edge Worker against workerd's types.
  node_modules/.bin/tsc -p jsconfig.json
  passed "tsc --checkJs: www/app.js and the package's entries (jsconfig.json)"
  node_modules/.bin/tsc -p www/edge/jsconfig.json
  passed "tsc --checkJs: the edge Worker (www/edge/jsconfig.json)"
}

layer_pkg_smoke() { node_test pkg-smoke tests/pkg-smoke.mjs; }
layer_edge() {
  node_test edge --test-concurrency=1 www/edge/test/edge.test.mjs www/edge/test/windows.test.mjs www/edge/test/production.test.mjs \
    www/edge/test/guard.test.mjs
}
layer_deploy() { node_test deploy www/edge/test/deploy.test.mjs; }
layer_demo() {
  require chromium
  node_test demo tests/demo.test.mjs
}
layer_faults() { node_test faults --test-concurrency=1 tests/faults/fault-matrix.test.mjs; }
layer_hostile() { node_test hostile --test-concurrency=1 tests/faults/hostile.test.mjs; }
layer_boundary() { node_test boundary --test-concurrency=1 tests/faults/boundary.test.mjs; }
layer_webhooks() { node_test webhooks --test-concurrency=1 tests/webhooks.test.mjs; }
layer_worker_rs() {
  examples/worker-rs/build.sh
  node_test worker-rs tests/worker-rs.test.mjs
}
layer_runtimes() { node_test runtimes --test-concurrency=1 tests/runtimes/matrix.test.mjs; }

layer_size() {
  local budget=()
  injected size && budget=(--budget 1)
  scripts/size.sh --check "${budget[@]}"
  passed "size budget"
}

# The self-test: every other layer, alone, with a failure injected, must exit non-zero and be named as failed.
layer_harness() {
  local layer status out line failed dir="$artifacts/self-test"
  mkdir -p "$dir"
  trap 'rm -f tests/zz_injected_lint.rs tests/zz_injected_lint.mjs' EXIT
  for layer in $(layer_names); do
    [ "$layer" = harness ] && continue
    status=0
    if [ "$layer" = lint ]; then
      # rustfmt has no test to inject: a misformatted file is copied in for the run, then removed.
      printf 'fn  injected ( ) {}\n' >tests/zz_injected_lint.rs
      TEST_ARTIFACTS="$dir" scripts/test.sh lint >"$dir/run-lint.log" 2>&1 || status=$?
      rm -f tests/zz_injected_lint.rs
      # And the JS formatter, which runs last in the layer: a misformatted .mjs alone must fail it too.
      local js_status=0
      printf 'const  injected = ( ) => {}\n' >tests/zz_injected_lint.mjs
      TEST_ARTIFACTS="$dir" scripts/test.sh lint >"$dir/run-lint-js.log" 2>&1 || js_status=$?
      rm -f tests/zz_injected_lint.mjs
      if [ "$js_status" -ne 0 ] && grep -q "zz_injected_lint.mjs" "$dir/run-lint-js.log"; then
        passed "injected misformatted JS caught by prettier in lint (exit $js_status)"
      else
        echo "harness: a misformatted JS file did not fail lint (exit $js_status); see $dir/run-lint-js.log" >&2
        return 1
      fi
    else
      INJECT_FAILURE=$layer TEST_ARTIFACTS="$dir" scripts/test.sh "$layer" >"$dir/run-$layer.log" 2>&1 || status=$?
    fi
    # Caught for the right reason: the run names the layer as failed, and the layer's own commands exited non-zero
    # (not only a skip or an empty count); where the injection is a test, the runner counted it as failed.
    out=$(sed -nE '/^FAILED layers: /p' "$dir/run-$layer.log")
    line=$(sed -nE "/^$layer +FAILED/p" "$dir/run-$layer.log")
    failed=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '^[0-9]+' || echo 0)
    # lint, types, size and fuzz fail by their commands' exit status, not by a counted test.
    case $layer in lint | types | size | fuzz) failed=1 ;; esac
    if [ "$status" -ne 0 ] && [ "$out" = "FAILED layers: $layer" ] && grep -qE " exit [1-9][0-9]*$" <<<"$line" && [ "$failed" -ge 1 ]; then
      passed "injected failure in $layer caught (exit $status; the layer's commands exited non-zero)"
    else
      echo "an injected failure in $layer was not caught for its own reason: exit $status, '$out', '$line' (see $dir/run-$layer.log)" >&2
      return 1
    fi
  done
  # A skipped test fails its layer too (a missing tool must not pass quietly).
  status=0
  INJECT_FAILURE=pkg-smoke:skip TEST_ARTIFACTS="$dir" scripts/test.sh pkg-smoke >"$dir/run-skip.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ] && grep -q "^pkg-smoke .*FAILED.* 1 skipped" "$dir/run-skip.log"; then
    passed "an injected skip in pkg-smoke caught (exit $status)"
  else
    echo "an injected skip was not caught: exit $status (see $dir/run-skip.log)" >&2
    return 1
  fi
}

# ---- Servers, for the layers that need them -----------------------------------------------------------------

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for() { # url name
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.5
  done
  echo "$2 did not start; see $artifacts/$2.log" >&2
  return 1
}
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || continue; done; }
trap cleanup EXIT

# Prism (Verify spec, psd2 spec), the test server and the sandbox server, on 127.0.0.1: the wasm tests read
# their addresses when they are built.
start_servers() {
  step "servers: Prism (Verify spec, psd2 spec), the test server and the sandbox server, on 127.0.0.1"
  local prism_port psd2_port server_port sandbox_port
  prism_port=$(free_port); psd2_port=$(free_port); server_port=$(free_port); sandbox_port=$(free_port)
  node_modules/.bin/prism mock -h 127.0.0.1 -p "$prism_port" tests/fixtures/verify-subset.json >"$artifacts/prism.log" 2>&1 &
  pids+=($!)
  node_modules/.bin/prism mock -h 127.0.0.1 -p "$psd2_port" tests/fixtures/psd2-2023-subset.json >"$artifacts/prism-psd2.log" 2>&1 &
  pids+=($!)
  PRISM_URL="http://127.0.0.1:$prism_port" PRISM_PSD2_URL="http://127.0.0.1:$psd2_port" TEST_SERVER_PORT="$server_port" \
    node tests/support/test-server.mjs >"$artifacts/test-server.log" 2>&1 &
  pids+=($!)
  node pkg/sandbox-server.mjs --port "$sandbox_port" >"$artifacts/sandbox-server.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$prism_port/verify_profiles" prism
  wait_for "http://127.0.0.1:$psd2_port/verifications/psd2" prism-psd2
  wait_for "http://127.0.0.1:$server_port/log/ready" test-server
  wait_for "http://127.0.0.1:$sandbox_port/_sandbox/outbox" sandbox-server
  export TEST_SERVER_URL="http://127.0.0.1:$server_port" SANDBOX_URL="http://127.0.0.1:$sandbox_port"
}

# ---- Running and reporting ----------------------------------------------------------------------------------

# passed failed skipped, summed from a layer's log: node's spec reporter, cargo's and wasm-bindgen-test's
# "test result" lines, and `passed` checks.
count() { # log
  awk '
    /^ℹ pass /      { p += $3 } /^ℹ fail / { f += $3 } /^ℹ cancelled / { f += $3 }
    /^ℹ skipped /   { s += $3 } /^ℹ todo / { s += $3 }
    /^test result: / { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1); if ($(i) ~ /^ignored;?$/) s += $(i-1) } }
    /^check ok: /   { p += 1 }
    END { printf "%d %d %d\n", p, f, s }' "$1"
}

summary=()
failed_layers=()
run_layer() { # name
  local name=$1 fn="layer_${1//-/_}" log="$artifacts/$1.log" started=$SECONDS status p f s result
  step "$name: $(describe "$name")"
  set +e
  ( set -euo pipefail; "$fn" ) 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  read -r p f s < <(count "$log")
  result=ok
  if [ "$status" -ne 0 ] || [ "$f" -gt 0 ]; then result=FAILED
  elif [ "$s" -gt 0 ]; then result="FAILED (skips)"
  elif [ "$p" -eq 0 ]; then result="FAILED (no tests ran)"
  fi
  [ "$result" = ok ] || failed_layers+=("$name")
  summary+=("$(printf '%-13s %-22s %5d passed %3d failed %3d skipped %5d s  exit %d' "$name" "$result" "$p" "$f" "$s" $((SECONDS - started)) "$status")")
}

describe() { for entry in "${LAYERS[@]}"; do [ "${entry%%|*}" = "$1" ] && echo "${entry#*|}"; done; }

if [ "${1:-}" = "--list" ]; then
  for entry in "${LAYERS[@]}"; do printf '%-13s %s\n' "${entry%%|*}" "${entry#*|}"; done
  exit 0
fi
selected=("$@")
[ ${#selected[@]} -gt 0 ] || mapfile -t selected < <(layer_names)
known=" $(layer_names | tr '\n' ' ')"
for name in "${selected[@]}"; do
  # Not `layer_names | grep -q`: under pipefail, grep's early exit can fail the pipeline with SIGPIPE.
  case $known in *" $name "*) ;; *) echo "no layer '$name'; scripts/test.sh --list names them" >&2; exit 2 ;; esac
done
for name in "${selected[@]}"; do
  case $name in wasm-node|wasm-browser) start_servers; break ;; esac
done

for name in "${selected[@]}"; do run_layer "$name"; done

step "summary"
printf '%s\n' "${summary[@]}" | tee "$artifacts/summary.txt"
if [ ${#failed_layers[@]} -gt 0 ]; then
  echo "FAILED layers: ${failed_layers[*]}" | tee -a "$artifacts/summary.txt"
  exit 1
fi
echo "all ${#selected[@]} layers passed" | tee -a "$artifacts/summary.txt"
