package io.logdx.log4j2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;

/**
 * A real {@link LoggerContext} configured from an XML file in the test resources, writing into a fresh
 * directory that the configurations name as {@code ${sys:logdx.test.dir}}.
 */
final class LogFixture implements AutoCloseable {
  static final String DIR_PROPERTY = "logdx.test.dir";
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final LoggerContext ctx;

  private LogFixture(Path dir, LoggerContext ctx) {
    this.dir = dir;
    this.ctx = ctx;
  }

  /** Starts a context from a test resource. */
  static LogFixture start(String resource) throws IOException {
    return start(resource, false);
  }

  /** Starts a context from a test resource; with {@code allAsync} every logger is an async logger (LMAX disruptor). */
  static LogFixture start(String resource, boolean allAsync) throws IOException {
    Path dir = Files.createTempDirectory("logdx-log4j2-");
    System.setProperty(DIR_PROPERTY, dir.toString());
    String name = "logdx-test-" + IDS.incrementAndGet();
    URI uri = uri(resource);
    LoggerContext ctx =
        allAsync ? new AsyncLoggerContext(name, null, uri) : new LoggerContext(name, null, uri);
    ctx.start();
    return new LogFixture(dir, ctx);
  }

  static URI uri(String resource) {
    URL url =
        Objects.requireNonNull(LogFixture.class.getClassLoader().getResource(resource), resource);
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  org.apache.logging.log4j.core.Logger logger(String name) {
    return ctx.getLogger(name);
  }

  DiagnosingAppender appender(String name) {
    return ctx.getConfiguration().getAppender(name);
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /**
   * Every complete JSON line written so far to a file of the directory. A test that polls while the appender
   * writes may catch the last line half flushed (the file manager writes through an 8 KB buffer): a last line
   * without its line end is not complete yet and is left for the next look.
   */
  List<JsonNode> json(String file) throws IOException {
    Path p = file(file);
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(p)) return out;
    String text = Files.readString(p, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    if (end < 0) return out;
    for (String line : text.substring(0, end).split("\n")) {
      if (!line.isBlank()) out.add(JSON.readTree(line));
    }
    return out;
  }

  List<String> lines(String file) throws IOException {
    Path p = file(file);
    return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
  }

  /** Stops the context as an application's shutdown does. */
  void stop() {
    ctx.stop(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    if (!ctx.isStopped()) stop();
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("not within 20 s: " + what);
      Thread.sleep(5);
    }
  }

  /** Names of live threads started by logdx. */
  static List<String> logdxThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("logdx-"))
        .sorted()
        .collect(Collectors.toList());
  }
}
