#!/usr/bin/env bash
# onnxi vs ONNX Runtime on the exported benchmark models, back to back, same thread count.
#   bench/compare_ort.sh [THREADS] [RUNS] [CASE_DIR...]   (default: 1 thread, 10 runs, bench/models/*)
# Needs build/onnxi, the models from bench/export_models.py, and ORT from
# ../shared/peers/setup-ort.sh (a peer to measure against; never linked into onnxi).
# Prints per model: onnxi's correctness vs torch (rtol 1e-3, atol 1e-4), both medians and
# the ratio ORT time / onnxi time (above 1.0 means onnxi is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-1}
runs=${2:-10}
shift $(( $# > 2 ? 2 : $# )) || true
cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || cases=(bench/models/*/)
peers=${ORT_PEERS:-../shared/peers}

printf '%-16s %-6s %12s %12s %10s\n' model check onnxi_ms ort_ms ort/onnxi
for case in "${cases[@]}"; do
  case=${case%/}
  name=$(basename "$case")
  check=$(build/onnxi conformance --rtol 1e-3 --atol 1e-4 --threads "$threads" "$case" | grep -cE '^PASS' || true)
  [[ $check == 1 ]] && check=ok || check=FAIL
  ours=$(build/onnxi bench "$case/model.onnx" --inputs "$case/test_data_set_0" --threads "$threads" \
           --runs "$runs" --warmup 1 | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p')
  theirs=$(node "$peers/ort_bench.js" "$threads" "$runs" "$case" 2>/dev/null | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' | head -1)
  ratio=$(awk -v a="$theirs" -v b="$ours" 'BEGIN { if (a > 0 && b > 0) printf "%.3f", a / b; else print "n/a" }')
  printf '%-16s %-6s %12s %12s %10s\n' "$name" "$check" "$ours" "${theirs:-n/a}" "$ratio"
done
