package dev.tracebridge.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every {@code Browser*IT} the same {@link BrowserStack}. The engine with its embedded Cassandra
 * takes most of a minute to start; one per class would spend that for each SDK. The stack lives in the
 * root context's store, so JUnit closes it (an {@link AutoCloseable} value) when the whole run ends.
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
        .computeIfAbsent(BrowserStack.class, key -> startStack(), BrowserStack.class);
  }

  private static BrowserStack startStack() {
    try {
      return BrowserStack.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParameterResolutionException("interrupted while starting the browser test stack", e);
    } catch (Exception e) {
      throw new ParameterResolutionException("the browser test stack did not start: " + e.getMessage(), e);
    }
  }
}
