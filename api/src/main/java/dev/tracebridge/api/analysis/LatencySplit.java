package dev.tracebridge.api.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the end-to-end time went, by the critical path: the browser (frontend), the network, each
 * backend service by its spans' own time on the path, and what nothing explains. The parts add up to
 * the whole, so percentages add up to 100.
 */
final class LatencySplit {

  private LatencySplit() {}

  /** One part of the split; {@code name} is the service for backend time, else the category's name. */
  record Part(Category category, String name, long nanos) {}

  /** The parts, largest first; empty parts are left out. */
  static List<Part> of(List<CriticalPath.Segment> path) {
    Map<List<Object>, Long> sums = new LinkedHashMap<>();
    for (CriticalPath.Segment segment : path) {
      TimelineNode node = segment.node();
      String name = node.category == Category.BACKEND ? node.service : node.category.wireName();
      sums.merge(List.of(node.category, name), segment.duration(), Long::sum);
    }
    List<Part> parts = new ArrayList<>();
    sums.forEach((key, nanos) -> parts.add(new Part((Category) key.get(0), (String) key.get(1), nanos)));
    parts.sort(Comparator.comparingLong(Part::nanos).reversed().thenComparing(Part::name));
    return parts;
  }

  /** Each service's own time on the path: the backend parts, and the browser's (frontend) time. */
  static Map<String, Long> selfTimeByService(List<CriticalPath.Segment> path) {
    Map<String, Long> byService = new LinkedHashMap<>();
    for (CriticalPath.Segment segment : path) {
      TimelineNode node = segment.node();
      if (node.category == Category.BACKEND || node.category == Category.FRONTEND && !node.service.isEmpty()) {
        byService.merge(node.service, segment.duration(), Long::sum);
      }
    }
    return byService;
  }
}
