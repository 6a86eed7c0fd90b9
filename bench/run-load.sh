#!/usr/bin/env bash
# End-to-end load benchmark: starts ./tracebridge (embedded Cassandra, temporary data directory, free
# loopback ports), drives it open-loop with pre-encoded 200-span OTLP/gRPC exports (10-span traces, ~490 B
# and 10 attributes per span) plus native RUM resources for a share of the traces, reads back every
# acknowledged trace, and measures durable spans/s, CPU per 10k spans (engine and Cassandra), ingest-to-
# queryable latency at half the highest sustained rate, peak RSS, engine heap, Cassandra mutations per span
# and disk bytes per span. Appends the results to docs/benchmarks.md (--no-docs to only print them).
#
#   bench/run-load.sh                                  # steps 2.5k,5k,10k,15k,20k,22.5k...40k spans/s, 30 s each
#   bench/run-load.sh --steps=20000,30000 --duration=20 --half-rate-duration=30
#   bench/run-load.sh --rate=30000 --duration=60       # one rate only
#   bench/run-load.sh --jfr                            # also record a JFR profile of the engine
#   other options: --warmup=200 --settle=30 --rum-share=0.1 --max-outstanding=128 --heap=512m --cassandra-heap=512m
#   (--settle: seconds at each step's rate, not measured, after the read-back of the warm-up or step before)
#
# Builds the engine and the benchmark jar first when they are missing; ./tracebridge itself rebuilds the
# engine when sources are newer than its jar, unless TRACEBRIDGE_NO_BUILD=1 (then the jar is used as it is).
# Needs 2+ GiB of free memory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
engine_jar="$root/api/target/tracebridge-api-0.1.0-SNAPSHOT.jar"
bench_jar="$here/target/benchmarks.jar"

if [[ ! -f "$engine_jar" || ! -d "$root/cassandra-node/target/lib" || ! -f "$bench_jar" ]]; then
  echo "Building the engine and the benchmark jar..."
  (cd "$root" && mvn -B -q -DskipTests package -pl api,bench -am)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/tracebridge-load.XXXXXX")"
args=(--root="$root" --work-dir="$work" --clock-ticks="$(getconf CLK_TCK)" --docs="$root/docs/benchmarks.md")
for arg in "$@"; do
  case "$arg" in
    --no-docs) args=("${args[@]/--docs=*}") ;;
    --jfr) args+=(--jfr="$work/engine.jfr") ;;
    *) args+=("$arg") ;;
  esac
done
filtered=()
for a in "${args[@]}"; do [[ -n "$a" ]] && filtered+=("$a"); done

echo "work directory (engine log, GC log, data): $work"
java -Xmx1g -cp "$bench_jar" dev.tracebridge.bench.load.LoadBenchmark "${filtered[@]}"
echo "engine log: $work/engine.log; remove $work when done (it holds the Cassandra data)."
