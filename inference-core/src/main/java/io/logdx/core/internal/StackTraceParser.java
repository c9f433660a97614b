package io.logdx.core.internal;

import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.StackFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses printed stack traces into raw (unmasked) cause nodes, outermost first.
 *
 * <p>Understands {@code printStackTrace} output ("Caused by:", "Suppressed:" nested by indentation,
 * "... N more"), root-cause-first output ("Wrapped by:"), Logback's "... N common frames omitted", module,
 * class-loader and jar hints ({@code java.base/}, {@code app//}, {@code ~[app.jar:1.0]}), Hadoop's
 * {@code RemoteException(inner.Type): msg}, Elasticsearch's {@code Type[msg]}, SAX's {@code Type; systemId: ...},
 * a log line before the trace (Logback, Log4j2, Spring Boot patterns), an exception inline at the end of a
 * log line, multi-line messages, cut traces and frames without a header.
 *
 * <p>Lines may carry a decoration that the trace itself does not: {@code [junit] }, a syslog or journald
 * prefix, line numbers pasted with the trace. The decoration is learnt from the frame lines (the text before
 * {@code at}, compared with digits folded) and removed from every line that starts with it.
 *
 * <p>"... N more" restores the enclosing trace's last N frames, so that location and fingerprint see the
 * whole stack, exactly as a live throwable gives it. Every regex runs on lines cut to {@link #MAX_LINE_CHARS}
 * and is written without nested unbounded repetition, so parsing time stays linear in the input.
 */
final class StackTraceParser {
  /** Type of a trace printed without its header line (frames only). */
  static final String UNKNOWN_TYPE = "<unknown>";
  /** Characters of a line that the patterns look at; a longer line is a message, kept whole. */
  static final int MAX_LINE_CHARS = 4096;
  /** Main-chain blocks kept while parsing; more than this is not a trace anyone printed. */
  static final int MAX_BLOCKS = 4096;
  /** Characters of a message kept. */
  static final int MAX_MESSAGE_CHARS = 64 * 1024;
  /** Characters of free text kept as the log line. */
  static final int MAX_LOG_LINE_CHARS = 4096;

  record Result(List<CauseNode> chain, String logLine, boolean truncated) {}

  /** A qualified or simple Java class name (binary names with {@code $} included). */
  static final String NAME = "(?:[A-Za-z_$][\\w$]*+\\.)*+[A-Za-z_$][\\w$]*+";
  /** A fully qualified name: at least one package segment, starting lower case. */
  static final String QUALIFIED = "[a-z_$][\\w$]*+(?:\\.[A-Za-z_$][\\w$]*+)++";

  /** {@code at pkg.Class.method(Src)} with optional loader/module prefixes and an optional jar hint. */
  static final Pattern FRAME = Pattern.compile(
      "(?:^|(?<=[\\s\\]>|:]))at\\s++(?:(?<loader>[\\w.@-]*+)/)?+(?:(?<module>[\\w.@-]*+)/)?+(?<cm>[^\\s()]++)"
          + "\\((?<src>[^()]*+)\\)(?:\\s*+~?\\[(?<jar>[^\\]]*+)\\])?");
  /** The same frame printed without its {@code at}, after a line that held only {@code at}. */
  private static final Pattern BARE_FRAME = Pattern.compile(
      "^\\s*+(?<cm>[A-Za-z_$][^\\s()]*+)\\((?<src>[^()]*+)\\)(?:\\s*+~?\\[(?<jar>[^\\]]*+)\\])?\\s*+$");
  /** A line that starts like a frame but is none ({@code at <<<guice>>>}): it must not end the trace. */
  private static final Pattern FRAME_LIKE = Pattern.compile("^\\s*+at\\s++\\S");
  private static final Pattern MORE = Pattern.compile(
      "^\\s*+\\.\\.\\.\\s*+(\\d{1,9})\\s++(?:more|common frames omitted)");
  /** The keyword of a nested exception line and what follows it. */
  private static final Pattern NESTED = Pattern.compile(
      "^(?<ws>\\s*+)(?<kw>Caused by|Wrapped by|Suppressed|(?:Likely )?[Rr]oot [Cc]ause)\\s*+:\\s*+");
  /** A header at the start of a line: the type, then what may follow it. */
  private static final Pattern HEADER = Pattern.compile("^\\s*+(?<type>" + NAME + ")(?=$|[:(\\[;])");
  /** A header inside a log line: a qualified name ending like a throwable, not glued to a word. */
  private static final Pattern INLINE = Pattern.compile(
      "(?<![\\w$.])(?<type>" + QUALIFIED + ")(?=:|\\(|\\[|;|\\s*+$)");
  /** Elasticsearch prints {@code SimpleName[message]}: inside a log line that form names an exception too. */
  private static final Pattern INLINE_BRACKETED = Pattern.compile("(?<![\\w$.])(?<type>[A-Z][\\w$]*+)(?=\\[)");
  /** A qualified name glued to the word before it ({@code errorjava.io.IOException}). */
  private static final Pattern GLUED = Pattern.compile(
      "(?<=[\\w$])(?<type>(?:javax|java|jakarta)\\.[A-Za-z_$][\\w$]*+(?:\\.[A-Za-z_$][\\w$]*+)*+)"
          + "(?=:|\\s*+$)");
  /** The start of a log line: a date, a time, or a level after a bracketed thread. */
  private static final Pattern LOG_LINE = Pattern.compile(
      "^\\s*+(?:\\[?\\d{2,4}[-/.]\\d{1,2}[-/.]\\d{1,4}[ T]|\\[?\\d{1,2}:\\d{2}:\\d{2}|\\d{6} \\d{6} "
          + "|[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}|(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE)\\b)");
  private static final Pattern DIGITS = Pattern.compile("\\d++");

  private StackTraceParser() {}

  private enum Kind { CAUSE, WRAPPED, SUPPRESSED }

  /** One printed exception: its header, its frames, how many frames it elided. */
  private static final class Block {
    final String type;
    final StringBuilder message;
    final String innerType;
    final int level;
    final List<StackFrame> frames = new ArrayList<>();
    final List<Block> suppressed = new ArrayList<>();
    int omitted;
    /** A multi-line message may go on while no frame was seen; an inline header takes no header lines. */
    boolean messageOpen;
    boolean inline;

    Block(String type, String message, String innerType, int level) {
      this.type = type;
      this.message = message == null ? null : new StringBuilder(cap(message, MAX_MESSAGE_CHARS));
      this.innerType = innerType;
      this.level = level;
      this.messageOpen = true;
    }

    void appendMessage(String line) {
      if (message == null) return; // a header without a message got none: the line is not its message
      if (message.length() < MAX_MESSAGE_CHARS) {
        message.append('\n').append(cap(line, MAX_MESSAGE_CHARS - message.length()));
      }
    }
  }

  /** A suppressed exception's own chain, nested under its owner by indentation. */
  private static final class Context {
    final int indent;
    final Block owner;
    final List<Block> blocks = new ArrayList<>();

    Context(int indent, Block owner) {
      this.indent = indent;
      this.owner = owner;
    }
  }

  /** One top-level printed exception with its causes: the text may hold several. */
  private static final class Group {
    final List<Block> main = new ArrayList<>();
    final List<Context> suppressedContexts = new ArrayList<>();
    final List<Context> open = new ArrayList<>();
    final String lead;
    final int baseIndent;
    boolean rootFirst;
    boolean truncated;
    Block current;

    Group(String lead, int baseIndent) {
      this.lead = lead;
      this.baseIndent = baseIndent;
    }

    boolean hasFrames() {
      for (Block b : main) {
        if (!b.frames.isEmpty()) return true;
      }
      return false;
    }
  }

  static Result parse(String text) {
    String[] lines = splitLines(normalizeSpaces(text));
    String decoration = learnDecoration(lines);
    List<Group> groups = new ArrayList<>();
    StringBuilder free = new StringBuilder();
    Group g = null;
    boolean pendingAt = false;
    boolean truncated = false;
    for (int li = 0; li < lines.length; li++) {
      String line = strip(lines[li], decoration);
      if (line.isBlank()) continue;
      if (line.startsWith("[CIRCULAR REFERENCE") || line.contains(": [CIRCULAR REFERENCE")) continue;
      String head = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line;

      // frames
      if (pendingAt) {
        pendingAt = false;
        Matcher bm = BARE_FRAME.matcher(head);
        if (bm.find()) {
          g = addFrame(g, groups, free, frame(bm.group("cm"), bm.group("src"), null, null, bm.group("jar")));
          continue;
        }
      }
      if (isBareAt(head)) {
        pendingAt = true;
        continue;
      }
      if (head.indexOf("at") >= 0) {
        FrameMatch fm = frameAtStart(head);
        if (fm != null) {
          StackFrame f = frame(fm.cm, fm.src, fm.loader, fm.module, fm.jar);
          if (f != null) {
            g = addFrame(g, groups, free, f);
            continue;
          }
        }
        if (FRAME_LIKE.matcher(head).find() && g != null && g.current != null && !g.current.frames.isEmpty()) {
          continue; // "at <<<guice>>>" and the like inside a trace
        }
      }
      Matcher mm = MORE.matcher(head);
      if (mm.find()) {
        if (g != null && g.current != null) {
          g.current.omitted = parseCount(mm.group(1));
          g.current.messageOpen = false;
        }
        continue;
      }

      // "Caused by:", "Wrapped by:", "Suppressed:", "Likely root cause:"
      Matcher nm = NESTED.matcher(head);
      if (nm.find()) {
        String rest = line.substring(nm.end());
        Header h = header(rest, true);
        if (h == null) {
          // "Caused by: ; nested: ...": a cause printed without a type is still a cause with its own frames
          h = new Header(UNKNOWN_TYPE, rest.isBlank() ? null : rest.strip(), null);
        }
        if (g == null) {
          g = new Group(takeFree(free), 0);
          g.truncated = true; // a trace that starts with a cause was cut
          groups.add(g);
        }
        nested(g, kindOf(nm.group("kw")), indentOf(nm.group("ws")), h);
        continue;
      }

      // a header at the start of the line
      Header h = header(line, nextIsFrame(lines, li + 1, decoration));
      if (h != null) {
        if (g != null && g.current != null && g.current.frames.isEmpty() && g.current.messageOpen && !g.current.inline) {
          g.current.appendMessage(line); // a multi-line message that itself looks like a header
          continue;
        }
        g = new Group(takeFree(free), indentOf(line));
        groups.add(g);
        top(g, h);
        continue;
      }

      // anything else: message continuation, a log line, or text after the trace
      boolean logLine = LOG_LINE.matcher(head).find();
      if (g != null && g.current != null && g.current.frames.isEmpty() && g.current.messageOpen && !logLine) {
        g.current.appendMessage(line);
        continue;
      }
      if (g != null && g.current != null) g.current.messageOpen = false;
      Matcher im = inline(head);
      if (im != null) {
        String before = line.substring(0, im.start()).strip();
        if (!before.isEmpty()) appendFree(free, before);
        Header ih = header(line.substring(im.start()), true);
        if (ih != null) {
          g = new Group(takeFree(free), indentOf(line));
          groups.add(g);
          top(g, ih);
          g.current.inline = true;
          continue;
        }
      }
      appendFree(free, line.strip());
    }
    Group chosen = choose(groups);
    if (chosen == null) {
      String rest = free.length() == 0 ? null : free.toString();
      return new Result(List.of(), rest, truncated);
    }
    truncated |= chosen.truncated;
    List<CauseNode> chain = finish(chosen);
    if (chosen.main.size() > ThrowableReader.MAX_DEPTH) truncated = true;
    return new Result(chain, chosen.lead, truncated);
  }

  /** The trace to report: the first with frames, else the first exception found. */
  private static Group choose(List<Group> groups) {
    for (Group g : groups) {
      if (g.hasFrames()) return g;
    }
    return groups.isEmpty() ? null : groups.get(0);
  }

  private static Group addFrame(Group g, List<Group> groups, StringBuilder free, StackFrame f) {
    if (g == null || g.current == null) {
      // frames without a header: a cut trace; the text before them is the best message there is
      String lead = takeFree(free);
      g = new Group(lead, 0);
      g.truncated = true;
      groups.add(g);
      top(g, new Header(UNKNOWN_TYPE, lastLine(lead), null));
    }
    Block b = g.current;
    b.messageOpen = false;
    if (b.frames.size() < ThrowableReader.MAX_FRAMES) {
      b.frames.add(f);
    } else {
      g.truncated = true;
    }
    return g;
  }

  private static void top(Group g, Header h) {
    Block b = new Block(h.type, h.message, h.innerType, 0);
    g.main.add(b);
    g.current = b;
  }

  private static void nested(Group g, Kind kind, int indent, Header h) {
    if (g.current != null) g.current.messageOpen = false;
    if (kind == Kind.SUPPRESSED) {
      // a sibling or an outer suppressed closes the contexts at its indentation or deeper
      while (!g.open.isEmpty() && indent <= g.open.get(g.open.size() - 1).indent) {
        g.open.remove(g.open.size() - 1);
      }
      List<Block> ownerChain = g.open.isEmpty() ? g.main : g.open.get(g.open.size() - 1).blocks;
      Block owner = ownerChain.isEmpty() ? null : ownerChain.get(ownerChain.size() - 1);
      int level = owner == null ? 1 : owner.level + 1;
      Context c = new Context(indent, owner);
      Block b = new Block(h.type, h.message, h.innerType, level);
      c.blocks.add(b);
      if (owner != null && level <= 2 && owner.suppressed.size() < ThrowableReader.MAX_SUPPRESSED) {
        owner.suppressed.add(b);
      }
      g.open.add(c);
      g.suppressedContexts.add(c);
      g.current = b;
      return;
    }
    if (kind == Kind.WRAPPED) g.rootFirst = true;
    // a cause belongs to the innermost open suppressed context it is indented into; with the indentation
    // lost (everything flush left) it cannot be told apart and goes to the main chain
    while (!g.open.isEmpty()) {
      Context top = g.open.get(g.open.size() - 1);
      if (indent >= top.indent && top.indent > g.baseIndent) break;
      g.open.remove(g.open.size() - 1);
    }
    if (g.open.isEmpty()) {
      if (g.main.size() >= MAX_BLOCKS) dropMiddle(g);
      Block b = new Block(h.type, h.message, h.innerType, 0);
      g.main.add(b);
      g.current = b;
    } else {
      Context c = g.open.get(g.open.size() - 1);
      Block b = new Block(h.type, h.message, h.innerType, c.blocks.get(0).level);
      if (c.blocks.size() < MAX_BLOCKS) c.blocks.add(b);
      g.current = b;
    }
  }

  /**
   * Keeps a very long chain bounded: the outermost causes and the latest ones stay, one from the middle
   * goes. Its successor first takes its elided frames from it (the printed order is outermost first).
   */
  private static void dropMiddle(Group g) {
    g.truncated = true;
    int k = ThrowableReader.MAX_DEPTH / 2;
    if (!g.rootFirst) {
      for (int i = 1; i <= k + 1; i++) restore(g.main.get(i), g.main.get(i - 1));
    }
    g.main.remove(k);
  }

  /** Restores elided frames and builds the nodes: outermost first, at most {@link ThrowableReader#MAX_DEPTH}. */
  private static List<CauseNode> finish(Group g) {
    List<Block> main = g.main;
    int n = main.size();
    int keepHead = ThrowableReader.MAX_DEPTH / 2;
    int keepTail = ThrowableReader.MAX_DEPTH - keepHead;
    boolean cut = n > ThrowableReader.MAX_DEPTH;
    if (g.rootFirst) {
      // "Wrapped by:" output prints the root cause first; each block elides the frames it shares with the
      // block printed after it (its wrapper)
      for (int i = n - 2; i >= 0; i--) {
        restore(main.get(i), main.get(i + 1));
        if (cut && i + 1 >= keepHead && i + 1 < n - keepTail) main.get(i + 1).frames.clear();
      }
    } else {
      for (int i = 1; i < n; i++) {
        restore(main.get(i), main.get(i - 1));
        if (cut && i - 1 >= keepHead && i - 1 < n - keepTail) main.get(i - 1).frames.clear();
      }
    }
    for (Context c : g.suppressedContexts) {
      if (c.owner != null) restore(c.blocks.get(0), c.owner);
      for (int i = 1; i < c.blocks.size(); i++) restore(c.blocks.get(i), c.blocks.get(i - 1));
    }
    List<Block> printedOrder = main;
    if (cut) {
      printedOrder = new ArrayList<>(ThrowableReader.MAX_DEPTH);
      printedOrder.addAll(main.subList(0, keepHead));
      printedOrder.addAll(main.subList(n - keepTail, n));
    }
    List<CauseNode> chain = new ArrayList<>(printedOrder.size() + 2);
    Map<Block, CauseNode> built = new HashMap<>();
    if (g.rootFirst) {
      for (int i = printedOrder.size() - 1; i >= 0; i--) addNode(chain, printedOrder.get(i), built);
    } else {
      for (Block b : printedOrder) addNode(chain, b, built);
    }
    return chain;
  }

  private static void addNode(List<CauseNode> chain, Block b, Map<Block, CauseNode> built) {
    chain.add(node(b, built));
    if (b.innerType != null) {
      // RemoteException(inner.Type): msg names the exception the remote side threw
      chain.add(new CauseNode(b.innerType, b.message == null ? null : b.message.toString(), List.of(), List.of(), true));
    }
  }

  private static CauseNode node(Block b, Map<Block, CauseNode> built) {
    CauseNode done = built.get(b);
    if (done != null) return done;
    List<CauseNode> sup = new ArrayList<>(b.suppressed.size());
    for (Block s : b.suppressed) sup.add(node(s, built));
    CauseNode n = new CauseNode(b.type, b.message == null ? null : b.message.toString(), b.frames, sup, false);
    built.put(b, n);
    return n;
  }

  /** "... N more": the block's last N frames are the enclosing block's last N frames. */
  private static void restore(Block b, Block enclosing) {
    if (b.omitted <= 0) return;
    int n = Math.min(b.omitted, enclosing.frames.size());
    n = Math.min(n, ThrowableReader.MAX_FRAMES - b.frames.size());
    if (n > 0) {
      b.frames.addAll(enclosing.frames.subList(enclosing.frames.size() - n, enclosing.frames.size()));
    }
    b.omitted = 0;
  }

  // ---------------------------------------------------------------------------------------------------
  // headers

  /** A parsed exception header line. */
  record Header(String type, String message, String innerType) {}

  /**
   * Reads {@code Type}, {@code Type: msg}, {@code Type(inner.Type): msg}, {@code Type[msg]} or
   * {@code Type; detail} at the start of {@code s}. A name that does not end like a throwable
   * ({@code ...Exception}, {@code ...Error}) counts only when {@code lenient} (after "Caused by:", or when
   * frames follow), and then only when it is qualified, or when what follows is not itself a header
   * ({@code com.acme.Logger: java.io.IOException: boom} is a log line).
   */
  static Header header(String s, boolean lenient) {
    String head = s.length() > MAX_LINE_CHARS ? s.substring(0, MAX_LINE_CHARS) : s;
    Matcher m = HEADER.matcher(head);
    if (!m.find()) return null;
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
      return null; // "com.acme.Logger: java.io.IOException: boom": a logger name, then the exception
    }
    return new Header(type, message, inner);
  }

  /** {@code [msg]; nested: ...} → {@code msg; nested: ...}: the outer brackets of an Elasticsearch message. */
  private static String bracketed(String rest) {
    int depth = 0;
    int limit = Math.min(rest.length(), MAX_MESSAGE_CHARS);
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
    for (String suffix : new String[] {"Exception", "Error", "Throwable", "Failure", "Fault"}) {
      if (simple.endsWith(suffix) && (simple.length() > suffix.length() || dot > 0)) return true;
    }
    return false;
  }

  private static Matcher inline(String head) {
    Matcher m = INLINE.matcher(head);
    while (m.find()) {
      String type = m.group("type");
      if (isClassName(type) && looksLikeThrowable(type) && !gluedToJdk(type)) return m;
    }
    Matcher bm = INLINE_BRACKETED.matcher(head);
    while (bm.find()) {
      if (looksLikeThrowable(bm.group("type"))) return bm;
    }
    Matcher gm = GLUED.matcher(head);
    while (gm.find()) {
      String type = gm.group("type");
      if (isClassName(type) && looksLikeThrowable(type)) return gm;
    }
    return null;
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

  private static Kind kindOf(String keyword) {
    if (keyword.startsWith("Caused")) return Kind.CAUSE;
    if (keyword.startsWith("Wrapped")) return Kind.WRAPPED;
    if (keyword.startsWith("Suppressed")) return Kind.SUPPRESSED;
    return Kind.CAUSE; // "Likely root cause:", "Root cause:"
  }

  // ---------------------------------------------------------------------------------------------------
  // frames

  private static StackFrame frame(String classAndMethod, String src, String loader, String module, String jar) {
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
    String mod = module != null && !module.isEmpty() ? module : loader != null && !loader.isEmpty() ? loader : null;
    if (mod != null && mod.indexOf('@') > 0) mod = mod.substring(0, mod.indexOf('@')); // java.base@17.0.2
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
    // (?:(?<loader>[\w.@-]*+)/)?+ and the same for the module: possessive, so a group once taken stays
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
    while (k < n && !isRegexSpace(line.charAt(k)) && line.charAt(k) != '(' && line.charAt(k) != ')') k++;
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
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '@'
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

  /** A line that holds only {@code at} between white space ({@code strip().equals("at")} without a copy). */
  private static boolean isBareAt(String line) {
    int from = 0;
    int to = line.length();
    while (from < to && Character.isWhitespace(line.charAt(from))) from++;
    while (to > from && Character.isWhitespace(line.charAt(to - 1))) to--;
    return to - from == 2 && line.charAt(from) == 'a' && line.charAt(from + 1) == 't';
  }

  private static boolean nextIsFrame(String[] lines, int from, String decoration) {
    for (int i = from; i < lines.length && i < from + 3; i++) {
      String l = strip(lines[i], decoration);
      if (l.isBlank()) continue;
      String head = l.length() > MAX_LINE_CHARS ? l.substring(0, MAX_LINE_CHARS) : l;
      return frameAtStart(head) != null || isBareAt(head);
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------------
  // decoration

  /**
   * The text that precedes {@code at} on most frame lines ({@code [junit]}, a syslog prefix, a pasted line
   * number), as a shape with each run of digits folded to {@code 0}; {@code null} when frames are not decorated.
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

  /** Removes the decoration from the start of a line (leading whitespace allowed before it). */
  static String strip(String line, String decoration) {
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

  // ---------------------------------------------------------------------------------------------------
  // text helpers

  /** Unicode spaces (no-break, en, em... from pages and editors) read as plain spaces; Java's \\s skips them. */
  private static String normalizeSpaces(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7f && Character.isSpaceChar(c)) {
        if (sb == null) sb = new StringBuilder(text);
        sb.setCharAt(i, ' ');
      }
    }
    return sb == null ? text : sb.toString();
  }

  /**
   * The lines of a text, as {@code text.split("\r?\n|\r", -1)} gives them ({@code \r\n}, {@code \n} and a lone
   * {@code \r} end a line; a last empty line is kept), without running a pattern on every character.
   */
  static String[] splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    if (text.indexOf('\r') < 0) {
      // the common case: indexOf is an intrinsic, much faster than charAt on texts with non-Latin-1 letters
      for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        lines.add(text.substring(start, nl));
        start = nl + 1;
      }
      lines.add(text.substring(start));
      return lines.toArray(new String[0]);
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        lines.add(text.substring(start, i));
        start = i + 1;
      } else if (c == '\r') {
        lines.add(text.substring(start, i));
        if (i + 1 < n && text.charAt(i + 1) == '\n') i++;
        start = i + 1;
      }
    }
    lines.add(text.substring(start));
    return lines.toArray(new String[0]);
  }

  private static int indentOf(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
    return i;
  }

  private static void appendFree(StringBuilder free, String line) {
    if (line.isEmpty() || free.length() >= MAX_LOG_LINE_CHARS) return;
    if (free.length() > 0) free.append('\n');
    free.append(cap(line, MAX_LOG_LINE_CHARS - free.length()));
  }

  private static String takeFree(StringBuilder free) {
    if (free.length() == 0) return null;
    String s = free.toString();
    free.setLength(0);
    return s;
  }

  private static String lastLine(String s) {
    if (s == null) return null;
    int nl = s.lastIndexOf('\n');
    return nl < 0 ? s : s.substring(nl + 1);
  }

  private static String cap(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(0, max));
  }
}
