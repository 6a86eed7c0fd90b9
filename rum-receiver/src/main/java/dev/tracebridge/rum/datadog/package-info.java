/**
 * Datadog browser RUM as its SDK sends it when its {@code proxy} option points at Tracebridge:
 * {@code POST /v1/rum/datadog?ddforward=<url-encoded /api/v2/rum?...>}, NDJSON as {@code text/plain},
 * zlib-compressed or not with no Content-Encoding header (REFERENCE.md §2; fixtures in
 * {@code shared/fixtures/datadog-browser-rum-7.16.2/}).
 */
@NullMarked
package dev.tracebridge.rum.datadog;

import org.jspecify.annotations.NullMarked;
