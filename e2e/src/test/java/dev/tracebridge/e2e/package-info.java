/** Black-box tests of the engine as a user runs it. */
@NullMarked
package dev.tracebridge.e2e;

import org.jspecify.annotations.NullMarked;
