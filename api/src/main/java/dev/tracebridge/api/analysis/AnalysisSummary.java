package dev.tracebridge.api.analysis;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The one sentence an engineer reads first: how long, where most of the time went, where it failed. */
final class AnalysisSummary {

  private AnalysisSummary() {}

  static String sentence(String rootName, long totalNanos, List<TraceAnalysis.Part> split,
      @Nullable ErrorOrigin origin) {
    StringBuilder out = new StringBuilder(rootName);
    if (totalNanos <= 0 || split.isEmpty()) {
      out.append(" has no measurable duration");
    } else {
      TraceAnalysis.Part top = split.get(0);
      out.append(" took ").append(Millis.format(totalNanos)).append(" ms end to end; ")
          .append(label(top)).append(" took ").append(percent(top.nanos(), totalNanos)).append(" % (")
          .append(Millis.format(top.nanos())).append(" ms) of the critical path");
    }
    if (origin != null) {
      out.append("; the error started in ").append(origin.service()).append(" \"").append(origin.name())
          .append('"');
      String detail = detail(origin);
      if (!detail.isEmpty()) out.append(": ").append(detail);
    }
    return out.append('.').toString();
  }

  static String label(TraceAnalysis.Part part) {
    return switch (part.category()) {
      case BACKEND -> part.name();
      case FRONTEND -> "the browser";
      case NETWORK -> "the network";
      case UNATTRIBUTED -> "unattributed time";
    };
  }

  private static String percent(long part, long whole) {
    double value = Millis.percent(part, whole);
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static String detail(ErrorOrigin origin) {
    ErrorOrigin.ExceptionEvent exception = origin.exception();
    if (exception != null && !exception.type().isEmpty()) {
      return exception.message().isEmpty() ? exception.type() : exception.type() + ": " + exception.message();
    }
    return origin.message();
  }
}
