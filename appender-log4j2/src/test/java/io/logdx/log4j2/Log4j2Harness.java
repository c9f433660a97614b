package io.logdx.log4j2;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdx.contract.AppenderContract;
import io.logdx.contract.AppenderHarness;
import io.logdx.contract.ContractModel;
import io.logdx.contract.Level;
import io.logdx.contract.OutputFolder;
import io.logdx.contract.Scenario;
import io.logdx.contract.WrittenEvent;
import io.logdx.core.DiagnosisFields;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.CloseableThreadContext;
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

  /** Where the encoder writes the event's own fields. */
  private static final WrittenEvent.JsonKeys KEYS = WrittenEvent.JsonKeys.LOGDX_ECS;

  private final List<StatusData> status = Collections.synchronizedList(new ArrayList<>());
  private final StatusListener listener =
      new StatusListener() {
        @Override
        public void log(StatusData data) {
          status.add(data);
        }

        @Override
        public org.apache.logging.log4j.Level getStatusLevel() {
          return org.apache.logging.log4j.Level.INFO;
        }

        @Override
        public void close() {}
      };

  private OutputFolder out;
  private LoggerContext context;

  @Override
  public String framework() {
    return "Log4j2";
  }

  @Override
  public OutputFolder output() {
    return out;
  }

  @Override
  public void start(Scenario scenario, Map<String, String> properties) {
    String resource = "log4j2-contract-" + scenario.id() + ".xml";
    URL url = Objects.requireNonNull(getClass().getClassLoader().getResource(resource), resource);
    StatusLogger.getLogger().registerListener(listener);
    out = OutputFolder.create("logdx-contract-log4j2-");
    try {
      System.setProperty(PREFIX + "OUT_DIR", out.path().toString());
      properties.forEach((k, v) -> System.setProperty(PREFIX + k, v));
      if (scenario.standInModel()) {
        DiagnosingAppender.diagnoserFactory = b -> b.classifier(new ContractModel()).build();
      }
      context = new LoggerContext("contract-" + IDS.incrementAndGet(), null, url.toURI());
      context.start();
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
    org.apache.logging.log4j.Level l =
        switch (level) {
          case INFO -> org.apache.logging.log4j.Level.INFO;
          case WARN -> org.apache.logging.log4j.Level.WARN;
          case ERROR -> org.apache.logging.log4j.Level.ERROR;
        };
    context.getLogger(logger).atLevel(l).withThrowable(thrown).log(message, args);
  }

  @Override
  @SuppressWarnings("try") // the resource is there for its close(), which takes the value out again
  public void withContext(String key, String value, Runnable r) {
    try (CloseableThreadContext.Instance c = CloseableThreadContext.put(key, value)) {
      r.run();
    }
  }

  @Override
  public WrittenEvent event(JsonNode n) {
    Map<String, String> diagnosis = new HashMap<>();
    flatten(DiagnosisFields.NAMESPACE, n.path(DiagnosisFields.NAMESPACE), diagnosis);
    Map<String, String> context = new HashMap<>();
    n.properties()
        .forEach(
            e -> {
              if (!KEYS.standard().contains(e.getKey()))
                context.put(e.getKey(), e.getValue().asText());
            });
    List<String> markers = new ArrayList<>();
    JsonNode marker = n.get("marker");
    if (marker != null && !marker.isNull()) markers.add(marker.asText());
    return WrittenEvent.read(n, KEYS, markers, diagnosis, context);
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
  public List<String> problems() {
    return messages(org.apache.logging.log4j.Level.WARN, true);
  }

  @Override
  public List<String> statusMessages() {
    return messages(org.apache.logging.log4j.Level.INFO, false);
  }

  /** The diagnosing appender's own reports: its messages begin {@code Diagnosing appender dx:}. */
  @Override
  public List<String> appenderProblems() {
    String prefix = "Diagnosing appender " + AppenderContract.APPENDER + ":";
    synchronized (status) {
      return status.stream()
          .filter(d -> d.getLevel().isMoreSpecificThan(org.apache.logging.log4j.Level.WARN))
          .filter(d -> d.getMessage().getFormattedMessage().startsWith(prefix))
          .map(d -> d.getMessage().getFormattedMessage() + causes(d.getThrowable()))
          .toList();
    }
  }

  /** Each throwable of the chain, {@code toString()}, after a space (ten at most). */
  private static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; t != null && i < 10; i++, t = t.getCause()) sb.append(' ').append(t);
    return sb.toString();
  }

  private List<String> messages(org.apache.logging.log4j.Level least, boolean withThrowable) {
    synchronized (status) {
      return status.stream()
          .filter(d -> d.getLevel().isMoreSpecificThan(least))
          .map(
              d ->
                  d.getMessage().getFormattedMessage()
                      + (withThrowable && d.getThrowable() != null ? " " + d.getThrowable() : ""))
          .toList();
    }
  }

  @Override
  public void stop() {
    if (context != null && !context.isStopped()) context.stop(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      StatusLogger.getLogger().removeListener(listener);
    }
    if (out != null) out.close();
  }
}
