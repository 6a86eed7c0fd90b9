/**
 * A read API in the shape of Jaeger's query service ({@code /api/traces}, {@code /api/services}...), so
 * that Grafana's Jaeger data source and other Jaeger clients browse joined traces: the browser side
 * appears as spans of a {@code browser:<app>} service, parents of the backend spans they started.
 */
@NullMarked
package dev.tracebridge.api.jaeger;

import org.jspecify.annotations.NullMarked;
