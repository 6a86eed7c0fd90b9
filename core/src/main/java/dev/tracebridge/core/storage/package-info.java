/** The storage SPI every trace store implements, and the in-memory store used by unit tests. */
@NullMarked
package dev.tracebridge.core.storage;

import org.jspecify.annotations.NullMarked;
