package io.logdx.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The diagnosis engine: Throwable or log text → masked cause chain → fingerprint → cache → stage 1 → stage 2
 * → {@link Diagnosis}.
 *
 * <p>Thread-safe. One computation runs per fingerprint, however many threads ask at once; the result is
 * cached by fingerprint. No method throws because of the input or because a model failed: such problems come
 * back as a diagnosis with status {@link Diagnosis.Status#ERROR} (or category {@code unknown}).
 *
 * <pre>{@code
 * try (Diagnoser dx = Diagnoser.builder().appPackages("com.acme").build()) {
 *   Diagnosis d = dx.diagnoseNow(exception);
 *   System.out.println(d.summary());
 * }
 * }</pre>
 */
public interface Diagnoser extends AutoCloseable {

  /** A builder with sensible defaults: the shipped model, 10 000 cached fingerprints, 1 worker, 2 s budget. */
  static DiagnoserBuilder builder() {
    return new DiagnoserBuilder();
  }

  /**
   * Parses, masks and fingerprints a throwable on the calling thread. Cheap (no model runs); never throws.
   *
   * @param throwable the failure; {@code null} gives an empty failure
   */
  Failure parse(Throwable throwable);

  /**
   * Parses, masks and fingerprints log text (a log line, a printed stack trace, or both). Never throws.
   *
   * @param logText the text; {@code null} gives an empty failure
   */
  Failure parse(String logText);

  /**
   * Diagnoses a parsed failure on the engine's workers, through the cache. A cache hit returns an already
   * completed future. The future never completes exceptionally: model failures become a diagnosis with status
   * {@code error}.
   */
  CompletableFuture<Diagnosis> diagnose(Failure failure);

  /** {@link #parse(Throwable)} then {@link #diagnose(Failure)}. */
  default CompletableFuture<Diagnosis> diagnose(Throwable throwable) {
    return diagnose(parse(throwable));
  }

  /** {@link #parse(String)} then {@link #diagnose(Failure)}. */
  default CompletableFuture<Diagnosis> diagnose(String logText) {
    return diagnose(parse(logText));
  }

  /**
   * Diagnoses synchronously, waiting at most the configured time budget. When the budget runs out the result
   * has status {@link Diagnosis.Status#TIMEOUT} (the computation goes on and lands in the cache).
   */
  Diagnosis diagnoseNow(Failure failure);

  /** Synchronous variant for tools: parse and diagnose within the time budget. */
  default Diagnosis diagnoseNow(Throwable throwable) {
    return diagnoseNow(parse(throwable));
  }

  /** Synchronous variant for tools: parse and diagnose within the time budget. */
  default Diagnosis diagnoseNow(String logText) {
    return diagnoseNow(parse(logText));
  }

  /** The cached diagnosis of a fingerprint, if one is complete. */
  Optional<Diagnosis> cached(String fingerprint);

  /**
   * The diagnosis of a parsed failure when its fingerprint's diagnosis is complete in the cache (told with this
   * occurrence's values, as {@link #diagnose(Failure)} would), else empty, at once. A never-seen failure's
   * diagnosis is started as {@link #diagnose(Failure)} starts it, for later occurrences; one in flight is left
   * alone. For callers that must not wait and will not come back for the answer, such as a logging thread that
   * finds an appender's queue full: nothing is attached to an unfinished computation on their behalf.
   */
  default Optional<Diagnosis> diagnoseIfCached(Failure failure) {
    return Optional.ofNullable(diagnose(failure).getNow(null));
  }

  /** Counters since start. */
  DiagnoserStats stats();

  /** Model id and version of stage 1. */
  String modelId();

  /** Stops the workers (waiting at most a second for running diagnoses) and releases the model. Idempotent. */
  @Override
  void close();
}
