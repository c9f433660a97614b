package io.logdx.cli;

import io.logdx.cli.LogLines.Kind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds exception blocks in a stream of log lines, one line at a time, holding at most one block.
 *
 * <p>A block runs from the line that starts it (a log event with a time stamp or level, an exception header,
 * or a bare "at ..." frame of a cut trace) through its continuation lines, frames, "Caused by:"/"Suppressed:"
 * sections and "... N more" lines, up to the next event, the next top-level exception header after frames, or
 * the first ordinary line after frames. A block is passed on when it holds a trace, starts with an exception
 * header, or names an exception class in one of its lines (a single-line failure such as
 * {@code ... java.net.ConnectException: Connection refused}).
 *
 * <p>A line that is a JSON object (a JSON log) is one event: its message and stack-trace field make the block.
 * Lines wrapped by container runtimes (Docker's {@code {"log": ...}} JSON, the CRI prefix
 * {@code 2026-11-25T10:00:00.123Z stderr F }) are unwrapped first.
 *
 * <p>Size caps keep memory flat: at most {@value #MAX_FRAMES_PER_SECTION} frames of each exception are kept,
 * and once a block holds {@code maxBlockChars} characters only its "Caused by:" headers are added, so that the
 * root cause at the end of a 10 000-frame trace is still seen.
 */
final class LogScanner {
  /** Frames kept per exception section of a block; the rest are counted as cut. */
  static final int MAX_FRAMES_PER_SECTION = 256;
  private static final long HALF_DAY_MS = 12L * 3_600_000L;
  /** The prefix container runtimes (CRI: containerd, CRI-O) put before every line of a container's output. */
  private static final Pattern CRI_PREFIX = Pattern.compile(
      "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}) (?:stdout|stderr) [FP] ");

  /** One exception block as found in a file. */
  record Block(String source, long line, LogTime time, String text, boolean truncated) {}

  /** Receives the blocks, in file order. */
  interface Sink {
    void accept(Block block);
  }

  private final String source;
  private final Sink sink;
  private final int maxBlockChars;
  private final int maxHeaderChars;

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

  /** Feeds the next line of the file (without its line terminator). */
  void line(String input) {
    lineNumber++;
    String line = input;
    if (JsonLogLine.looksLikeJson(line)) {
      JsonLogLine.Event e = JsonLogLine.read(line);
      if (e != null && e.rawLine() == null) {
        json(e);
        return;
      }
      if (e != null) line = e.rawLine();
    } else if (line.length() > 31 && line.charAt(10) == 'T' && Character.isDigit(line.charAt(0))) {
      // the CRI prefix starts with yyyy-MM-ddT: the 'T' rules out the regex for ordinary time-stamped lines
      Matcher cri = CRI_PREFIX.matcher(line);
      if (cri.lookingAt()) line = line.substring(cri.end());
    }
    Kind k = LogLines.kind(line);
    switch (k) {
      case EVENT -> {
        flush();
        LogTime t = LogLines.time(line);
        start(k, t == null ? lastTime : timed(t));
        append(line, k);
        if (LogLines.namesException(line)) namesException = true;
      }
      case FRAME, MORE -> {
        if (!open) start(k, lastTime);
        hasTrace = true;
        append(line, k);
      }
      case CAUSE -> {
        if (!open) start(k, lastTime);
        hasTrace = true;
        sectionFrames = 0;
        append(line, k);
      }
      case HEADER -> {
        if (!open || startKind == Kind.OTHER || (hasTrace && (last == Kind.FRAME || last == Kind.MORE))) {
          flush();
          start(k, lastTime);
        }
        sectionFrames = 0;
        namesException = true;
        append(line, k);
      }
      case OTHER -> {
        boolean afterTrace = last == Kind.FRAME || last == Kind.MORE;
        boolean unstructured = startKind == Kind.OTHER && !hasTrace && last == Kind.OTHER;
        if (!open || afterTrace || unstructured) {
          flush();
          start(k, lastTime);
        }
        append(line, k);
        if (LogLines.namesException(line)) namesException = true;
      }
      case BLANK -> {
        if (open && (last == Kind.FRAME || last == Kind.MORE || startKind == Kind.OTHER)) {
          flush();
        }
        // blank lines inside an event's message are dropped: the parser skips them anyway
      }
      default -> throw new IllegalStateException(k.name());
    }
  }

  /** A JSON log line is a whole event: it ends the block in progress and is a block of its own if it names an exception. */
  private void json(JsonLogLine.Event e) {
    flush();
    LogTime t = e.time() == null ? lastTime : timed(e.time());
    if (e.text() == null) return;
    // the embedded trace goes through the same caps as a printed one (frames per section, headers kept)
    start(Kind.EVENT, t);
    for (String l : e.text().split("\r?\n")) {
      Kind k = LogLines.kind(l);
      if (k == Kind.CAUSE || k == Kind.HEADER) sectionFrames = 0;
      if (k == Kind.FRAME || k == Kind.MORE || k == Kind.CAUSE) hasTrace = true;
      append(l, k);
    }
    namesException = true;
    flush();
  }

  /** Passes on the block in progress, if any. Call once at the end of the file. */
  void finish() {
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

  private void start(Kind k, LogTime t) {
    text.setLength(0);
    open = true;
    startLine = lineNumber;
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
    boolean header = k == Kind.CAUSE || k == Kind.HEADER;
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
