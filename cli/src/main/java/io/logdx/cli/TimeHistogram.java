package io.logdx.cli;

import java.util.Map;
import java.util.TreeMap;

/**
 * Occurrence counts over time with a bounded number of buckets: when more than {@link #MAX_BUCKETS} distinct
 * buckets are held, the bucket width grows to the next step of {@link #STEPS_MS}, merging counts. Every step
 * divides the next, so histograms of different widths can be re-bucketed exactly into a common width.
 */
final class TimeHistogram {
  /** Bucket widths: 1 s, 5 s, 15 s, 1 min, 5 min, 15 min, 1 h, 6 h, 1 day, 7 days, 28 days, 364 days. */
  static final long[] STEPS_MS = {
    1_000L,
    5_000L,
    15_000L,
    60_000L,
    300_000L,
    900_000L,
    3_600_000L,
    21_600_000L,
    86_400_000L,
    604_800_000L,
    2_419_200_000L,
    31_449_600_000L
  };

  static final int MAX_BUCKETS = 2048;

  private int step;
  private final TreeMap<Long, Long> counts = new TreeMap<>();

  void add(long epochMillis) {
    long width = STEPS_MS[step];
    counts.merge(Math.floorDiv(epochMillis, width), 1L, Long::sum);
    while (counts.size() > MAX_BUCKETS && step < STEPS_MS.length - 1) {
      coarsen(step + 1);
    }
  }

  /** Current bucket width in milliseconds. */
  long widthMillis() {
    return STEPS_MS[step];
  }

  /** Adds this histogram's counts into {@code into}, keyed by bucket start at {@code width} (a wider step). */
  void addTo(Map<Long, Long> into, long width) {
    long own = STEPS_MS[step];
    for (Map.Entry<Long, Long> e : counts.entrySet()) {
      long start = Math.floorDiv(e.getKey() * own, width) * width;
      into.merge(start, e.getValue(), Long::sum);
    }
  }

  private void coarsen(int newStep) {
    long from = STEPS_MS[step];
    long to = STEPS_MS[newStep];
    TreeMap<Long, Long> merged = new TreeMap<>();
    for (Map.Entry<Long, Long> e : counts.entrySet()) {
      merged.merge(Math.floorDiv(e.getKey() * from, to), e.getValue(), Long::sum);
    }
    counts.clear();
    counts.putAll(merged);
    step = newStep;
  }
}
