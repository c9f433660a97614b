package io.logdx.cli;

import io.logdx.core.internal.LineClassifier;
import io.logdx.core.internal.LineClassifier.Kind;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds exception blocks in a stream of log lines, one line at a time, holding at most one block. What a line
 * is comes from {@link LineClassifier}, the grammar the parser reads the blocks with, so a block holds what the
 * parser would read as one trace; {@code diagnose} feeds it a file's lines, {@code batch} a record's text
 * ({@link #blocks}).
 *
 * <p>A block runs from the line that starts it (a log event with a time stamp or level, an exception header,
 * or a frame of a cut trace) through its continuation lines, frames, "Caused by:"/"Suppressed:"/"Wrapped by:"/
 * "Root cause:" sections and "... N more" lines, up to the next event, the next top-level exception header
 * after frames, or the first ordinary line after frames. Blank lines end nothing: the parser skips them, and
 * pasted traces often hold some. A block is passed on when it holds a trace, starts with an exception header,
 * or names an exception class in one of its lines (a single-line failure such as
 * {@code ... java.net.ConnectException: Connection refused}).
 *
 * <p>Lines decorated with a prefix that the trace itself does not have ({@code [junit]}, pasted line numbers, a
 * prefix on every line) are classified with the decoration removed; it is read off the first frame line that
 * carries it, and holds while the lines carry it. The block keeps the lines as they were: the parser removes
 * the decoration itself.
 *
 * <p>A line that is a JSON object (a JSON log) is one event: its message and stack-trace field make the block.
 * Lines wrapped by container runtimes (Docker's {@code {"log": ...}} JSON, the CRI prefix
 * {@code 2026-11-25T10:00:00.123Z stderr F }) are unwrapped first.
 *
 * <p>Size caps keep memory flat: at most {@value #MAX_FRAMES_PER_SECTION} frames of each exception are kept,
 * and once a block holds {@code maxBlockChars} characters only its nested headers are added, so that the
 * root cause at the end of a 10 000-frame trace is still seen.
 */
final class LogScanner {
  /** Frames kept per exception section of a block; the rest are counted as cut. */
  static final int MAX_FRAMES_PER_SECTION = 256;

  /** Characters of one block kept unless told otherwise ({@code diagnose --max-block-chars}). */
  static final int DEFAULT_MAX_BLOCK_CHARS = 128 * 1024;

  /** Longest line kept; the rest of a longer line is skipped. */
  static final int MAX_LINE_CHARS = 64 * 1024;

  private static final long HALF_DAY_MS = 12L * 3_600_000L;

  /** The prefix container runtimes (CRI: containerd, CRI-O) put before every line of a container's output. */
  private static final Pattern CRI_PREFIX =
      Pattern.compile(
          "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}) (?:stdout|stderr) [FP] ");

  /** One exception block as found in a file. */
  record Block(String source, long line, LogTime time, String text, boolean truncated) {}

  /** Receives the blocks, in file order. */
  interface Sink {
    void accept(Block block);
  }

  /**
   * Lines read ahead of the one being classified. The parser lets a trace go on after any text (frames after it
   * belong to the exception before it); the scanner, which holds one block, keeps text lines in a trace when
   * the trace goes on within this many lines: Guice's "while locating" lines, a blank line and "1 error" before
   * the frames, a line of prose before "Caused by:".
   */
  private static final int LOOK_AHEAD = 8;

  /** Lines after a line where a decorated frame may show its decoration: as far as the parser looks for frames. */
  private static final int DECORATION_AHEAD = 3;

  /**
   * A line read but not yet classified: its number; its text (unwrapped) and the same with plain spaces (what
   * is classified), or its JSON event; the decoration before its frame, if it is a decorated frame.
   */
  private record Ahead(
      long number, String raw, String text, JsonLogLine.Event event, String frameDecoration) {}

  private final String source;
  private final Sink sink;
  private final int maxBlockChars;
  private final int maxHeaderChars;
  private final ArrayDeque<Ahead> ahead = new ArrayDeque<>(LOOK_AHEAD + 1);

  private final StringBuilder text = new StringBuilder(1024);
  private boolean open;
  private long startLine;
  private LogTime time;
  private Kind startKind;
  private Kind last;
  private boolean hasTrace;
  private boolean namesException;
  private boolean truncated;
  private int sectionFrames;

  /** The decoration of the lines being read (see {@link LineClassifier#decoration}), or {@code null}. */
  private String decoration;

  /** The last line that was not blank, as read (decorated). */
  private String previous;

  private long lineNumber;
  private long blocks;
  private LogTime lastTime;
  private long lastTimeOfDay = -1;
  private long dayOffset;

  LogScanner(String source, Sink sink, int maxBlockChars) {
    this.source = source;
    this.sink = sink;
    this.maxBlockChars = maxBlockChars;
    this.maxHeaderChars = maxBlockChars + maxBlockChars / 4;
  }

  /** The blocks of a whole text, read as the lines of a file: what {@code batch} reads a record with. */
  static List<Block> blocks(String source, String text, int maxBlockChars) {
    List<Block> blocks = new ArrayList<>();
    LogScanner scanner = new LogScanner(source, blocks::add, maxBlockChars);
    try (BoundedLineReader lines = new BoundedLineReader(new StringReader(text), MAX_LINE_CHARS)) {
      String line;
      while ((line = lines.readLine()) != null) scanner.line(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    scanner.finish();
    return blocks;
  }

  /** Feeds the next line of the file (without its line terminator). */
  void line(String input) {
    lineNumber++;
    String line = input;
    if (JsonLogLine.looksLikeJson(line)) {
      JsonLogLine.Event e = JsonLogLine.read(line);
      if (e != null && e.rawLine() == null) {
        read(new Ahead(lineNumber, null, null, e, null));
        return;
      }
      if (e != null) line = e.rawLine();
    } else if (line.length() > 31 && line.charAt(10) == 'T' && Character.isDigit(line.charAt(0))) {
      // the CRI prefix starts with yyyy-MM-ddT: the 'T' rules out the regex for ordinary
      // time-stamped lines
      Matcher cri = CRI_PREFIX.matcher(line);
      if (cri.lookingAt()) line = line.substring(cri.end());
    }
    String spaced = LineClassifier.normalizeSpaces(line);
    read(new Ahead(lineNumber, line, spaced, null, LineClassifier.decoration(spaced)));
  }

  private void read(Ahead next) {
    ahead.add(next);
    if (ahead.size() > LOOK_AHEAD) classify(ahead.poll());
  }

  /** Classifies a line with the lines after it in {@link #ahead}, and adds it to the block it belongs to. */
  private void classify(Ahead a) {
    if (a.event() != null) {
      json(a.event(), a.number());
      return;
    }
    String line = a.raw(); // kept as read: the parser normalizes and removes decorations itself
    String bare = undecorated(a);
    Kind k = LineClassifier.kind(bare, last);
    if (k == Kind.FRAME_LIKE)
      k = hasTrace ? Kind.FRAME : Kind.OTHER; // "at <<<guice>>>" inside a trace
    switch (k) {
      case LOG_LINE -> {
        flush();
        LogTime t = LogLines.time(a.text());
        start(k, t == null ? lastTime : timed(t), a.number());
        append(line, k);
        if (LineClassifier.namesException(bare)) namesException = true;
      }
      case FRAME, BARE_AT, MORE -> {
        if (!open) start(k, lastTime, a.number());
        hasTrace = true;
        append(line, k);
      }
      case CAUSE, SUPPRESSED, WRAPPED, CIRCULAR -> {
        if (!open) start(k, lastTime, a.number());
        hasTrace = true;
        sectionFrames = 0;
        append(line, k);
      }
      case HEADER -> {
        if (!open || startKind == Kind.OTHER || (hasTrace && afterFrames())) {
          flush();
          start(k, lastTime, a.number());
        }
        sectionFrames = 0;
        namesException = true;
        append(line, k);
      }
      case OTHER -> {
        // after frames, or after a line of plain text: a new block, unless the trace goes on after
        // it (text between a trace and its "Caused by:", the rest of an exception's message before
        // its frames); a line that names an exception of its own starts a new one
        boolean names = LineClassifier.namesException(bare);
        boolean ends =
            afterFrames() || (startKind == Kind.OTHER && !hasTrace && last == Kind.OTHER);
        if (ends && !names && (hasTrace || namesException) && traceFollows()) ends = false;
        if (!open || ends) {
          flush();
          start(k, lastTime, a.number());
        }
        append(line, k);
        if (names) namesException = true;
      }
      case BLANK -> {
        // ends nothing: the parser skips blank lines, and a trace pasted with them goes on after
        // them
      }
      default -> throw new IllegalStateException(k.name());
    }
  }

  /** True when the last line kept was part of a trace's frames. */
  private boolean afterFrames() {
    return last == Kind.FRAME || last == Kind.MORE || last == Kind.BARE_AT;
  }

  /** True when a line of the trace (frame, nested exception, "... N more") comes next, before any other event. */
  private boolean traceFollows() {
    Kind before = last;
    for (Ahead a : ahead) {
      if (a.event() != null) return false;
      if (a.text().isBlank()) continue;
      if (a.frameDecoration() != null) return true; // a frame, decorated
      Kind k = LineClassifier.kind(LineClassifier.strip(a.text(), decoration), before);
      switch (k) {
        case FRAME, BARE_AT, FRAME_LIKE, MORE, CAUSE, SUPPRESSED, WRAPPED, CIRCULAR -> {
          return true;
        }
        case LOG_LINE, HEADER -> {
          return false;
        }
        default -> {
          if (LineClassifier.namesException(a.text()))
            return false; // another exception starts there
          before = k;
        }
      }
    }
    return false;
  }

  /**
   * The line without the decoration of the lines around it. A decoration is read off a frame line (this one or
   * one of the next) and taken when this line and another next to it carry it: a log line that only quotes a
   * frame ("retrying at a.B.c(B.java:1)") is no decorated frame, and read as one it would join the trace before
   * it. It holds until a line does not carry it.
   */
  private String undecorated(Ahead a) {
    String line = a.text();
    if (line.isBlank()) return line;
    String before = previous;
    previous = line;
    if (decoration != null) {
      if (carries(line, decoration)) return LineClassifier.strip(line, decoration);
      decoration = null;
    }
    String own = a.frameDecoration();
    if (own != null && carries(before, own)) return adopt(line, own);
    int looked = 0;
    for (Ahead next : ahead) {
      if (++looked > DECORATION_AHEAD) break;
      String d = next.frameDecoration();
      if (d != null && carries(line, d)) return adopt(line, d);
      if (own != null && next.text() != null && carries(next.text(), own)) return adopt(line, own);
    }
    return line;
  }

  private String adopt(String line, String d) {
    decoration = d;
    return LineClassifier.strip(line, d);
  }

  private static boolean carries(String line, String decoration) {
    return line != null && LineClassifier.strip(line, decoration).length() < line.length();
  }

  /** A JSON log line is a whole event: it ends the block in progress and is a block of its own if it names an exception. */
  private void json(JsonLogLine.Event e, long number) {
    flush();
    decoration = null;
    previous = null;
    LogTime t = e.time() == null ? lastTime : timed(e.time());
    if (e.text() == null) return;
    // the embedded trace goes through the same caps as a printed one (frames per section, headers
    // kept)
    start(Kind.LOG_LINE, t, number);
    for (String l : e.text().split("\\r?\\n")) {
      Kind k = LineClassifier.kind(LineClassifier.normalizeSpaces(l), last);
      if (k == Kind.HEADER || k == Kind.CAUSE || k == Kind.SUPPRESSED || k == Kind.WRAPPED)
        sectionFrames = 0;
      if (k == Kind.FRAME
          || k == Kind.BARE_AT
          || k == Kind.MORE
          || k == Kind.CAUSE
          || k == Kind.SUPPRESSED
          || k == Kind.WRAPPED) {
        hasTrace = true;
      }
      append(l, k);
    }
    namesException = true;
    flush();
  }

  /** Classifies the lines read ahead and passes on the block in progress, if any. Call once at the end of the file. */
  void finish() {
    while (!ahead.isEmpty()) classify(ahead.poll());
    flush();
  }

  /** Lines fed so far. */
  long lines() {
    return lineNumber;
  }

  /** Blocks passed on so far. */
  long blocks() {
    return blocks;
  }

  /** Counts day rollovers of time-only stamps (a clock that goes back by more than half a day). */
  private LogTime timed(LogTime t) {
    LogTime result = t;
    if (!t.dated()) {
      if (lastTimeOfDay >= 0 && t.epochMillis() < lastTimeOfDay - HALF_DAY_MS) dayOffset++;
      lastTimeOfDay = t.epochMillis();
      result = new LogTime(t.epochMillis() + dayOffset * 86_400_000L, false);
    }
    lastTime = result;
    return result;
  }

  private void start(Kind k, LogTime t, long line) {
    text.setLength(0);
    open = true;
    startLine = line;
    time = t;
    startKind = k;
    last = null;
    hasTrace = false;
    namesException = false;
    truncated = false;
    sectionFrames = 0;
  }

  private void append(String line, Kind k) {
    last = k;
    if (k == Kind.FRAME && ++sectionFrames > MAX_FRAMES_PER_SECTION) {
      truncated = true;
      return;
    }
    boolean header =
        k == Kind.CAUSE || k == Kind.SUPPRESSED || k == Kind.WRAPPED || k == Kind.HEADER;
    int limit = header ? maxHeaderChars : maxBlockChars;
    if (text.length() + line.length() + 1 > limit) {
      truncated = true;
      return;
    }
    if (text.length() > 0) text.append('\n');
    text.append(line);
  }

  private void flush() {
    if (!open) return;
    open = false;
    if (hasTrace || namesException) {
      blocks++;
      sink.accept(new Block(source, startLine, time, text.toString(), truncated));
    }
    if (text.capacity() > 64 * 1024) {
      text.setLength(0);
      text.trimToSize(); // one huge block should not pin its buffer for the rest of the file
    }
  }
}
