package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

/**
 * A request parameter the client got wrong: answered 400 with a problem that names the parameter
 * ({@code parameter} property) and says what was expected.
 */
public final class BadParameterException extends RuntimeException {
  private final String parameter;

  public BadParameterException(String parameter, String detail) {
    super(detail, null, false, false);
    this.parameter = requireNonNull(parameter, "parameter");
  }

  public String parameter() {
    return parameter;
  }
}
