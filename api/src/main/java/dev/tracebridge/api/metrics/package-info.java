/**
 * Generated metrics: per minute, per app × view route × URL pattern × backend service/operation, the
 * count, errors and latency distributions of front-to-back requests, rolled up from joined traces,
 * kept through the {@code MetricRollups} SPI, served as JSON and in Prometheus' text format.
 */
@NullMarked
package dev.tracebridge.api.metrics;

import org.jspecify.annotations.NullMarked;
