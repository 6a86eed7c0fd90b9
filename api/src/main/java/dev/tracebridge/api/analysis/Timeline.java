package dev.tracebridge.api.analysis;

import dev.tracebridge.core.model.SpanId;
import java.util.List;
import java.util.Map;

/**
 * A trace laid out on one time axis: the root (a browser request, a backend root span, or the whole
 * trace when it has several unconnected roots), every node by id, and what was repaired on the way.
 */
record Timeline(TimelineNode root, Map<SpanId, TimelineNode> spansById, List<String> warnings) {}
