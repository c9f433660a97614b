package io.logdx.core.pipeline;

import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.LogdxThread;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue and the dispatcher of {@link AppenderCore}: a bounded queue filled by logging threads, and one dispatcher
 * thread that diagnoses events off the logging thread and hands them on <em>in the order they were logged</em>.
 *
 * <p>How an event travels: the logging thread calls {@link #offer} (an enqueue). The dispatcher takes events in
 * order, starts the diagnosis of each event that carries a throwable (parse, mask, fingerprint on the dispatcher;
 * the models on the engine's workers, through its cache, so several distinct failures are diagnosed at once), and
 * delivers the oldest event as soon as its diagnosis is complete, or with status {@code pending} once its time
 * budget has run out. A late diagnosis then comes as a follow-up event. A cache hit is a completed future: it adds
 * no waiting. Events without a throwable wait only for the events logged before them.
 *
 * <p><b>A full queue keeps each thread's order.</b> A logging thread that finds the queue full (after
 * {@code maxBlock} under {@link OverflowPolicy#BLOCK}) and still has events of its own in the pipeline does the
 * dispatcher's work up to its own last event: it delivers the events ahead of it, oldest first, each enriched when
 * its diagnosis is complete (a cache hit is), otherwise pending with a follow-up to come, and then queues its event
 * in the room it made. Only a thread with nothing left in the pipeline hands its event on at once (status
 * {@code overflow}, or enriched from the cache under {@link OverflowPolicy#ENRICH_CACHED}): it overtakes other
 * threads' events, never its own. Delivery is serialised by one lock, which the dispatcher holds per batch. The
 * work a logging thread may take on is bounded by what the pipeline holds (twice {@code queueSize} at most), and it
 * never waits for a model.
 *
 * <p><b>The dispatcher cannot take events with it.</b> Any {@code Throwable} of a wrapped appender costs that one
 * event (counted as a failed hand-on, reported) and the next goes on. Should the thread end anyway (its error
 * report failing, say, when even that runs out of memory), it is replaced by a new one that takes over the queue
 * and the events in flight, and that is reported as such.
 *
 * <p>{@link #close} stops intake, delivers everything queued (diagnoses that are not ready by the drain
 * deadline go on as pending), and returns; every received event is handed on exactly once.
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
   * Events the dispatcher moves from the queue into the in-flight window per turn of the delivery lock, so that a
   * logging thread waiting to help is held up by at most this many parses.
   */
  private static final int INTAKE_BATCH = 64;

  /**
   * How many times a dispatcher thread that ended is replaced before the pipeline gives up (then events go on
   * undiagnosed at once): a fault that kills every new thread must not turn into a loop of thread starts.
   */
  private static final int MAX_REPLACEMENTS = 100;

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

  /**
   * Serialises delivery: the dispatcher holds it for each turn of its loop, a logging thread that found the queue
   * full while its own events are still in it holds it while it delivers them (see the class comment). Guards
   * {@link #inFlight}, the occurrence counts and the event id sequence. Fair, and the dispatcher ends its batch
   * early when a logging thread waits: that thread waits for one event's work at most, not for a batch.
   */
  private final ReentrantLock delivery = new ReentrantLock(true);

  /** The last event each logging thread queued: it is done once every earlier event of that thread is. */
  private final ThreadLocal<Entry<E>> lastQueued = new ThreadLocal<>();

  private final String dispatcherName;
  private final long dispatcherStackSize;
  private volatile LogdxThread dispatcher;

  /** Set by a dispatcher thread that ends without having drained: the next offer or drain replaces it. */
  private volatile boolean dispatcherDead;

  /** Replacements so far (guarded by {@link #replacing}); past {@link #MAX_REPLACEMENTS} the pipeline is broken. */
  private int replacements;

  /** Dispatcher threads started after the first (guarded by {@link #replacing}), for their names. */
  private int generation;

  private final Object replacing = new Object();

  /** No dispatcher can be had: intake ends and events go on at once (see {@link #offer}). */
  private volatile boolean broken;

  /**
   * A wrapped appender threw a {@link VirtualMachineError} (a stack overflow, say) on the dispatcher thread: the
   * thread ends after this turn and a fresh one takes over (dispatcher's own field). Such an error can leave the
   * thread's state damaged: logstash-logback-encoder, after a stack overflow, writes the next event it encodes on
   * the same thread as nothing at all.
   */
  private Throwable retireAfter;

  private volatile boolean sleeping;

  /** The dispatcher is in a nap (see {@link #NAP_NANOS}): logging threads do not wake it. */
  private volatile boolean napping;

  /** When the dispatcher last had work (its own field). */
  private long lastWork = System.nanoTime();

  /** A napping dispatcher is woken when fewer places than this are free: half the queue. */
  private final int wakeBelowFree;

  /**
   * Under {@link OverflowPolicy#ENRICH_CACHED} a logging thread enriches its own event when fewer places than this
   * are free: the queue more than a quarter full, the dispatcher falling behind (see {@link #preEnrich}).
   */
  private final int preEnrichBelowFree;

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

  /** Queued events a logging thread passed on as overflow (see {@link Entry#passOn}); counted in received. */
  private final LongAdder overflowedQueued = new LongAdder();

  private final LongAdder refused = new LongAdder();

  /** Prefix of this pipeline's event ids: random per start, so ids stay unique across restarts and JVMs. */
  private final String eventIdPrefix = String.format("%08x", ThreadLocalRandom.current().nextInt());

  /** Sequence of event ids; only the dispatcher mints them (pending events go on from the dispatcher only). */
  private long eventIdSequence;

  private static final VarHandle CLAIMED;

  static {
    try {
      CLAIMED = MethodHandles.lookup().findVarHandle(Entry.class, "claimed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final class Entry<E> {
    E event;
    Throwable throwable;

    /**
     * The parsed throwable; set by the logging thread or the dispatcher before the entry is taken from the queue
     * (see {@link #prepare}), read under the delivery lock: volatile, as a logging thread that delivers ahead of
     * its own events may take the entry.
     */
    volatile Failure failure;

    CompletableFuture<Diagnosis> future;

    /** Its diagnosis, taken from the cache by its logging thread while the queue was filling up. */
    volatile Diagnosis ready;

    /** 1 once a thread took on parsing it (see {@link #preEnrich}): each entry is parsed once. */
    volatile int claimed;

    /** Set by the dispatcher when the event goes on pending with a follow-up to come. */
    String eventId;

    boolean hitAtStart;
    long deadline;

    /** The diagnosis could not even start: the event goes on with status error. */
    boolean notStarted;

    /** Handed on (written, or failed in a wrapped appender); every event queued before it is done too. */
    volatile boolean done;

    /**
     * Taken from the queue by a logging thread that delivers ahead of its own events under
     * {@link OverflowPolicy#PASS_THROUGH} or {@link OverflowPolicy#BLOCK}: it goes on at once, undiagnosed, as an
     * overflowing event does.
     */
    boolean passOn;

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
    this.preEnrichBelowFree = Math.max(1, queueSize - queueSize / 4);
    this.maxInFlight = Math.min(MAX_IN_FLIGHT, queueSize);
    this.maxFollowUps = Math.max(1024, queueSize);
    this.occurrences = new OccurrenceCounter(settings.occurrenceWindow(), 100_000);
    this.dispatcherName =
        "logdx-dispatcher-" + (name == null ? "" : name + "-") + IDS.incrementAndGet();
    this.dispatcherStackSize = settings.dispatcherStackSize();
    LogdxThread first = new LogdxThread(this::run, dispatcherName, dispatcherStackSize);
    this.dispatcher = first;
    first.start();
  }

  /**
   * Called on the logging thread: queues an event. Never throws and never blocks beyond the overflow policy; on a
   * full queue, delivers this thread's earlier events first (see the class comment).
   *
   * @param event the event, already prepared for deferred processing
   * @param throwable the throwable to diagnose, or {@code null} for an event to pass on in order, undiagnosed
   * @return true when the pipeline took the event (queued, or handed on at once under the overflow policy);
   *     false when it is stopping (or has no dispatcher left): the event is the caller's to hand on
   */
  boolean offer(E event, Throwable throwable) {
    if (dispatcherDead) replaceDispatcher(null, false);
    if (stopping || broken) return false;
    Entry<E> e = new Entry<>(event, throwable);
    if (overflowPolicy == OverflowPolicy.ENRICH_CACHED
        && throwable != null
        && queue.free() < preEnrichBelowFree) {
      preEnrich(e);
    }
    boolean queued = queue.offer(e);
    if (!queued && overflowPolicy == OverflowPolicy.BLOCK && maxBlockNanos > 0) {
      try {
        queued = queue.offer(e, maxBlockNanos);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
    if (!queued) {
      Entry<E> mine = lastQueued.get();
      if (mine != null && !mine.done && !stopping) {
        // This thread's own events are still queued or in flight: handing this one on now would
        // put it before them. Deliver up to them instead, then queue it in the room that made.
        helpUntil(mine);
        queued = !stopping && queue.offer(e);
      }
    }
    if (queued) return accepted(e);
    if (stopping) return false;
    // Nothing of this thread's is left in the pipeline: its event may go on at once without
    // overtaking one of its own.
    if (overflowPolicy == OverflowPolicy.ENRICH_CACHED
        && throwable != null
        && enrichOnCaller(event, throwable)) {
      return true; // handed on, enriched from the cache
    }
    overflowed.increment();
    try {
      sink.deliverOverflow(event, throwable != null);
    } catch (Throwable ex) {
      reportQuietly("could not pass on an overflowing event", ex);
    }
    return true;
  }

  /**
   * The dispatcher's costly part, done before it takes the delivery lock: parses the throwables of the events at
   * the head of the queue (and takes a cached diagnosis at once), so that under the lock, which logging threads
   * may be waiting for, it only looks up and hands on. With more logging threads than cores, a lock held through
   * a parse was a lock held while its thread was descheduled. The entries stay in the queue; one a logging thread
   * takes meanwhile is handed on as that thread hands it on.
   *
   * @return whether it prepared any
   */
  private boolean prepareAhead() {
    int seen = 0;
    int prepared = 0;
    for (Entry<E> e : queue) {
      if (seen++ >= INTAKE_BATCH || stopping) break;
      if (e.throwable == null || e.ready != null || e.failure != null) continue;
      preEnrich(e);
      prepared++;
    }
    return prepared > 0;
  }

  /**
   * {@link OverflowPolicy#ENRICH_CACHED} with the queue more than half full (the dispatcher falling behind): the
   * logging thread parses its event's throwable and takes its diagnosis from the cache itself (a few microseconds,
   * never a model run), so that the dispatcher only hands the event on. The work is shared out as the load
   * demands: the fuller the queue, the more of it the logging threads do, in parallel, and an exception storm of
   * known failures stays enriched. A miss keeps the parse for the dispatcher.
   */
  private void preEnrich(Entry<E> e) {
    // read once: a logging thread that hands the entry on meanwhile lets go of it
    Throwable t = e.throwable;
    if (t == null || !CLAIMED.compareAndSet(e, 0, 1)) return;
    try {
      if (!filter.accepts(t)) return;
      Failure f = diagnoser.parse(t);
      // only a diagnosis that was cached before this event asked is taken here (and counted as a
      // cache hit): one the rules compute on the spot is the dispatcher's to start, in its turn
      Diagnosis d =
          diagnoser.cached(f.fingerprint()).isPresent()
              ? diagnoser.diagnoseIfCached(f).orElse(null)
              : null;
      if (d != null && d.status() == Diagnosis.Status.OK) {
        e.ready = d;
      } else {
        e.failure = f;
      }
    } catch (RuntimeException | LinkageError ex) {
      // left to the dispatcher, which reports what it cannot do
    }
  }

  /** A queued event: counted, remembered as this thread's last, the dispatcher woken if it sleeps. */
  private boolean accepted(Entry<E> e) {
    if (exited && queue.remove(e)) {
      // the drain ended between the stopping check and the enqueue: nobody would deliver it
      return false;
    }
    received.increment();
    lastQueued.set(e);
    if (sleeping || napping && queue.free() < wakeBelowFree) LockSupport.unpark(dispatcher);
    return true;
  }

  /**
   * On a logging thread that found the queue full: delivers, oldest first, every event up to and including
   * {@code mine} (this thread's last queued event). An event the dispatcher has taken goes on as it would if its
   * time budget were over: enriched when its diagnosis is complete, otherwise pending (with a follow-up). An event
   * still queued goes on enriched when its logging thread took its diagnosis from the cache (see
   * {@link #preEnrich}), otherwise at once, undiagnosed, with status overflow: this thread hands events on, it
   * does not diagnose them, so what it takes on is one hand-on per event ahead of its own. Waits for the delivery
   * lock.
   */
  private void helpUntil(Entry<E> mine) {
    if (overflowPolicy == OverflowPolicy.ENRICH_CACHED) {
      // Before the lock, and alongside the other waiting threads: each takes the diagnoses of the
      // queued events ahead of its own from the cache (parsing each once), so that under the lock
      // they are handed on enriched rather than as overflow.
      int seen = 0;
      for (Entry<E> x : queue) {
        if (seen++ > queueCapacity || mine.done) break;
        if (x.throwable != null && x.ready == null && x.failure == null) preEnrich(x);
        if (x == mine) break;
      }
    }
    delivery.lock();
    try {
      while (!mine.done) {
        Entry<E> head = inFlight.peekFirst();
        if (head == null) {
          head = queue.poll();
          // not in the pipeline any more (taken back by a racing drain): nothing to wait for
          if (head == null) return;
          if (head.ready != null) {
            startOrMark(head); // enriched by its logging thread: nothing left to do but hand it on
          } else {
            head.passOn = true;
          }
          inFlight.addLast(head);
        }
        deliverHead(head, System.nanoTime(), true);
      }
    } catch (Throwable t) {
      reportQuietly("a logging thread could not deliver the events ahead of its own", t);
    } finally {
      delivery.unlock();
    }
  }

  /**
   * {@link OverflowPolicy#ENRICH_CACHED} on the logging thread: delivers the event enriched when its failure's
   * diagnosis is cached. Never runs a model and never throws; false when the event is to be passed on as overflow.
   */
  private boolean enrichOnCaller(E event, Throwable throwable) {
    Diagnosis d;
    boolean hit;
    try {
      if (!filter.accepts(throwable)) return false;
      Failure f = diagnoser.parse(throwable);
      hit = diagnoser.cached(f.fingerprint()).isPresent();
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
    if (handOn(event, d, n, null)) {
      enriched.increment();
      // a diagnosis the rules completed on the spot was no hit
      if (hit) cacheHits.increment();
    }
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
        over + overflowedQueued.sum(),
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
    boolean dispatcherLost = !awaitDispatcher(true);
    int left = outstanding();
    if (left > 0) {
      sink.reportProblem(
          dispatcherLost
              ? left
                  + " events were lost with logdx's dispatcher thread, which could not be replaced"
              : left + " events were still undelivered when the drain timed out",
          null);
    }
    return left == 0;
  }

  /** Waits for a drain under way to end (at most its timeout); reports nothing. Never called on logdx's threads. */
  void awaitDrain() {
    if (stopping) awaitDispatcher(false);
  }

  /**
   * Waits for the dispatcher to end its drain, up to the drain timeout and a second more, replacing it should it
   * end without having drained.
   *
   * @param wake whether to wake it first (the drain was just asked for)
   * @return false when no dispatcher can be had (it ended and could not be replaced)
   */
  private boolean awaitDispatcher(boolean wake) {
    long until = System.nanoTime() + drainNanos + TimeUnit.SECONDS.toNanos(1);
    while (true) {
      if (dispatcherDead && !replaceDispatcher(null, false)) return false;
      LogdxThread d = dispatcher;
      if (wake) LockSupport.unpark(d);
      long left = until - System.nanoTime();
      if (left <= 0) return true;
      try {
        d.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
      if (exited || d.isAlive()) return true;
      // it ended without draining: dispatcherDead is set by now (its run's finally), loop to
      // replace
    }
  }

  @Override
  public void close() {
    drainAndStop();
  }

  private void run() {
    Throwable cause = null;
    try {
      cause = loop();
      if (cause == null) return; // drained
    } catch (Throwable t) {
      cause = t;
      retireAfter = null;
    } finally {
      if (!exited) {
        boolean retired = retireAfter != null;
        retireAfter = null; // before the new thread starts, which reads it
        dispatcherDead = true;
        replaceDispatcher(cause, retired);
      }
    }
  }

  /**
   * The dispatcher's turns, until the drain is complete (then null) or the thread is to be replaced after a
   * {@link VirtualMachineError} in a wrapped appender (then that error).
   */
  private Throwable loop() {
    while (true) {
      boolean progressed = prepareAhead();
      delivery.lock();
      try {
        // nothing more on this thread once a wrapped appender threw a VirtualMachineError on it
        progressed |= intake();
        if (retireAfter == null) progressed |= deliverReady();
        if (retireAfter == null) progressed |= deliverLate();
      } catch (Throwable e) {
        // The dispatcher must outlive anything a wrapped appender or the engine throws. Should
        // even this report fail (out of memory, say), the thread ends and is replaced (see run).
        sink.reportProblem("dispatcher error", e);
      } finally {
        delivery.unlock();
      }
      if (retireAfter != null) return retireAfter;
      if (stopping && drained()) return null;
      if (delivery.hasQueuedThreads()) {
        // a logging thread waits to deliver: the fair lock lets it in first
        Thread.yield();
      } else if (progressed) {
        lastWork = System.nanoTime();
      } else {
        park();
      }
    }
  }

  /**
   * Whether a drain is complete: nothing queued or in flight, and no follow-up awaited (or the drain deadline
   * passed). Announces the exit, then re-checks: an offer that raced with it is delivered on the next turn or taken
   * back by its offer.
   */
  private boolean drained() {
    delivery.lock();
    try {
      if (!queue.isEmpty()
          || !inFlight.isEmpty()
          || awaitingFollowUp.get() > 0 && System.nanoTime() - drainDeadline < 0) {
        return false;
      }
      exited = true;
      if (!queue.isEmpty()) {
        exited = false;
        return false;
      }
      // follow-ups still outstanding at the drain deadline are given up: their events went on as
      // pending
      int dropped = awaitingFollowUp.get();
      if (dropped > 0) {
        reportQuietly(dropped + " follow-up diagnoses were not ready when the drain ended", null);
      }
      late.clear();
      return true;
    } finally {
      delivery.unlock();
    }
  }

  /**
   * Starts a new dispatcher thread in place of one that ended without draining; it takes over the queue and the
   * events in flight (they live in this object, guarded by the delivery lock the old thread released). Called by
   * the ending thread itself, and again by an offer or a drain should that start have failed.
   *
   * @param cause what ended the old thread, if known
   * @param retired whether the old thread ended on purpose, after a {@link VirtualMachineError} in a wrapped
   *     appender (not counted against {@link #MAX_REPLACEMENTS})
   * @return true when a dispatcher is running (or was not needed)
   */
  private boolean replaceDispatcher(Throwable cause, boolean retired) {
    synchronized (replacing) {
      if (!dispatcherDead) return true;
      if (broken) return false;
      if (!retired && replacements >= MAX_REPLACEMENTS) {
        broken = true;
        reportQuietly(
            "logdx's dispatcher thread ended "
                + MAX_REPLACEMENTS
                + " times; events now go on undiagnosed at once",
            cause);
        return false;
      }
      try {
        LogdxThread next =
            new LogdxThread(
                this::run, dispatcherName + "-r" + (generation + 1), dispatcherStackSize);
        // named the dispatcher before it runs: it compares itself with this field
        LogdxThread old = dispatcher;
        dispatcher = next;
        try {
          next.start();
        } catch (Throwable t) {
          dispatcher = old;
          throw t;
        }
        generation++;
        if (!retired) replacements++;
        dispatcherDead = false;
      } catch (Throwable t) {
        // out of memory or threads: the next offer or the drain tries again
        return false;
      }
    }
    if (retired) {
      reportQuietly(
          "logdx's dispatcher thread was replaced after a "
              + cause.getClass().getName()
              + " in a wrapped appender (the thread's state may be damaged); the new one took over the"
              + " events still queued or in flight",
          null);
    } else {
      reportQuietly(
          "logdx's dispatcher thread ended"
              + (cause == null ? "" : " (" + cause.getClass().getName() + ")")
              + "; a new one took over the "
              + outstanding()
              + " events still queued or in flight",
          cause);
    }
    return true;
  }

  /**
   * Moves queued events in order into the in-flight window and starts their diagnoses, {@link #INTAKE_BATCH} at
   * most per call.
   */
  private boolean intake() {
    boolean any = false;
    Entry<E> e;
    int n = 0;
    while (n++ < INTAKE_BATCH
        && inFlight.size() < maxInFlight
        && !delivery.hasQueuedThreads()
        && (e = queue.poll()) != null) {
      startOrMark(e);
      inFlight.addLast(e);
      any = true;
    }
    return any;
  }

  /** Starts an event's diagnosis; one that cannot start is marked to go on with status error, never lost. */
  private void startOrMark(Entry<E> e) {
    try {
      start(e);
    } catch (Throwable ex) {
      // the event is out of the queue: it must still be delivered, with status error, rather than
      // be lost
      e.future = null;
      e.notStarted = true;
      reportQuietly("could not start a diagnosis", ex);
    }
  }

  private void start(Entry<E> e) {
    if (e.throwable == null) return;
    if (e.ready != null) {
      // enriched from the cache by its logging thread (see preEnrich)
      e.future = CompletableFuture.completedFuture(e.ready);
      e.ready = null;
      e.hitAtStart = true;
      e.deadline = System.nanoTime() + budgetNanos;
      return;
    }
    if (e.failure == null && !filter.accepts(e.throwable)) {
      e.future = CompletableFuture.completedFuture(Outcomes.skipped(diagnoser.modelId()));
      return;
    }
    if (stopping && System.nanoTime() - drainDeadline >= 0) {
      // The drain ran out of time: what is left goes on at once, undiagnosed (pending, no
      // follow-up), rather than being parsed one by one past the bound or, worse, dropped.
      e.future = CompletableFuture.completedFuture(Outcomes.stopped(diagnoser.modelId()));
      return;
    }
    // parsed already by its logging thread when it found a miss in the cache (see preEnrich)
    if (e.failure == null) e.failure = diagnoser.parse(e.throwable);
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
    while ((head = inFlight.peekFirst()) != null
        && retireAfter == null
        && !delivery.hasQueuedThreads()
        && deliverHead(head, System.nanoTime(), false)) {
      any = true;
    }
    return any;
  }

  /**
   * Delivers the head of the in-flight window if it is due: its diagnosis complete, its budget run out, or
   * {@code now} when {@code force} (a logging thread helping: it goes on pending rather than waiting). Holding the
   * delivery lock.
   *
   * @return whether the head was delivered (and removed)
   */
  private boolean deliverHead(Entry<E> head, long now, boolean force) {
    boolean followUp = false;
    if (head.passOn) {
      try {
        sink.deliverOverflow(head.event, head.throwable != null);
        overflowedQueued.increment();
      } catch (Throwable ex) {
        failedHandOns.increment();
        reportQuietly("a wrapped appender failed", ex);
      }
    } else if (head.future == null) {
      if (head.notStarted) {
        if (handOn(head.event, NOT_STARTED, 0, null)) failed.increment();
      } else {
        handOn(head.event, null, 0, null);
      }
    } else if (head.future.isDone()) {
      Diagnosis d = head.future.getNow(null);
      if (d == null) {
        // cannot happen with the engine (its futures never fail); passed on with status error
        if (handOn(head.event, NOT_STARTED, 0, null)) failed.increment();
      } else if (d.status() == Diagnosis.Status.SKIPPED) {
        if (handOn(head.event, d, 0, null)) skipped.increment();
      } else if (d.status() == Diagnosis.Status.PENDING) {
        // left undiagnosed by a drain that ran out of time
        if (handOn(head.event, d, 0, null)) pending.increment();
      } else {
        // a failure refused model time is counted only once logdx counts it (see recordIfCounted)
        long n =
            d.status() == Diagnosis.Status.REFUSED
                ? occurrences.recordIfCounted(d.fingerprint(), now)
                : occurrences.record(d.fingerprint(), now);
        if (handOn(head.event, d, n, null)) {
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
        }
      }
    } else if (force || now - head.deadline >= 0 || (stopping && now - drainDeadline >= 0)) {
      long n = occurrences.record(head.failure.fingerprint(), now);
      // Each awaited follow-up keeps its event (and throwable) alive until the diagnosis lands;
      // under a flood of never-seen failures that would grow without end, so at most maxFollowUps
      // are awaited at once and further pending events go on without a follow-up (counted as
      // pending all the same), and without an event id: an id promises a follow-up.
      boolean wanted =
          followUps
              && awaitingFollowUp.get() < maxFollowUps
              && !(stopping && now - drainDeadline >= 0);
      String id = wanted ? eventIdPrefix + "-" + (++eventIdSequence) : null;
      if (handOn(head.event, Outcomes.pending(head.failure, diagnoser.modelId()), n, id)) {
        pending.increment();
        // an event that was not written gets no follow-up: its id would point at nothing
        followUp = wanted;
      }
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
      return false;
    }
    inFlight.pollFirst();
    finish(head, followUp);
    return true;
  }

  /**
   * Marks an entry handed on, and lets go of what it holds (the event, the throwable) unless a follow-up still
   * needs them: a thread's last entry stays referenced until its next one.
   */
  private static <E> void finish(Entry<E> e, boolean followUpToCome) {
    if (!followUpToCome) {
      e.event = null;
      e.throwable = null;
      e.failure = null;
      e.future = null;
    }
    e.done = true;
  }

  private boolean deliverLate() {
    boolean any = false;
    Entry<E> e;
    while (retireAfter == null && (e = late.poll()) != null) {
      awaitingFollowUp.decrementAndGet();
      Diagnosis d = e.future.getNow(null);
      E original = e.event;
      finish(e, false);
      if (d == null || original == null) continue;
      try {
        // the follow-up is no new occurrence: it reports the count without adding to it
        sink.deliverFollowUp(
            original, d, occurrences.count(d.fingerprint(), System.nanoTime()), e.eventId);
        followUpCount.increment();
      } catch (Throwable ex) {
        reportQuietly("could not write a follow-up diagnosis", ex);
        if (ex instanceof VirtualMachineError) retireAfter = ex;
      }
      any = true;
    }
    return any;
  }

  /**
   * Events received and not yet handed on: every received event (queued, or enriched by its logging thread) is
   * handed on exactly once, delivered or failed in a wrapped appender. Derived from the two counters rather than kept in a third that the logging threads and
   * the dispatcher would both write for every event (a cache line passed between their cores each time).
   */
  private int outstanding() {
    return (int)
        Math.max(
            0, received.sum() - delivered.sum() - failedHandOns.sum() - overflowedQueued.sum());
  }

  /**
   * Hands one event to the sink: counted as delivered, or, when a wrapped appender failed on it, as a failed
   * hand-on, reported and never thrown.
   *
   * @return whether it was delivered
   */
  private boolean handOn(E event, Diagnosis d, long n, String eventId) {
    try {
      sink.deliver(event, d, n, eventId);
      delivered.increment();
      return true;
    } catch (Throwable ex) {
      // any Throwable, Errors included: a StackOverflowError of an encoder on a deep cause chain or
      // an AssertionError of a wrapped appender must cost that event, not the dispatcher and every
      // event queued behind it
      failedHandOns.increment();
      reportQuietly("a wrapped appender failed", ex);
      if (ex instanceof VirtualMachineError && Thread.currentThread() == dispatcher) {
        retireAfter = ex;
      }
      return false;
    }
  }

  /** Reports a problem; should reporting itself fail (out of memory, say), the work goes on all the same. */
  private void reportQuietly(String message, Throwable error) {
    try {
      sink.reportProblem(message, error);
    } catch (Throwable again) {
      // nothing left to tell it with
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
    sleeping = true;
    try {
      long wait;
      // the window is read under the lock: a helping logging thread may be changing it
      delivery.lock();
      try {
        if (workWaiting()) return;
        wait = sleepFor();
      } finally {
        delivery.unlock();
      }
      if (wait > 0) LockSupport.parkNanos(this, wait);
    } finally {
      sleeping = false;
    }
  }

  /** How long to sleep: until the head's deadline, at most {@link #IDLE_PARK_NANOS}; 0 for not at all. */
  private long sleepFor() {
    Entry<E> head = inFlight.peekFirst();
    long wait = IDLE_PARK_NANOS;
    if (head != null && head.future != null) {
      long until = stopping ? Math.min(head.deadline, drainDeadline) : head.deadline;
      wait = Math.max(1, Math.min(wait, until - System.nanoTime()));
    }
    if (stopping && head == null) {
      // only follow-ups left: wait for them, but never past the drain deadline
      if (awaitingFollowUp.get() == 0) return 0;
      wait = Math.max(1, Math.min(wait, drainDeadline - System.nanoTime()));
    }
    return wait;
  }

  /**
   * Whether the dispatcher has something to do now: a late diagnosis, a completed head, or a queued event while the
   * in-flight window has room (with the window full, a queued event waits for the head). Reads the window: when not
   * holding the delivery lock, only a try (a logging thread holding it is delivering: nothing to wait for).
   */
  private boolean workWaiting() {
    if (!late.isEmpty()) return true;
    if (delivery.isHeldByCurrentThread()) return windowHasWork();
    // held by a logging thread that is delivering: the next turn waits for it on the lock
    if (!delivery.tryLock()) return true;
    try {
      return windowHasWork();
    } finally {
      delivery.unlock();
    }
  }

  private boolean windowHasWork() {
    if (!queue.isEmpty() && inFlight.size() < maxInFlight) return true;
    Entry<E> head = inFlight.peekFirst();
    return head != null && head.future != null && head.future.isDone();
  }

  private void wake() {
    if (sleeping) LockSupport.unpark(dispatcher);
  }
}
