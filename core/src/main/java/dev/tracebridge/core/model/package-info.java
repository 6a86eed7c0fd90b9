/** Backend side of a trace: canonical ids and the OTLP span data. Non-null unless marked. */
@NullMarked
package dev.tracebridge.core.model;

import org.jspecify.annotations.NullMarked;
