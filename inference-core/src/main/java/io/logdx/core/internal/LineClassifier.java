package io.logdx.core.internal;

import io.logdx.core.Failure.StackFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells what one line of a printed stack trace or of a log is: the grammar that the parser reads traces with
 * ({@code StackTraceParser}) and that the command line cuts log files with, written once so that both see the
 * same trace in the same text.
 *
 * <p>A line is classified on its own, except for the one form that needs the line before it: a frame printed
 * without its {@code at} after a line that held only {@code at} ({@link #kind(String, Kind)}). What a kind
 * means in its context (a {@link Kind#FRAME_LIKE} line inside a trace is skipped, outside it is text; a header
 * while a multi-line message is open is part of the message) is the reader's decision, not the grammar's.
 *
 * <p>Lines may carry a decoration that the trace itself does not: {@code [junit] }, a syslog or journald prefix,
 * line numbers pasted with the trace. {@link #decoration} reads it off a frame line (the text before {@code at},
 * with digits folded), {@link #strip} removes it; a line is classified after its decoration is removed.
 *
 * <p>Every regex runs on lines cut to their first 4096 characters and is written without nested unbounded
 * repetition, so classifying stays linear in the input; the patterns anchored at the line's start are tried
 * there only ({@code lookingAt}), as most lines of a big log are none of them.
 */
public final class LineClassifier {
  /** Characters of a line that the patterns look at; a longer line is a message, kept whole. */
  static final int MAX_LINE_CHARS = 4096;

  /** What a line is. */
  public enum Kind {
    /** Nothing but white space. */
    BLANK,
    /** {@code [CIRCULAR REFERENCE: ...]}: printed in place of a cause already printed; it carries nothing. */
    CIRCULAR,
    /** {@code at pkg.Class.method(Source.java:1)}, with module, class-loader and jar hints. */
    FRAME,
    /** A line that holds only {@code at}: the frame follows on the next line, without it. */
    BARE_AT,
    /** Starts like a frame but is none ({@code at <<<guice>>>}): part of a trace inside one, text outside. */
    FRAME_LIKE,
    /** {@code ... N more}, or Logback's {@code ... N common frames omitted}. */
    MORE,
    /** {@code Caused by:}, and the root-cause forms {@code Root cause:} and {@code Likely root cause:}. */
    CAUSE,
    /** {@code Suppressed:}, nested under its owner by indentation. */
    SUPPRESSED,
    /** {@code Wrapped by:}: root-cause-first output, the root cause printed first. */
    WRAPPED,
    /** An exception header at the start of the line ({@code pkg.SomeException: message} and its variants). */
    HEADER,
    /** The start of a log event: a date, a time or a level at the start of the line. */
    LOG_LINE,
    /** Anything else: a message line, text around a trace, a log line's continuation. */
    OTHER
  }

  /**
   * A classified line and what the parser reads from it; fields that the kind does not have are empty.
   * {@code endsMessage}: a {@link Kind#LOG_LINE} that ends a multi-line exception message (see
   * {@link #OTHER_LOG_LINE}).
   */
  record Line(
      Kind kind,
      StackFrame frame,
      int count,
      int indent,
      String rest,
      Header header,
      boolean endsMessage) {}

  /** A parsed exception header line. */
  record Header(String type, String message, String innerType) {}

  /** A qualified or simple Java class name (binary names with {@code $} included). */
  static final String NAME = "(?:[A-Za-z_$][\\w$]*+\\.)*+[A-Za-z_$][\\w$]*+";

  /** A fully qualified name: at least one package segment, starting lower case. */
  static final String QUALIFIED = "[a-z_$][\\w$]*+(?:\\.[A-Za-z_$][\\w$]*+)++";

  /** {@code at pkg.Class.method(Src)} with optional loader/module prefixes and an optional jar hint. */
  static final Pattern FRAME =
      Pattern.compile(
          "(?:^|(?<=[\\s\\]>|:]))at\\s++(?:(?<loader>[\\w.@-]*+)/)?+(?:(?<module>[\\w.@-]*+)/)?+(?<cm>[^\\s()]++)"
              + "\\((?<src>[^()]*+)\\)(?:\\s*+~?\\[(?<jar>[^\\]]*+)\\])?");

  /** The same frame printed without its {@code at}, after a line that held only {@code at}. */
  private static final Pattern BARE_FRAME =
      Pattern.compile(
          "^\\s*+(?<cm>[A-Za-z_$][^\\s()]*+)\\((?<src>[^()]*+)\\)(?:\\s*+~?\\[(?<jar>[^\\]]*+)\\])?\\s*+$");

  private static final Pattern FRAME_LIKE = Pattern.compile("^\\s*+at\\s++\\S");
  private static final Pattern MORE =
      Pattern.compile("^\\s*+\\.\\.\\.\\s*+(\\d{1,9})\\s++(?:more|common frames omitted)");

  /** The keyword of a nested exception line and what follows it. */
  private static final Pattern NESTED =
      Pattern.compile(
          "^(?<ws>\\s*+)(?<kw>Caused by|Wrapped by|Suppressed|(?:Likely )?[Rr]oot [Cc]ause)\\s*+:\\s*+");

  /** A header at the start of a line: the type, then what may follow it. */
  private static final Pattern HEADER =
      Pattern.compile("^\\s*+(?<type>" + NAME + ")(?=$|[:(\\[;])");

  /** A header inside a log line: a qualified name ending like a throwable, not glued to a word. */
  private static final Pattern INLINE =
      Pattern.compile("(?<![\\w$.])(?<type>" + QUALIFIED + ")(?=:|\\(|\\[|;|\\s*+$)");

  /** Elasticsearch prints {@code SimpleName[message]}: inside a log line that form names an exception too. */
  private static final Pattern INLINE_BRACKETED =
      Pattern.compile("(?<![\\w$.])(?<type>[A-Z][\\w$]*+)(?=\\[)");

  /** A qualified name glued to the word before it ({@code errorjava.io.IOException}). */
  private static final Pattern GLUED =
      Pattern.compile(
          "(?<=[\\w$])(?<type>(?:javax|java|jakarta)\\.[A-Za-z_$][\\w$]*+(?:\\.[A-Za-z_$][\\w$]*+)*+)"
              + "(?=:|\\s*+$)");

  /**
   * The start of a log line: a date ({@code 2026-11-25 }, {@code 26/11/25 }), a time of day, HDFS's
   * {@code 081109 203615 }, syslog's {@code Nov 25 10:23}, or a level. It ends a multi-line exception message.
   */
  private static final Pattern LOG_LINE =
      Pattern.compile(
          "^\\s*+(?:\\[?\\d{2,4}[-/.]\\d{1,2}[-/.]\\d{1,4}[ T]|\\[?\\d{1,2}:\\d{2}:\\d{2}|\\d{6} \\d{6} "
              + "|[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}|(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE)\\b)");

  /**
   * The starts of log lines in the other layouts the command line reads: Tomcat's {@code 25-Nov-2026 10:23:45},
   * java.util.logging's {@code Nov 25, 2026 10:23:45 AM}, a bracketed level ({@code [WARN]}). They start a log
   * event like the others, but the parser lets a multi-line message go on over them, as it always has: the
   * messages, hence the fingerprints, of printed traces stay what they were.
   */
  private static final Pattern OTHER_LOG_LINE =
      Pattern.compile(
          "^\\s*+(?:\\[?\\d{2}-[A-Z][a-z]{2}-\\d{4} \\d{2}:\\d{2}:\\d{2}"
              + "|[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M\\b"
              + "|\\[(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE)\\b)");

  private static final Pattern DIGITS = Pattern.compile("\\d++");
  private static final String[] THROWABLE_SUFFIXES = {
    "Exception", "Error", "Throwable", "Failure", "Fault"
  };

  private static final Line BLANK = new Line(Kind.BLANK, null, 0, 0, null, null, false);
  private static final Line CIRCULAR = new Line(Kind.CIRCULAR, null, 0, 0, null, null, false);
  private static final Line BARE_AT = new Line(Kind.BARE_AT, null, 0, 0, null, null, false);
  private static final Line FRAME_LIKE_LINE =
      new Line(Kind.FRAME_LIKE, null, 0, 0, null, null, false);
  private static final Line LOG_LINE_LINE = new Line(Kind.LOG_LINE, null, 0, 0, null, null, true);
  private static final Line OTHER_LOG_LINE_LINE =
      new Line(Kind.LOG_LINE, null, 0, 0, null, null, false);
  private static final Line OTHER = new Line(Kind.OTHER, null, 0, 0, null, null, false);

  private LineClassifier() {}

  /**
   * What {@code line} is, its decoration (if any) already removed and its spaces
   * {@linkplain #normalizeSpaces normalized}.
   */
  public static Kind kind(String line) {
    return classify(line, false).kind();
  }

  /**
   * What {@code line} is after a line of kind {@code previous}: after {@link Kind#BARE_AT}, a line that holds a
   * frame without its {@code at} is a {@link Kind#FRAME}.
   */
  public static Kind kind(String line, Kind previous) {
    return classify(line, previous == Kind.BARE_AT).kind();
  }

  /**
   * True when the line names an exception by a name that reads as one: a header at its start
   * ({@code java.io.IOException: boom}) or a name inside it ({@code ... - Payment failed
   * java.net.ConnectException: Connection refused}). A line without frames after it is a failure only then.
   */
  public static boolean namesException(String line) {
    String head = cut(line);
    if (!mayNameThrowable(head)) return false; // a name that reads as a throwable's ends like one
    if (header(line, false) != null) return true;
    InlineHeader inline = inlineHeader(line, head);
    return inline != null && inline.header() != null;
  }

  /**
   * The decoration before the frame on this line ({@code [junit]}, {@code 12:}, a syslog prefix) as a shape
   * with each run of digits folded to {@code 0}; {@code null} when the line holds no frame after other text.
   */
  public static String decoration(String line) {
    int at = line.indexOf("at");
    // a frame has "at", then its source in parentheses: most lines of a log are ruled out without
    // the pattern; a line that starts with "at" is a frame without decoration, or none
    if (at < 0 || line.indexOf('(', at) < 0 || line.length() > MAX_LINE_CHARS || startsWithAt(line))
      return null;
    Matcher fm = FRAME.matcher(line);
    if (!fm.find()) return null;
    String prefix = line.substring(0, fm.start()).strip();
    if (prefix.isEmpty() || prefix.length() > 200) return null;
    return DIGITS.matcher(prefix).replaceAll("0");
  }

  /**
   * Removes {@code decoration} (a shape of {@link #decoration}) from the start of a line, white space before it
   * allowed; a line that does not start with it comes back as it is.
   */
  public static String strip(String line, String decoration) {
    if (decoration == null) return line;
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
    for (int k = 0; k < decoration.length(); k++) {
      if (i >= line.length()) return line;
      char d = decoration.charAt(k);
      if (d == '0') {
        // a run of digits of any length: line numbers and timestamps vary in width
        if (!Character.isDigit(line.charAt(i))) return line;
        while (i < line.length() && Character.isDigit(line.charAt(i))) i++;
      } else if (line.charAt(i++) != d) {
        return line;
      }
    }
    return line.substring(i);
  }

  /**
   * The decoration of most frame lines of a text (see {@link #decoration}), when at least two frame lines and at
   * least half of them carry it; {@code null} when the frames are not decorated.
   */
  static String learnDecoration(String[] lines) {
    Map<String, Integer> shapes = new HashMap<>();
    int frames = 0;
    for (int i = 0; i < lines.length && frames < 200; i++) {
      String l = lines[i];
      int at = l.indexOf("at ");
      if (at < 0 || l.length() > MAX_LINE_CHARS) continue;
      if (frameAtStart(l) != null) {
        frames++; // an undecorated frame line, the common case, read without the pattern
        continue;
      }
      Matcher fm = FRAME.matcher(l);
      if (!fm.find()) continue;
      frames++;
      String prefix = l.substring(0, fm.start()).strip();
      if (prefix.isEmpty() || prefix.length() > 200) continue;
      shapes.merge(DIGITS.matcher(prefix).replaceAll("0"), 1, Integer::sum);
    }
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : shapes.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return bestCount >= 2 && bestCount * 2 >= frames ? best : null;
  }

  /**
   * Classifies a line ({@code afterBareAt}: the line before it held only {@code at}). The kinds are tried in the
   * order the parser has always tried them, so a line that fits two keeps its old meaning.
   */
  static Line classify(String line, boolean afterBareAt) {
    if (line.isBlank()) return BLANK;
    if (line.startsWith("[CIRCULAR REFERENCE") || line.contains(": [CIRCULAR REFERENCE"))
      return CIRCULAR;
    String head = cut(line);
    // Each form below can only start with certain characters (after white space): a line that
    // starts with none of them skips its checks. Most lines of a big log start with a digit and are
    // tried as log lines only.
    char c = firstNonSpace(head);
    boolean name = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
    if (afterBareAt && name) {
      StackFrame f = frameWithoutAt(head);
      if (f != null) return new Line(Kind.FRAME, f, 0, 0, null, null, false);
    }
    if (c == 'a') {
      if (isBareAt(head)) return BARE_AT;
      FrameMatch fm = frameAtStart(head);
      StackFrame f = fm == null ? null : frame(fm.cm, fm.src, fm.loader, fm.module, fm.jar);
      if (f != null) return new Line(Kind.FRAME, f, 0, 0, null, null, false);
      if (FRAME_LIKE.matcher(head).lookingAt()) return FRAME_LIKE_LINE;
    }
    if (c == '.') {
      Matcher mm = MORE.matcher(head);
      if (mm.lookingAt())
        return new Line(Kind.MORE, null, parseCount(mm.group(1)), 0, null, null, false);
    }
    if (c == 'C' || c == 'W' || c == 'S' || c == 'L' || c == 'R' || c == 'r') {
      Matcher nm = NESTED.matcher(head);
      if (nm.lookingAt()) {
        return new Line(
            nestedKind(nm.group("kw")),
            null,
            0,
            indentOf(nm.group("ws")),
            line.substring(nm.end()),
            null,
            false);
      }
    }
    if (name) {
      Header h = header(line, false);
      if (h != null) return new Line(Kind.HEADER, null, 0, 0, null, h, false);
    }
    if (c == '[' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
      if (stampedByHand(head) || LOG_LINE.matcher(head).lookingAt()) return LOG_LINE_LINE;
      if (OTHER_LOG_LINE.matcher(head).lookingAt()) return OTHER_LOG_LINE_LINE;
    }
    return OTHER;
  }

  /**
   * True when the line starts (after white space and an optional {@code [}) with {@code yyyy-MM-dd} and a space or
   * {@code T}, or with {@code HH:mm:ss}: two of {@link #LOG_LINE}'s forms, checked by hand because nearly every
   * line of a big log starts with one. False says nothing: the pattern decides then.
   */
  private static boolean stampedByHand(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
    if (i < n && s.charAt(i) == '[') i++;
    if (i + 11 <= n
        && digits(s, i, 4)
        && s.charAt(i + 4) == '-'
        && digits(s, i + 5, 2)
        && s.charAt(i + 7) == '-'
        && digits(s, i + 8, 2)
        && (s.charAt(i + 10) == ' ' || s.charAt(i + 10) == 'T')) {
      return true;
    }
    return i + 8 <= n
        && digits(s, i, 2)
        && s.charAt(i + 2) == ':'
        && digits(s, i + 3, 2)
        && s.charAt(i + 5) == ':'
        && digits(s, i + 6, 2);
  }

  private static boolean digits(String s, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    }
    return true;
  }

  /**
   * The first character that is not white space ({@link Character#isWhitespace}, which holds all of the
   * patterns' {@code \\s}), or a space when there is none.
   */
  private static char firstNonSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)) return c;
    }
    return ' ';
  }

  /** The frame on a line that holds one without its {@code at} (after a bare {@code at} line), or {@code null}. */
  private static StackFrame frameWithoutAt(String head) {
    Matcher bm = BARE_FRAME.matcher(head);
    return bm.lookingAt()
        ? frame(bm.group("cm"), bm.group("src"), null, null, bm.group("jar"))
        : null;
  }

  private static Kind nestedKind(String keyword) {
    if (keyword.startsWith("Caused")) return Kind.CAUSE;
    if (keyword.startsWith("Wrapped")) return Kind.WRAPPED;
    if (keyword.startsWith("Suppressed")) return Kind.SUPPRESSED;
    return Kind.CAUSE; // "Likely root cause:", "Root cause:"
  }

  // ---------------------------------------------------------------------------------------------------
  // headers

  /**
   * Reads {@code Type}, {@code Type: msg}, {@code Type(inner.Type): msg}, {@code Type[msg]} or
   * {@code Type; detail} at the start of {@code s}. A name that does not end like a throwable
   * ({@code ...Exception}, {@code ...Error}) counts only when {@code lenient} (after "Caused by:", or when
   * frames follow), and then only when it is qualified, or when what follows is not itself a header
   * ({@code com.acme.Logger: java.io.IOException: boom} is a log line).
   */
  static Header header(String s, boolean lenient) {
    String head = cut(s);
    Matcher m = HEADER.matcher(head);
    if (!m.lookingAt()) return null;
    String type = m.group("type");
    if (!isClassName(type)) return null;
    boolean throwableName = looksLikeThrowable(type);
    if (!throwableName && !(lenient && type.indexOf('.') > 0)) return null;
    String rest = s.substring(m.end());
    String inner = null;
    String message;
    if (rest.isEmpty()) {
      message = null;
    } else if (rest.charAt(0) == ':') {
      message = rest.startsWith(": ") ? rest.substring(2) : rest.substring(1);
    } else if (rest.charAt(0) == '(') {
      int close = rest.indexOf(')');
      if (close < 0) return null;
      inner = rest.substring(1, close).strip();
      if (!isClassName(inner)) return null;
      String after = rest.substring(close + 1);
      if (after.startsWith(": ")) message = after.substring(2);
      else if (after.startsWith(":")) message = after.substring(1);
      else if (after.isBlank()) message = null;
      else return null;
    } else if (rest.charAt(0) == '[') {
      message = bracketed(rest);
    } else {
      message = rest.substring(1).strip(); // "; systemId: ...; lineNumber: 3; ..."
    }
    if (!throwableName && message != null && header(message, false) != null) {
      return null; // "com.acme.Logger: java.io.IOException: boom": a logger name, then the
      // exception
    }
    return new Header(type, message, inner);
  }

  /** {@code [msg]; nested: ...} → {@code msg; nested: ...}: the outer brackets of an Elasticsearch message. */
  private static String bracketed(String rest) {
    int depth = 0;
    int limit = Math.min(rest.length(), StackTraceParser.MAX_MESSAGE_CHARS);
    for (int i = 0; i < limit; i++) {
      char c = rest.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return rest.substring(1, i) + rest.substring(i + 1);
      }
    }
    return rest.substring(1);
  }

  /**
   * The first name inside {@code line} (whose first {@link #MAX_LINE_CHARS} characters are {@code head}) that reads
   * as an exception, with its header; {@code null} when the line names none.
   */
  static InlineHeader inlineHeader(String line, String head) {
    int start = inline(head);
    return start < 0 ? null : new InlineHeader(start, header(line.substring(start), true));
  }

  /** A name inside a line that reads as an exception, where it starts, and its header ({@code null} if unreadable). */
  record InlineHeader(int start, Header header) {}

  /** The start of the first name in {@code head} that reads as an exception inside a log line, or -1. */
  private static int inline(String head) {
    if (!mayNameThrowable(head)) return -1; // each pattern below only accepts such a name
    Matcher m = INLINE.matcher(head);
    while (m.find()) {
      String type = m.group("type");
      if (isClassName(type) && looksLikeThrowable(type) && !gluedToJdk(type)) return m.start();
    }
    Matcher bm = INLINE_BRACKETED.matcher(head);
    while (bm.find()) {
      if (looksLikeThrowable(bm.group("type"))) return bm.start();
    }
    Matcher gm = GLUED.matcher(head);
    while (gm.find()) {
      String type = gm.group("type");
      if (isClassName(type) && looksLikeThrowable(type)) return gm.start();
    }
    return -1;
  }

  private static boolean mayNameThrowable(String s) {
    for (String suffix : THROWABLE_SUFFIXES) {
      if (s.contains(suffix)) return true;
    }
    return false;
  }

  /** {@code errorjava.io.IOException}: a JDK name glued to the word before it; {@link #GLUED} reads it. */
  private static boolean gluedToJdk(String type) {
    int dot = type.indexOf('.');
    String first = type.substring(0, dot);
    for (String root : new String[] {"javax", "java", "jakarta"}) {
      if (first.endsWith(root)) return first.length() > root.length();
    }
    return false;
  }

  /** True for a name that reads as a class: its last segment starts with an upper-case letter. */
  static boolean isClassName(String name) {
    if (name.isEmpty() || name.length() > 512) return false;
    int dot = name.lastIndexOf('.');
    if (dot == name.length() - 1) return false;
    char c = name.charAt(dot + 1);
    return Character.isUpperCase(c);
  }

  /** Names that end like a throwable; bare {@code Exception} or {@code Error} only when qualified. */
  static boolean looksLikeThrowable(String name) {
    int dot = name.lastIndexOf('.');
    String simple = name.substring(dot + 1);
    int dollar = simple.lastIndexOf('$');
    if (dollar >= 0) simple = simple.substring(dollar + 1);
    for (String suffix : THROWABLE_SUFFIXES) {
      if (simple.endsWith(suffix) && (simple.length() > suffix.length() || dot > 0)) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------------
  // frames

  private static StackFrame frame(
      String classAndMethod, String src, String loader, String module, String jar) {
    int dot = classAndMethod.lastIndexOf('.');
    // the method may be empty: "<init>" lost to an HTML renderer prints as "Foo.(Foo.java:43)"
    if (dot <= 0) return null;
    String cls = classAndMethod.substring(0, dot);
    String method = classAndMethod.substring(dot + 1);
    String file = null;
    int line = -1;
    if ("Native Method".equals(src)) {
      line = -2;
    } else if (!src.isEmpty() && !"Unknown Source".equals(src)) {
      int colon = src.lastIndexOf(':');
      if (colon > 0) {
        file = src.substring(0, colon);
        line = parseCount(src.substring(colon + 1).strip());
      } else {
        file = src;
      }
    }
    String mod =
        module != null && !module.isEmpty()
            ? module
            : loader != null && !loader.isEmpty() ? loader : null;
    if (mod != null && mod.indexOf('@') > 0)
      mod = mod.substring(0, mod.indexOf('@')); // java.base@17.0.2
    return new StackFrame(cls, method, file, line).withOrigin(mod, jar);
  }

  private static int parseCount(String digits) {
    if (digits.isEmpty() || digits.length() > 9) return -1;
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') return -1;
    }
    return Integer.parseInt(digits);
  }

  /** The groups of a {@link #FRAME} match: {@code null} for a group that took no part, as {@link Matcher#group}. */
  static final class FrameMatch {
    final String cm;
    final String src;
    final String loader;
    final String module;
    final String jar;

    FrameMatch(String cm, String src, String loader, String module, String jar) {
      this.cm = cm;
      this.src = src;
      this.loader = loader;
      this.module = module;
      this.jar = jar;
    }
  }

  /**
   * {@link #FRAME} matched by hand at the line's first character that is not white space, which is where a
   * frame line's match must start (only white space may precede it): what {@code FRAME.matcher(line).find()}
   * followed by a check that only white space precedes the match gives, without the pattern's cost. Every
   * frame line of every trace comes here, and the pattern tried its loader, module and class-and-method
   * groups on each character of the name.
   */
  static FrameMatch frameAtStart(String line) {
    int n = line.length();
    int i = 0;
    while (i < n && Character.isWhitespace(line.charAt(i))) i++;
    // (?:^|(?<=[\s\]>|:]))at\s++
    if (i + 2 > n || line.charAt(i) != 'a' || line.charAt(i + 1) != 't') return null;
    if (i > 0 && !isRegexSpace(line.charAt(i - 1))) return null; // only white space is before i
    int j = i + 2;
    if (j >= n || !isRegexSpace(line.charAt(j))) return null;
    while (j < n && isRegexSpace(line.charAt(j))) j++;
    // (?:(?<loader>[\w.@-]*+)/)?+ and the same for the module: possessive, so a group once taken
    // stays
    String loader = null;
    String module = null;
    int k = skipModuleChars(line, j);
    if (k < n && line.charAt(k) == '/') {
      loader = line.substring(j, k);
      j = k + 1;
      k = skipModuleChars(line, j);
      if (k < n && line.charAt(k) == '/') {
        module = line.substring(j, k);
        j = k + 1;
      }
    }
    // (?<cm>[^\s()]++)\((?<src>[^()]*+)\)
    k = j;
    while (k < n && !isRegexSpace(line.charAt(k)) && line.charAt(k) != '(' && line.charAt(k) != ')')
      k++;
    if (k == j || k >= n || line.charAt(k) != '(') return null;
    String cm = line.substring(j, k);
    int open = k;
    k++;
    while (k < n && line.charAt(k) != '(' && line.charAt(k) != ')') k++;
    if (k >= n || line.charAt(k) != ')') return null;
    String src = line.substring(open + 1, k);
    // (?:\s*+~?\[(?<jar>[^\]]*+)\])?
    String jar = null;
    k++;
    while (k < n && isRegexSpace(line.charAt(k))) k++;
    if (k < n && line.charAt(k) == '~') k++;
    if (k < n && line.charAt(k) == '[') {
      int close = line.indexOf(']', k + 1);
      if (close >= 0) jar = line.substring(k + 1, close);
    }
    return new FrameMatch(cm, src, loader, module, jar);
  }

  /** {@code [\w.@-]*+} from {@code from}: the end of the run. */
  private static int skipModuleChars(String s, int from) {
    int k = from;
    while (k < s.length()) {
      char c = s.charAt(k);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '.'
          || c == '@'
          || c == '-')) {
        break;
      }
      k++;
    }
    return k;
  }

  /** {@code \s} without {@code UNICODE_CHARACTER_CLASS}: {@code [ \t\n\x0B\f\r]}. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** A line whose first word is {@code at}. */
  private static boolean startsWithAt(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
    return line.startsWith("at", i)
        && (i + 2 == line.length() || Character.isWhitespace(line.charAt(i + 2)));
  }

  /** A line that holds only {@code at} between white space ({@code strip().equals("at")} without a copy). */
  static boolean isBareAt(String line) {
    int from = 0;
    int to = line.length();
    while (from < to && Character.isWhitespace(line.charAt(from))) from++;
    while (to > from && Character.isWhitespace(line.charAt(to - 1))) to--;
    return to - from == 2 && line.charAt(from) == 'a' && line.charAt(from + 1) == 't';
  }

  /** True when the line is a frame, with or without its {@code at}: the parser's look-ahead for a header. */
  static boolean isFrameStart(String line) {
    String head = cut(line);
    return frameAtStart(head) != null || isBareAt(head);
  }

  // ---------------------------------------------------------------------------------------------------
  // text helpers

  /**
   * The text with Unicode spaces (no-break, en, em... from web pages and editors) made plain spaces, as the
   * grammar reads them: Java's {@code \\s} does not match them. Lines are classified after this.
   */
  public static String normalizeSpaces(String text) {
    int first = 0;
    while (first < text.length() && text.charAt(first) < 0x80)
      first++; // the common case: plain ASCII
    StringBuilder sb = null;
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7f && Character.isSpaceChar(c)) {
        if (sb == null) sb = new StringBuilder(text);
        sb.setCharAt(i, ' ');
      }
    }
    return sb == null ? text : sb.toString();
  }

  /** The part of a line that the patterns look at. */
  static String cut(String line) {
    return line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line;
  }

  static int indentOf(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
    return i;
  }
}
