package io.logdx.core.internal;

import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.Location;
import io.logdx.core.Failure.StackFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The stable fingerprint of a failure: the first 16 hex digits of SHA-256 over the normalised chain.
 *
 * <p>Rule (documented for users in {@code docs/fingerprint.md}):
 * <ol>
 *   <li>for each exception of the cause chain, outermost first, causes named in messages included and
 *       suppressed exceptions excluded: its type and its <em>message shape</em>;</li>
 *   <li>the application frames of the innermost cause that has frames (the frames the location is chosen
 *       from: configured packages, else auto-detected application code), at most
 *       {@value #MAX_FRAMES}, as class and method only; when it has no application frame, its first
 *       {@value #MAX_FRAMES} frames that are not generated.</li>
 * </ol>
 * Line numbers, file names, module and jar hints never enter, so a rebuild that moves lines, a JDK update or
 * another packaging keeps the fingerprint. The message shape replaces masked values, UUIDs, quoted values,
 * hex strings (6 or more hex digits with a digit among them, or {@code 0x...}) and numbers by {@code #},
 * folds whitespace and keeps 200 characters: the same failure with another id, amount or user shares one
 * fingerprint, while another exception type, message wording or code path gives another.
 *
 * <p>The live throwable and its printed text give the same chain (see {@link StackTraceParser}), hence the
 * same fingerprint: an appender (live) and the command line (text) agree on {@code diagnosis.fingerprint}.
 */
final class Fingerprint {
  /** Frames that enter the fingerprint. */
  static final int MAX_FRAMES = 5;

  /** Characters of a message that its shape is made of. */
  static final int MAX_SHAPED_CHARS = 2000;

  private static final Pattern MASKED =
      Pattern.compile("<(?:card|rrn|account|email|phone|secret|token)>");
  private static final Pattern UUID =
      Pattern.compile(
          "(?<![0-9a-fA-F-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F-])");
  private static final Pattern QUOTED =
      Pattern.compile("'[^'\\n]{0,200}+'|\"[^\"\\n]{0,200}+\"|`[^`\\n]{0,200}+`");

  private Fingerprint() {}

  static String of(List<CauseNode> chain, int root, Location location, List<String> appPackages) {
    StringBuilder sb = new StringBuilder(256);
    for (CauseNode n : chain) {
      sb.append(n.type()).append('|').append(shape(n.message())).append('\n');
    }
    List<StackFrame> frames = innermostFrames(chain);
    int k = 0;
    boolean configured = location != null && location.configured();
    for (StackFrame f : frames) {
      if (LocationFinder.isGenerated(f)) continue;
      boolean app =
          configured
              ? LocationFinder.matchesAny(f.className(), appPackages)
              : !LocationFinder.isLibrary(f.className());
      if (!app) continue;
      sb.append(f.className()).append('#').append(f.methodName()).append('\n');
      if (++k == MAX_FRAMES) break;
    }
    if (k == 0) {
      for (StackFrame f : frames) {
        if (LocationFinder.isGenerated(f)) continue;
        sb.append(f.className()).append('#').append(f.methodName()).append('\n');
        if (++k == MAX_FRAMES) break;
      }
    }
    if (location != null) {
      sb.append('@')
          .append(location.className())
          .append('#')
          .append(location.methodName())
          .append('\n');
    }
    return hash(sb.toString());
  }

  private static List<StackFrame> innermostFrames(List<CauseNode> chain) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (!chain.get(i).frames().isEmpty()) return chain.get(i).frames();
    }
    return List.of();
  }

  /** Fingerprint of a text without an exception (or of nothing). */
  static String ofText(String text) {
    return hash("text|" + shape(text));
  }

  /** The message shape: variable parts replaced, whitespace folded, cut to 200 characters. */
  public static String shape(String message) {
    if (message == null) return "";
    String s =
        message.length() > MAX_SHAPED_CHARS ? message.substring(0, MAX_SHAPED_CHARS) : message;
    // Shapes are made for every message of every logged exception, and most messages hold few of
    // the things replaced: one pass finds what is there, and each step runs only when what it needs
    // is (a mask's '<', eight hex digits before a dash for a UUID, a quote, a digit, a run of
    // spaces). The steps only ever remove these, so what the pass found before them still bounds
    // what is left.
    boolean lt = false;
    boolean quote = false;
    boolean digit = false;
    boolean uuid = false;
    boolean fold = false;
    int hexRun = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '-') {
        uuid |= hexRun >= 8;
        hexRun = 0;
        continue;
      }
      hexRun = isHex(c) ? hexRun + 1 : 0;
      if (c <= ' ') {
        fold |= isRegexSpace(c) && (c != ' ' || i + 1 < n && isRegexSpace(s.charAt(i + 1)));
      } else if (c <= '9') {
        quote |= c == '\'' || c == '"';
        digit |= c >= '0';
      } else if (c == '<') {
        lt = true;
      } else if (c == '`') {
        quote = true;
      }
    }
    if (lt) s = MASKED.matcher(s).replaceAll("#");
    if (uuid) s = UUID.matcher(s).replaceAll("#");
    if (quote) s = QUOTED.matcher(s).replaceAll("'#'");
    // hex strings count only with a digit among them (0x... has its 0), numbers are digits
    if (digit) s = replaceNumbers(replaceHex(s));
    if (fold) s = foldSpaces(s);
    s = s.strip();
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  /** Each run of {@code \s} (space, tab, line breaks, form feed, vertical tab) as one space. */
  static String foldSpaces(String s) {
    StringBuilder sb = null;
    int last = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (!isRegexSpace(c) || c == ' ' && (i + 1 == n || !isRegexSpace(s.charAt(i + 1)))) {
        i++;
        continue;
      }
      // a run that is not a single plain space
      if (sb == null) sb = new StringBuilder(n);
      sb.append(s, last, i).append(' ');
      while (i < n && isRegexSpace(s.charAt(i))) i++;
      last = i;
    }
    return sb == null ? s : sb.append(s, last, n).toString();
  }

  /** What {@code \s} matches without {@code UNICODE_CHARACTER_CLASS}: {@code [ \t\n\x0B\f\r]}. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * Hex strings with a digit among them ({@code deadbeef} and {@code facade} are words) as {@code #}: what
   * {@code (?<![\w$])(?:0[xX][0-9a-fA-F]++|[0-9a-fA-F]{6,}+)(?![\w$])} finds, written as a loop because it
   * runs on every message of every logged exception.
   */
  static String replaceHex(String s) {
    StringBuilder sb = null;
    int last = 0;
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (i > 0 && isWordOrDollar(s.charAt(i - 1)) || !isHex(s.charAt(i))) {
        i++;
        continue;
      }
      int end = -1;
      boolean digit = false;
      if (s.charAt(i) == '0'
          && i + 2 < n
          && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
          && isHex(s.charAt(i + 2))) {
        int j = i + 3;
        while (j < n && isHex(s.charAt(j))) j++;
        if (j == n || !isWordOrDollar(s.charAt(j))) {
          end = j;
          digit = true; // 0x... counts as hex whatever follows
        }
      }
      if (end < 0) {
        int j = i;
        while (j < n && isHex(s.charAt(j))) {
          digit |= s.charAt(j) <= '9';
          j++;
        }
        if (j - i < 6 || j < n && isWordOrDollar(s.charAt(j))) {
          i++;
          continue;
        }
        end = j;
      }
      if (digit) {
        if (sb == null) sb = new StringBuilder(n);
        sb.append(s, last, i).append('#');
        last = end;
      }
      // a word of hex letters alone stays, and nothing inside it can start a match
      i = end;
    }
    return sb == null ? s : sb.append(s, last, n).toString();
  }

  /** Numbers ({@code 42}, {@code 1,000.50}) not glued to a digit, dot or comma before them, as {@code #}. */
  static String replaceNumbers(String s) {
    StringBuilder sb = null;
    int last = 0;
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!isAsciiDigit(c)
          || i > 0
              && (isAsciiDigit(s.charAt(i - 1))
                  || s.charAt(i - 1) == '.'
                  || s.charAt(i - 1) == ',')) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n && isAsciiDigit(s.charAt(j))) j++;
      while (j + 1 < n
          && (s.charAt(j) == '.' || s.charAt(j) == ',')
          && isAsciiDigit(s.charAt(j + 1))) {
        j += 2;
        while (j < n && isAsciiDigit(s.charAt(j))) j++;
      }
      if (sb == null) sb = new StringBuilder(n);
      sb.append(s, last, i).append('#');
      last = j;
      i = j;
    }
    return sb == null ? s : sb.append(s, last, n).toString();
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** {@code [\w$]} without {@code UNICODE_CHARACTER_CLASS}. */
  private static boolean isWordOrDollar(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '_'
        || c == '$';
  }

  /** SHA-256 is cloneable in every JDK provider; cloning skips the provider lookup of {@code getInstance}. */
  private static final MessageDigest SHA_256 = sha256Instance();

  private static MessageDigest sha256Instance() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return sha256Instance();
    }
  }

  private static String hash(String s) {
    byte[] d = sha256().digest(s.getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder(16);
    for (int i = 0; i < 8; i++) {
      hex.append(Character.forDigit((d[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(d[i] & 0xF, 16));
    }
    return hex.toString();
  }
}
