/**
 * The binary row payloads: compact, versioned by a leading format byte, and exact: every field of the
 * core records comes back as it went in.
 */
@NullMarked
package dev.tracebridge.store.cassandra.codec;

import org.jspecify.annotations.NullMarked;
