package dev.tracebridge.api.query;

import dev.tracebridge.api.config.StorageHealth;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness and readiness. Ready means the store answers: a load balancer should stop sending
 * telemetry to a node whose Cassandra is gone, because it could only refuse it.
 */
@RestController
class HealthController {
  private final StorageHealth storage;

  HealthController(StorageHealth storage) {
    this.storage = storage;
  }

  @GetMapping("/api/v1/health")
  Map<String, String> health() {
    return Map.of("status", "UP");
  }

  @GetMapping("/api/v1/ready")
  ResponseEntity<Map<String, String>> ready() {
    boolean up = storage.isUp();
    return ResponseEntity.status(up ? 200 : 503)
        .body(Map.of("status", up ? "UP" : "DOWN", "storage", up ? "UP" : "DOWN"));
  }
}
