/**
 * JMH benchmarks of the correlator's per-event CPU cost: keying and grouping what arrives, deriving the
 * pending checks and the root-span index entries (ingest), and joining and deciding a resource's verdict
 * (the propagation checker). Storage I/O and the store's own encoding are left out on purpose.
 */
@NullMarked
package dev.tracebridge.bench.correlator;

import org.jspecify.annotations.NullMarked;
