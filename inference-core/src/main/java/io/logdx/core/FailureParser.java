package io.logdx.core;

import io.logdx.core.internal.FailureReader;
import java.util.Collection;
import java.util.List;

/**
 * Reads a {@link Failure} from a live {@link Throwable} or from log text. Both paths give the same cause-chain
 * model, masked, with root cause, location and fingerprint. Thread-safe; never throws because of its input.
 *
 * <p>The {@link Diagnoser} uses one internally; the trainer and tools use it directly so that they see
 * exactly what the engine sees.
 */
public final class FailureParser {
  private final FailureReader reader;

  /**
   * @param appPackages package prefixes of the application's own code (may be empty: auto-detection)
   * @param maxInputChars inputs longer than this are cut before parsing
   */
  public FailureParser(Collection<String> appPackages, int maxInputChars) {
    this.reader = new FailureReader(List.copyOf(appPackages), maxInputChars);
  }

  /** A parser with auto-detected locations and the default input cap. */
  public FailureParser() {
    this(List.of(), DiagnoserBuilder.DEFAULT_MAX_INPUT_CHARS);
  }

  /** Reads a live throwable; {@code null} gives an empty failure. */
  public Failure parse(Throwable throwable) {
    return reader.read(throwable);
  }

  /** Reads log text; {@code null} or text without an exception gives a failure without a chain. */
  public Failure parse(String logText) {
    return reader.read(logText);
  }
}
