package io.logdx.core.pipeline;

import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.LogdxThread;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The queue and the dispatcher of {@link AppenderCore}: a bounded queue filled by logging threads, and one dispatcher
 * thread that diagnoses events off the logging thread and hands them on <em>in the order they were logged</em>.
 *
 * <p>How an event travels: the logging thread calls {@link #offer} (an enqueue; on a full queue the
 * {@link OverflowPolicy} decides). The dispatcher takes events in order, starts the diagnosis of each event
 * that carries a throwable (parse, mask, fingerprint on the dispatcher; the models on the engine's workers,
 * through its cache, so several distinct failures are diagnosed at once), and delivers the oldest event as soon
 * as its diagnosis is complete, or with status {@code pending} once its time budget has run out. A late
 * diagnosis then comes as a follow-up event. A cache hit is a completed future: it adds no waiting.
 *
 * <p>Events without a throwable wait only for the events logged before them.
 *
 * <p>{@link #close} stops intake, delivers everything queued (diagnoses that are not ready by the drain
 * deadline go on as pending), and returns; every received event is delivered exactly once.
 *
 * @param <E> the framework's event type
 */
final class DiagnosisPipeline<E> implements AutoCloseable {
  private static final AtomicInteger IDS = new AtomicInteger();

  /** The diagnosis of an event whose diagnosis could not even start (its fields: status error only). */
  static final Diagnosis NOT_STARTED =
      Diagnosis.builder(Diagnosis.Status.ERROR, "", "none").error("diagnosis not started").build();

  /** Upper bound of events whose diagnosis may be in flight at once, whatever the queue size. */
  private static final int MAX_IN_FLIGHT = 4096;

  /**
   * How long the dispatcher spins for new events before it sleeps, once its naps are over: 2 µs. A longer spin
   * keeps a whole core busy that the application, its garbage collector and its compiler need on a small machine;
   * none at all made logging threads pay for waking it more often. Chosen by the logging-thread benchmark, see
   * benchmarks/RESULTS.md ("Dispatcher spin and nap").
   */
  private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(2);

  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * While events keep coming (the dispatcher had work within the last {@link #NAP_WINDOW_NANOS}), it naps instead
   * of spinning or sleeping: a timed park of this length that logging threads let run out (they wake it only when
   * the queue is half full), after which it takes the whole batch that came meanwhile. Spinning kept it in
   * lockstep with a thread logging back to back, both ends of the queue on the same cache lines and each event a
   * hand-over; sleeping made such a thread pay a system call (unpark) for many events. A nap delays an event by at
   * most this much. The A/B runs behind this choice are in benchmarks/RESULTS.md ("Dispatcher spin and nap").
   */
  private static final long NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

  /**
   * How long after its last work the dispatcher naps; then it spins briefly and sleeps until woken, so that an
   * idle or slowly logging service costs a few timed wake-ups per event at most.
   */
  private static final long NAP_WINDOW_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final Diagnoser diagnoser;
  private final PipelineSink<E> sink;
  private final ExceptionFilter filter;
  private final OverflowPolicy overflowPolicy;
  private final long budgetNanos;
  private final long maxBlockNanos;
  private final long drainNanos;
  private final boolean followUps;

  /**
   * Events moved from the queue into the in-flight window at most; no more than the queue holds, so that
   * {@code queueSize} bounds what the pipeline holds (twice that at most) and a stalled head fills the queue.
   */
  private final int maxInFlight;

  private final BoundedQueue<Entry<E>> queue;
  private final int queueCapacity;
  private final ArrayDeque<Entry<E>> inFlight = new ArrayDeque<>();
  private final ConcurrentLinkedQueue<Entry<E>> late = new ConcurrentLinkedQueue<>();

  /** Pending events whose follow-up has not been written yet; a drain waits for them up to its deadline. */
  private final AtomicInteger awaitingFollowUp = new AtomicInteger();

  private final int maxFollowUps;
  private final OccurrenceCounter occurrences;
  private final LogdxThread dispatcher;

  private volatile boolean sleeping;

  /** The dispatcher is in a nap (see {@link #NAP_NANOS}): logging threads do not wake it. */
  private volatile boolean napping;

  /** When the dispatcher last had work (its own field). */
  private long lastWork = System.nanoTime();

  /** A napping dispatcher is woken when fewer places than this are free: half the queue. */
  private final int wakeBelowFree;

  private volatile boolean stopping;

  /** Set by the dispatcher as it ends; an event that gets into the queue after that is taken back by its offer. */
  private volatile boolean exited;

  private volatile long drainDeadline = Long.MAX_VALUE;

  private final LongAdder received = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder enriched = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder pending = new LongAdder();
  private final LongAdder followUpCount = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder failedHandOns = new LongAdder();
  private final LongAdder overflowed = new LongAdder();
  private final LongAdder refused = new LongAdder();

  /** Prefix of this pipeline's event ids: random per start, so ids stay unique across restarts and JVMs. */
  private final String eventIdPrefix = String.format("%08x", ThreadLocalRandom.current().nextInt());

  /** Sequence of event ids; only the dispatcher mints them (pending events go on from the dispatcher only). */
  private long eventIdSequence;

  private static final class Entry<E> {
    final E event;
    final Throwable throwable;
    Failure failure;
    CompletableFuture<Diagnosis> future;

    /** Set by the dispatcher when the event goes on pending with a follow-up to come. */
    String eventId;

    boolean hitAtStart;
    long deadline;

    /** The diagnosis could not even start: the event goes on with status error. */
    boolean notStarted;

    Entry(E event, Throwable throwable) {
      this.event = event;
      this.throwable = throwable;
    }
  }

  /**
   * Starts the pipeline and its dispatcher thread.
   *
   * @param diagnoser the engine (owned by the caller)
   * @param sink how events are handed on
   * @param filter which throwables are diagnosed
   * @param settings queue size, overflow policy, time budget, maximum block, drain timeout, follow-ups, occurrence
   *     window
   * @param name a name for the dispatcher thread ({@code logdx-dispatcher-<name>})
   */
  DiagnosisPipeline(
      Diagnoser diagnoser,
      PipelineSink<E> sink,
      ExceptionFilter filter,
      AppenderSettings settings,
      String name) {
    int queueSize = settings.queueSize();
    this.diagnoser = Objects.requireNonNull(diagnoser, "diagnoser");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.filter = filter == null ? ExceptionFilter.all() : filter;
    this.overflowPolicy = settings.overflowPolicy();
    this.budgetNanos = Math.max(0, settings.timeBudget().toNanos());
    this.maxBlockNanos = Math.max(0, settings.maxBlock().toNanos());
    this.drainNanos = Math.max(0, settings.drainTimeout().toNanos());
    this.followUps = settings.followUps();
    this.queue = new BoundedQueue<>(queueSize);
    this.queueCapacity = queueSize;
    this.wakeBelowFree = Math.max(1, queueSize / 2);
    this.maxInFlight = Math.min(MAX_IN_FLIGHT, queueSize);
    this.maxFollowUps = Math.max(1024, queueSize);
    this.occurrences = new OccurrenceCounter(settings.occurrenceWindow(), 100_000);
    this.dispatcher =
        new LogdxThread(
            this::run,
            "logdx-dispatcher-" + (name == null ? "" : name + "-") + IDS.incrementAndGet(),
            settings.dispatcherStackSize());
    this.dispatcher.start();
  }

  /**
   * Called on the logging thread: queues an event. Never throws and never blocks beyond the overflow policy.
   *
   * @param event the event, already prepared for deferred processing
   * @param throwable the throwable to diagnose, or {@code null} for an event to pass on in order, undiagnosed
   * @return true when the pipeline took the event (queued, or handed on at once under the overflow policy);
   *     false when it is stopping: the event is the caller's to hand on
   */
  boolean offer(E event, Throwable throwable) {
    Entry<E> e = new Entry<>(event, throwable);
    boolean queued = !stopping && queue.offer(e);
    if (!queued && !stopping && overflowPolicy == OverflowPolicy.BLOCK && maxBlockNanos > 0) {
      try {
        queued = queue.offer(e, maxBlockNanos);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
    if (queued && exited && queue.remove(e)) {
      // the drain ended between the stopping check and the enqueue: nobody would deliver it
      return false;
    }
    if (!queued && stopping) return false;
    if (queued) {
      received.increment();
      if (sleeping || napping && queue.free() < wakeBelowFree) LockSupport.unpark(dispatcher);
      return true;
    }
    if (overflowPolicy == OverflowPolicy.ENRICH_CACHED
        && throwable != null
        && !stopping
        && enrichOnCaller(event, throwable)) {
      return true; // handed on, enriched from the cache
    }
    overflowed.increment();
    try {
      sink.deliverOverflow(event, throwable != null);
    } catch (RuntimeException ex) {
      sink.reportProblem("could not pass on an overflowing event", ex);
    }
    return true;
  }

  /**
   * {@link OverflowPolicy#ENRICH_CACHED} on the logging thread: delivers the event enriched when its failure's
   * diagnosis is cached. Never runs a model and never throws; false when the event is to be passed on as overflow.
   */
  private boolean enrichOnCaller(E event, Throwable throwable) {
    Diagnosis d;
    try {
      if (!filter.accepts(throwable)) return false;
      Failure f = diagnoser.parse(throwable);
      // A cached diagnosis comes at once (re-explained for this occurrence's values: stage 2 only).
      // A never-seen failure starts its diagnosis on the engine's workers, within their budget, and
      // this event goes on as overflow: the next occurrences find it cached instead of waiting
      // behind the full queue.
      d = diagnoser.diagnoseIfCached(f).orElse(null);
      if (d == null || d.status() != Diagnosis.Status.OK) return false;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
    long n = occurrences.record(d.fingerprint(), System.nanoTime());
    received.increment();
    enriched.increment();
    cacheHits.increment();
    handOn(event, d, n, null);
    return true;
  }

  /**
   * Counters since start.
   *
   * @param passedThrough events the appender handed on without the pipeline (they count as received)
   * @param model the model id to show
   */
  Counters stats(long passedThrough, String model) {
    long over = overflowed.sum();
    return new Counters(
        received.sum() + over + passedThrough,
        delivered.sum(),
        failedHandOns.sum(),
        enriched.sum(),
        cacheHits.sum(),
        pending.sum(),
        followUpCount.sum(),
        skipped.sum(),
        failed.sum(),
        over,
        refused.sum(),
        passedThrough,
        outstanding(),
        queueCapacity,
        model);
  }

  /** True until {@link #close()} was called. */
  boolean isRunning() {
    return !stopping;
  }

  /**
   * Stops intake and delivers everything queued within the drain timeout given at construction (diagnoses not
   * ready by then go on as pending, without follow-up). Idempotent.
   *
   * @return true when every received event was delivered
   */
  boolean drainAndStop() {
    if (!stopping) {
      drainDeadline = System.nanoTime() + drainNanos;
      stopping = true;
    }
    LockSupport.unpark(dispatcher);
    try {
      dispatcher.join(TimeUnit.NANOSECONDS.toMillis(drainNanos) + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = outstanding();
    if (left > 0) {
      sink.reportProblem(left + " events were still undelivered when the drain timed out", null);
    }
    return left == 0;
  }

  /** Waits for a drain under way to end (at most its timeout); reports nothing. Never called on logdx's threads. */
  void awaitDrain() {
    if (!stopping) return;
    try {
      dispatcher.join(TimeUnit.NANOSECONDS.toMillis(drainNanos) + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    drainAndStop();
  }

  private void run() {
    while (true) {
      boolean progressed = false;
      try {
        progressed |= intake();
        progressed |= deliverReady();
        progressed |= deliverLate();
      } catch (Throwable e) {
        // the dispatcher must outlive anything a wrapped appender throws
        sink.reportProblem("dispatcher error", e);
      }
      if (stopping
          && queue.isEmpty()
          && inFlight.isEmpty()
          && (awaitingFollowUp.get() == 0 || System.nanoTime() - drainDeadline >= 0)) {
        exited = true;
        // re-checked after announcing the exit: an offer that raced with it is delivered here or
        // taken back
        if (queue.isEmpty()) {
          // follow-ups still outstanding at the drain deadline are given up: their events went on
          // as pending
          int dropped = awaitingFollowUp.get();
          if (dropped > 0) {
            sink.reportProblem(
                dropped + " follow-up diagnoses were not ready when the drain ended", null);
          }
          late.clear();
          return;
        }
        exited = false;
        continue;
      }
      if (progressed) {
        lastWork = System.nanoTime();
      } else {
        park();
      }
    }
  }

  /** Moves queued events in order into the in-flight window and starts their diagnoses. */
  private boolean intake() {
    boolean any = false;
    Entry<E> e;
    while (inFlight.size() < maxInFlight && (e = queue.poll()) != null) {
      try {
        start(e);
      } catch (RuntimeException | LinkageError ex) {
        // the event is out of the queue: it must still be delivered, with status error, rather than
        // be lost
        e.future = null;
        e.notStarted = true;
        sink.reportProblem("could not start a diagnosis", ex);
      }
      inFlight.addLast(e);
      any = true;
    }
    return any;
  }

  private void start(Entry<E> e) {
    if (e.throwable == null) return;
    if (!filter.accepts(e.throwable)) {
      e.future = CompletableFuture.completedFuture(Outcomes.skipped(diagnoser.modelId()));
      return;
    }
    if (stopping && System.nanoTime() - drainDeadline >= 0) {
      // The drain ran out of time: what is left goes on at once, undiagnosed (pending, no
      // follow-up), rather than being parsed one by one past the bound or, worse, dropped.
      e.future = CompletableFuture.completedFuture(Outcomes.stopped(diagnoser.modelId()));
      return;
    }
    e.failure = diagnoser.parse(e.throwable);
    // a hit is a diagnosis that was complete before this event asked; a fresh one that happens to
    // finish before isDone() is looked at is not
    boolean cachedBefore = diagnoser.cached(e.failure.fingerprint()).isPresent();
    e.future = diagnoser.diagnose(e.failure);
    e.hitAtStart = cachedBefore && e.future.isDone();
    e.deadline = System.nanoTime() + budgetNanos;
    if (!e.future.isDone()) {
      e.future.whenComplete((d, t) -> wake());
    }
  }

  /** Delivers, oldest first, every event whose diagnosis is complete or whose budget ran out. */
  private boolean deliverReady() {
    boolean any = false;
    Entry<E> head;
    while ((head = inFlight.peekFirst()) != null) {
      long now = System.nanoTime();
      if (head.future == null) {
        if (head.notStarted) {
          failed.increment();
          deliverNotStarted(head.event);
        } else {
          handOn(head.event, null, 0, null);
        }
      } else if (head.future.isDone()) {
        Diagnosis d = head.future.getNow(null);
        if (d == null) {
          // cannot happen with the engine (its futures never fail); counted and passed on with
          // status error
          failed.increment();
          deliverNotStarted(head.event);
        } else if (d.status() == Diagnosis.Status.SKIPPED) {
          skipped.increment();
          handOn(head.event, d, 0, null);
        } else if (d.status() == Diagnosis.Status.PENDING) {
          // left undiagnosed by a drain that ran out of time
          pending.increment();
          handOn(head.event, d, 0, null);
        } else {
          // a failure refused model time is counted only once logdx counts it (see recordIfCounted)
          long n =
              d.status() == Diagnosis.Status.REFUSED
                  ? occurrences.recordIfCounted(d.fingerprint(), now)
                  : occurrences.record(d.fingerprint(), now);
          if (d.status() == Diagnosis.Status.OK) {
            enriched.increment();
            if (head.hitAtStart) cacheHits.increment();
          } else if (d.status() == Diagnosis.Status.REFUSED) {
            // a never-seen failure the engine had no model time (or backlog room) for: delivered,
            // in order
            refused.increment();
          } else {
            failed.increment();
          }
          handOn(head.event, d, n, null);
        }
      } else if (now - head.deadline >= 0 || (stopping && now - drainDeadline >= 0)) {
        long n = occurrences.record(head.failure.fingerprint(), now);
        pending.increment();
        // Each awaited follow-up keeps its event (and throwable) alive until the diagnosis lands;
        // under a flood of never-seen failures that would grow without end, so at most maxFollowUps
        // are awaited at once and further pending events go on without a follow-up (counted as
        // pending all the same), and without an event id: an id promises a follow-up.
        boolean followUp =
            followUps
                && awaitingFollowUp.get() < maxFollowUps
                && !(stopping && now - drainDeadline >= 0);
        String id = followUp ? eventIdPrefix + "-" + (++eventIdSequence) : null;
        handOn(head.event, Outcomes.pending(head.failure, diagnoser.modelId()), n, id);
        if (followUp) {
          awaitingFollowUp.incrementAndGet();
          Entry<E> h = head;
          h.eventId = id;
          head.future.whenComplete(
              (d, t) -> {
                late.add(h);
                wake();
              });
        }
      } else {
        break;
      }
      inFlight.pollFirst();
      any = true;
    }
    return any;
  }

  private boolean deliverLate() {
    boolean any = false;
    Entry<E> e;
    while ((e = late.poll()) != null) {
      awaitingFollowUp.decrementAndGet();
      Diagnosis d = e.future.getNow(null);
      if (d == null) continue;
      try {
        followUpCount.increment();
        // the follow-up is no new occurrence: it reports the count without adding to it
        sink.deliverFollowUp(
            e.event, d, occurrences.count(d.fingerprint(), System.nanoTime()), e.eventId);
      } catch (Throwable ex) {
        sink.reportProblem("could not write a follow-up diagnosis", ex);
      }
      any = true;
    }
    return any;
  }

  /**
   * Events received and not yet delivered: every received event (queued, or enriched by its logging thread) is
   * delivered exactly once. Derived from the two counters rather than kept in a third that the logging threads and
   * the dispatcher would both write for every event (a cache line passed between their cores each time).
   */
  private int outstanding() {
    return (int) Math.max(0, received.sum() - delivered.sum());
  }

  /** Hands one event to the sink, counted as delivered; a failing wrapped appender is reported, never thrown. */
  private void handOn(E event, Diagnosis d, long n, String eventId) {
    try {
      sink.deliver(event, d, n, eventId);
    } catch (Throwable ex) {
      // any Throwable, Errors included: a StackOverflowError of an encoder on a deep cause chain or
      // an
      // AssertionError of a wrapped appender must cost that event, not the dispatcher and every
      // event
      // queued behind it
      reportFailedHandOn(ex);
    } finally {
      delivered.increment();
    }
  }

  private void reportFailedHandOn(Throwable ex) {
    try {
      sink.reportProblem("a wrapped appender failed", ex);
    } catch (Throwable again) {
      // reporting itself failed (out of memory, say): the next event goes on all the same
    }
  }

  /** Hands on an event whose diagnosis could not start: with status error, never plainly. */
  private void deliverNotStarted(E event) {
    try {
      sink.deliver(event, NOT_STARTED, 0, null);
    } catch (Throwable ex) {
      reportFailedHandOn(ex);
    } finally {
      delivered.increment();
    }
  }

  private void park() {
    // a drain (stopping) never naps: it parks until its next deadline or a completed diagnosis
    // wakes it
    if (!stopping && System.nanoTime() - lastWork < NAP_WINDOW_NANOS) {
      napping = true;
      try {
        if (!workWaiting()) LockSupport.parkNanos(this, NAP_NANOS);
      } finally {
        napping = false;
      }
      return;
    }
    // A short spin first: while events keep coming back to back, the dispatcher stays awake, so
    // logging threads find it awake and need not wake it (an unpark is a system call on the logging
    // thread). Bounded to SPIN_NANOS, then it parks as before.
    long spinUntil = System.nanoTime() + SPIN_NANOS;
    while (queue.isEmpty() && late.isEmpty() && System.nanoTime() - spinUntil < 0) {
      Thread.onSpinWait();
    }
    if (!queue.isEmpty() && inFlight.size() < maxInFlight) return;
    sleeping = true;
    try {
      if (workWaiting()) return;
      Entry<E> head = inFlight.peekFirst();
      long wait = IDLE_PARK_NANOS;
      if (head != null && head.future != null) {
        long until = stopping ? Math.min(head.deadline, drainDeadline) : head.deadline;
        wait = Math.max(1, Math.min(wait, until - System.nanoTime()));
      }
      if (stopping && head == null) {
        // only follow-ups left: wait for them, but never past the drain deadline
        if (awaitingFollowUp.get() == 0) return;
        wait = Math.max(1, Math.min(wait, drainDeadline - System.nanoTime()));
      }
      LockSupport.parkNanos(this, wait);
    } finally {
      sleeping = false;
    }
  }

  /**
   * Whether the dispatcher has something to do now: a late diagnosis, a completed head, or a queued event while the
   * in-flight window has room (with the window full, a queued event waits for the head).
   */
  private boolean workWaiting() {
    if (!late.isEmpty() || !queue.isEmpty() && inFlight.size() < maxInFlight) return true;
    Entry<E> head = inFlight.peekFirst();
    return head != null && head.future != null && head.future.isDone();
  }

  private void wake() {
    if (sleeping) LockSupport.unpark(dispatcher);
  }
}
