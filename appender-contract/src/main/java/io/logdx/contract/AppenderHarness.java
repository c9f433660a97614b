package io.logdx.contract;

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

  /** Puts a value into the calling thread's context data (MDC, ThreadContext). */
  void putContext(String key, String value);

  /** Removes a value from the calling thread's context data. */
  void removeContext(String key);

  /** Stops the context as an application's shutdown does (the diagnosing appender drains). Idempotent. */
  void stop();

  /** Every complete line of {@code events.json} written so far, in file order. */
  List<WrittenEvent> events();

  /** Every complete line of {@code pattern.log} written so far, in file order. */
  List<String> patternLines();

  /** Messages of level WARN or above reported through the framework's status channel since start. */
  List<String> problems();

  /** Stops the context if it runs, releases what the harness holds and deletes its folder. */
  @Override
  void close();
}
