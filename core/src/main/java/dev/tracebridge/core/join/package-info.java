/** A trace with both sides joined: what the query API serves and the analyses read. */
@NullMarked
package dev.tracebridge.core.join;

import org.jspecify.annotations.NullMarked;
