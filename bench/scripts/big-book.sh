#!/usr/bin/env bash
# Memory of greeks and var against book size: writes synthetic books of N positions (BTC options
# over 3 expiries x 41 strikes x call/put, BTC/ETH/SOL perpetuals and a BTC future: 251
# instruments, so netting applies), then runs each command under /usr/bin/time -v with a small
# heap and prints wall time and max RSS.
#   bench/scripts/big-book.sh DIR N [N ...]      e.g. bench/scripts/big-book.sh /tmp/big 1000000 20000000
# Environment: HEAP (default -Xmx256m), SCENARIOS (default 1000), OUT (greeks output extension:
# arrow, csv or none; default arrow).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$1"; shift
HEAP="${HEAP:--Xmx256m}"
SCEN="${SCENARIOS:-1000}"
OUTEXT="${OUT:-arrow}"
mkdir -p "$DIR"
HK=(env HEDGEKIT_AOT=0 "HEDGEKIT_JAVA_OPTS=$HEAP" "$ROOT/hedgekit")
MARKET="$ROOT/examples/market.json"
[ -f "$DIR/mc.arrow" ] || "${HK[@]}" scenarios --method mc --model student-t --history \
  "$ROOT/examples/crypto_daily_close_with_sol.csv" --count "$SCEN" --seed 7 --vol-shifts --out "$DIR/mc.arrow" -q >/dev/null

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -v "$@" > "$DIR/$label.out" 2> "$DIR/$label.time" || { echo "$label failed:"; tail -5 "$DIR/$label.time"; return 1; }
  local rss wall
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DIR/$label.time")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$DIR/$label.time")
  printf '%-28s wall %10s   max RSS %8.0f MB\n' "$label" "$wall" "$((rss / 1024))"
}

for N in "$@"; do
  BOOK="$DIR/book-$N.csv"
  if [ ! -f "$BOOK" ]; then
    awk -v n="$N" 'BEGIN {
      split("27MAR26 26JUN26 25DEC26", ex, " "); k = 0
      for (e = 1; e <= 3; e++) for (s = 40000; s <= 120000; s += 2000) { sym[k++] = "BTC-" ex[e] "-" s "-C"; sym[k++] = "BTC-" ex[e] "-" s "-P" }
      sym[k++] = "BTC-PERPETUAL"; sym[k++] = "ETH-PERPETUAL"; sym[k++] = "SOL_USDC-PERPETUAL"; sym[k++] = "BTC-26JUN26"; sym[k++] = "BTC_USDC-PERPETUAL"
      print "id,symbol,quantity"
      srand(11)
      for (i = 0; i < n; i++) printf "pos-%d,%s,%d\n", i, sym[int(rand() * k)], int(rand() * 41) - 20 + 0.5
    }' > "$BOOK"
  fi
  if [ "$OUTEXT" = none ]; then GOUT=(); else GOUT=(--out "$DIR/greeks-$N.$OUTEXT"); fi
  measure "greeks N=$N" "${HK[@]}" greeks --book "$BOOK" --market "$MARKET" "${GOUT[@]}" -q
  measure "var N=$N" "${HK[@]}" var --book "$BOOK" --market "$MARKET" --scenarios "$DIR/mc.arrow" --out "$DIR/var-$N.json" -q
  rm -f "$DIR/greeks-$N.$OUTEXT"
done
