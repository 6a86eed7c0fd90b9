package dev.tracebridge.core.search;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Finds traces without knowing their ids. Stages fail with {@link SearchUnsupportedException} when a
 * store cannot answer a kind of question at all (for instance a time-range scan without an index to
 * read), and with the store's own exception when it could not answer this time.
 */
public interface TraceSearch {

  /** The traces matching every criterion of {@code query}, newest first, at most its limit. */
  CompletionStage<SearchResult> search(SearchQuery query);

  /** A session's RUM events, oldest first, and the traces its requests started. */
  CompletionStage<SessionTimeline> readSessionTimeline(String appId, String sessionId);

  /** Every backend service that reported a span, sorted by name. */
  CompletionStage<List<String>> services();

  /** The span names (operations) a service reported, sorted. */
  CompletionStage<List<String>> operations(String service);
}
