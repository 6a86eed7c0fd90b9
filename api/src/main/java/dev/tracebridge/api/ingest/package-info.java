/** The ingest HTTP port: routing, CORS and body limits in front of the receivers' endpoints. */
@NullMarked
package dev.tracebridge.api.ingest;

import org.jspecify.annotations.NullMarked;
