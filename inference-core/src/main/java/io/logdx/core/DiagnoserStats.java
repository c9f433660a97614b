package io.logdx.core;

/** Counters of a {@link Diagnoser} since it started. Immutable snapshot. */
public final class DiagnoserStats {
  private final long requests;
  private final long cacheHits;
  private final long computed;
  private final long errors;
  private final long timeouts;

  public DiagnoserStats(long requests, long cacheHits, long computed, long errors, long timeouts) {
    this.requests = requests;
    this.cacheHits = cacheHits;
    this.computed = computed;
    this.errors = errors;
    this.timeouts = timeouts;
  }

  /** Calls of {@code diagnose}. */
  public long requests() { return requests; }
  /** Calls answered from the cache (complete or in flight). */
  public long cacheHits() { return cacheHits; }
  /** Diagnoses actually computed (one per fingerprint while it stays cached). */
  public long computed() { return computed; }
  /** Computations that ended with status {@code error}. */
  public long errors() { return errors; }
  /** Synchronous calls that ran out of time. */
  public long timeouts() { return timeouts; }

  @Override
  public String toString() {
    return "requests=" + requests + " cacheHits=" + cacheHits + " computed=" + computed + " errors=" + errors
        + " timeouts=" + timeouts;
  }
}
