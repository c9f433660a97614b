package io.logdx.core.pipeline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throttles an appender's reports of its own problems (a wrapped appender that throws, a model that fails...):
 * of each kind, the first {@value #FIRST} are reported, then one in {@value #EVERY}, each of these saying how
 * many of its kind were suppressed since the previous report. A failing wrapped appender in a busy service
 * would otherwise write a status line for every event. Thread-safe.
 */
final class ProblemReports {
  /** Reports of one kind written in full before throttling starts: {@value}. */
  static final int FIRST = 10;

  /** Then one report in this many: {@value}. */
  static final int EVERY = 1000;

  /** Kinds counted at most (the kinds are a few fixed messages; a bound all the same). */
  private static final int MAX_KINDS = 256;

  /** Where a report goes: the framework's status channel. */
  interface Channel {
    void report(String message, Throwable error);
  }

  private final Channel channel;
  private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();

  ProblemReports(Channel channel) {
    this.channel = channel;
  }

  /**
   * Counts one problem of the kind named by its message, and reports it when it is among the first
   * {@value #FIRST} or the {@value #EVERY}th since the last report.
   */
  void report(String kind, Throwable error) {
    AtomicLong c = counts.get(kind);
    if (c == null) {
      c =
          counts.size() < MAX_KINDS
              ? counts.computeIfAbsent(kind, k -> new AtomicLong())
              : new AtomicLong();
    }
    long n = c.incrementAndGet();
    if (n <= FIRST) {
      channel.report(kind, error);
    } else if ((n - FIRST) % EVERY == 0) {
      channel.report(
          kind
              + " ("
              + (EVERY - 1)
              + " more of these suppressed since the last report; "
              + n
              + " in all)",
          error);
    }
  }
}
