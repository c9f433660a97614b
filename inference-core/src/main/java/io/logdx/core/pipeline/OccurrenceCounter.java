package io.logdx.core.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Counts occurrences per fingerprint in a sliding window made of buckets, so that a flood of one error shows as
 * a rising {@code diagnosis.occurrences}. Bounded: at most {@code maxFingerprints} are kept, and one not seen for a
 * whole window (whose count is 0 anyway) is forgotten.
 *
 * <p>Thread-safe. The dispatcher records every diagnosed event, and under {@link OverflowPolicy#ENRICH_CACHED}
 * the logging threads record the events they enrich themselves, all at once in an exception storm: a lock per
 * fingerprint's buckets instead of one for the whole table, so that threads logging different failures never wait
 * for each other, nor for the dispatcher.
 */
final class OccurrenceCounter {
  private static final int BUCKETS = 12;
  private final long bucketNanos;
  private final Cache<String, long[]> counts;

  OccurrenceCounter(Duration window, int maxFingerprints) {
    this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
    // Caffeine runs its maintenance on the calling thread here (no executor): nothing of logdx's
    // may log, and the common pool is the application's
    this.counts =
        Caffeine.newBuilder()
            .maximumSize(maxFingerprints)
            .expireAfterAccess(window)
            .executor(Runnable::run)
            .build();
  }

  /** The count within the window at {@code nowNanos}, without recording anything; 0 for an unknown fingerprint. */
  long count(String fingerprint, long nowNanos) {
    long[] slots = counts.getIfPresent(fingerprint);
    if (slots == null) return 0;
    synchronized (slots) {
      return total(slots, nowNanos / bucketNanos);
    }
  }

  /** Records one occurrence at {@code nowNanos} and returns the count within the window, this one included. */
  long record(String fingerprint, long nowNanos) {
    long[] slots = counts.getIfPresent(fingerprint);
    if (slots == null) slots = counts.get(fingerprint, k -> new long[2 * BUCKETS]);
    return add(slots, nowNanos);
  }

  /**
   * Records one occurrence of a fingerprint that is counted already, and returns the count; 0 (nothing recorded)
   * for one that is not. For failures passed on without a diagnosis (no model time left): a flood of never-seen
   * failures would otherwise fill the table with entries that each live until evicted, and the collector copies
   * them young collection after young collection (the gc-profiler figures are in benchmarks/RESULTS.md, item 10
   * of "What changed in this round").
   */
  long recordIfCounted(String fingerprint, long nowNanos) {
    long[] slots = counts.getIfPresent(fingerprint);
    return slots == null ? 0 : add(slots, nowNanos);
  }

  private long add(long[] slots, long nowNanos) {
    // slot layout: [0..BUCKETS) counts, [BUCKETS..2*BUCKETS) the bucket epoch each count belongs to
    long epoch = nowNanos / bucketNanos;
    int idx = (int) Math.floorMod(epoch, (long) BUCKETS);
    synchronized (slots) {
      if (slots[BUCKETS + idx] != epoch) {
        slots[BUCKETS + idx] = epoch;
        slots[idx] = 0;
      }
      slots[idx]++;
      return total(slots, epoch);
    }
  }

  private static long total(long[] slots, long epoch) {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (epoch - slots[BUCKETS + i] < BUCKETS) total += slots[i];
    }
    return total;
  }
}
