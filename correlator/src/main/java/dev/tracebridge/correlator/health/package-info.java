/**
 * Propagation health: the rules that give every traced RUM resource one verdict
 * (docs/propagation-health.md), and the checker any engine node runs to decide the resources whose
 * grace period has passed, working only from the stores.
 */
@NullMarked
package dev.tracebridge.correlator.health;

import org.jspecify.annotations.NullMarked;
