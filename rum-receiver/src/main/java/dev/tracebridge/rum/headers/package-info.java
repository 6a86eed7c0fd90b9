/**
 * Trace context headers a browser request carried, parsed into canonical ids, one class per format
 * (REFERENCE.md §1), plus the response-side ids a document load is linked through ({@code traceresponse},
 * {@code Server-Timing}, {@code <meta>} tags).
 *
 * <p>Parsers never throw on a header's value: a malformed value is skipped and described in
 * {@link dev.tracebridge.rum.headers.TraceHeaders#errors()}, which intakes keep as the event attribute
 * {@code trace.header_errors}.
 *
 * <p>SkyWalking's {@code sw8} trace id is an opaque string. When it is hex-ish (1 to 32 hex digits, or a UUID
 * such as Guance's SDK generates, read without its hyphens) it maps to a {@code TraceId} of those
 * digits, deterministically; anything else (the Java agent's dotted ids) produces no context, and the raw
 * header stays in the resource's {@code traceHeaders} for diagnosis. A made-up mapping could only join the
 * resource to a trace that is not its own.
 */
@NullMarked
package dev.tracebridge.rum.headers;

import org.jspecify.annotations.NullMarked;
