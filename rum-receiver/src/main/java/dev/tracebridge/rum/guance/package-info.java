/**
 * Guance (DataKit) RUM: {@code POST /v1/write/rum?precision=ms}, one InfluxDB line-protocol point per
 * event, as the {@code @cloudcare/browser-rum} SDK writes it when its {@code datakitOrigin} points at
 * Tracebridge. Field names and serialisation follow the SDK's source (GuanceCloud/datakit-js,
 * {@code packages/core/src/dataMap.js} for the names, {@code packages/core/src/transport/batch.js} and
 * {@code packages/core/src/helper/serialisation/rowData.js} for the encoding, {@code
 * packages/rum/src/domain/rumEventsCollection/resource/resourceUtils.js} for the nanosecond timings).
 */
@NullMarked
package dev.tracebridge.rum.guance;

import org.jspecify.annotations.NullMarked;
