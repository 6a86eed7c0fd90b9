package dev.tracebridge.api.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI 3 description of this API, written by hand in {@code openapi.json} and kept true by
 * a test that compares it with every route Spring registered.
 */
@RestController
class OpenApiController {
  static final String DOCUMENT = "/openapi.json";

  private final byte[] document;

  OpenApiController() {
    try (InputStream in = OpenApiController.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) throw new IllegalStateException(DOCUMENT + " is missing from the engine's jar");
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping("/api/v1/openapi.json")
  ResponseEntity<byte[]> openApi() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
  }
}
