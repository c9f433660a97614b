package io.logdx.core.engine;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.Location;
import io.logdx.core.Generator;
import io.logdx.core.Generator.Explanation;
import io.logdx.core.LogdxThread;
import io.logdx.core.internal.FailureParser;
import io.logdx.core.stage1.ModelLoader;
import io.logdx.core.stage2.KnowledgeBaseGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The default {@link Diagnoser}: a Caffeine async cache keyed by fingerprint in front of stage 1 and stage 2,
 * run on a bounded pool of daemon workers.
 *
 * <p>Isolation: whatever stage 1 or stage 2 throw (including {@link LinkageError} from native code) becomes a
 * diagnosis with status {@code error}; the returned futures never complete exceptionally.
 */
final class Engine implements Diagnoser {
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  /**
   * Distinct failures waiting for each worker at most; see the constructor. About a tenth of a second of model
   * work: a failure that would wait longer than that misses an appender's time budget anyway.
   */
  static final int MAX_BACKLOG = 256;

  private static final String BUDGET_SPENT =
      "not diagnosed: the model-time budget is spent for now";

  private final FailureParser parser;

  /**
   * Stage 1: volatile, because a model loaded in the background replaces the rules that stand in for it while
   * diagnoses run; a computation reads it once.
   */
  private volatile Classifier classifier;

  private final boolean ownsClassifier;

  /** Completes with the final model id (see {@link Diagnoser#modelReady()}). */
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  /** Orders the swap to a loaded model against {@link #close()}, so that no loaded model is left unclosed. */
  private final Object swapLock = new Object();

  private final Generator generator;
  private final Locale locale;
  private final Duration timeBudget;
  private final ThreadPoolExecutor workers;
  private final ModelTimeBudget budget;
  private final AsyncCache<String, Diagnosis> cache;
  private final LongAdder requests = new LongAdder();
  private final LongAdder computed = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder modelNanos = new LongAdder();
  private final AtomicLong misses = new AtomicLong();
  private volatile boolean closed;

  /** Reads the settings of the builder, which the caller does not change afterwards. */
  Engine(Diagnoser.Builder settings) {
    this.parser = new FailureParser(settings.appPackages, settings.maxInputChars);
    this.ownsClassifier = settings.classifier == null;
    boolean background =
        settings.loadInBackground
            && settings.classifier == null
            && !ModelLoader.RULES.equals(settings.model);
    if (settings.classifier != null) {
      this.classifier = settings.classifier;
    } else if (background) {
      this.classifier = ModelLoader.rules(ModelLoader.LOADING);
    } else {
      this.classifier = settings.loader.apply(settings.model);
    }
    this.generator =
        settings.generator != null ? settings.generator : KnowledgeBaseGenerator.shared();
    this.locale = settings.locale != null ? settings.locale : Locale.getDefault();
    this.timeBudget = settings.timeBudget;
    int workerThreads = settings.workerThreads;
    double modelTimeShare = settings.modelTimeShare;
    Duration modelTimeBurst = settings.modelTimeBurst;
    int poolId = POOL_IDS.incrementAndGet();
    AtomicInteger threadIds = new AtomicInteger();
    // LogdxThread marks these threads so that appenders never diagnose what is logged from them (no
    // recursion).
    ThreadFactory tf =
        r -> new LogdxThread(r, "logdx-worker-" + poolId + "-" + threadIds.incrementAndGet());
    // The cache coalesces by fingerprint, so the queue holds at most one task per distinct uncached
    // fingerprint; it is still bounded, because a flood of never-seen failures (every log call a
    // new shape) would otherwise grow it, and every in-flight future with it, without end. Past the
    // bound a diagnosis is refused at once (status refused, "busy"), not queued; nothing is cached
    // for it, so a later occurrence tries again.
    this.workers =
        new ThreadPoolExecutor(
            workerThreads,
            workerThreads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_BACKLOG * workerThreads),
            tf);
    this.budget =
        Double.isInfinite(modelTimeShare)
            ? ModelTimeBudget.unlimited()
            : new ModelTimeBudget(modelTimeShare, modelTimeBurst.toNanos());
    this.workers.allowCoreThreadTimeOut(true);
    Caffeine<Object, Object> b =
        Caffeine.newBuilder()
            .maximumSize(settings.cacheSize)
            .expireAfterWrite(settings.cacheExpiry)
            .executor(Runnable::run);
    this.cache = b.buildAsync();
    if (background) {
      // a daemon: a load still running must not keep the host's JVM from exiting; a LogdxThread,
      // so that whatever the model's libraries log while they load is never diagnosed
      new LogdxThread(
              () -> loadAndSwap(settings.loader, settings.model), "logdx-model-loader-" + poolId)
          .start();
    } else {
      ready.complete(modelId());
    }
  }

  /**
   * Loads the model on the loader thread and puts it in place of the rules. The cache is emptied after the swap:
   * what the rules diagnosed in the first seconds of the host's life would otherwise stay for the cache's expiry
   * (an hour by default), named after the rules, while a better classifier sits idle; the price is one model run
   * per distinct failure seen before the swap, under the model-time budget like any other. Emptied after, not
   * before: a computation cached after the emptying started after the swap and runs the model; one started
   * before it is removed with the rest. A failed load swaps too (rules for rules), so that the id says why.
   */
  private void loadAndSwap(Function<String, Classifier> loader, String location) {
    Classifier loaded;
    try {
      loaded = loader.apply(location);
      if (loaded == null) loaded = ModelLoader.rules("fallback: no classifier");
    } catch (RuntimeException | LinkageError e) {
      loaded = ModelLoader.rules("fallback: " + e.getClass().getSimpleName());
    }
    Classifier replaced = null;
    synchronized (swapLock) {
      if (closed) {
        replaced = loaded; // closed while loading: nobody will use it
      } else {
        replaced = classifier;
        classifier = loaded;
        cache.synchronous().invalidateAll();
      }
    }
    closeQuietly(replaced);
    ready.complete(modelId());
  }

  private static void closeQuietly(Classifier c) {
    try {
      c.close();
    } catch (RuntimeException e) {
      // closing native resources must not fail the host
    }
  }

  @Override
  public CompletableFuture<String> modelReady() {
    return ready.copy();
  }

  @Override
  public Failure parse(Throwable throwable) {
    return parser.parse(throwable);
  }

  @Override
  public Failure parse(String logText) {
    return parser.parse(logText);
  }

  @Override
  public CompletableFuture<Diagnosis> diagnose(Failure failure) {
    requests.increment();
    if (closed) {
      return CompletableFuture.completedFuture(error(failure, "diagnoser is closed"));
    }
    // The fingerprint does not cover every masked detail of the message (numbers are shaped away),
    // but everything the explanation names is part of the same failure family; one computation per
    // family. A computation never completes its future exceptionally (Caffeine would log a warning
    // through System.Logger, which may lead back into the host's logging); an error diagnosis is
    // removed from the cache once complete, so that the next occurrence tries again instead of
    // staying "error" for an hour.
    try {
      String key = failure.fingerprint();
      CompletableFuture<Diagnosis> present = cache.getIfPresent(key);
      if (present == null && !budget.tryAcquire()) {
        // a never-seen failure past the budget is answered without an insertion into the cache (the
        // check is not repeated inside the mapping function: a run that slips past it in a race is
        // paid for afterwards)
        return CompletableFuture.completedFuture(overflow(failure, BUDGET_SPENT));
      }
      CompletableFuture<Diagnosis> f =
          present != null
              ? present
              : cache.get(
                  key,
                  (fp, executor) -> {
                    misses.incrementAndGet();
                    return CompletableFuture.supplyAsync(() -> computeCharged(failure), workers);
                  });
      // removal comes before the caller sees the answer, so a retry after an error computes again
      return f.handle(
          (d, e) -> {
            if (e != null) return error(failure, "diagnosis failed: " + e.getClass().getName());
            if (d.status() == Diagnosis.Status.ERROR) cache.asMap().remove(key, f);
            return forThisOccurrence(d, failure);
          });
    } catch (RejectedExecutionException e) {
      // the pool's backlog is full (or it closed meanwhile): an answer, not an exception
      return CompletableFuture.completedFuture(
          overflow(
              failure,
              "not diagnosed: the diagnoser is busy ("
                  + workers.getQueue().size()
                  + " failures waiting)"));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          error(failure, "diagnosis not started: " + e.getClass().getName()));
    }
  }

  @Override
  public Optional<Diagnosis> diagnoseIfCached(Failure failure) {
    try {
      CompletableFuture<Diagnosis> present =
          closed ? null : cache.getIfPresent(failure.fingerprint());
      if (present == null) {
        // never seen (or closed): start it for the next occurrences; its answer, if ever complete
        // at once, is used
        return Optional.ofNullable(diagnose(failure).getNow(null));
      }
      // In flight: nothing is attached to it. In an exception storm every logging thread would
      // otherwise hang a dependent stage (holding its parsed failure) on the running computation,
      // thousands in the fraction of a second that a model run takes, all run by the worker when it
      // completes.
      Diagnosis d =
          present.isDone() && !present.isCompletedExceptionally() ? present.getNow(null) : null;
      if (d == null || d.status() == Diagnosis.Status.ERROR) return Optional.empty();
      requests.increment();
      return Optional.of(forThisOccurrence(d, failure));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public Diagnosis diagnoseNow(Failure failure) {
    CompletableFuture<Diagnosis> f = diagnose(failure);
    try {
      return f.get(timeBudget.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      timeouts.increment();
      return base(
          failure,
          Diagnosis.Status.TIMEOUT,
          List.of(),
          "",
          "",
          modelId(),
          "not ready within " + timeBudget.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(failure, "interrupted");
    } catch (ExecutionException e) {
      return error(failure, "diagnosis failed: " + e.getCause());
    }
  }

  /**
   * {@link #computeContained}, its wall time charged to the model-time budget. Wall time, not the worker's CPU
   * time: a run that waits for a core is runnable all that while and competes with the host's threads for it.
   * Charged with CPU time (tried), the worker kept a third runnable thread on a busy 2-core machine, and a logging
   * thread that logged never-seen failures back to back paid 1.5–1.8x the async appender's cost instead of
   * 1.2x (A/B in the same session, two rounds of 2 forks each).
   */
  private Diagnosis computeCharged(Failure failure) {
    long start = System.nanoTime();
    try {
      return computeContained(failure);
    } finally {
      long spent = System.nanoTime() - start;
      budget.charge(spent);
      modelNanos.add(spent);
    }
  }

  /** {@link #compute} with even virtual-machine errors of a stage (a model's stack overflow) contained. */
  private Diagnosis computeContained(Failure failure) {
    try {
      return compute(failure);
    } catch (Throwable e) { // NOPMD: the worker must answer whatever a stage did
      errors.increment();
      return error(failure, "diagnosis failed: " + e.getClass().getName());
    }
  }

  /**
   * A cached diagnosis belongs to the first occurrence of its fingerprint. Another occurrence shares its
   * category, but its own values (the amount, the id, the line) may differ, and the text must never state
   * another event's values as this one's. So when the root cause's message or the location differ, stage 2
   * runs again for this occurrence with the cached classification; it is cheap (no model runs).
   */
  private Diagnosis forThisOccurrence(Diagnosis cached, Failure failure) {
    if (cached.status() != Diagnosis.Status.OK || sameFacts(cached, failure)) {
      return cached;
    }
    return explained(failure, new Classification(cached.top(), cached.model()));
  }

  private static boolean sameFacts(Diagnosis d, Failure f) {
    Optional<CauseNode> root = f.rootCause();
    return java.util.Objects.equals(
            d.rootCauseMessage().orElse(null), root.map(CauseNode::message).orElse(null))
        && java.util.Objects.equals(
            d.rootCauseType().orElse(null), root.map(CauseNode::type).orElse(null))
        && java.util.Objects.equals(d.location().orElse(null), f.location().orElse(null));
  }

  /** Runs stage 1 and stage 2 for one failure; never throws. */
  Diagnosis compute(Failure failure) {
    computed.increment();
    Classification c;
    try {
      c = classifier.classify(failure); // one read of the volatile field
      if (c == null) throw new IllegalStateException("stage 1 gave no classification");
    } catch (Exception | LinkageError | AssertionError e) {
      errors.increment();
      return error(failure, "stage 1 failed: " + e.getClass().getName());
    }
    return explained(failure, c);
  }

  /** Stage 2 for a classified failure; never throws (a failing generator gives status error). */
  private Diagnosis explained(Failure failure, Classification c) {
    try {
      Explanation x = generator.explain(failure, c, locale);
      if (x == null) throw new IllegalStateException("stage 2 gave no explanation");
      return base(failure, Diagnosis.Status.OK, c.top(), x.cause(), x.fix(), c.model(), null);
    } catch (Exception | LinkageError | AssertionError e) {
      errors.increment();
      return base(
          failure,
          Diagnosis.Status.ERROR,
          c.top(),
          "",
          "",
          c.model(),
          "stage 2 failed: " + e.getClass().getName());
    }
  }

  private Diagnosis overflow(Failure failure, String why) {
    return base(
        failure,
        Diagnosis.Status.REFUSED,
        List.of(new Prediction(Diagnosis.UNKNOWN, 0.0)),
        "",
        "",
        modelId(),
        why);
  }

  private Diagnosis error(Failure failure, String why) {
    return base(
        failure,
        Diagnosis.Status.ERROR,
        List.of(new Prediction(Diagnosis.UNKNOWN, 0.0)),
        "",
        "",
        modelId(),
        why);
  }

  private Diagnosis base(
      Failure failure,
      Diagnosis.Status status,
      List<Prediction> top,
      String cause,
      String fix,
      String model,
      String error) {
    Optional<CauseNode> root = failure.rootCause();
    Location loc = failure.location().orElse(null);
    return Diagnosis.builder(status, failure.fingerprint(), model)
        .top(top)
        .rootCause(
            root.map(CauseNode::type).orElse(null), root.map(CauseNode::message).orElse(null))
        .location(loc)
        .explanation(cause, fix)
        .locale(locale)
        .error(error)
        .build();
  }

  @Override
  public Optional<Diagnosis> cached(String fingerprint) {
    CompletableFuture<Diagnosis> f = cache.getIfPresent(fingerprint);
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) return Optional.empty();
    return Optional.ofNullable(f.join());
  }

  @Override
  public Stats stats() {
    long req = requests.sum();
    long miss = misses.get();
    return new Stats(req, Math.max(0, req - miss), computed.sum(), errors.sum(), timeouts.sum());
  }

  @Override
  public long cacheSize() {
    return cache.synchronous().estimatedSize();
  }

  @Override
  public long modelTimeNanos() {
    return modelNanos.sum();
  }

  @Override
  public String modelId() {
    try {
      String id = classifier.id();
      return id == null ? "unknown" : id;
    } catch (RuntimeException | LinkageError e) {
      return "unknown (id() failed: " + e.getClass().getName() + ")";
    }
  }

  @Override
  public void close() {
    synchronized (swapLock) {
      if (closed) return;
      closed = true;
    }
    workers.shutdown();
    try {
      // A model call takes milliseconds; a second covers one that is running. A hung one is
      // interrupted rather than holding up the host's shutdown (appenders have drained their queues
      // before this).
      if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (ownsClassifier) {
      // no swap after closed was set (under the lock): this is the last classifier
      closeQuietly(classifier);
    }
  }
}
