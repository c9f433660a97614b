package io.logdx.core.engine;

import io.logdx.core.Classifier;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.Generator;
import io.logdx.core.internal.FailureParser;
import io.logdx.core.stage1.ModelLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The diagnosis engine: Throwable or log text → masked cause chain → fingerprint → cache → stage 1 → stage 2
 * → {@link Diagnosis}.
 *
 * <p>Thread-safe. One computation runs per fingerprint, however many threads ask at once; the result is
 * cached by fingerprint. No method throws because of the input or because a model failed: such problems come
 * back as a diagnosis with status {@link Diagnosis.Status#ERROR} (or category {@code unknown}).
 *
 * <pre>{@code
 * try (Diagnoser dx = Diagnoser.builder().appPackages("com.acme").build()) {
 *   Diagnosis d = dx.diagnoseNow(exception);
 *   System.out.println(d.summary());
 * }
 * }</pre>
 */
public interface Diagnoser extends AutoCloseable {

  /** A builder with sensible defaults: the shipped model, 10 000 cached fingerprints, 1 worker, 2 s budget. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Parses, masks and fingerprints a throwable on the calling thread. Cheap (no model runs); never throws.
   *
   * @param throwable the failure; {@code null} gives an empty failure
   */
  Failure parse(Throwable throwable);

  /**
   * Parses, masks and fingerprints log text (a log line, a printed stack trace, or both). Never throws.
   *
   * @param logText the text; {@code null} gives an empty failure
   */
  Failure parse(String logText);

  /**
   * Diagnoses a parsed failure on the engine's workers, through the cache. A cache hit returns an already
   * completed future. The future never completes exceptionally: model failures become a diagnosis with status
   * {@code error}.
   */
  CompletableFuture<Diagnosis> diagnose(Failure failure);

  /** {@link #parse(Throwable)} then {@link #diagnose(Failure)}. */
  default CompletableFuture<Diagnosis> diagnose(Throwable throwable) {
    return diagnose(parse(throwable));
  }

  /** {@link #parse(String)} then {@link #diagnose(Failure)}. */
  default CompletableFuture<Diagnosis> diagnose(String logText) {
    return diagnose(parse(logText));
  }

  /**
   * Diagnoses synchronously, waiting at most the configured time budget. When the budget runs out the result
   * has status {@link Diagnosis.Status#TIMEOUT} (the computation goes on and lands in the cache).
   */
  Diagnosis diagnoseNow(Failure failure);

  /** Synchronous variant for tools: parse and diagnose within the time budget. */
  default Diagnosis diagnoseNow(Throwable throwable) {
    return diagnoseNow(parse(throwable));
  }

  /** Synchronous variant for tools: parse and diagnose within the time budget. */
  default Diagnosis diagnoseNow(String logText) {
    return diagnoseNow(parse(logText));
  }

  /** The cached diagnosis of a fingerprint, if one is complete. */
  Optional<Diagnosis> cached(String fingerprint);

  /**
   * The diagnosis of a parsed failure when its fingerprint's diagnosis is complete in the cache (told with this
   * occurrence's values, as {@link #diagnose(Failure)} would), else empty, at once. A never-seen failure's
   * diagnosis is started as {@link #diagnose(Failure)} starts it, for later occurrences; one in flight is left
   * alone. For callers that must not wait and will not come back for the answer, such as a logging thread that
   * finds an appender's queue full: nothing is attached to an unfinished computation on their behalf.
   */
  default Optional<Diagnosis> diagnoseIfCached(Failure failure) {
    return Optional.ofNullable(diagnose(failure).getNow(null));
  }

  /** Counters since start. */
  Stats stats();

  /** Diagnoses cached now, complete or in flight (an estimate); 0 for a diagnoser that keeps no count. */
  default long cacheSize() {
    return 0;
  }

  /**
   * Wall time spent computing diagnoses (stage 1 and stage 2) since start, in nanoseconds: what the model-time
   * budget is charged; 0 for a diagnoser that keeps no count. {@link Stats#computed()} is the number of them.
   */
  default long modelTimeNanos() {
    return 0;
  }

  /**
   * Model id and version of stage 1 now. While a model loads in the background ({@link Builder#loadInBackground})
   * it is the rules' id with {@code (model loading)} after it; once the model is in, the model's id.
   */
  String modelId();

  /**
   * Completes with {@link #modelId()} once stage 1 is final: at once for a model loaded by {@link Builder#build()},
   * when the load ends (in or failed, the rules' id saying why) for one loaded in the background. Never
   * completes exceptionally; for callers that report or wait for the model (tests, a health view).
   */
  default CompletableFuture<String> modelReady() {
    return CompletableFuture.completedFuture(modelId());
  }

  /** Stops the workers (waiting at most a second for running diagnoses) and releases the model. Idempotent. */
  @Override
  void close();

  /**
   * Stage 1 from a location, loaded as {@link Builder#build()} loads it: {@value Builder#DEFAULT_MODEL},
   * {@value Builder#RULES_MODEL}, a {@code classpath:} resource folder or a file-system folder holding a model
   * exported by the trainer. Never throws: a model that cannot load gives the rules, with the reason in the id.
   * The caller owns the classifier and closes it.
   */
  static Classifier loadClassifier(String location) {
    return ModelLoader.load(location);
  }

  /**
   * Counters of a diagnoser since it started: an immutable snapshot, of the same kind as the pipeline's
   * {@code PipelineStats}.
   *
   * @param requests calls of {@code diagnose}
   * @param cacheHits calls answered from the cache (complete or in flight)
   * @param computed diagnoses actually computed (one per fingerprint while it stays cached)
   * @param errors computations that ended with status {@code error}
   * @param timeouts synchronous calls that ran out of time
   */
  record Stats(long requests, long cacheHits, long computed, long errors, long timeouts) {
    @Override
    public String toString() {
      return "requests="
          + requests
          + " cacheHits="
          + cacheHits
          + " computed="
          + computed
          + " errors="
          + errors
          + " timeouts="
          + timeouts;
    }
  }

  /**
   * Builds a {@link Diagnoser}. Every setting has a default ({@code DEFAULT_*}); {@code Diagnoser.builder().build()}
   * gives a working engine with the model shipped in this jar.
   */
  final class Builder {
    /** Default number of cached fingerprints: {@value}. */
    public static final long DEFAULT_CACHE_SIZE = 10_000;

    /** Default cache expiry after write, in minutes: {@value}. */
    public static final long DEFAULT_CACHE_EXPIRY_MINUTES = 60;

    /** Default worker threads: {@value}. Diagnosis is CPU work; one thread keeps it off the host's cores. */
    public static final int DEFAULT_WORKER_THREADS = 1;

    /** Default time budget of one synchronous diagnosis, in milliseconds: {@value}. */
    public static final long DEFAULT_TIME_BUDGET_MILLIS = 2_000;

    /** Default cap on the characters of input read (a 10 MB message is cut, not refused): {@value}. */
    public static final int DEFAULT_MAX_INPUT_CHARS = FailureParser.DEFAULT_MAX_INPUT_CHARS;

    /**
     * Default share of one core that model runs may take on average: {@value}. See {@link #modelTimeShare}.
     */
    public static final double DEFAULT_MODEL_TIME_SHARE = 0.1;

    /**
     * Default model time that may be spent at once after a quiet period, in milliseconds: {@value}. Sized so that
     * the start of an incident with about a thousand new failures is diagnosed at once rather than at the pace of
     * the average share (the storm measurements behind it: {@code benchmarks/RESULTS.md}, "The model-time budget").
     */
    public static final long DEFAULT_MODEL_TIME_BURST_MILLIS = 2_000;

    /** Model location meaning "the model shipped in this jar, or the rules when it cannot load". */
    public static final String DEFAULT_MODEL = ModelLoader.DEFAULT;

    /** Model location meaning "the rule-based classifier, no model". */
    public static final String RULES_MODEL = ModelLoader.RULES;

    /**
     * Model id of the rule-based classifier: a diagnoser whose {@link Diagnoser#modelId()} starts with it runs the
     * rules, asked for or in place of a model that did not load.
     */
    public static final String RULES_ID = ModelLoader.RULES_ID;

    /**
     * Model id of the rule-based classifier standing in while the model loads in the background
     * ({@link #loadInBackground}): {@value}.
     */
    public static final String LOADING_ID = RULES_ID + " (" + ModelLoader.LOADING + ")";

    String model = DEFAULT_MODEL;
    Classifier classifier;
    Generator generator;
    long cacheSize = DEFAULT_CACHE_SIZE;
    Duration cacheExpiry = Duration.ofMinutes(DEFAULT_CACHE_EXPIRY_MINUTES);
    int workerThreads = DEFAULT_WORKER_THREADS;
    Duration timeBudget = Duration.ofMillis(DEFAULT_TIME_BUDGET_MILLIS);
    final List<String> appPackages = new ArrayList<>();
    Locale locale;
    int maxInputChars = DEFAULT_MAX_INPUT_CHARS;
    double modelTimeShare = DEFAULT_MODEL_TIME_SHARE;
    Duration modelTimeBurst = Duration.ofMillis(DEFAULT_MODEL_TIME_BURST_MILLIS);
    boolean loadInBackground;

    /** How a location becomes a classifier: {@link ModelLoader#load}; a test seam (a load that waits on a gate). */
    Function<String, Classifier> loader = ModelLoader::load;

    Builder() {}

    /**
     * Where stage 1 comes from: {@code default} (the shipped model), {@code rules} (the rule-based classifier),
     * a {@code classpath:} resource folder or a file-system folder holding a model exported by the trainer.
     * A model that cannot load falls back to the rules, with the reason in the model id.
     */
    public Builder model(String location) {
      this.model = Objects.requireNonNull(location, "location");
      return this;
    }

    /** Uses this stage 1 instead of loading {@link #model(String)}; the caller keeps ownership. */
    public Builder classifier(Classifier classifier) {
      this.classifier = Objects.requireNonNull(classifier, "classifier");
      return this;
    }

    /** Uses this stage 2 instead of the shipped knowledge-base generator. */
    public Builder generator(Generator generator) {
      this.generator = Objects.requireNonNull(generator, "generator");
      return this;
    }

    /** Maximum number of cached fingerprints; 0 disables caching (every call computes). */
    public Builder cacheSize(long size) {
      if (size < 0) throw new IllegalArgumentException("cacheSize must be >= 0: " + size);
      this.cacheSize = size;
      return this;
    }

    /** How long a diagnosis stays cached after it was computed. */
    public Builder cacheExpiry(Duration expiry) {
      if (expiry.isNegative() || expiry.isZero())
        throw new IllegalArgumentException("cacheExpiry must be > 0");
      this.cacheExpiry = expiry;
      return this;
    }

    /** Worker threads that run the models (daemon threads named {@code logdx-worker-N}). */
    public Builder workerThreads(int threads) {
      if (threads < 1) throw new IllegalArgumentException("workerThreads must be >= 1: " + threads);
      this.workerThreads = threads;
      return this;
    }

    /** Time budget of {@link Diagnoser#diagnoseNow}. */
    public Builder timeBudget(Duration budget) {
      if (budget.isNegative() || budget.isZero())
        throw new IllegalArgumentException("timeBudget must be > 0");
      this.timeBudget = budget;
      return this;
    }

    /** Package prefixes of the application's own code, e.g. {@code com.acme}; they decide the location first. */
    public Builder appPackages(String... prefixes) {
      return appPackages(Arrays.asList(prefixes));
    }

    /** Package prefixes of the application's own code. Blank entries are ignored. */
    public Builder appPackages(Collection<String> prefixes) {
      for (String p : prefixes) {
        if (p != null && !p.isBlank()) {
          appPackages.add(p.trim());
        }
      }
      return this;
    }

    /** Language of cause and fix: Korean for {@code ko}, English otherwise. Default: the JVM's locale. */
    public Builder locale(Locale locale) {
      this.locale = Objects.requireNonNull(locale, "locale");
      return this;
    }

    /** Inputs longer than this are cut (and marked truncated) before parsing. */
    public Builder maxInputChars(int chars) {
      if (chars < 1024)
        throw new IllegalArgumentException("maxInputChars must be >= 1024: " + chars);
      this.maxInputChars = chars;
      return this;
    }

    /**
     * How much model time never-seen failures may take, in seconds per second (0.1, the default: a tenth of one
     * core, some hundreds of new failures a second), after a burst of {@link #modelTimeBurst} (2 s by default). A cached diagnosis costs no model time and is never limited.
     * Past the budget a never-seen failure gets status {@code overflow} at once and nothing is cached, so a later
     * occurrence is diagnosed once the budget has refilled. This keeps a flood of new failures from taking the host's cores; a batch job that owns
     * its machine (the command line) passes {@link Double#POSITIVE_INFINITY} for no limit.
     */
    public Builder modelTimeShare(double share) {
      if (!(share > 0)) throw new IllegalArgumentException("modelTimeShare must be > 0: " + share);
      this.modelTimeShare = share;
      return this;
    }

    /** Model time that may be spent at once after a quiet period (start-up, the first minutes of an incident). */
    public Builder modelTimeBurst(Duration burst) {
      if (burst.isNegative()) throw new IllegalArgumentException("modelTimeBurst must be >= 0");
      this.modelTimeBurst = burst;
      return this;
    }

    /**
     * Whether {@link #build()} loads the model on a background thread instead of before it returns (default
     * false). Loading the shipped model takes about a second (ONNX Runtime's natives, the tokenizer); an
     * application that builds the engine while it starts should not wait for it. Until the model is in, the
     * rule-based classifier answers, and {@link Diagnosis#model()} says so: the rules' id with
     * {@code (model loading)}. Diagnoses the rules made are dropped from the cache when the model comes in, so
     * that the model answers the next occurrence. A model that fails to load leaves the rules in place, with the
     * reason in the id, as {@link #model(String)} says. No effect with {@link #classifier(Classifier)} or
     * {@link #RULES_MODEL}.
     */
    public Builder loadInBackground(boolean background) {
      this.loadInBackground = background;
      return this;
    }

    /**
     * Builds the engine, loading the model (or starting its load, see {@link #loadInBackground}). Never fails
     * because of the model: see {@link #model(String)}.
     */
    public Diagnoser build() {
      return new Engine(this);
    }
  }
}
