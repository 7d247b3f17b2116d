#!/usr/bin/env bash
# Builds, here, everything bench/device/run.sh needs on a machine that has no Java, no OpenCL ICD
# loader and no network, into bench/device/dist/ (git-ignored; it travels as a `carry` path):
#   jdk.tar.xz      a jlink'ed JDK 25 runtime with only the modules hedgekit needs, xz-compressed
#   hedgekit.jar    the shaded command-line jar (cli/target/hedgekit.jar)
#   bench.jar       the JMH benchmark classes, JMH and jopt-simple (run with hedgekit.jar on the
#                   class path, which holds everything else they need)
#   ocl/libOpenCL.so.1   the Debian OpenCL ICD loader, unpacked from `apt-get download ocl-icd-libopencl1`
#   MANIFEST.txt    what was built, from which commit, and the sizes
# It prints the size of what travels (dist/ plus the working tree) and fails above --max-mib.
#
#   bench/device/prepare.sh            build (Maven only when the jars are older than the sources)
#   bench/device/prepare.sh --fast     xz -1 instead of -9 (CI: seconds instead of a minute, ~30% larger)
#   bench/device/prepare.sh --rebuild  always rebuild the jars
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIST="$HERE/dist"
XZ_LEVEL=-9
REBUILD=0
MAX_MIB=60

die() { echo "prepare: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --fast) XZ_LEVEL=-1 ;;
    --rebuild) REBUILD=1 ;;
    --max-mib) shift; MAX_MIB="${1:?--max-mib needs a number}" ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "prepare: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# The GPU machine is x86-64: a runtime or loader built for another processor would not start there.
[ "$(uname -m)" = "x86_64" ] || die "must run on x86-64 (this is $(uname -m)): the jlink'ed runtime is native code"

JDK="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
for d in "$JDK" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -x "$d/bin/jlink" ] && "$d/bin/java" -version 2>&1 | grep -q 'version "25'; then JDK="$d"; break; fi
done
[ -x "$JDK/bin/jlink" ] && "$JDK/bin/java" -version 2>&1 | grep -q 'version "25' \
  || die "needs a JDK 25 with jlink (JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64)"
export JAVA_HOME="$JDK"

CLI_JAR="$ROOT/cli/target/hedgekit.jar"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
stale() { # 0 when a jar is missing or older than any main source or pom
  [ -f "$CLI_JAR" ] && [ -f "$BENCH_JAR" ] || return 0
  local oldest="$CLI_JAR"; [ "$BENCH_JAR" -ot "$CLI_JAR" ] && oldest="$BENCH_JAR"
  [ -n "$(find "$ROOT" \( -path "$ROOT/*/target" -o -path "$ROOT/.git" -o -path "$HERE/dist" \) -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$oldest" -print -quit)" ]
}
if [ "$REBUILD" = 1 ] || stale; then
  echo "prepare: building cli and bench jars (mvn package -pl cli,bench -am)..."
  mvn -B -ntp -q -f "$ROOT/pom.xml" -pl cli,bench -am package -DskipTests
fi
[ -f "$CLI_JAR" ] && [ -f "$BENCH_JAR" ] || die "build did not produce $CLI_JAR and $BENCH_JAR"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
rm -rf "$DIST"
mkdir -p "$DIST/ocl"

# 1. The benchmark jar without the copies of hedgekit, Arrow, Jackson ... that hedgekit.jar holds.
echo "prepare: bench.jar (JMH benchmarks + JMH; hedgekit.jar supplies the rest)"
mkdir "$WORK/bench"
(cd "$WORK/bench" && "$JDK/bin/jar" --extract --file "$BENCH_JAR" \
  && find . -mindepth 1 -maxdepth 1 ! -name io ! -name org ! -name joptsimple ! -name META-INF -exec rm -rf {} + \
  && find io -mindepth 1 -maxdepth 1 ! -name hedgekit -exec rm -rf {} + \
  && find io/hedgekit -mindepth 1 -maxdepth 1 ! -name bench -exec rm -rf {} + \
  && find org -mindepth 1 -maxdepth 1 ! -name openjdk -exec rm -rf {} + \
  && find META-INF -mindepth 1 -maxdepth 1 ! -name BenchmarkList ! -name CompilerHints -exec rm -rf {} +)
[ -f "$WORK/bench/META-INF/BenchmarkList" ] || die "$BENCH_JAR has no META-INF/BenchmarkList"
grep -q 'GpuGreeksStagesBenchmark' "$WORK/bench/META-INF/BenchmarkList" \
  || die "$BENCH_JAR lists no GpuGreeksStagesBenchmark"
"$JDK/bin/jar" --create --file "$DIST/bench.jar" -C "$WORK/bench" .
cp "$CLI_JAR" "$DIST/hedgekit.jar"

# 2. The modules: what jdeps finds in both jars, plus those used only reflectively or by flags.
echo "prepare: jdeps"
deps="$("$JDK/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
  "$DIST/hedgekit.jar" "$DIST/bench.jar" 2>/dev/null)" || die "jdeps failed"
# jdk.incubator.vector: --add-modules of the launcher; jdk.unsupported: sun.misc.Unsafe (Arrow,
# JOCL); java.management: JMH's fork and GC profilers; jdk.management: JMH's thread allocation data.
modules="$(printf '%s,jdk.incubator.vector,jdk.unsupported,java.management,jdk.management' "$deps" \
  | tr ',' '\n' | grep -v '^$' | sort -u | paste -sd, -)"
echo "prepare: modules $modules"

# 3. jlink. Modules stored uncompressed (zip-0): the whole image is then xz'ed, which makes it
# 22 MB against 35 MB for --compress zip-9 followed by xz (measured; zip output does not re-compress).
echo "prepare: jlink"
"$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress zip-0 --output "$WORK/jdk" 2> >(grep -v 'Using incubator modules' >&2)
"$WORK/jdk/bin/java" --add-modules jdk.incubator.vector -version > /dev/null 2>&1 || die "the jlink'ed java does not start"
echo "prepare: xz $XZ_LEVEL of the runtime ($(du -sh "$WORK/jdk" | cut -f1) unpacked)"
tar -C "$WORK" -cf - jdk | xz "$XZ_LEVEL" -T2 > "$DIST/jdk.tar.xz"

# 4. The OpenCL ICD loader (the GPU machine has the vendor library but no loader).
echo "prepare: OpenCL ICD loader"
mkdir "$WORK/deb"
loader_from=""
if (cd "$WORK/deb" && apt-get download -q ocl-icd-libopencl1 > "$WORK/apt.log" 2>&1); then
  deb="$(ls "$WORK"/deb/ocl-icd-libopencl1_*.deb)"
  dpkg-deb -x "$deb" "$WORK/deb/x"
  so="$(find "$WORK/deb/x" -name 'libOpenCL.so.1*' -type f | head -n 1)"
  loader_from="$(basename "$deb")"
elif dpkg -s ocl-icd-libopencl1 > /dev/null 2>&1; then
  echo "prepare: apt-get download failed ($(tail -n 1 "$WORK/apt.log")); using the installed package's file" >&2
  so="$(dpkg -L ocl-icd-libopencl1 | grep 'libOpenCL\.so\.1' | while read -r f; do [ -f "$f" ] && [ ! -L "$f" ] && echo "$f"; done | head -n 1)"
  loader_from="installed ocl-icd-libopencl1 $(dpkg-query -W -f '${Version}' ocl-icd-libopencl1)"
else
  cat "$WORK/apt.log" >&2
  die "could not get ocl-icd-libopencl1 (apt-get download failed and it is not installed)"
fi
[ -n "${so:-}" ] && [ -f "$so" ] || die "no libOpenCL.so.1 in ocl-icd-libopencl1"
cp "$so" "$DIST/ocl/libOpenCL.so.1"

# 5. Manifest and sizes.
tree_bytes=$(cd "$ROOT" && { git ls-files -z; git ls-files -z --others --exclude-standard; } \
  | xargs -0 -r du -cb 2>/dev/null | awk '$2=="total"{s+=$1} END{print s+0}')
dist_bytes=$(du -cb "$DIST" | tail -n 1 | cut -f1)
total=$((tree_bytes + dist_bytes))
{
  echo "hedgekit device bundle"
  echo "built        $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "runtime      $("$WORK/jdk/bin/java" -version 2>&1 | sed -n 2p), modules $modules, xz $XZ_LEVEL"
  echo "OpenCL       libOpenCL.so.1 from $loader_from"
  echo "jmh          $(tr -d '\r' < "$WORK/bench/META-INF/BenchmarkList" | grep -o 'io\.hedgekit\.bench\.gpu\.[A-Za-z]*Benchmark' | sort -u | paste -sd' ' -)"
  (cd "$DIST" && du -b jdk.tar.xz hedgekit.jar bench.jar ocl/libOpenCL.so.1 | awk '{printf "file         %-22s %6.1f MiB\n", $2, $1/1048576}')
} > "$DIST/MANIFEST.txt"
cat "$DIST/MANIFEST.txt"
awk -v d="$dist_bytes" -v t="$tree_bytes" -v s="$total" -v m="$MAX_MIB" 'BEGIN{
  printf "prepare: travels %.1f MiB = dist %.1f MiB + working tree %.1f MiB (limit here %d MiB, device 64 MiB)\n",
    s/1048576, d/1048576, t/1048576, m }'
if [ "$total" -gt $((MAX_MIB * 1048576)) ]; then
  die "too large: over $MAX_MIB MiB would not leave room under the device's 64 MiB"
fi
echo "prepare: done; run on the GPU machine: bench/device/run.sh (carry bench/device/dist)"
