package io.logdx.logback.contract;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.logdx.contract.AppenderContract;
import io.logdx.contract.AppenderHarness;
import io.logdx.contract.Level;
import io.logdx.contract.OutputFolder;
import io.logdx.contract.Scenario;
import io.logdx.contract.WrittenEvent;
import io.logdx.core.DiagnosisFields;
import io.logdx.logback.DiagnosingAppender;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * The contract's harness for Logback: a real {@link LoggerContext} configured by Joran from
 * {@code logback-contract-<scenario>.xml}, events written by logstash-logback-encoder, problems read from the
 * context's status manager.
 */
final class LogbackHarness implements AppenderHarness {
  private static final AtomicInteger IDS = new AtomicInteger();

  /** Where the encoder writes the event's own fields. */
  private static final WrittenEvent.JsonKeys KEYS = WrittenEvent.JsonKeys.LOGSTASH;

  private OutputFolder out;
  private LoggerContext context;

  @Override
  public String framework() {
    return "Logback";
  }

  @Override
  public void start(Scenario scenario, Map<String, String> properties) {
    out = OutputFolder.create("logdx-contract-logback-");
    try {
      LoggerContext ctx = new LoggerContext();
      ctx.setName("contract-" + IDS.incrementAndGet());
      // what SLF4J's service provider does for its own context: MDC.put() reaches these events
      ctx.setMDCAdapter(MDC.getMDCAdapter());
      ctx.putProperty("OUT_DIR", out.path().toString());
      properties.forEach(ctx::putProperty);
      context = ctx;
      String resource = "logback-contract-" + scenario.id() + ".xml";
      URL url = Objects.requireNonNull(getClass().getClassLoader().getResource(resource), resource);
      JoranConfigurator jc = new JoranConfigurator();
      jc.setContext(ctx);
      jc.doConfigure(url);
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
  public void withContext(String key, String value, Runnable r) {
    MDC.put(key, value);
    try {
      r.run();
    } finally {
      MDC.remove(key);
    }
  }

  @Override
  public void stop() {
    if (context != null && context.isStarted()) context.stop();
  }

  @Override
  public OutputFolder output() {
    return out;
  }

  @Override
  public WrittenEvent event(JsonNode n) {
    Map<String, String> diagnosis = new HashMap<>();
    Map<String, String> context = new HashMap<>();
    n.properties()
        .forEach(
            e -> {
              if (e.getKey().startsWith(DiagnosisFields.NAMESPACE + ".")) {
                diagnosis.put(e.getKey(), e.getValue().asText());
              } else if (!KEYS.standard().contains(e.getKey())) {
                context.put(e.getKey(), e.getValue().asText());
              }
            });
    List<String> markers = new ArrayList<>();
    n.path("tags").forEach(t -> markers.add(t.asText()));
    return WrittenEvent.read(n, KEYS, markers, diagnosis, context);
  }

  @Override
  public List<String> problems() {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getEffectiveLevel() >= Status.WARN)
        .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : " " + s.getThrowable()))
        .toList();
  }

  @Override
  public List<String> appenderProblems() {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getEffectiveLevel() >= Status.WARN)
        .filter(
            s ->
                s.getOrigin() instanceof DiagnosingAppender a
                    && AppenderContract.APPENDER.equals(a.getName()))
        .map(s -> s.getMessage() + causes(s.getThrowable()))
        .toList();
  }

  /** Each throwable of the chain, {@code toString()}, after a space (ten at most). */
  private static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; t != null && i < 10; i++, t = t.getCause()) sb.append(' ').append(t);
    return sb.toString();
  }

  @Override
  public List<String> statusMessages() {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getEffectiveLevel() >= Status.INFO)
        .map(Status::getMessage)
        .toList();
  }

  @Override
  public void close() {
    stop();
    if (out != null) out.close();
  }
}
