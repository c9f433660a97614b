package io.logdx.core.pipeline;

/** Counters of a {@link DiagnosisPipeline} since it started. Immutable snapshot. */
public record PipelineStats(
    /** Events accepted by {@code offer} (queued). */
    long received,
    /** Events delivered to the sink (each received event exactly once). */
    long delivered,
    /** Events delivered with a complete diagnosis. */
    long enriched,
    /** Of the enriched, those whose diagnosis was already cached when they were dispatched. */
    long cacheHits,
    /** Events delivered with status pending (diagnosis not ready within the budget). */
    long pending,
    /** Late diagnoses delivered as follow-up events. */
    long followUps,
    /** Events with a throwable that filters excluded (status skipped). */
    long skipped,
    /** Events whose diagnosis ended with an error status. */
    long failed,
    /** Events that found the queue full and went on unenriched (status overflow). */
    long overflowed,
    /** Events currently queued or in flight. */
    int queued) {

  @Override
  public String toString() {
    return "received=" + received + " delivered=" + delivered + " enriched=" + enriched + " cacheHits=" + cacheHits
        + " pending=" + pending + " followUps=" + followUps + " skipped=" + skipped + " failed=" + failed
        + " overflowed=" + overflowed + " queued=" + queued;
  }
}
