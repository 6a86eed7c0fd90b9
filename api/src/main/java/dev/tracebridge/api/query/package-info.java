/** The query API under /api/v1. */
@NullMarked
package dev.tracebridge.api.query;

import org.jspecify.annotations.NullMarked;
