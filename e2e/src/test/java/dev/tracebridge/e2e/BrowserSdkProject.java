package dev.tracebridge.e2e;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The npm project under {@code src/test/js/browser-sdks}: the pinned browser SDKs, the esbuild step that
 * bundles the ES-module-only ones for a page, and the script that drives Chromium. Copied to
 * {@code target/browser-sdks} (so the source tree never gets a node_modules), installed from the
 * committed lockfile and built once per test JVM, by the machine's own node and npm.
 */
final class BrowserSdkProject {
  static final String SOURCE_DIR = "e2e/src/test/js/browser-sdks";
  static final String WORK_DIR = "e2e/target/browser-sdks";
  /** What npm and the build write; never copied from the source tree. */
  private static final Set<String> GENERATED = Set.of("node_modules", "dist");
  /** A fresh machine downloads ~125 MB of packages; a warm npm cache takes seconds. */
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);
  private static final int LOG_TAIL_LINES = 40;

  private static @Nullable BrowserSdkProject prepared;

  final Path dir;

  private BrowserSdkProject(Path dir) {
    this.dir = dir;
  }

  /** The project, installed and built; the first call does the work, later ones return it. */
  static synchronized BrowserSdkProject prepare() throws IOException, InterruptedException {
    if (prepared != null) return prepared;
    Path root = Path.of(System.getProperty("tracebridge.root", "..")).toAbsolutePath().normalize();
    BrowserSdkProject project = new BrowserSdkProject(root.resolve(WORK_DIR));
    copy(root.resolve(SOURCE_DIR), project.dir);
    if (project.needsInstall()) {
      project.npm(INSTALL_TIMEOUT, "ci", "--no-audit", "--no-fund");
    }
    project.npm(BUILD_TIMEOUT, "run", "build");
    prepared = project;
    return project;
  }

  /** Copies the project's sources, keeping their times so that an unchanged lockfile reads as such. */
  private static void copy(Path source, Path target) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
        if (GENERATED.contains(dir.getFileName().toString())) return FileVisitResult.SKIP_SUBTREE;
        Files.createDirectories(target.resolve(source.relativize(dir)));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.copy(file, target.resolve(source.relativize(file)), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** npm keeps a copy of the lockfile it installed from in node_modules; older means stale. */
  private boolean needsInstall() throws IOException {
    Path installed = dir.resolve("node_modules").resolve(".package-lock.json");
    if (!Files.exists(installed)) return true;
    FileTime lock = Files.getLastModifiedTime(dir.resolve("package-lock.json"));
    return Files.getLastModifiedTime(installed).compareTo(lock) < 0;
  }

  private void npm(Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("npm"));
    command.addAll(List.of(args));
    Path log = Files.createTempFile("tracebridge-npm", ".log");
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        // npm starts node children of its own; none may outlive the test.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(command + " in " + dir + " took longer than " + timeout
            + ":\n" + tail(log));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " in " + dir + " exited with " + process.exitValue()
            + ":\n" + tail(log));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
  }
}
