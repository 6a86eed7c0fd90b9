package dev.tracebridge.api.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One servlet container serves two ports; this keeps them apart. The ingest port answers only the
 * ingest paths (so the query API is never reachable where browsers post telemetry without auth), and
 * the API port never takes telemetry.
 */
public final class PortRouting extends OncePerRequestFilter {
  private final int ingestPort;
  private final IngestServlet ingest;

  public PortRouting(int ingestPort, IngestServlet ingest) {
    this.ingestPort = ingestPort;
    this.ingest = ingest;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws ServletException, IOException {
    boolean onIngestPort = req.getLocalPort() == ingestPort;
    if (onIngestPort) {
      ingest.service(req, resp);
      return;
    }
    if (ingest.handles(req.getRequestURI())) {
      IngestServlet.writeProblem(resp, 404, "Not Found", req.getRequestURI()
          + " is served on the ingest port " + ingestPort + ", not on this one");
      return;
    }
    chain.doFilter(req, resp);
  }
}
