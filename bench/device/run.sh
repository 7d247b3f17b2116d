#!/usr/bin/env bash
# The GPU check: runs hedgekit's OpenCL backend on the device machine from what prepare.sh put in
# bench/device/dist/ (a jlink'ed JDK, the jars, the OpenCL ICD loader), with nothing installed there.
#
#   1. points the bundled ICD loader at the driver's OpenCL library (NVIDIA's libnvidia-opencl.so.1,
#      wherever the driver's folder puts it) through a private vendors folder; fails if none is found
#   2. hedgekit devices
#   3. a mixed book of --positions positions (default 1,000,000) from `hedgekit demo --inputs-only`
#   4. hedgekit crosscheck --backend gpu on that book (exit 1 beyond the 1e-12 contract)
#   5. hedgekit bench --json: every usable backend (scalar, cpu, gpu)
#   6. JMH: GpuGreeksStagesBenchmark (1 M rows, 131 072- and 1 M-row chunks; 16 M rows kernel/transfers/total)
#      and GpuRevaluationBenchmark (16 384 positions x 1 000 and 10 000 scenarios), short iterations
# Every result goes under $OUT (default bench/device/out): summary.txt, log.txt, devices.txt,
# crosscheck.txt, bench.json, jmh-greeks.json, jmh-greeks-large.json, jmh-reval.json (8 files).
# Each step has a time limit and the whole run stops starting steps after --budget seconds
# (default 330), so that it ends inside 6 minutes. Exit 0 only when every step passed.
#
# Options:
#   --pocl            use PoCL (OpenCL on the CPU) instead of NVIDIA, through the same bundled loader
#   --system-loader   use this machine's own ICD loader and /etc/OpenCL/vendors (no bundled loader)
#   --quick           small JMH sizes and very short iterations, no 16 M-row run (CI; about a minute)
#   --positions N     book size for crosscheck and bench (default 1000000)
#   --device ID       OpenCL device index or name part (default: the backend's choice)
#   --out DIR         result folder (default: $OUT, else bench/device/out)
#   --budget S        seconds after which no further step starts (default 330)
#   --java DIR        use this Java runtime instead of unpacking dist/jdk.tar.xz
#   --driver-dir DIR  look for the vendor library in DIR before the usual folders
set -uo pipefail
START=$SECONDS
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIST="$HERE/dist"

VENDOR=nvidia
QUICK=0
POSITIONS=1000000
DEVICE=""
RESULTS="${OUT:-$HERE/out}"
BUDGET=330
JAVA_DIR=""
DRIVER_DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pocl) VENDOR=pocl ;;
    --system-loader) VENDOR=system ;;
    --quick) QUICK=1 ;;
    --positions) shift; POSITIONS="${1:?--positions needs a number}" ;;
    --device) shift; DEVICE="${1:?--device needs an index or name}" ;;
    --out) shift; RESULTS="${1:?--out needs a folder}" ;;
    --budget) shift; BUDGET="${1:?--budget needs seconds}" ;;
    --java) shift; JAVA_DIR="${1:?--java needs a folder}" ;;
    --driver-dir) shift; DRIVER_DIR="${1:?--driver-dir needs a folder}" ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "run: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$POSITIONS" in ''|*[!0-9]*|0) echo "run: --positions must be a positive integer, was $POSITIONS" >&2; exit 2 ;; esac

mkdir -p "$RESULTS" || { echo "run: cannot create $RESULTS" >&2; exit 2; }
RESULTS="$(cd "$RESULTS" && pwd)"
rm -f "$RESULTS"/{summary.txt,log.txt,devices.txt,crosscheck.txt,bench.json,jmh-greeks.json,jmh-greeks-large.json,jmh-reval.json}
LOG="$RESULTS/log.txt"
SUMMARY="$RESULTS/summary.txt"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hedgekit-device.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

say() { echo "run: $*" >&2; echo "run: $*" >> "$LOG"; }
fail() { say "FAILED: $*"; summary_header; echo "RESULT: FAIL before the checks: $*" >> "$SUMMARY"; cat "$SUMMARY"; exit 1; }
elapsed() { echo $((SECONDS - START)); }

summary_header() {
  {
    echo "hedgekit GPU check (bench/device/run.sh) - $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host        $(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory"
    [ -f "$DIST/MANIFEST.txt" ] && sed -n 's/^built  */bundle      built /p' "$DIST/MANIFEST.txt"
    echo "mode        vendor=$VENDOR quick=$QUICK positions=$POSITIONS device=${DEVICE:-default} budget=${BUDGET}s"
    echo "opencl      ${OPENCL_LIB:-none}"
  } > "$SUMMARY"
}

: > "$LOG"
say "results in $RESULTS"

# ---- the runtime -------------------------------------------------------------------------------
if [ -n "$JAVA_DIR" ]; then
  JAVA="$JAVA_DIR/bin/java"
else
  [ -f "$DIST/jdk.tar.xz" ] && [ -f "$DIST/hedgekit.jar" ] && [ -f "$DIST/bench.jar" ] \
    || fail "no bundle in $DIST: run bench/device/prepare.sh here first, and name bench/device/dist in carry"
  if command -v xz > /dev/null 2>&1; then
    xz -dc "$DIST/jdk.tar.xz" | tar -C "$WORK" -xf - || fail "could not unpack $DIST/jdk.tar.xz"
  elif command -v python3 > /dev/null 2>&1; then # no xz binary: Python's tarfile reads xz too
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$DIST/jdk.tar.xz" "$WORK" \
      || fail "could not unpack $DIST/jdk.tar.xz with python3"
  else
    fail "neither xz nor python3 here to unpack $DIST/jdk.tar.xz"
  fi
  JAVA="$WORK/jdk/bin/java"
fi
"$JAVA" -version > "$WORK/java-version" 2>&1 || { cat "$WORK/java-version" >> "$LOG"; fail "$JAVA does not start"; }
say "java: $(sed -n 2p "$WORK/java-version") ($JAVA), unpacked at $(elapsed) s"

# The launcher's own flag list (Arrow, the Vector API, JOCL), read from ./hedgekit so the two cannot drift.
JVM_FLAGS=()
eval "$(awk '/^JVM_FLAGS=\(/{on=1} on{print} on&&/\)[[:space:]]*$/{exit}' "$ROOT/hedgekit")"
[ ${#JVM_FLAGS[@]} -gt 0 ] || fail "could not read JVM_FLAGS from $ROOT/hedgekit"

# ---- OpenCL: the bundled ICD loader and a private vendors folder --------------------------------
find_libs() { # $1 = file name glob; prints candidate paths, best first, one per line, existing files only
  local pat="$1" d f
  if [ -n "$DRIVER_DIR" ]; then for f in "$DRIVER_DIR"/$pat; do [ -e "$f" ] && echo "$f"; done; fi
  ldconfig -p 2>/dev/null | awk -v p="${pat%\*}" 'index($1, p) == 1 && /x86-64/ {print $NF}'
  for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu \
      /usr/lib64 /lib64 /usr/lib /usr/local/lib /usr/local/cuda/compat /usr/local/cuda/lib64 /usr/lib/wsl/lib \
      /run/nvidia/driver/usr/lib/x86_64-linux-gnu /run/nvidia/driver/usr/lib64; do
    for f in "$d"/$pat; do [ -e "$f" ] && echo "$f"; done
  done
  local icd
  for icd in /etc/OpenCL/vendors/*.icd; do # an existing .icd may name the library, bare or with a path
    [ -f "$icd" ] || continue
    f="$(head -n 1 "$icd")"
    case "$(basename "$f")" in $pat) [ -e "$f" ] && echo "$f" ;; esac
  done
}
pick_lib() { # $@ = globs, best first; the first candidate that is a readable file; the search logged
  local c found="" cands pat
  cands="$(for pat in "$@"; do find_libs "$pat"; done | awk '!seen[$0]++')"
  pat="${!#}"
  if [ -z "$cands" ]; then # last resort: search the file system (the driver folder can be a mount anywhere)
    say "no $* in the usual folders; searching / for $pat (up to 30 s)"
    cands="$(timeout 30 find / \( -path /proc -o -path /sys -o -path /dev -o -path "$WORK" \) -prune -o \
      -name "$pat" \( -type f -o -type l \) -print 2>/dev/null | sort)"
  fi
  while IFS= read -r c; do
    [ -n "$c" ] || continue
    local real; real="$(readlink -f "$c" 2>/dev/null)"
    # a 64-bit ELF file only (EI_CLASS, byte 4, is 2): the driver folder may hold 32-bit twins
    local class; class="$( [ -f "$real" ] && [ -r "$real" ] && od -An -tx1 -j4 -N1 "$real" 2>/dev/null | tr -d ' ')"
    say "  candidate $c -> $real$( [ "$class" = 02 ] || echo " (skipped: not a readable 64-bit ELF file)")"
    if [ -z "$found" ] && [ "$class" = 02 ]; then found="$c"; fi
  done <<< "$cands"
  echo "$found"
}

OPENCL_LIB=""
if [ "$VENDOR" = system ]; then
  OPENCL_LIB="system loader $(ldconfig -p 2>/dev/null | awk '/libOpenCL\.so\.1 /{print $NF; exit}'), vendors $(ls /etc/OpenCL/vendors 2>/dev/null | paste -sd' ' -)"
  say "OpenCL: $OPENCL_LIB"
else
  [ -f "$DIST/ocl/libOpenCL.so.1" ] || fail "no $DIST/ocl/libOpenCL.so.1: run bench/device/prepare.sh"
  if [ "$VENDOR" = nvidia ]; then
    lib="$(pick_lib 'libnvidia-opencl.so.1' 'libnvidia-opencl.so*')"
    if [ -z "$lib" ]; then
      say "no NVIDIA OpenCL library (libnvidia-opencl.so*) anywhere; what the driver offers:"
      ls -la /usr/local/nvidia/lib64 /usr/local/nvidia/lib 2>&1 | head -n 40 | tee -a "$LOG"
      command -v nvidia-smi > /dev/null && nvidia-smi -L 2>&1 | tee -a "$LOG"
      fail "NVIDIA's libnvidia-opencl.so.1 not found (is the driver's OpenCL part mounted?); --pocl runs on the CPU instead"
    fi
  else
    lib="$(pick_lib 'libpocl.so.2' 'libpocl.so*')"
    [ -n "$lib" ] || fail "PoCL's libpocl.so not found (apt-get install pocl-opencl-icd)"
  fi
  lib="$(readlink -f "$lib")"
  { echo "run: ldd $lib:"; ldd "$lib" 2>&1; echo "run: OpenCL-related files beside it:"
    ls -la "$(dirname "$lib")" 2>&1 | grep -i -E 'opencl|nvidia|cuda|pocl' | head -n 60; } >> "$LOG"
  if ldd "$lib" 2>/dev/null | grep -q 'not found'; then
    say "warning: $lib needs libraries that are not found (the loader will skip it):"
    ldd "$lib" | grep 'not found' >&2
  fi
  mkdir -p "$WORK/vendors"
  echo "$lib" > "$WORK/vendors/$VENDOR.icd"
  export OCL_ICD_VENDORS="$WORK/vendors"
  # the loader first; the library's own folder too, for the driver libraries it opens (libcuda.so.1 ...)
  export LD_LIBRARY_PATH="$DIST/ocl:$(dirname "$lib")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  OPENCL_LIB="$lib via bundled $(sed -n 's/^OpenCL *//p' "$DIST/MANIFEST.txt" 2>/dev/null)"
  say "OpenCL: vendor library $lib (.icd in $OCL_ICD_VENDORS); loader $DIST/ocl/libOpenCL.so.1"
fi
summary_header

# ---- steps ---------------------------------------------------------------------------------------
STATUS=0
STEPS=()
# An explicit heap: the device machine's MemTotal can start far below its 128 GiB and grow as it is
# used, and the JVM's default (a quarter of MemTotal at start) would be too small for the 16 M-row
# books (about 3 GB on the heap). JMH's forks inherit the host JVM's flags, -Xmx included.
HK=("$JAVA" "${JVM_FLAGS[@]}" -Xmx8g -Dhedgekit.home="$ROOT" -jar "$DIST/hedgekit.jar")
JMH=("$JAVA" "${JVM_FLAGS[@]}" -Xmx16g -cp "$DIST/hedgekit.jar:$DIST/bench.jar" org.openjdk.jmh.Main)
DEVICE_OPT=(); [ -n "$DEVICE" ] && DEVICE_OPT=(--device "$DEVICE")
JMH_DEVICE=(); [ -n "$DEVICE" ] && JMH_DEVICE=(-p "device=$DEVICE")

# step NAME LIMIT_S STDOUT_FILE CMD...: runs CMD with at most LIMIT_S seconds (less when the budget
# is nearly spent), stdout to STDOUT_FILE and the log, stderr to the log; records the outcome.
step() {
  local name="$1" limit="$2" file="$3"; shift 3
  local left=$((BUDGET - $(elapsed)))
  if [ "$left" -lt 10 ]; then
    STEPS+=("$(printf '%-22s SKIPPED (budget of %d s spent)' "$name" "$BUDGET")"); STATUS=1
    say "$name: skipped, budget spent"; return 1
  fi
  [ "$limit" -gt "$left" ] && limit=$left
  say "$name: start at $(elapsed) s (limit ${limit} s)"
  { echo; echo "----- $name: $*"; } >> "$LOG"
  local t0=$SECONDS rc
  timeout -k 10 "$limit" "$@" > "$WORK/step.out" 2> "$WORK/step.err" < /dev/null
  rc=$?
  cat "$WORK/step.out" >> "$LOG"; cat "$WORK/step.err" >> "$LOG"
  [ -n "$file" ] && cp "$WORK/step.out" "$file"
  local outcome="ok"
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then outcome="TIMEOUT after ${limit} s"; elif [ "$rc" -ne 0 ]; then outcome="FAILED (exit $rc)"; fi
  [ "$outcome" = ok ] || STATUS=1
  STEPS+=("$(printf '%-22s %-24s %4d s' "$name" "$outcome" $((SECONDS - t0)))")
  say "$name: $outcome in $((SECONDS - t0)) s"
  [ "$outcome" = ok ]
}

# 2. devices, and what the driver says of the GPU (for PCIe generation and clocks)
problem="hedgekit devices failed"
if step devices 60 "$RESULTS/devices.txt" "${HK[@]}" devices; then
  problem=""
  awk '$1 == "gpu" && $2 == "usable" {ok = 1} END {exit !ok}' "$RESULTS/devices.txt" || problem="the gpu backend is not usable"
  if [ -z "$problem" ] && [ "$VENDOR" = nvidia ] && ! grep -q '\[GPU\]' "$RESULTS/devices.txt"; then
    problem="OpenCL lists no device of type GPU"
  fi
  if [ -n "$problem" ]; then
    STATUS=1; STEPS+=("$(printf '%-22s %s' "devices check" "FAILED: $problem (see devices.txt)")")
    say "$problem; the ICD loader's own account (OCL_ICD_DEBUG=7):"
    OCL_ICD_DEBUG=7 timeout 60 "${HK[@]}" devices 2>&1 | tee -a "$LOG" | tail -n 30 >&2
  fi
fi
GPU_OK=1
case "${STEPS[*]}" in *FAILED*) GPU_OK=0 ;; esac
if command -v nvidia-smi > /dev/null 2>&1; then
  { echo; echo "nvidia-smi:"; timeout 20 nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.memory,pcie.link.gen.max,pcie.link.width.max \
      --format=csv 2>&1; } >> "$RESULTS/devices.txt"
fi

if [ "$GPU_OK" = 0 ]; then # nothing below means anything without the device: spend no more time
  { echo; echo "steps (total $(elapsed) s):"; printf '  %s\n' "${STEPS[@]}"; echo
    echo "devices:"; sed 's/^/  /' "$RESULTS/devices.txt" 2>/dev/null; echo
    echo "RESULT: FAIL ($problem; the loader's account is in log.txt)"; } >> "$SUMMARY"
  cat "$SUMMARY"
  exit 1
fi

# 3. the book: the demo's BTC/ETH/SOL mix of inverse and USDC options, futures, perpetuals, spot
step book 90 "" "${HK[@]}" demo --inputs-only --positions "$POSITIONS" --out "$WORK/book" --backend scalar -q

# 4. crosscheck on the GPU
if [ -f "$WORK/book/book.arrow" ]; then
  step crosscheck 120 "$RESULTS/crosscheck.txt" "${HK[@]}" crosscheck --backend gpu "${DEVICE_OPT[@]}" \
    --book "$WORK/book/book.arrow" --market "$WORK/book/market.json"
else
  STEPS+=("$(printf '%-22s %s' crosscheck "SKIPPED (no book)")"); STATUS=1
fi

# 5. hedgekit bench, every backend
if step bench 120 "$RESULTS/bench.json" "${HK[@]}" bench --json --positions "$POSITIONS" "${DEVICE_OPT[@]}"; then
  grep -q '"gpu"' "$RESULTS/bench.json" || { STATUS=1; STEPS+=("$(printf '%-22s %s' bench "FAILED: no gpu result in bench.json")"); }
fi

# 6. JMH: -foe makes an exception in a benchmark a failure of the step
JMH_COMMON=(-f 1 -foe true -rf json "${JMH_DEVICE[@]}")
if [ "$QUICK" = 1 ]; then
  # a functional check, not a measurement: it may share the machine with another JMH run
  JMH=("${JMH[0]}" -Djmh.ignoreLock=true "${JMH[@]:1}")
  step jmh-greeks 120 "" "${JMH[@]}" 'io.hedgekit.bench.gpu.GpuGreeksStagesBenchmark' "${JMH_COMMON[@]}" \
    -wi 1 -w 200ms -i 2 -r 300ms -p rows=65536 -p chunkRows=16384 -rff "$RESULTS/jmh-greeks.json"
  step jmh-reval 90 "" "${JMH[@]}" 'io.hedgekit.bench.gpu.GpuRevaluationBenchmark' "${JMH_COMMON[@]}" \
    -wi 1 -w 200ms -i 2 -r 300ms -p rows=512 -p scenarios=200 -rff "$RESULTS/jmh-reval.json"
else
  step jmh-greeks 150 "" "${JMH[@]}" 'io.hedgekit.bench.gpu.GpuGreeksStagesBenchmark' "${JMH_COMMON[@]}" \
    -wi 1 -w 1s -i 3 -r 1s -p rows=1048576 -p chunkRows=131072,1048576 -rff "$RESULTS/jmh-greeks.json"
  step jmh-greeks-large 90 "" "${JMH[@]}" 'io.hedgekit.bench.gpu.GpuGreeksStagesBenchmark' "${JMH_COMMON[@]}" \
    -e scalarReference -wi 1 -w 1s -i 3 -r 1s -p rows=16777216 -p chunkRows=1048576 -rff "$RESULTS/jmh-greeks-large.json"
  step jmh-reval 60 "" "${JMH[@]}" 'io.hedgekit.bench.gpu.GpuRevaluationBenchmark' "${JMH_COMMON[@]}" \
    -e scalarReference -wi 1 -w 1s -i 3 -r 1s -p rows=16384 -p scenarios=1000,10000 -rff "$RESULTS/jmh-reval.json"
fi

# ---- summary -----------------------------------------------------------------------------------
{
  echo
  echo "steps (total $(elapsed) s):"
  printf '  %s\n' "${STEPS[@]}"
  echo
  echo "devices:"; sed 's/^/  /' "$RESULTS/devices.txt" 2>/dev/null
  echo
  echo "crosscheck:"; sed 's/^/  /' "$RESULTS/crosscheck.txt" 2>/dev/null
  echo
  echo "bench (positions/s, median): $(cat "$RESULTS/bench.json" 2>/dev/null)"
  echo
  if command -v python3 > /dev/null 2>&1; then
    python3 "$HERE/summarize.py" "$RESULTS" 2>&1
  else
    echo "(no python3 here: the JMH rates are in the jmh-*.json files and log.txt only)"
  fi
  echo
  [ "$STATUS" = 0 ] && echo "RESULT: PASS (every step ok)" || echo "RESULT: FAIL (see the steps above and log.txt)"
} >> "$SUMMARY"
cat "$SUMMARY"
exit "$STATUS"
