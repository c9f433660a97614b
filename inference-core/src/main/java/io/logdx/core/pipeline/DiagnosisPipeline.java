package io.logdx.core.pipeline;

import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.LogdxThread;
import io.logdx.core.engine.Diagnoser;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The framework-neutral heart of the appenders: a bounded queue filled by logging threads, and one dispatcher
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
public final class DiagnosisPipeline<E> implements AutoCloseable {
  /** Default queue capacity: {@value}. */
  public static final int DEFAULT_QUEUE_SIZE = 1024;
  /** Default time budget per event in milliseconds: {@value}. */
  public static final long DEFAULT_TIME_BUDGET_MILLIS = 50;
  /** Default longest wait of a logging thread under {@link OverflowPolicy#BLOCK}, in milliseconds: {@value}. */
  public static final long DEFAULT_MAX_BLOCK_MILLIS = 100;
  /** Default bound of {@link #close}'s drain, in milliseconds: {@value}. */
  public static final long DEFAULT_DRAIN_TIMEOUT_MILLIS = 5_000;
  /** Default sliding window of {@code diagnosis.occurrences}, in seconds: {@value}. */
  public static final long DEFAULT_OCCURRENCE_WINDOW_SECONDS = 60;

  private static final AtomicInteger IDS = new AtomicInteger();
  /** Upper bound of events whose diagnosis may be in flight at once, whatever the queue size. */
  private static final int MAX_IN_FLIGHT = 4096;
  /**
   * How long the dispatcher spins for new events before it sleeps, once its naps are over. Measured (before the
   * naps) on the 2-core build machine with events logged back to back (LoggingThreadBenchmark, no throwable,
   * 4 forks each, the async appender in the same run): 20 µs made the logging thread 1.47 (Logback) / 1.50
   * (Log4j2) times as slow as the framework's async appender, 2 µs 0.90 / 1.28 (medians 0.87 / 1.10), no spin
   * 1.13 / 1.22: a longer spin keeps a whole core busy that the application, its garbage collector and its
   * compiler need on a small machine.
   */
  private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(2);
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /**
   * While events keep coming (the dispatcher had work within the last {@link #NAP_WINDOW_NANOS}), it naps instead
   * of spinning or sleeping: a timed park of this length that logging threads let run out (they wake it only when
   * the queue is half full), after which it takes the whole batch that came meanwhile. Spinning kept it in
   * lockstep with a thread logging back to back, both ends of the queue on the same cache lines and each event a
   * hand-over; sleeping made such a thread pay a system call (unpark) for many events. A/B of two jars on events
   * without a throwable, the async appender in the same run, five rounds of 2 forks (Logback / Log4j2; the first
   * three with a 1 ms nap window): spin then sleep 1.10, 1.11, 1.47, 1.07, 1.08 / 2.64, 1.39, 1.02, 1.26, 2.01;
   * nap 0.51, 1.20, 0.88, 0.77, 1.33 / 0.94, 0.79, 1.04, 0.75, 1.09. Never-seen failures, last two rounds:
   * 1.24, 1.01 / 1.18, 1.15 before, 1.11, 1.15 / 1.20, 0.92 with naps. A nap delays an event by at most this much.
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
  private final LongAdder overflowed = new LongAdder();

  private static final class Entry<E> {
    final E event;
    final Throwable throwable;
    Failure failure;
    CompletableFuture<Diagnosis> future;
    boolean hitAtStart;
    long deadline;

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
   * @param queueSize queue capacity
   * @param overflowPolicy what a logging thread does on a full queue
   * @param timeBudget how long the dispatcher waits for one event's diagnosis before it goes on as pending
   * @param maxBlock longest wait under {@link OverflowPolicy#BLOCK}
   * @param drainTimeout bound of {@link #close()}
   * @param followUps whether late diagnoses are written as follow-up events
   * @param occurrenceWindow sliding window of the occurrence count
   * @param name a name for the dispatcher thread ({@code logdx-dispatcher-<name>})
   */
  public DiagnosisPipeline(Diagnoser diagnoser, PipelineSink<E> sink, ExceptionFilter filter, int queueSize,
      OverflowPolicy overflowPolicy, Duration timeBudget, Duration maxBlock, Duration drainTimeout, boolean followUps,
      Duration occurrenceWindow, String name) {
    if (queueSize < 1) throw new IllegalArgumentException("queueSize must be >= 1: " + queueSize);
    this.diagnoser = Objects.requireNonNull(diagnoser, "diagnoser");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.filter = filter == null ? ExceptionFilter.all() : filter;
    this.overflowPolicy = overflowPolicy == null ? OverflowPolicy.PASS_THROUGH : overflowPolicy;
    this.budgetNanos = Math.max(0, timeBudget.toNanos());
    this.maxBlockNanos = Math.max(0, maxBlock.toNanos());
    this.drainNanos = Math.max(0, drainTimeout.toNanos());
    this.followUps = followUps;
    this.queue = new BoundedQueue<>(queueSize);
    this.wakeBelowFree = Math.max(1, queueSize / 2);
    this.maxInFlight = Math.min(MAX_IN_FLIGHT, queueSize);
    this.maxFollowUps = Math.max(1024, queueSize);
    this.occurrences = new OccurrenceCounter(occurrenceWindow, 100_000);
    this.dispatcher = new LogdxThread(this::run,
        "logdx-dispatcher-" + (name == null ? "" : name + "-") + IDS.incrementAndGet());
    this.dispatcher.start();
  }

  /**
   * Called on the logging thread: queues an event. Never throws and never blocks beyond the overflow policy.
   *
   * @param event the event, already prepared for deferred processing
   * @param throwable the throwable to diagnose, or {@code null} for an event to pass on in order, undiagnosed
   * @return true when queued, false when it went on at once (queue full, or pipeline stopped)
   */
  public boolean offer(E event, Throwable throwable) {
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
      // the drain ended between the stopping check and the enqueue: nobody would deliver it, so it goes on now
      queued = false;
    }
    if (queued) {
      received.increment();
      if (sleeping || napping && queue.free() < wakeBelowFree) LockSupport.unpark(dispatcher);
      return true;
    }
    if (overflowPolicy == OverflowPolicy.ENRICH_CACHED && throwable != null && !stopping
        && enrichOnCaller(event, throwable)) {
      return false;
    }
    overflowed.increment();
    try {
      sink.deliverOverflow(event);
    } catch (RuntimeException ex) {
      sink.reportProblem("could not pass on an overflowing event", ex);
    }
    return false;
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
      // A cached diagnosis comes at once (re-explained for this occurrence's values: stage 2 only). A never-seen
      // failure starts its diagnosis on the engine's workers, within their budget, and this event goes on as
      // overflow: the next occurrences find it cached instead of waiting behind the full queue.
      d = diagnoser.diagnoseIfCached(f).orElse(null);
      if (d == null || d.status() != Diagnosis.Status.OK) return false;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
    long n = occurrences.record(d.fingerprint(), System.nanoTime());
    received.increment();
    enriched.increment();
    cacheHits.increment();
    handOn(event, d, n);
    return true;
  }

  /** Counters since start. */
  public PipelineStats stats() {
    return new PipelineStats(received.sum(), delivered.sum(), enriched.sum(), cacheHits.sum(), pending.sum(),
        followUpCount.sum(), skipped.sum(), failed.sum(), overflowed.sum(), outstanding());
  }

  /** True until {@link #close()} was called. */
  public boolean isRunning() {
    return !stopping;
  }

  /**
   * Stops intake and delivers everything queued within the drain timeout given at construction (diagnoses not
   * ready by then go on as pending, without follow-up). Idempotent.
   *
   * @return true when every received event was delivered
   */
  public boolean drainAndStop() {
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
      } catch (RuntimeException | LinkageError e) {
        sink.reportProblem("dispatcher error", e);
      }
      if (stopping && queue.isEmpty() && inFlight.isEmpty()
          && (awaitingFollowUp.get() == 0 || System.nanoTime() - drainDeadline >= 0)) {
        exited = true;
        // re-checked after announcing the exit: an offer that raced with it is delivered here or taken back
        if (queue.isEmpty()) {
          // follow-ups still outstanding at the drain deadline are given up: their events went on as pending
          int dropped = awaitingFollowUp.get();
          if (dropped > 0) {
            sink.reportProblem(dropped + " follow-up diagnoses were not ready when the drain ended", null);
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
        // the event is out of the queue: it must still be delivered, plainly, rather than be lost
        e.future = null;
        failed.increment();
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
      e.future = CompletableFuture.completedFuture(skippedDiagnosis());
      return;
    }
    if (stopping && System.nanoTime() - drainDeadline >= 0) {
      // The drain ran out of time: what is left goes on at once, undiagnosed (pending, no follow-up), rather
      // than being parsed one by one past the bound or, worse, dropped.
      e.future = CompletableFuture.completedFuture(stoppedDiagnosis());
      return;
    }
    e.failure = diagnoser.parse(e.throwable);
    // a hit is a diagnosis that was complete before this event asked; a fresh one that happens to finish
    // before isDone() is looked at is not
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
        handOn(head.event, null, 0);
      } else if (head.future.isDone()) {
        Diagnosis d = head.future.getNow(null);
        if (d == null) {
          // cannot happen with the engine (its futures never fail); count it and pass the event on plainly
          failed.increment();
          handOn(head.event, null, 0);
        } else if (d.status() == Diagnosis.Status.SKIPPED) {
          skipped.increment();
          handOn(head.event, d, 0);
        } else if (d.status() == Diagnosis.Status.PENDING) {
          // left undiagnosed by a drain that ran out of time
          pending.increment();
          handOn(head.event, d, 0);
        } else {
          // a failure passed on for lack of model time is counted only once logdx counts it (see recordIfCounted)
          long n = d.status() == Diagnosis.Status.OVERFLOW ? occurrences.recordIfCounted(d.fingerprint(), now)
              : occurrences.record(d.fingerprint(), now);
          if (d.status() == Diagnosis.Status.OK) {
            enriched.increment();
            if (head.hitAtStart) cacheHits.increment();
          } else if (d.status() == Diagnosis.Status.OVERFLOW) {
            // the engine's backlog was full or its model-time budget spent: a never-seen failure went on plainly
            overflowed.increment();
          } else {
            failed.increment();
          }
          handOn(head.event, d, n);
        }
      } else if (now - head.deadline >= 0 || (stopping && now - drainDeadline >= 0)) {
        long n = occurrences.record(head.failure.fingerprint(), now);
        pending.increment();
        handOn(head.event, pendingDiagnosis(head.failure), n);
        // Each awaited follow-up keeps its event (and throwable) alive until the diagnosis lands; under a flood
        // of never-seen failures that would grow without end, so at most maxFollowUps are awaited at once and
        // further pending events go on without a follow-up (counted as pending all the same).
        if (followUps && awaitingFollowUp.get() < maxFollowUps && !(stopping && now - drainDeadline >= 0)) {
          awaitingFollowUp.incrementAndGet();
          Entry<E> h = head;
          head.future.whenComplete((d, t) -> {
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
        sink.deliverFollowUp(e.event, d, occurrences.count(d.fingerprint(), System.nanoTime()));
      } catch (RuntimeException ex) {
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
  private void handOn(E event, Diagnosis d, long n) {
    try {
      sink.deliver(event, d, n);
    } catch (RuntimeException ex) {
      sink.reportProblem("a wrapped appender failed", ex);
    } finally {
      delivered.increment();
    }
  }

  private void park() {
    // a drain (stopping) never naps: it parks until its next deadline or a completed diagnosis wakes it
    if (!stopping && System.nanoTime() - lastWork < NAP_WINDOW_NANOS) {
      napping = true;
      try {
        if (!workWaiting()) LockSupport.parkNanos(this, NAP_NANOS);
      } finally {
        napping = false;
      }
      return;
    }
    // A short spin first: while events keep coming back to back, the dispatcher stays awake, so logging threads
    // find it awake and need not wake it (an unpark is a system call on the logging thread). Bounded to
    // SPIN_NANOS, then it parks as before.
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

  private Diagnosis pendingDiagnosis(Failure f) {
    Diagnosis.Status st = Diagnosis.Status.PENDING;
    return new Diagnosis(st, java.util.List.of(), f.rootCause().map(n -> n.type()).orElse(null),
        f.rootCause().map(n -> n.message()).orElse(null), f.location().orElse(null), "", "", f.fingerprint(),
        diagnoser.modelId(), java.util.Locale.ROOT, "not ready within the time budget");
  }

  private Diagnosis stoppedDiagnosis() {
    return new Diagnosis(Diagnosis.Status.PENDING, java.util.List.of(), null, null, null, "", "", "",
        diagnoser.modelId(), java.util.Locale.ROOT, "not diagnosed: the appender was stopping");
  }

  private Diagnosis skippedDiagnosis() {
    return new Diagnosis(Diagnosis.Status.SKIPPED, java.util.List.of(), null, null, null, "", "", "",
        diagnoser.modelId(), java.util.Locale.ROOT, null);
  }
}
