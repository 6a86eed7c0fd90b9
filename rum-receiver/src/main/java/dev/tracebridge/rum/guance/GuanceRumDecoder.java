package dev.tracebridge.rum.guance;

import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.rum.batch.CompressedBody;
import dev.tracebridge.rum.batch.DecodeLimits;
import dev.tracebridge.rum.batch.DecodedBatch;
import dev.tracebridge.rum.batch.InvalidEventException;
import dev.tracebridge.rum.batch.RumBatchDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A Guance RUM write: line protocol (or the SDK's JSON mode when posted as {@code application/json}),
 * zlib or plain ({@code encoding=deflate} in the query says so; the body is sniffed anyway). Measurements
 * other than view, resource, error, long_task and action are counted as skipped.
 */
public final class GuanceRumDecoder implements RumBatchDecoder {
  static final String PRECISION = "precision";
  /** Guance's public-DataWay client token, the analog of Datadog's client token. */
  static final String TOKEN = "token";
  private static final String JSON_MEDIA_TYPE = "application/json";

  @Override
  public DecodedBatch decode(IngestRequest request, DecodeLimits limits) {
    Precision precision = Precision.of(request.queryParameter(PRECISION));
    byte[] body = CompressedBody.plainBytes(request.body(), limits.maxDecompressedBytes());
    DecodedBatch.Collector batch = DecodedBatch.collector(limits);
    batch.intakeKey(request.queryParameter(TOKEN));
    LineProtocolParser.Handler handler = new LineProtocolParser.Handler() {
      @Override
      public void point(LinePoint point) {
        int index = batch.next();
        try {
          RumEvent event = GuancePointMapper.map(point, epochNanos(point, precision));
          if (event == null) {
            batch.skip();
          } else {
            batch.accept(index, event);
          }
        } catch (InvalidEventException e) {
          batch.reject(index, point.position() + ": " + e.getMessage());
        }
      }

      @Override
      public void malformed(String position, String reason) {
        batch.reject(batch.next(), position + ": " + reason);
      }
    };
    if (JSON_MEDIA_TYPE.equals(request.mediaType())) {
      GuanceJsonPoints.read(body, handler);
    } else {
      LineProtocolParser.parse(new String(body, StandardCharsets.UTF_8), handler);
    }
    return batch.build();
  }

  private static long epochNanos(LinePoint point, Precision precision) {
    if (point.timestamp() == null) {
      throw new InvalidEventException("timestamp: missing (expected: the browser's time of the event)");
    }
    long nanos = precision.toEpochNanos(point.timestamp());
    if (nanos < 0) {
      throw new InvalidEventException("timestamp: " + point.timestamp() + " (expected: positive epoch "
          + precision.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    return nanos;
  }
}
