package dev.tracebridge.api.config;

/** Whether the trace store can take writes and answer reads right now. */
@FunctionalInterface
public interface StorageHealth {
  boolean isUp();
}
