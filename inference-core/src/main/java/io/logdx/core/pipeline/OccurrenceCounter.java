package io.logdx.core.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts occurrences per fingerprint in a sliding window made of buckets, so that a flood of one error shows as
 * a rising {@code diagnosis.occurrences}. Bounded: the least recently seen fingerprints are forgotten beyond
 * {@code maxFingerprints}. Synchronized: the dispatcher uses it, and logging threads that enrich overflowing events
 * themselves ({@link OverflowPolicy#ENRICH_CACHED}); uncontended but for storms.
 */
final class OccurrenceCounter {
  private static final int BUCKETS = 12;
  private final long bucketNanos;
  private final Map<String, long[]> counts;

  OccurrenceCounter(Duration window, int maxFingerprints) {
    this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
    this.counts = new LinkedHashMap<>(256, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
        return size() > maxFingerprints;
      }
    };
  }

  /** The count within the window at {@code nowNanos}, without recording anything; 0 for an unknown fingerprint. */
  synchronized long count(String fingerprint, long nowNanos) {
    long[] slots = counts.get(fingerprint);
    if (slots == null) return 0;
    long epoch = nowNanos / bucketNanos;
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (epoch - slots[BUCKETS + i] < BUCKETS) total += slots[i];
    }
    return total;
  }

  /** Records one occurrence at {@code nowNanos} and returns the count within the window, this one included. */
  synchronized long record(String fingerprint, long nowNanos) {
    // slot layout: [0..BUCKETS) counts, [BUCKETS..2*BUCKETS) the bucket epoch each count belongs to
    long[] slots = counts.computeIfAbsent(fingerprint, k -> new long[2 * BUCKETS]);
    long epoch = nowNanos / bucketNanos;
    int idx = (int) Math.floorMod(epoch, (long) BUCKETS);
    if (slots[BUCKETS + idx] != epoch) {
      slots[BUCKETS + idx] = epoch;
      slots[idx] = 0;
    }
    slots[idx]++;
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (epoch - slots[BUCKETS + i] < BUCKETS) total += slots[i];
    }
    return total;
  }
}
