package io.logdx.core.internal;

import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.Location;
import java.util.Collection;
import java.util.List;

/**
 * Reads a {@link Failure} from a live {@link Throwable} or from log text: raw chain (from a throwable or from
 * text) → causes named in messages → masked chain → root cause → location → fingerprint. Both paths give the same
 * cause-chain model. Thread-safe.
 *
 * <p>Never throws because of its input: a throwable or text that breaks a step gives an empty failure whose
 * log line says why. Masking comes before anything leaves this class, the log line included.
 *
 * <p>The engine uses one for {@code Diagnoser.parse}; the command line, the trainer and the benchmarks use it
 * directly (this package is exported to them only), so that they see exactly what the engine sees.
 */
public final class FailureParser {
  /** Default cap on the characters of input read (a 10 MB message is cut, not refused): {@value}. */
  public static final int DEFAULT_MAX_INPUT_CHARS = 256 * 1024;

  private final List<String> appPackages;
  private final int maxInputChars;

  /**
   * @param appPackages package prefixes of the application's own code (may be empty: auto-detection)
   * @param maxInputChars inputs longer than this are cut before parsing
   */
  public FailureParser(Collection<String> appPackages, int maxInputChars) {
    this.appPackages = List.copyOf(appPackages);
    this.maxInputChars = maxInputChars;
  }

  /** A parser with auto-detected locations and the default input cap. */
  public FailureParser() {
    this(List.of(), DEFAULT_MAX_INPUT_CHARS);
  }

  /**
   * Masks personal data and secrets in a text as parsing masks every message and log line (for tools that
   * measure or check the masking on its own).
   */
  public static String mask(String text) {
    return Masker.mask(text);
  }

  /** Reads a live throwable; {@code null} gives an empty failure. */
  public Failure parse(Throwable throwable) {
    if (throwable == null) {
      return empty(null, false);
    }
    try {
      ThrowableReader.Result r = ThrowableReader.read(throwable, maxInputChars);
      return assemble(r.chain(), null, r.truncated());
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      // A throwable so broken that even the defensive reader failed: report it as unknown, never
      // throw.
      return empty("unreadable throwable: " + e.getClass().getName(), true);
    }
  }

  /** Reads log text; {@code null} or text without an exception gives a failure without a chain. */
  public Failure parse(String text) {
    if (text == null || text.isBlank()) {
      return empty(null, false);
    }
    boolean cut = text.length() > maxInputChars;
    String input = cut ? text.substring(0, maxInputChars) : text;
    try {
      StackTraceParser.Result r = StackTraceParser.parse(input);
      String logLine = r.logLine() == null ? null : Masker.mask(r.logLine());
      if (r.chain().isEmpty()) {
        return empty(
            logLine == null ? Masker.mask(firstLine(input)) : logLine, cut || r.truncated());
      }
      return assemble(r.chain(), logLine, cut || r.truncated());
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      return empty("unparseable text: " + e.getClass().getName(), true);
    }
  }

  private Failure assemble(List<CauseNode> rawChain, String logLine, boolean truncated) {
    List<CauseNode> chain = Masker.mask(MessageCauses.expand(rawChain));
    int root = RootCauseFinder.rootIndex(chain);
    Location location = LocationFinder.find(chain, root, appPackages);
    String fingerprint = Fingerprint.of(chain, root, location, appPackages);
    return Failure.of(chain, root, location, fingerprint).withInput(logLine, truncated);
  }

  private static Failure empty(String logLine, boolean truncated) {
    return Failure.of(List.of(), -1, null, Fingerprint.ofText(logLine))
        .withInput(logLine, truncated);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 500 ? line.substring(0, 500) : line.strip();
  }
}
