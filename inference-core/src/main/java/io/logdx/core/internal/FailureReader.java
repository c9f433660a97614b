package io.logdx.core.internal;

import io.logdx.core.CauseNode;
import io.logdx.core.Failure;
import io.logdx.core.Location;
import java.util.List;

/**
 * The parsing pipeline behind {@link io.logdx.core.FailureParser}: raw chain (from a throwable or from text)
 * → causes named in messages → masked chain → root cause → location → fingerprint.
 *
 * <p>Never throws because of its input: a throwable or text that breaks a step gives an empty failure whose
 * log line says why. Masking comes before anything leaves this class, the log line included.
 */
public final class FailureReader {
  private final List<String> appPackages;
  private final int maxInputChars;

  public FailureReader(List<String> appPackages, int maxInputChars) {
    this.appPackages = List.copyOf(appPackages);
    this.maxInputChars = maxInputChars;
  }

  public Failure read(Throwable throwable) {
    if (throwable == null) {
      return empty(null, false);
    }
    try {
      ThrowableReader.Result r = ThrowableReader.read(throwable, maxInputChars);
      return assemble(r.chain(), null, r.truncated());
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      // A throwable so broken that even the defensive reader failed: report it as unknown, never throw.
      return empty("unreadable throwable: " + e.getClass().getName(), true);
    }
  }

  public Failure read(String text) {
    if (text == null || text.isBlank()) {
      return empty(null, false);
    }
    boolean cut = text.length() > maxInputChars;
    String input = cut ? text.substring(0, maxInputChars) : text;
    try {
      StackTraceParser.Result r = StackTraceParser.parse(input);
      String logLine = r.logLine() == null ? null : Masker.mask(r.logLine());
      if (r.chain().isEmpty()) {
        return empty(logLine == null ? Masker.mask(firstLine(input)) : logLine, cut || r.truncated());
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
    return new Failure(chain, root, location, fingerprint, logLine, truncated);
  }

  private static Failure empty(String logLine, boolean truncated) {
    return new Failure(List.of(), -1, null, Fingerprint.ofText(logLine), logLine, truncated);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 500 ? line.substring(0, 500) : line.strip();
  }
}
