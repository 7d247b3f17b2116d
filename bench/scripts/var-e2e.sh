#!/usr/bin/env bash
# Times `hedgekit var` end to end (JVM start, reading the book and scenarios, full revaluation,
# Greek approximations, ES contributions, writing the result) on the demo's 100,000-position
# book and 10,000 Monte Carlo scenarios, per backend, with netting (the default) and with
# --no-netting (every position repriced); prints the median of RUNS runs and the CPU time.
#   bench/scripts/var-e2e.sh [backend ...]        (default: scalar cpu)
# HEDGEKIT_AOT=0 in the environment measures without the launcher's startup cache.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${HEDGEKIT_E2E_DIR:-/tmp/hedgekit-e2e}"
RUNS="${RUNS:-5}"
backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(scalar cpu)

"$ROOT/hedgekit" --version > /dev/null 2>&1 # builds the jar (and its startup cache) outside the timing
if [ ! -f "$DATA/scenarios.arrow" ]; then
  "$ROOT/hedgekit" demo --inputs-only --positions 100000 --scenarios 10000 --out "$DATA" -q
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); AOT cache: ${HEDGEKIT_AOT:-1}"
for b in "${backends[@]}"; do
  for netting in "" "--no-netting"; do
    times=()
    cpu=()
    for _ in $(seq "$RUNS"); do
      /usr/bin/time -o "$DATA/time.txt" -f "%e %U %S" "$ROOT/hedgekit" var --book "$DATA/book.arrow" \
        --market "$DATA/market.json" --scenarios "$DATA/scenarios.arrow" --backend "$b" $netting \
        --out "$DATA/var-$b.json" -q > /dev/null
      read -r wall user sys < "$DATA/time.txt"
      times+=("$wall")
      cpu+=("$(echo "$user + $sys" | bc)")
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    sortedCpu=($(printf '%s\n' "${cpu[@]}" | sort -n))
    echo "$b ${netting:-(netting)}: median $(printf '%.2f' "${sorted[$((RUNS / 2))]}") s wall," \
      "$(printf '%.2f' "${sortedCpu[$((RUNS / 2))]}") s CPU over $RUNS runs (wall: ${times[*]})"
  done
done
