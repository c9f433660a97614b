package io.logdx.core.internal;

import io.logdx.core.CauseNode;
import io.logdx.core.StackFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses printed stack traces: {@code printStackTrace} output ("Caused by:", "Suppressed:", "... N more"),
 * root-cause-first output ("Wrapped by:"), Logback's "... N common frames omitted", module and jar hints,
 * a log line before the trace, single exception lines and cut traces.
 *
 * <p>Returns raw (unmasked) nodes, outermost first, with elided frames restored from the enclosing trace.
 */
final class StackTraceParser {

  record Result(List<CauseNode> chain, String logLine, boolean truncated) {}

  /** {@code at pkg.Class.method(File.java:12)} with optional module/classloader prefix and jar hint. */
  private static final Pattern FRAME = Pattern.compile(
      "^\\s*at\\s+(?:(?<loader>[\\w.$-]+)/)?(?:(?<module>[\\w.$-]+)(?:@[\\w.+-]+)?/)?(?<cls>[\\w$.<>/-]+)\\.(?<method>[\\w$<>-]+)"
          + "\\((?<src>[^)]*)\\)(?:\\s*~?\\[(?<jar>[^\\]]*)\\])?.*$");
  private static final Pattern MORE = Pattern.compile("^\\s*\\.\\.\\.\\s*(\\d+)\\s+(?:more|common frames omitted).*$");
  /** An exception header: qualified or well-known simple class name, optional message. */
  private static final Pattern HEADER = Pattern.compile(
      "^(?<prefix>\\s*(?:Caused by|Wrapped by|Suppressed)\\s*:\\s*)?(?<type>(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z_$][\\w$]*"
          + "(?:Exception|Error|Throwable|Failure|Fault|Exit|Problem)?|[A-Z][\\w$]*(?:Exception|Error))"
          + "(?<rest>(?::\\s?.*)?)$");
  /** A header embedded inside a log line: {@code ... ERROR ... - msg java.io.IOException: boom}. */
  private static final Pattern INLINE_HEADER = Pattern.compile(
      "(?<type>(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable))(?<rest>(?::\\s?.*)?)$");

  private StackTraceParser() {}

  static Result parse(String text) {
    String[] lines = text.split("\r?\n", -1);
    List<Block> blocks = new ArrayList<>();
    StringBuilder logLine = null;
    Block current = null;
    Block lastTop = null;
    boolean rootFirst = false;
    boolean truncated = false;
    for (String raw : lines) {
      String line = stripTabs(raw);
      if (line.isBlank()) {
        continue;
      }
      Matcher fm = FRAME.matcher(line);
      if (fm.matches()) {
        if (current == null) {
          // frames without a header: a cut trace; keep them under an unnamed node
          current = new Block("<unknown>", null, Kind.TOP, 0);
          blocks.add(current);
          truncated = true;
        }
        current.frames.add(frame(fm));
        continue;
      }
      Matcher mm = MORE.matcher(line);
      if (mm.matches()) {
        if (current != null) current.omitted = Integer.parseInt(mm.group(1));
        continue;
      }
      Matcher hm = HEADER.matcher(line.strip());
      if (hm.matches() && looksLikeType(hm.group("type"))) {
        String prefix = hm.group("prefix");
        Kind kind = Kind.TOP;
        int indent = indentOf(raw);
        if (prefix != null) {
          String p = prefix.strip();
          if (p.startsWith("Caused")) kind = Kind.CAUSE;
          else if (p.startsWith("Wrapped")) {
            kind = Kind.WRAPPED;
            rootFirst = true;
          } else kind = Kind.SUPPRESSED;
        } else if (current != null && !current.frames.isEmpty()) {
          // a second top-level trace in the same text: keep the first one only
          break;
        } else if (current != null && current.frames.isEmpty() && kind == Kind.TOP) {
          // a previous header line without frames was really part of a multi-line message
          current.message = current.message == null ? line.strip() : current.message + "\n" + line.strip();
          continue;
        }
        String rest = hm.group("rest");
        String message = rest == null || rest.isEmpty() ? null : rest.substring(1).strip();
        current = new Block(hm.group("type"), message, kind, indent);
        blocks.add(current);
        if (kind == Kind.TOP) lastTop = current;
        continue;
      }
      if (current == null) {
        // text before the trace: a log line; it may carry the exception inline at its end
        Matcher im = INLINE_HEADER.matcher(line);
        if (im.find() && looksLikeType(im.group("type"))) {
          String before = line.substring(0, im.start()).strip();
          if (!before.isEmpty()) logLine = append(logLine, before);
          String rest = im.group("rest");
          current = new Block(im.group("type"), rest.isEmpty() ? null : rest.substring(1).strip(), Kind.TOP, 0);
          blocks.add(current);
          lastTop = current;
        } else {
          logLine = append(logLine, line.strip());
        }
      } else if (current.frames.isEmpty()) {
        // continuation of a multi-line message
        current.message = current.message == null ? line.strip() : current.message + "\n" + line.strip();
      }
    }
    if (lastTop == null && !blocks.isEmpty()) lastTop = blocks.get(0);
    return new Result(toChain(blocks, rootFirst), logLine == null ? null : logLine.toString(), truncated);
  }

  private static StringBuilder append(StringBuilder sb, String line) {
    if (sb == null) return new StringBuilder(line);
    if (sb.length() < 4096) sb.append('\n').append(line);
    return sb;
  }

  private enum Kind { TOP, CAUSE, WRAPPED, SUPPRESSED }

  private static final class Block {
    final String type;
    String message;
    final Kind kind;
    final int indent;
    final List<StackFrame> frames = new ArrayList<>();
    final List<CauseNode> suppressed = new ArrayList<>();
    int omitted;

    Block(String type, String message, Kind kind, int indent) {
      this.type = type;
      this.message = message;
      this.kind = kind;
      this.indent = indent;
    }
  }

  /** Builds the chain outermost first, restoring "... N more" frames from the enclosing block. */
  private static List<CauseNode> toChain(List<Block> blocks, boolean rootFirst) {
    List<Block> main = new ArrayList<>();
    Block owner = null;
    List<Block> pendingSuppressed = new ArrayList<>();
    for (Block b : blocks) {
      if (b.kind == Kind.SUPPRESSED) {
        if (owner != null) {
          pendingSuppressed.add(b);
          restore(b, owner);
          owner.suppressed.add(node(b));
        }
        continue;
      }
      main.add(b);
      owner = b;
    }
    if (rootFirst) {
      // "Wrapped by:" output lists the root cause first; the enclosing frames are those of the next block.
      for (int i = main.size() - 2; i >= 0; i--) restore(main.get(i), main.get(i + 1));
      List<CauseNode> chain = new ArrayList<>();
      for (int i = main.size() - 1; i >= 0; i--) chain.add(node(main.get(i)));
      return chain;
    }
    for (int i = 1; i < main.size(); i++) restore(main.get(i), main.get(i - 1));
    List<CauseNode> chain = new ArrayList<>();
    for (Block b : main) chain.add(node(b));
    return chain;
  }

  /** "... N more": the block's last N frames are the enclosing block's last N frames. */
  private static void restore(Block b, Block enclosing) {
    if (b.omitted <= 0) return;
    int n = Math.min(b.omitted, enclosing.frames.size());
    b.frames.addAll(enclosing.frames.subList(enclosing.frames.size() - n, enclosing.frames.size()));
    b.omitted = 0;
  }

  private static CauseNode node(Block b) {
    return new CauseNode(b.type, b.message, b.frames, b.suppressed, false);
  }

  private static StackFrame frame(Matcher m) {
    String src = m.group("src");
    String file = null;
    int line = -1;
    if ("Native Method".equals(src)) {
      line = -2;
    } else if (!src.isEmpty() && !"Unknown Source".equals(src)) {
      int colon = src.lastIndexOf(':');
      if (colon > 0) {
        file = src.substring(0, colon);
        try {
          line = Integer.parseInt(src.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
          line = -1;
        }
      } else {
        file = src;
      }
    }
    String module = m.group("module") != null ? m.group("module") : m.group("loader");
    return new StackFrame(m.group("cls").replace('/', '.'), m.group("method"), file, line, module, m.group("jar"));
  }

  private static boolean looksLikeType(String type) {
    if (type.endsWith("Exception") || type.endsWith("Error") || type.endsWith("Throwable")) return true;
    // a qualified name without such suffix (e.g. org.junit.ComparisonFailure) counts only when qualified
    return type.indexOf('.') > 0 && Character.isUpperCase(type.charAt(type.lastIndexOf('.') + 1));
  }

  private static int indentOf(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
    return i;
  }

  private static String stripTabs(String s) {
    return s.indexOf('\t') < 0 ? s : s.replace('\t', ' ');
  }
}
