package io.logdx.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()}, but never holds more than {@code maxLineChars}
 * of one line: the rest of an overlong line (a binary file, a minified payload) is skipped. A 1 GB file without
 * a newline costs one buffer, not 2 GB of heap.
 */
final class BoundedLineReader implements Closeable {
  private final Reader in;
  private final int maxLineChars;
  private final char[] buf = new char[64 * 1024];
  private int pos;
  private int end;
  private long lineNumber;
  private boolean lastCut;

  BoundedLineReader(Reader in, int maxLineChars) {
    this.in = in;
    this.maxLineChars = maxLineChars;
  }

  /** The next line without its terminator ({@code \n}, {@code \r\n} or {@code \r}), or {@code null} at the end. */
  String readLine() throws IOException {
    StringBuilder sb = null;
    lastCut = false;
    while (true) {
      if (pos >= end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (sb == null) return null;
          lineNumber++;
          return sb.toString();
        }
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') pos++;
      int n = pos - start;
      if (sb == null && pos < end && n <= maxLineChars) {
        // the common case: the whole line lies in the buffer; one copy, no builder
        String line = new String(buf, start, n);
        endLine();
        return line;
      }
      if (sb == null) sb = new StringBuilder(Math.min(256, maxLineChars));
      int room = maxLineChars - sb.length();
      if (n > room) lastCut = true;
      if (room > 0) sb.append(buf, start, Math.min(n, room));
      if (pos < end) {
        endLine();
        return sb.toString();
      }
    }
  }

  /** Consumes the terminator at {@code pos} (reading ahead for the \n of a \r\n split by the buffer) and counts the line. */
  private void endLine() throws IOException {
    char c = buf[pos++];
    if (c == '\r') {
      if (pos >= end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end < 0) end = 0;
      }
      if (pos < end && buf[pos] == '\n') pos++;
    }
    lineNumber++;
  }

  /** Number of lines returned so far: the 1-based number of the last line read. */
  long lineNumber() {
    return lineNumber;
  }

  /** True when the last line returned was cut at the limit. */
  boolean lastLineCut() {
    return lastCut;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
