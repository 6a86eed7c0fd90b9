#!/usr/bin/env bash
# Query latency load test (issue 6 item 7): starts ./tracebridge (embedded Cassandra, temporary data
# directory, free loopback ports), stores 200-span joined traces (native RUM + OTLP/HTTP JSON, one export
# per backend service), waits until the engine's propagation checker has decided their verdicts (the
# engine runs with a 5 s grace period instead of 2 minutes: every span is stored before anything is
# measured), then 16 clients GET /api/v1/traces/{id} and then /api/v1/traces/{id}/analysis
# for random stored traces: after a warm-up, one closed-loop run (each client sends as soon as its last
# request answered: saturation) and one run paced at each total rate of --rates (latency counted from
# when a request was due). Prints requests/s, p50/p99/max (HdrHistogram) and the CPU per request of the
# engine, of Cassandra and of the clients themselves (they share the same cores; each client is one
# blocking keep-alive connection), and the engine's GC pauses per run (its -Xlog:gc file in the work
# directory). Targets: trace by id p99 <= 20 ms, with analysis <= 30 ms.
#
#   bench/run-query.sh                       # 200 traces, 16 clients, 90 s warm-up, 60 s per run, rates 16,64,128
#   bench/run-query.sh --traces=500 --warmup=30 --duration=120 --rates=32,256 --heap=1g
#   bench/run-query.sh --jfr=/tmp/engine.jfr # also record a JFR profile of the engine
#   bench/run-query.sh --verdicts=live --warmup=90 --rates=64
#                                            # the engine's own 2-minute grace; after the first 200 traces'
#                                            # verdicts, 200 more whose verdicts are decided in the paced run
#
# Builds the engine and the benchmark jar first when they are missing; ./tracebridge itself rebuilds the
# engine when sources are newer than its jar, unless TRACEBRIDGE_NO_BUILD=1. Needs ~2 GiB of free memory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
engine_jar="$root/api/target/tracebridge-api-0.1.0-SNAPSHOT.jar"
bench_jar="$here/target/benchmarks.jar"

if [[ ! -f "$engine_jar" || ! -d "$root/cassandra-node/target/lib" || ! -f "$bench_jar" ]]; then
  echo "Building the engine and the benchmark jar..."
  (cd "$root" && mvn -B -q -DskipTests package -pl api,bench -am)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/tracebridge-query.XXXXXX")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1)"
echo "work directory (engine log, Cassandra data): $work"
java -Xmx512m -cp "$bench_jar" dev.tracebridge.bench.query.QueryBenchmark --root="$root" --work-dir="$work" \
  --clock-ticks="$(getconf CLK_TCK)" "$@"
echo "engine log: $work/engine.log; remove $work when done (it holds the Cassandra data)."
