package dev.tracebridge.e2e;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every {@code Browser*IT} the same {@link BrowserStack}. The engine with its embedded Cassandra
 * takes most of a minute to start; one per class would spend that for each SDK. The stack lives in the
 * root context's store, so JUnit closes it (an {@link AutoCloseable} value) when the whole run ends.
 * A stack that failed to start is not tried again by the next class: it would fail the same way, a
 * minute later each time.
 */
final class BrowserStackExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BrowserStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == BrowserStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(BrowserStackStart.class, key -> BrowserStackStart.attempt(), BrowserStackStart.class)
        .stack();
  }

  /** The outcome of the one attempt to start the stack: the stack, or why it did not start. */
  record BrowserStackStart(@Nullable BrowserStack started, @Nullable Exception failure)
      implements AutoCloseable {

    static BrowserStackStart attempt() {
      try {
        return new BrowserStackStart(BrowserStack.start(), null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new BrowserStackStart(null, e);
      } catch (Exception e) {
        return new BrowserStackStart(null, e);
      }
    }

    BrowserStack stack() {
      if (started != null) return started;
      throw new ParameterResolutionException("the browser test stack did not start: "
          + (failure == null ? "no reason recorded" : failure.getMessage()), failure);
    }

    @Override
    public void close() throws Exception {
      if (started != null) started.close();
    }
  }
}
