package dev.tracebridge.otlp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads captures from real SDKs in shared/fixtures, located by the build (see the module's pom). */
final class Fixtures {
  private Fixtures() {}

  static byte[] read(String relative) throws IOException {
    String root = System.getProperty("tracebridge.fixtures", "../../shared/fixtures");
    return Files.readAllBytes(Path.of(root, relative));
  }
}
