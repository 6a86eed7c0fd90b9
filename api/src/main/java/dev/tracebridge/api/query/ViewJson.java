package dev.tracebridge.api.query;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page view: the view event in its latest version (null when only its requests were reported),
 * the session's events that happened in it, and the traces it started.
 */
record ViewJson(
    String appId, String sessionId, String viewId, @Nullable RumEventJson view, List<RumEventJson> events,
    List<SummaryJson> traces, boolean partial) {}
