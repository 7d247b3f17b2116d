#!/usr/bin/env bash
# The Spark job against one process on the same demo book (bench/RESULTS.md, "Spark"):
#   bench/scripts/spark-e2e.sh POSITIONS SCENARIOS [DIR]
# e.g. bench/scripts/spark-e2e.sh 20000000 1000 /tmp/hedgekit-spark-20m   (the issue's scale)
#
# Inputs: the demo book written twice from one seed, as Arrow IPC (one process) and as Parquet
# (Spark; hedgekit demo --book-format parquet), the demo market and 1,000 Student-t scenarios.
# Runs, each timed by /usr/bin/time -v (wall time; max RSS of the launched JVM: the driver, which
# in local[2] is also the executor):
#   one-process           hedgekit var --method full --backend cpu (2 threads)
#   spark-local2          hedgekit spark var --master local[2] (Greek sums included, as the job's product)
#   spark-local2-nogreeks the same with --no-greek-sums (the work of hedgekit var --method full)
#   spark-cluster2        a standalone master and two 1-core workers on 127.0.0.1 (hedgekit spark
#                         cluster), one executor JVM each; their peak RSS read from /proc every second
# Each Spark run also writes Spark's own measurements (--metrics-out: seconds per pass, pass cache,
# shuffle and result bytes, executor peak heap/off-heap/RSS). Checks VaR/ES equal the one process's
# within 1e-9 relative, and writes DIR/summary.json (one object per run, plus the machine) and
# prints it. Settings (environment):
#   HEAP=12g            -Xmx of the one process and of the local[2] driver
#   PASS_CACHE_MB=6000  the local[2] pass cache (resolved partitions kept for the tail pass)
#   EXECUTOR_MEMORY=5g  heap of each cluster executor; EXECUTOR_PASS_CACHE_MB=3000 its pass cache
#   PARTITIONS=         target partitions (default: one per 2.5M positions, at least 4), by
#                       spark.sql.files.maxPartitionBytes over the Parquet file: no shuffle
#   SKIP_LOCAL=1, SKIP_CLUSTER=1, SHUFFLE=1 (adds spark-local2-shuffle: --shuffle-by-instrument)
# Disk: about 100 bytes per position (Arrow book 70, Parquet 9, logs); 20M positions ≈ 2 GB.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N=${1:-2000000}; M=${2:-1000}; D=${3:-/tmp/hedgekit-spark-bench-$N}
HK="$ROOT/hedgekit"
HEAP=${HEAP:-12g}; PASS_CACHE_MB=${PASS_CACHE_MB:-6000}
EXECUTOR_MEMORY=${EXECUTOR_MEMORY:-5g}; EXECUTOR_PASS_CACHE_MB=${EXECUTOR_PASS_CACHE_MB:-3000}
PARTITIONS=${PARTITIONS:-$(( N / 2500000 > 4 ? N / 2500000 : 4 ))}
mkdir -p "$D"
echo "{\"positions\": $N, \"scenarios\": $M, \"nproc\": $(nproc), \"mem_total_kb\": $(awk '/MemTotal/ {print $2}' /proc/meminfo)," \
  "\"cpu\": \"$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)\", \"load_at_start\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"," \
  "\"heap\": \"$HEAP\", \"pass_cache_mb\": $PASS_CACHE_MB, \"executor_memory\": \"$EXECUTOR_MEMORY\"," \
  "\"executor_pass_cache_mb\": $EXECUTOR_PASS_CACHE_MB, \"target_partitions\": $PARTITIONS}" > "$D/machine.json"

# Build both jars first, so that no timed run includes a build.
"$HK" --version > /dev/null
"$HK" spark --version > /dev/null
for f in arrow parquet; do
  if [ ! -f "$D/book.$f" ]; then
    echo "== inputs: book.$f"
    HEDGEKIT_AOT=0 HEDGEKIT_JAVA_OPTS="-Xmx$HEAP" "$HK" demo --inputs-only --book-format $f --positions "$N" \
      --scenarios "$M" --out "$D" -q > "$D/demo-$f.log"
  fi
done
# Spark splits the one Parquet file (row groups of 250k rows) into PARTITIONS partitions by bytes.
SPLIT=$(( $(stat -c %s "$D/book.parquet") / PARTITIONS + 1 ))
SPLIT_CONF=(--conf "spark.sql.files.maxPartitionBytes=$SPLIT" --conf "spark.sql.files.openCostInBytes=0")
rm -f "$D"/*.time "$D"/var-*.json "$D"/metrics-*.json "$D"/executors-*.txt

run() { # run NAME COMMAND...: timed, its stdout in DIR/NAME.out
  local name=$1; shift
  echo "== $name"
  /usr/bin/time -v "$@" > "$D/$name.out" 2> "$D/$name.time" || { tail -n 30 "$D/$name.time"; exit 1; }
  grep -E "positions in|pass cache|tasks;|distinct instruments" "$D/$name.out" || true
  grep -E "Elapsed|Maximum resident" "$D/$name.time"
}
SPARK_ARGS=(--market "$D/market.json" --scenarios "$D/scenarios.arrow" --backend cpu)

if [ "${SKIP_LOCAL:-0}" != 1 ]; then
  HEDGEKIT_AOT=0 HEDGEKIT_JAVA_OPTS="-Xmx$HEAP" run one-process "$HK" var --book "$D/book.arrow" --market "$D/market.json" \
    --scenarios "$D/scenarios.arrow" --method full --backend cpu --out "$D/var-one-process.json" -q
  HEDGEKIT_JAVA_OPTS="-Xmx$HEAP" run spark-local2 "$HK" spark var --master 'local[2]' "${SPLIT_CONF[@]}" \
    --book "$D/book.parquet" "${SPARK_ARGS[@]}" --pass-cache-mb "$PASS_CACHE_MB" \
    --out "$D/var-spark-local2.json" --metrics-out "$D/metrics-spark-local2.json"
  HEDGEKIT_JAVA_OPTS="-Xmx$HEAP" run spark-local2-nogreeks "$HK" spark var --master 'local[2]' "${SPLIT_CONF[@]}" \
    --book "$D/book.parquet" "${SPARK_ARGS[@]}" --pass-cache-mb "$PASS_CACHE_MB" --no-greek-sums \
    --out "$D/var-spark-local2-nogreeks.json" --metrics-out "$D/metrics-spark-local2-nogreeks.json"
  if [ "${SHUFFLE:-0}" = 1 ]; then
    HEDGEKIT_JAVA_OPTS="-Xmx$HEAP" run spark-local2-shuffle "$HK" spark var --master 'local[2]' "${SPLIT_CONF[@]}" \
      --book "$D/book.parquet" "${SPARK_ARGS[@]}" --pass-cache-mb "$PASS_CACHE_MB" --shuffle-by-instrument \
      --out "$D/var-spark-local2-shuffle.json" --metrics-out "$D/metrics-spark-local2-shuffle.json"
  fi
fi

if [ "${SKIP_CLUSTER:-0}" != 1 ]; then
  # A master and two 1-core workers on loopback; one executor JVM per worker.
  rm -rf "$D/cluster"
  WORKER_MB=$(( $(numfmt --from=iec "${EXECUTOR_MEMORY^^}") / 1048576 + 1024 ))
  "$HK" spark cluster --workers 2 --cores 1 --memory "${WORKER_MB}m" --dir "$D/cluster" > "$D/cluster.out" 2>&1 &
  CLUSTER=$!
  POLLER=""
  stop() {
    [ -n "$POLLER" ] && kill "$POLLER" 2>/dev/null || true
    kill "$CLUSTER" 2>/dev/null || true
    wait "$CLUSTER" 2>/dev/null || true
  }
  trap stop EXIT
  for _ in $(seq 1 120); do grep -q '^spark://' "$D/cluster.out" && break; sleep 1; done
  URL=$(grep -m1 '^spark://' "$D/cluster.out")
  sleep 5 # the workers register with the master
  # Peak RSS (VmHWM) of this cluster's executor JVMs (their working folder is under DIR/cluster), every second.
  ( while true; do
      for p in /proc/[0-9]*; do
        case "$(readlink "$p/cwd" 2>/dev/null)" in
          "$D/cluster/work-"*) grep -q CoarseGrainedExecutorBackend "$p/cmdline" 2>/dev/null \
            && echo "${p#/proc/} $(awk '/VmHWM/ {print $2}' "$p/status" 2>/dev/null)" >> "$D/executors-cluster.txt" ;;
        esac
      done
      sleep 1
    done ) &
  POLLER=$!
  run spark-cluster2 "$HK" spark var --master "$URL" --executor-classpath --conf "spark.executor.memory=$EXECUTOR_MEMORY" \
    --conf spark.executor.cores=1 --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    "${SPLIT_CONF[@]}" --book "$D/book.parquet" "${SPARK_ARGS[@]}" --pass-cache-mb "$EXECUTOR_PASS_CACHE_MB" \
    --out "$D/var-spark-cluster2.json" --metrics-out "$D/metrics-spark-cluster2.json"
  stop
  trap - EXIT
fi

python3 - "$D" <<'PY'
import json, os, re, sys
d = sys.argv[1]
summary = {"machine": json.load(open(d + "/machine.json")), "runs": {}}
summary["machine"]["load_at_end"] = " ".join(open("/proc/loadavg").read().split()[:3])
one = json.load(open(d + "/var-one-process.json")) if os.path.exists(d + "/var-one-process.json") else None
for name in ["one-process", "spark-local2", "spark-local2-nogreeks", "spark-local2-shuffle", "spark-cluster2"]:
    if not os.path.exists(f"{d}/{name}.time"):
        continue
    t = open(f"{d}/{name}.time").read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":")
    r = {"wall_seconds": round(sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall))), 2),
         "driver_max_rss_bytes": int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) * 1024,
         "cpu_seconds": round(float(re.search(r"User time \(seconds\): (\S+)", t).group(1))
                              + float(re.search(r"System time \(seconds\): (\S+)", t).group(1)), 2)}
    out = open(f"{d}/{name}.out").read()
    if name == "one-process":
        m = re.search(r"repriced\) x [\d,]+ scenarios, horizon .* in ([\d.]+) s on", out)
        r["job_seconds"] = float(m.group(1)) if m else None
    else:
        m = json.load(open(f"{d}/metrics-{name}.json"))
        r.update({k: m[k] for k in ("job_seconds", "pnl_pass_seconds", "tail_pass_seconds", "partitions",
                                     "partitions_cached", "tail_partitions_from_cache")})
        s = m["spark"]
        r.update({k: s[k] for k in ("shuffle_write_bytes", "shuffle_read_bytes", "result_bytes")})
        r["executor_peaks_spark_metrics"] = s["executors"]
    if name == "spark-cluster2" and os.path.exists(d + "/executors-cluster.txt"):
        hwm = {}
        for line in open(d + "/executors-cluster.txt"):
            parts = line.split()
            if len(parts) == 2:
                hwm[parts[0]] = max(hwm.get(parts[0], 0), int(parts[1]) * 1024)
        r["executor_max_rss_bytes_by_pid"] = hwm
    var_file = f"{d}/var-{name}.json"
    v = json.load(open(var_file))
    r["positions"], r["instruments_priced"] = v["positions"], v["instruments_priced"]
    if one is not None and name != "one-process":
        r["max_rel_diff_var_es_vs_one_process"] = max(abs(x[k] - y[k]) / abs(x[k])
            for x, y in zip(one["results"], v["results"]) for k in ("var", "es"))
        assert r["max_rel_diff_var_es_vs_one_process"] <= 1e-9, (name, r["max_rel_diff_var_es_vs_one_process"])
    summary["runs"][name] = r
base = summary["runs"].get("one-process")
if base:
    for name, r in summary["runs"].items():
        if name != "one-process":
            r["wall_ratio_to_one_process"] = round(r["wall_seconds"] / base["wall_seconds"], 2)
            if base.get("job_seconds"):
                r["job_ratio_to_one_process"] = round(r["job_seconds"] / base["job_seconds"], 2)
json.dump(summary, open(d + "/summary.json", "w"), indent=1)
print(json.dumps(summary, indent=1))
PY
echo "summary: $D/summary.json"
