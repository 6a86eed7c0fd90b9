package dev.tracebridge.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real engine with the in-memory store on free ports, shared by the test classes that extend this
 * (Spring caches the context): tests isolate themselves with random trace and session ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class MemoryEngineTest {
  protected static final EnginePorts PORTS = EnginePorts.free();
  protected final EngineHttp http = PORTS.http();

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    PORTS.registerInMemoryEngine(registry);
  }

  /** A checkout that started five minutes ago: inside every default search window, and final for rollups. */
  protected CheckoutTrace ingestCheckout() {
    CheckoutTrace trace = CheckoutTrace.startingAt(System.currentTimeMillis() - 5 * 60_000L);
    http.ingest(trace);
    return trace;
  }
}
