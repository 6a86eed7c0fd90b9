package dev.tracebridge.api.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The npm project under {@code src/test/js/viewer} (playwright-core and the script that drives the
 * viewer), copied to {@code target/viewer-test} so the source tree never gets a node_modules, and
 * installed from its committed lockfile by the machine's own npm.
 */
final class ViewerNodeProject {
  /** A cold npm cache downloads playwright-core (~10 MB); a warm one takes seconds. */
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final int LOG_TAIL_LINES = 40;

  final Path dir;

  private ViewerNodeProject(Path dir) {
    this.dir = dir;
  }

  static ViewerNodeProject prepare(Path source, Path workDir) throws IOException, InterruptedException {
    ViewerNodeProject project = new ViewerNodeProject(workDir);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = source.relativize(file);
        if (relative.getName(0).toString().equals("node_modules")) continue;
        Path copy = workDir.resolve(relative);
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    if (project.needsInstall()) project.run(INSTALL_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund");
    return project;
  }

  /** npm keeps a copy of the lockfile it installed from in node_modules; older means stale. */
  private boolean needsInstall() throws IOException {
    Path installed = dir.resolve("node_modules").resolve(".package-lock.json");
    if (!Files.exists(installed)) return true;
    FileTime lock = Files.getLastModifiedTime(dir.resolve("package-lock.json"));
    return Files.getLastModifiedTime(installed).compareTo(lock) < 0;
  }

  /** Runs a command in the project and answers its standard output; a failure says what it printed. */
  String run(Duration timeout, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("tracebridge-viewer", ".out");
    Path err = Files.createTempFile("tracebridge-viewer", ".err");
    try {
      Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        // node starts a Chromium of its own; none may outlive the test.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(List.of(command) + " took longer than " + timeout + ":\n" + tail(err));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(List.of(command) + " exited with " + process.exitValue() + ":\n" + tail(err)
            + "\n" + tail(out));
      }
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
  }
}
