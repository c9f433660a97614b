package io.logdx.log4j2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.contract.AppenderHarness;
import io.logdx.contract.ContractModel;
import io.logdx.contract.Level;
import io.logdx.contract.Scenario;
import io.logdx.contract.WrittenEvent;
import io.logdx.core.DiagnosisFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The contract's harness for Log4j2: a real {@link LoggerContext} from {@code log4j2-contract-<scenario>.xml},
 * events written by JsonTemplateLayout with the shipped {@code LogdxEcsLayout.json}, problems read from the
 * StatusLogger. The scenarios' properties are system properties {@code logdx.contract.<name>} while the
 * configuration is read.
 *
 * <p>In this package because {@code <Diagnosing>} cannot be given a classifier in XML: for the stand-in model the
 * harness uses the module's test seam {@link DiagnosingAppender#diagnoserFactory}.
 */
public final class Log4j2Harness implements AppenderHarness {
  private static final String PREFIX = "logdx.contract.";
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What LogdxEcsLayout.json (and the contract's marker field) writes besides the application's context data. */
  private static final Set<String> STANDARD = Set.of("@timestamp", "ecs.version", "log.level", "message",
      "process.thread.name", "log.logger", "tags", "error.type", "error.message", "error.stack_trace",
      DiagnosisFields.NAMESPACE, "marker");

  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final StatusListener listener = new StatusListener() {
    @Override
    public void log(StatusData data) {
      if (data.getLevel().isMoreSpecificThan(org.apache.logging.log4j.Level.WARN)) {
        problems.add(data.getMessage().getFormattedMessage()
            + (data.getThrowable() == null ? "" : " " + data.getThrowable()));
      }
    }

    @Override
    public org.apache.logging.log4j.Level getStatusLevel() {
      return org.apache.logging.log4j.Level.WARN;
    }

    @Override
    public void close() {}
  };

  private Path dir;
  private LoggerContext context;

  @Override
  public String framework() {
    return "Log4j2";
  }

  @Override
  public void start(Scenario scenario, Map<String, String> properties) {
    String resource = "log4j2-contract-" + scenario.id() + ".xml";
    URL url = Objects.requireNonNull(getClass().getClassLoader().getResource(resource), resource);
    StatusLogger.getLogger().registerListener(listener);
    try {
      dir = Files.createTempDirectory("logdx-contract-log4j2-");
      System.setProperty(PREFIX + "OUT_DIR", dir.toString());
      properties.forEach((k, v) -> System.setProperty(PREFIX + k, v));
      if (scenario.standInModel()) {
        DiagnosingAppender.diagnoserFactory = b -> b.classifier(new ContractModel()).build();
      }
      context = new LoggerContext("contract-" + IDS.incrementAndGet(), null, url.toURI());
      context.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    } finally {
      // read once, while the configuration is built
      DiagnosingAppender.diagnoserFactory = null;
      System.clearProperty(PREFIX + "OUT_DIR");
      properties.keySet().forEach(k -> System.clearProperty(PREFIX + k));
    }
  }

  @Override
  public void log(Level level, String logger, Throwable thrown, String message, Object... args) {
    org.apache.logging.log4j.Level l = switch (level) {
      case INFO -> org.apache.logging.log4j.Level.INFO;
      case WARN -> org.apache.logging.log4j.Level.WARN;
      case ERROR -> org.apache.logging.log4j.Level.ERROR;
    };
    context.getLogger(logger).atLevel(l).withThrowable(thrown).log(message, args);
  }

  @Override
  public void putContext(String key, String value) {
    ThreadContext.put(key, value);
  }

  @Override
  public void removeContext(String key) {
    ThreadContext.remove(key);
  }

  @Override
  public void stop() {
    if (context != null && !context.isStopped()) context.stop(30, TimeUnit.SECONDS);
  }

  @Override
  public List<WrittenEvent> events() {
    List<WrittenEvent> out = new ArrayList<>();
    for (String line : completeLines("events.json")) {
      try {
        out.add(event(JSON.readTree(line)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static WrittenEvent event(JsonNode n) {
    Map<String, String> diagnosis = new HashMap<>();
    flatten(DiagnosisFields.NAMESPACE, n.path(DiagnosisFields.NAMESPACE), diagnosis);
    Map<String, String> context = new HashMap<>();
    n.properties().forEach(e -> {
      if (!STANDARD.contains(e.getKey())) context.put(e.getKey(), e.getValue().asText());
    });
    List<String> markers = new ArrayList<>();
    JsonNode marker = n.get("marker");
    if (marker != null && !marker.isNull()) markers.add(marker.asText());
    JsonNode stack = n.get("error.stack_trace");
    return new WrittenEvent(n.path("message").asText(), n.path("log.level").asText(), n.path("log.logger").asText(),
        n.path("process.thread.name").asText(), markers, stack == null ? null : stack.asText(), diagnosis, context);
  }

  /** The layout nests the fields ({@code diagnosis.root_cause.type} under diagnosis, root_cause): back to names. */
  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      node.properties().forEach(e -> flatten(prefix + "." + e.getKey(), e.getValue(), out));
    } else if (!node.isMissingNode() && !node.isNull()) {
      out.put(prefix, node.asText());
    }
  }

  @Override
  public List<String> patternLines() {
    return completeLines("pattern.log");
  }

  /** The lines of a file that end with a line end (one being written is left for the next look). */
  private List<String> completeLines(String file) {
    Path p = dir.resolve(file);
    try {
      if (!Files.exists(p)) return List.of();
      String text = Files.readString(p, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      if (end < 0) return List.of();
      return text.substring(0, end).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      StatusLogger.getLogger().removeListener(listener);
    }
    if (dir == null) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
