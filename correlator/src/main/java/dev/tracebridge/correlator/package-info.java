/**
 * The correlator: derives the join key of each span and RUM resource, writes both sides into the same
 * trace partition the moment they arrive, and joins a partition's rows into one front-to-back trace on
 * read. It keeps no state of its own: everything it knows can be rebuilt from the store.
 */
@NullMarked
package dev.tracebridge.correlator;

import org.jspecify.annotations.NullMarked;
