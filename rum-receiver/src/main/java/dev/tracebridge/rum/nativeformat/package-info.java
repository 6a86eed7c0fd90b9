/**
 * The native event schema v1 ({@code "schema": "tracebridge.rum/1"}, documented in
 * {@code docs/rum-events.md}): what the browser extension and hand-written clients post to
 * {@code POST /v1/rum}, as a JSON array or NDJSON.
 */
@NullMarked
package dev.tracebridge.rum.nativeformat;

import org.jspecify.annotations.NullMarked;
