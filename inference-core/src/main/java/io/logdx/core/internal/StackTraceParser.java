package io.logdx.core.internal;

import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.StackFrame;
import io.logdx.core.internal.LineClassifier.Header;
import io.logdx.core.internal.LineClassifier.InlineHeader;
import io.logdx.core.internal.LineClassifier.Line;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <p>What each line is comes from {@link LineClassifier}, the grammar the command line cuts log files with
 * too; this class is the state machine over those kinds ({@link Reading}). Decorated lines ({@code [junit] },
 * a syslog prefix, pasted line numbers) are read with the decoration that most frame lines carry removed.
 *
 * <p>"... N more" restores the enclosing trace's last N frames, so that location and fingerprint see the
 * whole stack, exactly as a live throwable gives it. Parsing time stays linear in the input (see
 * {@link LineClassifier}).
 */
final class StackTraceParser {
  /** Type of a trace printed without its header line (frames only). */
  static final String UNKNOWN_TYPE = "<unknown>";

  /** Main-chain blocks kept while parsing; more than this is not a trace anyone printed. */
  static final int MAX_BLOCKS = 4096;

  /** Characters of a message kept. */
  static final int MAX_MESSAGE_CHARS = 64 * 1024;

  /** Characters of free text kept as the log line. */
  static final int MAX_LOG_LINE_CHARS = 4096;

  record Result(List<CauseNode> chain, String logLine, boolean truncated) {}

  private StackTraceParser() {}

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

    Block(Header h, int level) {
      this.type = h.type();
      this.message =
          h.message() == null ? null : new StringBuilder(cap(h.message(), MAX_MESSAGE_CHARS));
      this.innerType = h.innerType();
      this.level = level;
      this.messageOpen = true;
    }

    void appendMessage(String line) {
      if (message == null)
        return; // a header without a message got none: the line is not its message
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
    Reading r = new Reading(splitLines(LineClassifier.normalizeSpaces(text)));
    for (int i = 0; i < r.lines.length; i++) r.line(i);
    return r.result();
  }

  /**
   * The state machine: the whole state of one parse, fed one line at a time. The groups found so far, the one
   * being read, the free text waiting to become the next group's log line, and whether the line before held
   * only {@code at}.
   */
  private static final class Reading {
    final String[] lines;
    final String decoration;
    final List<Group> groups = new ArrayList<>();
    final StringBuilder free = new StringBuilder();
    Group group;
    boolean afterBareAt;

    Reading(String[] lines) {
      this.lines = lines;
      this.decoration = LineClassifier.learnDecoration(lines);
    }

    void line(int index) {
      String line = LineClassifier.strip(lines[index], decoration);
      Line l = LineClassifier.classify(line, afterBareAt);
      switch (l.kind()) {
        case BLANK, CIRCULAR -> {
          return; // they carry nothing, not even the end of a bare "at"
        }
        case BARE_AT -> {
          afterBareAt = true;
          return;
        }
        case FRAME -> frame(l.frame());
        case FRAME_LIKE -> {
          // "at <<<guice>>>" and the like inside a trace; outside one, text
          if (!inTrace()) text(line, index, false);
        }
        case MORE -> more(l.count());
        case CAUSE, SUPPRESSED, WRAPPED -> nested(l);
        case HEADER -> header(line, l.header());
        case LOG_LINE, OTHER -> text(line, index, l.endsMessage());
        default -> throw new IllegalStateException(l.kind().name());
      }
      afterBareAt = false;
    }

    Result result() {
      Group chosen = choose(groups);
      if (chosen == null) {
        return new Result(List.of(), free.length() == 0 ? null : free.toString(), false);
      }
      List<CauseNode> chain = finish(chosen);
      return new Result(
          chain, chosen.lead, chosen.truncated || chosen.main.size() > ThrowableReader.MAX_DEPTH);
    }

    private boolean inTrace() {
      return group != null && group.current != null && !group.current.frames.isEmpty();
    }

    private boolean messageOpen() {
      return group != null
          && group.current != null
          && group.current.frames.isEmpty()
          && group.current.messageOpen;
    }

    private void frame(StackFrame f) {
      if (group == null || group.current == null) {
        // frames without a header: a cut trace; the text before them is the best message there is
        String lead = takeFree(free);
        startGroup(lead, 0, new Header(UNKNOWN_TYPE, lastLine(lead), null)).truncated = true;
      }
      Block b = group.current;
      b.messageOpen = false;
      if (b.frames.size() < ThrowableReader.MAX_FRAMES) {
        b.frames.add(f);
      } else {
        group.truncated = true;
      }
    }

    private void more(int count) {
      if (group != null && group.current != null) {
        group.current.omitted = count;
        group.current.messageOpen = false;
      }
    }

    /** "Caused by:", "Wrapped by:", "Suppressed:", "Likely root cause:". */
    private void nested(Line l) {
      Header h = LineClassifier.header(l.rest(), true);
      if (h == null) {
        // "Caused by: ; nested: ...": a cause printed without a type is still a cause with its own
        // frames
        h = new Header(UNKNOWN_TYPE, l.rest().isBlank() ? null : l.rest().strip(), null);
      }
      if (group == null) {
        group = new Group(takeFree(free), 0);
        group.truncated = true; // a trace that starts with a cause was cut
        groups.add(group);
      }
      StackTraceParser.nested(group, l.kind(), l.indent(), h);
    }

    /** A header at the start of the line: a new exception, or a multi-line message that looks like one. */
    private void header(String line, Header h) {
      if (messageOpen() && !group.current.inline) {
        group.current.appendMessage(line);
        return;
      }
      startGroup(takeFree(free), LineClassifier.indentOf(line), h);
    }

    /** Anything else: message continuation, a log line, an exception inside a line, or text around a trace. */
    private void text(String line, int index, boolean endsMessage) {
      Header lenient = LineClassifier.header(line, true);
      if (lenient != null && nextIsFrame(index + 1)) {
        header(
            line,
            lenient); // a name that is no throwable's, but frames follow: a header all the same
        return;
      }
      if (messageOpen() && !endsMessage) {
        group.current.appendMessage(line);
        return;
      }
      if (group != null && group.current != null) group.current.messageOpen = false;
      InlineHeader inline = LineClassifier.inlineHeader(line, LineClassifier.cut(line));
      if (inline != null) {
        String before = line.substring(0, inline.start()).strip();
        if (!before.isEmpty()) appendFree(free, before);
        if (inline.header() != null) {
          startGroup(takeFree(free), LineClassifier.indentOf(line), inline.header())
                  .current
                  .inline =
              true;
          return;
        }
      }
      appendFree(free, line.strip());
    }

    private Group startGroup(String lead, int indent, Header h) {
      group = new Group(lead, indent);
      groups.add(group);
      top(group, h);
      return group;
    }

    private boolean nextIsFrame(int from) {
      for (int i = from; i < lines.length && i < from + 3; i++) {
        String l = LineClassifier.strip(lines[i], decoration);
        if (l.isBlank()) continue;
        return LineClassifier.isFrameStart(l);
      }
      return false;
    }
  }

  /** The trace to report: the first with frames, else the first exception found. */
  private static Group choose(List<Group> groups) {
    for (Group g : groups) {
      if (g.hasFrames()) return g;
    }
    return groups.isEmpty() ? null : groups.get(0);
  }

  private static void top(Group g, Header h) {
    Block b = new Block(h, 0);
    g.main.add(b);
    g.current = b;
  }

  private static void nested(Group g, LineClassifier.Kind kind, int indent, Header h) {
    if (g.current != null) g.current.messageOpen = false;
    if (kind == LineClassifier.Kind.SUPPRESSED) {
      // a sibling or an outer suppressed closes the contexts at its indentation or deeper
      while (!g.open.isEmpty() && indent <= g.open.get(g.open.size() - 1).indent) {
        g.open.remove(g.open.size() - 1);
      }
      List<Block> ownerChain = g.open.isEmpty() ? g.main : g.open.get(g.open.size() - 1).blocks;
      Block owner = ownerChain.isEmpty() ? null : ownerChain.get(ownerChain.size() - 1);
      int level = owner == null ? 1 : owner.level + 1;
      Context c = new Context(indent, owner);
      Block b = new Block(h, level);
      c.blocks.add(b);
      if (owner != null && level <= 2 && owner.suppressed.size() < ThrowableReader.MAX_SUPPRESSED) {
        owner.suppressed.add(b);
      }
      g.open.add(c);
      g.suppressedContexts.add(c);
      g.current = b;
      return;
    }
    if (kind == LineClassifier.Kind.WRAPPED) g.rootFirst = true;
    // a cause belongs to the innermost open suppressed context it is indented into; with the
    // indentation lost (everything flush left) it cannot be told apart and goes to the main chain
    while (!g.open.isEmpty()) {
      Context top = g.open.get(g.open.size() - 1);
      if (indent >= top.indent && top.indent > g.baseIndent) break;
      g.open.remove(g.open.size() - 1);
    }
    if (g.open.isEmpty()) {
      if (g.main.size() >= MAX_BLOCKS) dropMiddle(g);
      Block b = new Block(h, 0);
      g.main.add(b);
      g.current = b;
    } else {
      Context c = g.open.get(g.open.size() - 1);
      Block b = new Block(h, c.blocks.get(0).level);
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
      // "Wrapped by:" output prints the root cause first; each block elides the frames it shares
      // with the block printed after it (its wrapper)
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
      chain.add(
          new CauseNode(
              b.innerType,
              b.message == null ? null : b.message.toString(),
              List.of(),
              List.of(),
              true));
    }
  }

  private static CauseNode node(Block b, Map<Block, CauseNode> built) {
    CauseNode done = built.get(b);
    if (done != null) return done;
    List<CauseNode> sup = new ArrayList<>(b.suppressed.size());
    for (Block s : b.suppressed) sup.add(node(s, built));
    CauseNode n =
        new CauseNode(
            b.type, b.message == null ? null : b.message.toString(), b.frames, sup, false);
    built.put(b, n);
    return n;
  }

  /** "... N more": the block's last N frames are the enclosing block's last N frames. */
  private static void restore(Block b, Block enclosing) {
    if (b.omitted <= 0) return;
    int n = Math.min(b.omitted, enclosing.frames.size());
    n = Math.min(n, ThrowableReader.MAX_FRAMES - b.frames.size());
    if (n > 0) {
      b.frames.addAll(
          enclosing.frames.subList(enclosing.frames.size() - n, enclosing.frames.size()));
    }
    b.omitted = 0;
  }

  // ---------------------------------------------------------------------------------------------------
  // text helpers

  /**
   * The lines of a text, as {@code text.split("\r?\n|\r", -1)} gives them ({@code \r\n}, {@code \n} and a lone
   * {@code \r} end a line; a last empty line is kept), without running a pattern on every character.
   */
  static String[] splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    if (text.indexOf('\r') < 0) {
      // the common case: indexOf is an intrinsic, much faster than charAt on texts with non-Latin-1
      // letters
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
