#!/usr/bin/env bash
# Sizes of the package: raw, gzip -9 and brotli, per file as shipped, and the figure users download: the .wasm
# plus the JS (glue and snippets) bundled and minified by esbuild, which is how the peer SDKs are measured too.
#   scripts/size.sh            print the table
#   scripts/size.sh --check    also fail when that figure (gzip) exceeds the budget in size-budget.txt
#   scripts/size.sh --check --budget N    the same against N bytes
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/telnyx_verify_wasm_bg.wasm ] || { echo "no pkg/: run make pkg first" >&2; exit 1; }

gz() { gzip -9 -c "$1" | wc -c; }
br() { node -e "const z=require('zlib');process.stdout.write(String(z.brotliCompressSync(require('fs').readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))" "$1"; }
row() { printf '%-34s %9d %9d %9d\n' "$1" "$(wc -c <"$2")" "$(gz "$2")" "$(br "$2")"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One build (dir): its files, and what users download (.wasm + glue and snippets bundled and minified).
report() { # title dir
  local dir=$2
  # The glue with its snippets, as a bundler ships it (the .wasm stays a separate file).
  node_modules/.bin/esbuild "$dir/telnyx_verify_wasm.js" --bundle --minify --format=esm --log-level=error \
    --external:'*.wasm' --outfile="$tmp/bundle.min.js"
  printf '\n%s\n%-34s %9s %9s %9s\n' "$1" "file (bytes)" raw gzip-9 brotli
  row telnyx_verify_wasm_bg.wasm "$dir/telnyx_verify_wasm_bg.wasm"
  row telnyx_verify_wasm.js "$dir/telnyx_verify_wasm.js"
  for snippet in "$dir"/snippets/*/*.js "$dir"/snippets/*/*/*/*.js; do
    [ -f "$snippet" ] && row "$(basename "$snippet")" "$snippet"
  done
  row "JS bundled + minified (esbuild)" "$tmp/bundle.min.js"
  total=$(( $(gz "$dir/telnyx_verify_wasm_bg.wasm") + $(gz "$tmp/bundle.min.js") ))
  printf '%-34s %9s %9d\n' "download: .wasm + minified JS" "" "$total"
}

report "with the sandbox (telnyx-verify-wasm)" pkg
report "webhooks alone (telnyx-verify-wasm/webhooks)" pkg/webhooks
report "client alone (telnyx-verify-wasm/client): the size budget" pkg/client

if [ "${1:-}" = "--check" ]; then
  # `--budget N` replaces the file's figure (the harness self-test uses 1 to prove the check can fail).
  budget=$(grep -o '^[0-9]*' size-budget.txt)
  [ "${2:-}" = "--budget" ] && budget=$3
  if [ "$total" -gt "$budget" ]; then
    echo "FAIL: the client is $total bytes gzip, over the budget of $budget (size-budget.txt)" >&2
    exit 1
  fi
  echo "size budget OK: $total <= $budget bytes gzip"
fi
