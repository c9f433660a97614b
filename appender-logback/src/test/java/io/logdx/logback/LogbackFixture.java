package io.logdx.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/** A real LoggerContext configured from an XML file in test resources, and helpers to read what came out. */
final class LogbackFixture implements AutoCloseable {
  final LoggerContext context;

  private LogbackFixture(LoggerContext context) {
    this.context = context;
  }

  /** Configures a fresh context from {@code resource}; {@code properties} become ${...} variables. */
  static LogbackFixture configure(String resource, Map<String, String> properties)
      throws JoranException {
    LoggerContext ctx = new LoggerContext();
    ctx.setName("test-" + resource);
    // what SLF4J's service provider does for its own context: MDC.put() in tests reaches these
    // events
    ctx.setMDCAdapter(MDC.getMDCAdapter());
    properties.forEach(ctx::putProperty);
    configureInto(ctx, resource);
    return new LogbackFixture(ctx);
  }

  static LogbackFixture configure(String resource) throws JoranException {
    return configure(resource, Map.of());
  }

  static void configureInto(LoggerContext ctx, String resource) throws JoranException {
    URL url = LogbackFixture.class.getClassLoader().getResource(resource);
    assertThat(url).as(resource).isNotNull();
    JoranConfigurator jc = new JoranConfigurator();
    jc.setContext(ctx);
    jc.doConfigure(url);
  }

  Logger logger(String name) {
    return context.getLogger(name);
  }

  DiagnosingAppender appender(String name) {
    return (DiagnosingAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(name);
  }

  @SuppressWarnings("unchecked")
  ListAppender<ILoggingEvent> list(String dxName, String listName) {
    return (ListAppender<ILoggingEvent>) appender(dxName).getAppender(listName);
  }

  /** Status messages of level WARN or ERROR (configuration problems, appender problems). */
  List<String> problems() {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getEffectiveLevel() >= Status.WARN)
        .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : " " + s.getThrowable()))
        .collect(Collectors.toList());
  }

  List<String> statusMessages() {
    List<String> out = new ArrayList<>();
    context.getStatusManager().getCopyOfStatusList().forEach(s -> out.add(s.getMessage()));
    return out;
  }

  /** Stops the context: every appender stops (the DiagnosingAppender drains its queue). Idempotent. */
  void stop() {
    context.stop();
  }

  @Override
  public void close() {
    stop();
  }

  static List<Thread> logdxThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("logdx-"))
        .collect(Collectors.toList());
  }

  static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(condition.getAsBoolean()).as(what + " within 20 s").isTrue();
  }
}
