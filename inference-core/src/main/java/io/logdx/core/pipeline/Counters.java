package io.logdx.core.pipeline;

/** A snapshot of an appender's counters (see {@link DiagnosingAppenderMXBean} for what each one counts). */
record Counters(
    long received,
    long delivered,
    long failedHandOns,
    long enriched,
    long cacheHits,
    long pending,
    long followUps,
    long skipped,
    long failed,
    long overflowed,
    long refused,
    long passedThrough,
    int queued,
    int queueCapacity,
    String model)
    implements DiagnosingAppenderMXBean {

  @Override
  public long getReceived() {
    return received;
  }

  @Override
  public long getDelivered() {
    return delivered;
  }

  @Override
  public long getFailedHandOns() {
    return failedHandOns;
  }

  @Override
  public long getEnriched() {
    return enriched;
  }

  @Override
  public long getCacheHits() {
    return cacheHits;
  }

  @Override
  public long getPending() {
    return pending;
  }

  @Override
  public long getFollowUps() {
    return followUps;
  }

  @Override
  public long getSkipped() {
    return skipped;
  }

  @Override
  public long getFailed() {
    return failed;
  }

  @Override
  public long getOverflowed() {
    return overflowed;
  }

  @Override
  public long getRefused() {
    return refused;
  }

  @Override
  public long getPassedThrough() {
    return passedThrough;
  }

  @Override
  public int getQueued() {
    return queued;
  }

  @Override
  public int getQueueCapacity() {
    return queueCapacity;
  }

  @Override
  public String getModel() {
    return model;
  }

  @Override
  public String toString() {
    return "received="
        + received
        + " delivered="
        + delivered
        + " enriched="
        + enriched
        + " cacheHits="
        + cacheHits
        + " pending="
        + pending
        + " followUps="
        + followUps
        + " skipped="
        + skipped
        + " failed="
        + failed
        + " overflowed="
        + overflowed
        + " refused="
        + refused
        + " passedThrough="
        + passedThrough
        + " queued="
        + queued;
  }
}
