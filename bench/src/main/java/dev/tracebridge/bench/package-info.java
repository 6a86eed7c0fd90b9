/**
 * JMH benchmarks of the engine's hot paths. Run through {@code bench/run-jmh.sh}; results are recorded
 * in {@code docs/benchmarks.md}.
 */
@NullMarked
package dev.tracebridge.bench;

import org.jspecify.annotations.NullMarked;
