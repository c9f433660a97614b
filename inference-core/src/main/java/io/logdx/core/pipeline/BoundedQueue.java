package io.logdx.core.pipeline;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bounded multi-producer queue whose offer and poll take no lock: a {@link ConcurrentLinkedQueue} with a
 * {@link Semaphore} of free places.
 *
 * <p>Why not {@code ArrayBlockingQueue}: it has one lock for both ends. In an exception storm the logging
 * threads offer far faster than the dispatcher takes, every failed offer of a full queue takes the lock too, and
 * the dispatcher, polling one element per lock acquisition, lost most of those races. Here a failed offer is one
 * read of the semaphore's count and a poll one compare-and-set on each side. (An {@code ArrayBlockingQueue}
 * drained in batches with a counter for the full case was tried too: its plain logging path was slower.) The
 * storm figures are in benchmarks/RESULTS.md ("Dispatcher spin and nap").
 */
final class BoundedQueue<T> implements Iterable<T> {
  private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
  private final Semaphore free;

  BoundedQueue(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    this.free = new Semaphore(capacity);
  }

  /** Adds the item when there is room; never waits. */
  boolean offer(T item) {
    if (!free.tryAcquire()) return false;
    items.offer(item);
    return true;
  }

  /** Adds the item, waiting up to {@code nanos} for room. */
  boolean offer(T item, long nanos) throws InterruptedException {
    if (!free.tryAcquire(nanos, TimeUnit.NANOSECONDS)) return false;
    items.offer(item);
    return true;
  }

  /** The oldest item, or null when empty. */
  T poll() {
    T t = items.poll();
    if (t != null) free.release();
    return t;
  }

  /** Takes this very item back, if it is still queued. */
  boolean remove(T item) {
    if (items.remove(item)) {
      free.release();
      return true;
    }
    return false;
  }

  /** The items from the oldest, weakly consistent (as {@link ConcurrentLinkedQueue#iterator()}). */
  @Override
  public java.util.Iterator<T> iterator() {
    return items.iterator();
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** Free places now (one volatile read). */
  int free() {
    return free.availablePermits();
  }
}
