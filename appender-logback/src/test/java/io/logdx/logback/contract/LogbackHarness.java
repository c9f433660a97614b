package io.logdx.logback.contract;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.contract.AppenderHarness;
import io.logdx.contract.Level;
import io.logdx.contract.Scenario;
import io.logdx.contract.WrittenEvent;
import io.logdx.core.DiagnosisFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.MDC;

/**
 * The contract's harness for Logback: a real {@link LoggerContext} configured by Joran from
 * {@code logback-contract-<scenario>.xml}, events written by logstash-logback-encoder, problems read from the
 * context's status manager.
 */
final class LogbackHarness implements AppenderHarness {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What logstash-logback-encoder writes besides the MDC (and the diagnosis fields in it). */
  private static final Set<String> STANDARD = Set.of("@timestamp", "@version", "message", "logger_name",
      "thread_name", "level", "level_value", "stack_trace", "tags");

  private Path dir;
  private LoggerContext context;

  @Override
  public String framework() {
    return "Logback";
  }

  @Override
  public void start(Scenario scenario, Map<String, String> properties) {
    try {
      dir = Files.createTempDirectory("logdx-contract-logback-");
      LoggerContext ctx = new LoggerContext();
      ctx.setName("contract-" + IDS.incrementAndGet());
      // what SLF4J's service provider does for its own context: MDC.put() reaches these events
      ctx.setMDCAdapter(MDC.getMDCAdapter());
      ctx.putProperty("OUT_DIR", dir.toString());
      properties.forEach(ctx::putProperty);
      context = ctx;
      String resource = "logback-contract-" + scenario.id() + ".xml";
      URL url = Objects.requireNonNull(getClass().getClassLoader().getResource(resource), resource);
      JoranConfigurator jc = new JoranConfigurator();
      jc.setContext(ctx);
      jc.doConfigure(url);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JoranException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void log(Level level, String logger, Throwable thrown, String message, Object... args) {
    Logger l = context.getLogger(logger);
    Object[] all = thrown == null ? args : append(args, thrown);
    switch (level) {
      case INFO -> l.info(message, all);
      case WARN -> l.warn(message, all);
      case ERROR -> l.error(message, all);
    }
  }

  private static Object[] append(Object[] args, Throwable thrown) {
    Object[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = thrown;
    return all;
  }

  @Override
  public void putContext(String key, String value) {
    MDC.put(key, value);
  }

  @Override
  public void removeContext(String key) {
    MDC.remove(key);
  }

  @Override
  public void stop() {
    if (context != null && context.isStarted()) context.stop();
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
    Map<String, String> context = new HashMap<>();
    n.properties().forEach(e -> {
      if (e.getKey().startsWith(DiagnosisFields.NAMESPACE + ".")) {
        diagnosis.put(e.getKey(), e.getValue().asText());
      } else if (!STANDARD.contains(e.getKey())) {
        context.put(e.getKey(), e.getValue().asText());
      }
    });
    List<String> markers = new ArrayList<>();
    n.path("tags").forEach(t -> markers.add(t.asText()));
    JsonNode stack = n.get("stack_trace");
    return new WrittenEvent(n.path("message").asText(), n.path("level").asText(), n.path("logger_name").asText(),
        n.path("thread_name").asText(), markers, stack == null ? null : stack.asText(), diagnosis, context);
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
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getEffectiveLevel() >= Status.WARN)
        .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : " " + s.getThrowable()))
        .toList();
  }

  @Override
  public void close() {
    stop();
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
