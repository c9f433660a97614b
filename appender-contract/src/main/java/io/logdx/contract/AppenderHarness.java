package io.logdx.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What one logging framework gives the contract: a real LoggerContext started from the scenario's XML file, logging
 * through the framework's own API, and what the real encoders wrote. One harness runs one context; the contract
 * makes a new harness for each context it starts and closes it after the test.
 */
public interface AppenderHarness extends AutoCloseable {

  /** The framework's name, for messages. */
  String framework();

  /**
   * Starts a fresh LoggerContext configured from the scenario's XML file, writing into a fresh folder.
   *
   * @param properties values of the scenario's properties (see {@link Scenario}); absent ones take the defaults
   *     written in the XML file
   */
  void start(Scenario scenario, Map<String, String> properties);

  /**
   * Logs through the framework's API on the calling thread: {@code {}} placeholders filled from {@code args},
   * {@code thrown} (may be {@code null}) as the event's throwable.
   */
  void log(Level level, String logger, Throwable thrown, String message, Object... args);

  /** Runs {@code r} with a value in the calling thread's context data (MDC, ThreadContext), removed after. */
  void withContext(String key, String value, Runnable r);

  /** Stops the context as an application's shutdown does (the diagnosing appender drains). Idempotent. */
  void stop();

  /** The folder the context writes into (its {@code OUT_DIR}); {@code null} before start. */
  OutputFolder output();

  /** One line of {@code events.json} as the event it describes: how the framework's encoder names each part. */
  WrittenEvent event(JsonNode line);

  /** Every complete line of {@code events.json} written so far, in file order. */
  default List<WrittenEvent> events() {
    return output().jsonLines("events.json").stream().map(this::event).toList();
  }

  /** Every complete line of {@code pattern.log} written so far, in file order. */
  default List<String> patternLines() {
    return output().completeLines("pattern.log");
  }

  /** Messages of level WARN or above reported through the framework's status channel since start. */
  List<String> problems();

  /**
   * The problems (WARN or above) that the diagnosing appender {@value AppenderContract#APPENDER} itself reported
   * through the status channel since start, each as its message followed by its throwable and the throwable's
   * causes ({@code toString()} of each): not what the framework or another appender reported, so that a test can
   * tell logdx's report of a failure from Log4j's own error handler's.
   */
  List<String> appenderProblems();

  /** Every message of level INFO or above reported through the framework's status channel since start. */
  List<String> statusMessages();

  /** Stops the context if it runs, releases what the harness holds and deletes its folder. */
  @Override
  void close();
}
