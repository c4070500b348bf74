#!/usr/bin/env bash
# Prints raw, gzip -9 and brotli sizes of the package's .wasm and JS glue.
#   scripts/size.sh            print the table
#   scripts/size.sh --check    also fail when wasm+glue gzip exceeds the budget in size-budget.txt
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/telnyx_verify_wasm_bg.wasm ] || { echo "no pkg/: run make pkg first" >&2; exit 1; }

gz() { gzip -9 -c "$1" | wc -c; }
br() { node -e "const z=require('zlib');process.stdout.write(String(z.brotliCompressSync(require('fs').readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))" "$1"; }

printf '%-28s %10s %10s %10s\n' file raw gzip-9 brotli
total_gz=0
for f in pkg/telnyx_verify_wasm_bg.wasm pkg/telnyx_verify_wasm.js; do
  g=$(gz "$f"); total_gz=$((total_gz + g))
  printf '%-28s %10d %10d %10d\n' "$(basename "$f")" "$(wc -c <"$f")" "$g" "$(br "$f")"
done
printf '%-28s %10s %10d\n' "wasm + glue" "" "$total_gz"

if [ "${1:-}" = "--check" ]; then
  budget=$(grep -o '^[0-9]*' size-budget.txt)
  if [ "$total_gz" -gt "$budget" ]; then
    echo "FAIL: wasm + glue is $total_gz bytes gzip, over the budget of $budget (size-budget.txt)" >&2
    exit 1
  fi
  echo "size budget OK: $total_gz <= $budget bytes gzip"
fi
