package io.logdx.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn at most every {@value #REDRAW_MS} ms and erased at the end.
 * Shown only for inputs of at least {@value #MIN_BYTES} bytes when stderr is a terminal, or always when asked.
 */
final class Progress {
  /** Inputs smaller than this read in about a second: no bar. */
  static final long MIN_BYTES = 16L * 1024 * 1024;

  static final long REDRAW_MS = 200;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final long total;
  private final boolean enabled;
  private final long startMs = System.nanoTime() / 1_000_000;
  private long lastDraw;
  private int lastLength;

  private Progress(PrintWriter err, long total, boolean enabled) {
    this.err = err;
    this.total = total;
    this.enabled = enabled;
  }

  /**
   * @param requested {@code --progress} (true), {@code --no-progress} (false) or neither (null: automatic)
   * @param total bytes to read, or a negative number when unknown (standard input)
   */
  static Progress create(PrintWriter err, Boolean requested, long total) {
    boolean on = requested != null ? requested : total >= MIN_BYTES && stderrIsTerminal();
    return new Progress(err, total, on);
  }

  boolean enabled() {
    return enabled;
  }

  void update(long bytesRead, long blocks, String file) {
    if (!enabled) return;
    long now = System.nanoTime() / 1_000_000;
    if (now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    StringBuilder sb = new StringBuilder(120).append('\r');
    if (total > 0) {
      double f = Math.min(1.0, (double) bytesRead / total);
      int done = (int) Math.round(f * WIDTH);
      sb.append('[').append("=".repeat(done)).append(" ".repeat(WIDTH - done)).append("] ");
      sb.append(
          String.format(Locale.ROOT, "%3d%% %s/%s", Math.round(f * 100), mb(bytesRead), mb(total)));
      long elapsed = now - startMs;
      if (bytesRead > 0 && elapsed > 2_000 && f < 1.0) {
        long left = (long) (elapsed * (total - bytesRead) / (double) bytesRead / 1000);
        sb.append(String.format(Locale.ROOT, "  %d:%02d left", left / 60, left % 60));
      }
    } else {
      sb.append(mb(bytesRead));
    }
    sb.append(String.format(Locale.ROOT, "  %,d exception blocks  %s", blocks, file));
    int len = sb.length();
    if (len < lastLength) sb.append(" ".repeat(lastLength - len));
    lastLength = len;
    err.print(sb);
    err.flush();
  }

  /** Erases the bar. */
  void finish() {
    if (!enabled || lastLength == 0) return;
    err.print("\r" + " ".repeat(lastLength) + "\r");
    err.flush();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /** Linux: fd 2 links to a tty or pty; elsewhere: an interactive console. */
  static boolean stderrIsTerminal() {
    try {
      Path fd2 = Path.of("/proc/self/fd/2");
      if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      // not Linux, or not allowed to look: fall back to the console check below
    }
    return System.console() != null;
  }
}
