/** What receivers hand decoded telemetry to, and how a refusal is told back to them. */
@NullMarked
package dev.tracebridge.core.ingest;

import org.jspecify.annotations.NullMarked;
