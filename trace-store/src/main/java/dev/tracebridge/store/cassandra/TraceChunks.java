package dev.tracebridge.store.cassandra;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TraceWrite;
import dev.tracebridge.store.cassandra.codec.ChunkCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a trace write into chunk rows (schema v3): its spans in chunks of at most
 * {@link #MAX_RECORDS_PER_CHUNK}, its resources likewise. A chunk's id is derived from the identities of
 * the records it holds and not from their order, so a re-delivered export rewrites the very same rows
 * (idempotent); an export regrouped by a retry writes other chunks holding some of the same spans, which
 * the read side deduplicates by span id and event id.
 */
final class TraceChunks {
  /**
   * Spans per chunk. A 10-span trace write is one chunk; a write of thousands of spans (a batch job's
   * trace) becomes several cells of ~30-100 KiB each, well below the sizes at which Cassandra warns.
   */
  static final int MAX_RECORDS_PER_CHUNK = 64;
  /** SplitMix64's multiplier and finaliser constants: a cheap, well-mixed 64-bit hash. */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final long MIX_1 = 0xBF58476D1CE4E5B9L;
  private static final long MIX_2 = 0x94D049BB133111EBL;
  /** FNV-1a 64-bit offset basis and prime, for event ids. */
  private static final long FNV_OFFSET = 0xCBF29CE484222325L;
  private static final long FNV_PRIME = 0x100000001B3L;

  private TraceChunks() {}

  /** One chunk row: its kind (span or resource chunk), its id within the partition, its payload. */
  record Chunk(byte rowKind, long id, byte[] payload) {}

  static List<Chunk> of(TraceWrite write) {
    List<Chunk> chunks = new ArrayList<>(1);
    List<Span> spans = write.spans();
    for (int from = 0; from < spans.size(); from += MAX_RECORDS_PER_CHUNK) {
      List<Span> part = spans.subList(from, Math.min(spans.size(), from + MAX_RECORDS_PER_CHUNK));
      chunks.add(new Chunk(Schema.ROW_KIND_SPAN_CHUNK, spanChunkId(part), ChunkCodec.encodeSpans(part)));
    }
    List<RumResource> resources = write.resources();
    for (int from = 0; from < resources.size(); from += MAX_RECORDS_PER_CHUNK) {
      List<RumResource> part = resources.subList(from, Math.min(resources.size(), from + MAX_RECORDS_PER_CHUNK));
      chunks.add(new Chunk(Schema.ROW_KIND_RESOURCE_CHUNK, resourceChunkId(part), ChunkCodec.encodeEvents(part)));
    }
    return chunks;
  }

  /** A sum of per-span hashes: the same spans in any order give the same id. */
  static long spanChunkId(List<Span> spans) {
    long sum = 0;
    for (Span span : spans) {
      sum += mix(mix(span.traceId().high() ^ mix(span.traceId().low())) ^ span.spanId().value());
    }
    return mix(sum + spans.size() * GOLDEN_GAMMA);
  }

  /** As {@link #spanChunkId}, from the event ids. */
  static long resourceChunkId(List<RumResource> resources) {
    long sum = 0;
    for (RumResource resource : resources) {
      String id = resource.eventId();
      long hash = FNV_OFFSET;
      for (int i = 0; i < id.length(); i++) {
        hash = (hash ^ id.charAt(i)) * FNV_PRIME;
      }
      sum += mix(hash);
    }
    return mix(sum + resources.size() * GOLDEN_GAMMA);
  }

  private static long mix(long z) {
    z = (z + GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * MIX_1;
    z = (z ^ (z >>> 27)) * MIX_2;
    return z ^ (z >>> 31);
  }
}
