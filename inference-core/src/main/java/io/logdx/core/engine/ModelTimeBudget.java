package io.logdx.core.engine;

/**
 * How much of the machine the models may take: a token bucket of model time. Every diagnosis that runs the
 * models is charged the time it took; the bucket refills at {@code share} seconds of model time per second and
 * holds at most {@code burst} of it. While it is empty a never-seen failure is not diagnosed (the caller gets a
 * diagnosis with status overflow and nothing is cached, so a later occurrence tries again).
 *
 * <p>Why: one new failure costs a few hundred microseconds of model work, a thousand times what logging it
 * costs. Under a flood of never-seen failures (a message with a fresh id in every line, a broken deployment)
 * an unbounded worker would take a whole core from the application for as long as the flood lasts. The burst
 * lets a start-up or an incident with many new failures be diagnosed at full speed; the share is what a
 * flood may take for as long as it lasts.
 *
 * <p>Thread-safe; {@link #tryAcquire} is called once per never-seen failure, {@link #charge} once per model run.
 */
final class ModelTimeBudget {
  private final double share;
  private final long burstNanos;
  private long available;
  private long refilledAt;

  /**
   * @param share seconds of model time per second of wall time (0.25: a quarter of one core); infinite for no limit
   * @param burstNanos most model time that can be spent at once after a quiet period
   */
  ModelTimeBudget(double share, long burstNanos) {
    if (!(share > 0)) throw new IllegalArgumentException("share must be > 0: " + share);
    this.share = share;
    this.burstNanos = Math.max(0, burstNanos);
    this.available = this.burstNanos;
    this.refilledAt = System.nanoTime();
  }

  static ModelTimeBudget unlimited() {
    return new ModelTimeBudget(Double.POSITIVE_INFINITY, 0);
  }

  boolean isUnlimited() {
    return Double.isInfinite(share);
  }

  /** True when a model run may start now (the bucket is not empty). */
  boolean tryAcquire() {
    if (isUnlimited()) return true;
    synchronized (this) {
      refill(System.nanoTime());
      return available > 0;
    }
  }

  /** Charges one model run's time; the bucket may go below zero, so that a long run is paid in full. */
  void charge(long nanos) {
    if (isUnlimited() || nanos <= 0) return;
    synchronized (this) {
      refill(System.nanoTime());
      available -= nanos;
    }
  }

  private void refill(long now) {
    long elapsed = now - refilledAt;
    if (elapsed <= 0) return;
    refilledAt = now;
    double add = elapsed * share;
    available = (long) Math.min((double) burstNanos, available + add);
  }
}
