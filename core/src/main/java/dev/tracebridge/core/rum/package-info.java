/** Browser side of a trace: RUM events and the trace context a request propagated. */
@NullMarked
package dev.tracebridge.core.rum;

import org.jspecify.annotations.NullMarked;
