package dev.tracebridge.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the query API (port 8080).
 *
 * @param token when set, every query, analysis, Jaeger and metrics request must carry
 *     {@code Authorization: Bearer <token>}; empty (the default, with the API bound to loopback) means
 *     no authentication. Health, readiness, the OpenAPI document and the viewer's static files stay open.
 */
@ConfigurationProperties("tracebridge.api")
public record ApiAccessProperties(@DefaultValue("") String token) {

  @Override
  public String toString() {
    // Never let the token reach a log line through a bound-properties dump.
    return "ApiAccessProperties[token=" + (token.isEmpty() ? "<none>" : "<set>") + "]";
  }
}
