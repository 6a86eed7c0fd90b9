package dev.tracebridge.core.search;

/**
 * The store cannot answer this kind of question at all (as opposed to failing to answer it now): the
 * message says what is missing, so the engine can tell the user instead of retrying.
 */
public final class SearchUnsupportedException extends RuntimeException {

  public SearchUnsupportedException(String message) {
    super(message, null, false, false);
  }
}
