/** Configuration properties and the wiring of receivers, correlator and store. */
@NullMarked
package dev.tracebridge.api.config;

import org.jspecify.annotations.NullMarked;
