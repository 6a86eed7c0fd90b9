/**
 * Propagation health: the verdict every traced RUM resource ends in, the checks that decide it after a
 * grace period, the candidates a fallback join is looked up in, the clock-offset samples of linked
 * requests, and the {@link dev.tracebridge.core.health.VerdictStore} SPI they are kept in. Non-null
 * unless marked.
 */
@NullMarked
package dev.tracebridge.core.health;

import org.jspecify.annotations.NullMarked;
