package dev.tracebridge.api;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The three free loopback ports of an engine under test (API, HTTP ingest, OTLP/gRPC), and the
 * properties that start it on them with the in-memory store. A test class adds its own settings after.
 */
public record EnginePorts(int api, int ingest, int grpc) {

  public static EnginePorts free() {
    return new EnginePorts(EngineHttp.freePort(), EngineHttp.freePort(), EngineHttp.freePort());
  }

  public void registerInMemoryEngine(DynamicPropertyRegistry registry) {
    registry.add("server.port", this::api);
    registry.add("tracebridge.ingest.port", this::ingest);
    registry.add("tracebridge.grpc.port", this::grpc);
    registry.add("tracebridge.storage", () -> "memory");
  }

  public EngineHttp http() {
    return new EngineHttp(api, ingest);
  }
}
