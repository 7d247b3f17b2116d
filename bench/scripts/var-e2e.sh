#!/usr/bin/env bash
# Times `hedgekit var` end to end (JVM start, reading the book and scenarios, full revaluation,
# Greek approximations, ES contributions, writing the result) on the demo's 100,000-position
# book and 10,000 Monte Carlo scenarios, per backend; prints the median of RUNS runs.
#   bench/scripts/var-e2e.sh [backend ...]        (default: scalar cpu)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${HEDGEKIT_E2E_DIR:-/tmp/hedgekit-e2e}"
RUNS="${RUNS:-5}"
backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(scalar cpu)

if [ ! -f "$DATA/scenarios.arrow" ]; then
  "$ROOT/hedgekit" demo --inputs-only --positions 100000 --scenarios 10000 --out "$DATA" -q
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for b in "${backends[@]}"; do
  times=()
  for _ in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    "$ROOT/hedgekit" var --book "$DATA/book.arrow" --market "$DATA/market.json" --scenarios "$DATA/scenarios.arrow" \
      --backend "$b" --out "$DATA/var-$b.json" -q > /dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "$b: median $(printf '%.2f' "${sorted[$((RUNS / 2))]}") s over $RUNS runs (all: ${times[*]})"
done
