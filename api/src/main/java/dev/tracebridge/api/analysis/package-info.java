/**
 * Root cause: where the time of a front-to-back trace went (the critical path across the browser and
 * the backend, the latency split) and where its error started, for one trace and across many.
 * Read-side logic only: it works on joined traces and never fails on odd data.
 */
@NullMarked
package dev.tracebridge.api.analysis;

import org.jspecify.annotations.NullMarked;
