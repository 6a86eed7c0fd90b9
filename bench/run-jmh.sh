#!/usr/bin/env bash
# Runs the JMH benchmarks with the settings docs/benchmarks.md reports:
# 1 fork, 3 warm-up iterations of 2 s, 5 measured iterations of 2 s, time per span in µs, and the
# benchmark JVM's CPU time per span (ProcessCpuProfiler: on a shared machine wall time overstates it).
#
#   bench/run-jmh.sh              # all benchmarks (OTLP decode, protobuf and JSON)
#   bench/run-jmh.sh --gc         # also report allocation per span (JMH's gc profiler)
#   bench/run-jmh.sh json         # only benchmarks matching a regex; other JMH options pass through
#
# Builds bench/target/benchmarks.jar first when it is missing (needs the other modules installed,
# e.g. `mvn -B -DskipTests install` at the root). Benchmarks never run as part of `mvn verify`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"

profile=()
args=()
for arg in "$@"; do
  if [[ "$arg" == "--gc" ]]; then profile=(-prof gc); else args+=("$arg"); fi
done
if [[ ${#args[@]} -eq 0 ]]; then args=(OtlpDecodeBenchmark); fi

if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -pl bench -DskipTests package)
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "java: $(java -version 2>&1 | head -1)"
exec java -jar "$jar" -f 1 -wi 3 -w 2s -i 5 -r 2s -bm avgt -tu us \
  -prof dev.tracebridge.bench.ProcessCpuProfiler ${profile[@]+"${profile[@]}"} "${args[@]}"
