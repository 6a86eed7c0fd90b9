/**
 * Clock skew, measured: the server span of a linked request lies inside the browser's request window,
 * which bounds the offset between the two clocks; the bounds of a session's requests to a service are
 * intersected; services the browser did not call are bounded by their callers' spans.
 */
@NullMarked
package dev.tracebridge.correlator.skew;

import org.jspecify.annotations.NullMarked;
