/** The engine: the only Spring Boot module. Wires receivers, correlator and store; serves the API. */
@NullMarked
package dev.tracebridge.api;

import org.jspecify.annotations.NullMarked;
