#!/usr/bin/env bash
# The Spark job against one process on the same demo book (bench/RESULTS.md, "Spark"):
#   bench/scripts/spark-e2e.sh POSITIONS SCENARIOS [DIR]
# Writes the demo inputs (book as CSV, then Parquet in 8 part files), then times, each with
# /usr/bin/time -v (max RSS of the JVM: driver + executors for local[2]):
#   1. hedgekit var --method full (one process, cpu backend)
#   2. hedgekit spark var --master local[2] (netting within each partition)
#   3. the same with --shuffle-by-instrument (netting across the whole book)
# and checks that the VaR/ES of the three agree within 1e-9 relative.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N=${1:-2000000}; M=${2:-1000}; D=${3:-/tmp/hedgekit-spark-bench-$N}
HK="$ROOT/hedgekit"
mkdir -p "$D"
[ -f "$D/book.csv" ] || HEDGEKIT_AOT=0 "$HK" demo --inputs-only --book-format csv --positions "$N" --scenarios "$M" --out "$D" -q
[ -d "$D/book.parquet" ] || "$HK" spark parquet --master 'local[2]' --book "$D/book.csv" --out "$D/book.parquet" --partitions 8
run() { local name=$1; shift; echo "== $name"; /usr/bin/time -v "$@" 2> "$D/$name.time" | tail -n 3
  grep -E "Elapsed|Maximum resident|User time|System time" "$D/$name.time"; }
[ "${SKIP_LOCAL:-0}" = 1 ] || {
run one-process env HEDGEKIT_AOT=0 "$HK" var --book "$D/book.csv" --market "$D/market.json" --scenarios "$D/scenarios.arrow" \
  --method full --backend cpu --out "$D/var-one.json" -q
run spark-local2 "$HK" spark var --master 'local[2]' --book "$D/book.parquet" --market "$D/market.json" \
  --scenarios "$D/scenarios.arrow" --backend cpu --out "$D/var-spark.json"
run spark-local2-shuffle "$HK" spark var --master 'local[2]' --book "$D/book.parquet" --market "$D/market.json" \
  --scenarios "$D/scenarios.arrow" --backend cpu --shuffle-by-instrument --out "$D/var-shuffle.json"
python3 - "$D" <<'PY'
import json, sys
d = sys.argv[1]
a = json.load(open(d + "/var-one.json"))
for other in ("var-spark.json", "var-shuffle.json"):
    b = json.load(open(d + "/" + other))
    worst = max(abs(x[k] - y[k]) / abs(x[k]) for x, y in zip(a["results"], b["results"]) for k in ("var", "es"))
    print(f"{other}: instruments priced {b['instruments_priced']} (one process {a['instruments_priced']}), "
          f"max relative VaR/ES difference {worst:.1e}")
    assert worst <= 1e-9
PY
}

# 4. the same job on a standalone cluster on this machine: a master and two 1-core workers
#    (hedgekit spark cluster), one executor JVM per worker with 2 GB.
"$HK" spark cluster --workers 2 --cores 1 --memory 3g --dir "$D/cluster" > "$D/cluster.out" 2>&1 &
CLUSTER=$!
trap 'kill $CLUSTER 2>/dev/null || true; wait $CLUSTER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q '^spark://' "$D/cluster.out" && break; sleep 1; done
URL=$(grep -m1 '^spark://' "$D/cluster.out")
sleep 5  # the workers register with the master
run spark-cluster2 "$HK" spark var --master "$URL" --executor-classpath --conf spark.executor.memory=2g \
  --conf spark.executor.cores=1 --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --book "$D/book.parquet" --market "$D/market.json" --scenarios "$D/scenarios.arrow" --backend cpu --partitions 4 \
  --out "$D/var-cluster.json"
grep -h "Maximum resident" "$D"/cluster/work-*/app-*/*/stderr 2>/dev/null || true
python3 - "$D" <<'PY'
import json, sys
d = sys.argv[1]
a = json.load(open(d + "/var-one.json")); b = json.load(open(d + "/var-cluster.json"))
worst = max(abs(x[k] - y[k]) / abs(x[k]) for x, y in zip(a["results"], b["results"]) for k in ("var", "es"))
print(f"var-cluster.json: max relative VaR/ES difference {worst:.1e}")
assert worst <= 1e-9
PY
