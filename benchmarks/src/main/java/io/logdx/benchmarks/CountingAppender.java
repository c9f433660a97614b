package io.logdx.benchmarks;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.logdx.core.DiagnosisFields;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The storm's wrapped appender (Logback): counts what arrives, by {@code diagnosis.status}. The counters are
 * static and shared with {@link Log4j2CountingAppender}, Log4j2's counterpart: a storm runs one framework at a
 * time.
 */
public class CountingAppender extends AppenderBase<ILoggingEvent> {
  static final Map<String, LongAdder> BY_STATUS = new ConcurrentHashMap<>();

  /**
   * The failures (a throwable's message: the storm's failures differ only in it, so it stands for the
   * fingerprint) that reached the appender since {@link #reset(boolean) reset}, to count apart the events of
   * a failure seen before in the run: the first occurrence of a never-seen failure cannot be enriched from the
   * cache, the later ones can.
   */
  static final Map<String, Boolean> SEEN = new ConcurrentHashMap<>();

  static final LongAdder SEEN_DELIVERED = new LongAdder();
  static final LongAdder SEEN_ENRICHED = new LongAdder();

  /** Width of a timeline bucket: events are also counted by when they arrived, to see a cold start. */
  static final long BUCKET_NANOS = 10_000_000L;

  static final int BUCKETS = 6_000;
  static final java.util.concurrent.atomic.AtomicLongArray ARRIVED =
      new java.util.concurrent.atomic.AtomicLongArray(BUCKETS);
  static final java.util.concurrent.atomic.AtomicLongArray ENRICHED =
      new java.util.concurrent.atomic.AtomicLongArray(BUCKETS);
  static volatile long origin = System.nanoTime();

  static void reset() {
    reset(false);
  }

  /**
   * Counters back to zero; {@code keepSeen} keeps the failures seen so far (after the warm-up of a warm storm,
   * whose failures were all seen before it).
   */
  static void reset(boolean keepSeen) {
    BY_STATUS.clear();
    if (!keepSeen) SEEN.clear();
    SEEN_DELIVERED.reset();
    SEEN_ENRICHED.reset();
    for (int i = 0; i < BUCKETS; i++) {
      ARRIVED.set(i, 0);
      ENRICHED.set(i, 0);
    }
    origin = System.nanoTime();
  }

  /** Share enriched per 100 ms window over the first {@code millis}, as one line ({@code --timeline}). */
  static String timeline(long millis) {
    StringBuilder sb = new StringBuilder("enriched per 100 ms:");
    int window = (int) (100_000_000L / BUCKET_NANOS);
    for (int start = 0;
        start < Math.min(BUCKETS, millis * 1_000_000L / BUCKET_NANOS);
        start += window) {
      long arrived = 0;
      long ok = 0;
      for (int b = start; b < start + window; b++) {
        arrived += ARRIVED.get(b);
        ok += ENRICHED.get(b);
      }
      sb.append(
          String.format(
              java.util.Locale.ROOT, " %.0f%%", arrived == 0 ? 100.0 : 100.0 * ok / arrived));
    }
    return sb.toString();
  }

  /**
   * Milliseconds from {@link #reset} until the first 100 ms window from which on every window had at least
   * {@code share} of its events enriched; -1 when that never happened.
   */
  static long millisUntilEnriched(double share) {
    int last = BUCKETS - 1;
    while (last > 0 && ARRIVED.get(last) == 0) last--;
    int window = (int) (100_000_000L / BUCKET_NANOS);
    long since = -1;
    for (int start = 0; start + window <= last + 1; start += window) {
      long arrived = 0;
      long ok = 0;
      for (int b = start; b < start + window; b++) {
        arrived += ARRIVED.get(b);
        ok += ENRICHED.get(b);
      }
      boolean good = arrived == 0 || ok >= share * arrived;
      if (!good) since = -1;
      else if (since < 0) since = start * BUCKET_NANOS / 1_000_000L;
    }
    return since;
  }

  static long count(String status) {
    LongAdder a = BY_STATUS.get(status);
    return a == null ? 0 : a.sum();
  }

  static long total() {
    return BY_STATUS.values().stream().mapToLong(LongAdder::sum).sum();
  }

  @Override
  protected void append(ILoggingEvent e) {
    // a follow-up (a late diagnosis written as its own event) is no logged event: counted apart
    boolean followUp =
        e.getMessage().startsWith(io.logdx.core.pipeline.AppenderCore.FOLLOW_UP_MESSAGE);
    record(
        followUp ? "follow-up" : e.getMDCPropertyMap().getOrDefault(DiagnosisFields.STATUS, "none"),
        followUp || e.getThrowableProxy() == null ? null : e.getThrowableProxy().getMessage());
  }

  /**
   * Counts one delivered event.
   *
   * @param status its {@code diagnosis.status}, {@code "follow-up"} for a follow-up, {@code "none"} without
   * @param failure what tells its failure from the others (the throwable's message), or null when it has none
   */
  static void record(String status, String failure) {
    BY_STATUS.computeIfAbsent(status, k -> new LongAdder()).increment();
    if (!"follow-up".equals(status)) {
      boolean ok = "ok".equals(status);
      int b = (int) Math.min(BUCKETS - 1, Math.max(0, (System.nanoTime() - origin) / BUCKET_NANOS));
      ARRIVED.incrementAndGet(b);
      if (ok) ENRICHED.incrementAndGet(b);
      // get first: a hit (nearly every event of a storm) takes no lock
      if (failure != null
          && (SEEN.get(failure) != null || SEEN.putIfAbsent(failure, Boolean.TRUE) != null)) {
        SEEN_DELIVERED.increment();
        if (ok) SEEN_ENRICHED.increment();
      }
    }
  }
}
