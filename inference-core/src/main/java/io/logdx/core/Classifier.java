package io.logdx.core;

/**
 * Stage 1: maps a failure to taxonomy categories. Implementations must be thread-safe; the engine calls
 * them from its worker threads and isolates their failures (an exception becomes a diagnosis with status
 * {@code error}).
 */
public interface Classifier extends AutoCloseable {
  /**
   * Classifies a failure.
   *
   * @param failure the parsed, masked failure
   * @return ranked categories, at least five when the taxonomy has them
   * @throws Exception when the model cannot answer; the engine turns it into an error status
   */
  Classification classify(Failure failure) throws Exception;

  /** Model id and version, recorded in every diagnosis. */
  String id();

  /** Releases native resources; the default does nothing. */
  @Override
  default void close() {}
}
