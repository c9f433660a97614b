package io.logdx.logback;

import io.logdx.core.pipeline.PipelineStats;

/** The MBean of one appender: reads its pipeline's counters on each call. */
final class AppenderMXBean implements DiagnosingAppenderMXBean {
  private final DiagnosingAppender appender;

  AppenderMXBean(DiagnosingAppender appender) {
    this.appender = appender;
  }

  private PipelineStats s() {
    return appender.getStats();
  }

  @Override
  public long getReceived() {
    return s().received();
  }

  @Override
  public long getDelivered() {
    return s().delivered();
  }

  @Override
  public long getEnriched() {
    return s().enriched();
  }

  @Override
  public long getCacheHits() {
    return s().cacheHits();
  }

  @Override
  public long getPending() {
    return s().pending();
  }

  @Override
  public long getFollowUps() {
    return s().followUps();
  }

  @Override
  public long getSkipped() {
    return s().skipped();
  }

  @Override
  public long getFailed() {
    return s().failed();
  }

  @Override
  public long getOverflowed() {
    return s().overflowed();
  }

  @Override
  public int getQueued() {
    return s().queued();
  }

  @Override
  public int getQueueSize() {
    return appender.getQueueSize();
  }

  @Override
  public String getModel() {
    return appender.modelId();
  }
}
