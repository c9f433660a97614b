package io.logdx.core.pipeline;

import io.logdx.core.Diagnosis;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.LogdxThread;
import io.logdx.core.engine.Diagnoser;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.management.JMException;

/**
 * A diagnosing appender without its logging framework: everything the Logback and the Log4j2
 * {@code DiagnosingAppender} share, decided once. Each of them holds one and adapts only its framework's event,
 * configuration style and life cycle through a {@link Frame}.
 *
 * <p>What it decides: the engine built from {@link AppenderSettings} (and the warning when a configured model does
 * not load); the {@link DiagnosisPipeline} between logging threads and the wrapped appenders; which events go
 * straight through (logged by logdx's own threads or re-entrantly, or while stopping: never into the pipeline
 * again); the fields each event is handed on with ({@link DiagnosisFields}, every value cut to
 * {@code maxFieldLength}), status-only fields when there is no diagnosis; event ids and follow-up events
 * ({@link #FOLLOW_UP_MARKER}); throttled reports of its own problems; the counters and their MBean
 * ({@link DiagnosingAppenderMXBean}).
 *
 * <p>Never hurts the host: {@link #append} never throws and never blocks beyond the overflow policy (or, while
 * stopping, the drain timeout); every event is handed on once, enriched or with a {@code diagnosis.status}.
 *
 * @param <E> the framework's event type
 */
public final class AppenderCore<E> {
  /** Name of the marker of follow-up events, an SLF4J and a Log4j2 marker alike: {@value}. */
  public static final String FOLLOW_UP_MARKER = "LOGDX_FOLLOW_UP";

  /** Prefix of the message of a follow-up event: {@value}{@code <event id>: <summary>}. */
  public static final String FOLLOW_UP_MESSAGE = "logdx diagnosis of event ";

  /**
   * What an appender gives its core: its framework's way to prepare, hand on and create events, and its status
   * channel. Called on logging threads and on the dispatcher; never re-entrantly for one event.
   *
   * @param <E> the framework's event type
   */
  public interface Frame<E> {
    /**
     * The throwable of an event that is to be diagnosed (its level at the threshold, a live throwable), or
     * {@code null}. On the logging thread.
     */
    Throwable throwableToDiagnose(E event);

    /**
     * The event made ready for another thread (its lazily read parts fixed, or an immutable copy), or
     * {@code null} when the framework's own filters drop it. On the logging thread, inside the recursion guard:
     * it may run the application's code (a message argument's {@code toString()}).
     *
     * @param diagnosable whether {@link #throwableToDiagnose} found a throwable
     */
    E prepare(E event, boolean diagnosable);

    /**
     * Hands an event on to the wrapped appenders.
     *
     * @param fields the diagnosis fields to add (immutable), or {@code null} to hand it on as it is
     */
    void handOn(E event, Map<String, String> fields);

    /**
     * The follow-up event of an earlier event: the same logger name, level, thread and context, the marker
     * {@value AppenderCore#FOLLOW_UP_MARKER}, this message, no throwable, the current time.
     */
    E followUp(E original, String message);

    /** An informational status message. */
    void info(String message);

    /** A warning on the framework's status channel. */
    void warn(String message, Throwable error);

    /** An error on the framework's status channel. */
    void error(String message, Throwable error);
  }

  private final String name;
  private final AppenderSettings settings;
  private final Frame<E> frame;
  private final ProblemReports problems;
  private final SeenFailures seen;
  // One guard per appender, as Logback's UnsynchronizedAppenderBase has; set while this thread is
  // inside append.
  private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private final LongAdder passedThrough = new LongAdder();
  private final AtomicLong overflows = new AtomicLong();

  private volatile DiagnosisPipeline<E> pipeline;
  private volatile Diagnoser diagnoser;
  private volatile String model = "none";
  private JmxRegistration jmx;

  /**
   * @param name the appender's name (dispatcher thread, MBean)
   * @param settings the validated settings
   * @param frame the framework's side
   */
  public AppenderCore(String name, AppenderSettings settings, Frame<E> frame) {
    this(name, settings, frame, new SeenFailures());
  }

  /**
   * @param name the appender's name (dispatcher thread, MBean)
   * @param settings the validated settings
   * @param frame the framework's side
   * @param seen where the failures handed on are recorded and listeners told (an appender that makes a new core on
   *     each start keeps one across them)
   */
  public AppenderCore(String name, AppenderSettings settings, Frame<E> frame, SeenFailures seen) {
    this.name = name;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.frame = Objects.requireNonNull(frame, "frame");
    this.problems = new ProblemReports(frame::error);
    this.seen = Objects.requireNonNull(seen, "seen");
  }

  public AppenderSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- life cycle

  /**
   * Builds the engine and starts the pipeline and the MBean. Never throws: without an engine, events go on
   * undiagnosed with {@code diagnosis.status=error}.
   *
   * @param engine builds the engine from a builder set up with the settings ({@link Diagnoser.Builder#build()}, or
   *     a custom classifier added first)
   */
  public void start(Function<Diagnoser.Builder, Diagnoser> engine) {
    keepDjlOffline();
    try {
      diagnoser = engine.apply(diagnoserBuilder());
      model = diagnoser.modelId();
    } catch (RuntimeException | LinkageError e) {
      // the host's logging must go on: events pass through with status error rather than being
      // refused
      frame.error("Could not build the diagnosis engine; events go on undiagnosed.", e);
      diagnoser = null;
    }
    if (diagnoser != null) {
      try {
        pipeline =
            new DiagnosisPipeline<>(
                diagnoser,
                new Sink(),
                new ExceptionFilter(settings.includes(), settings.excludes()),
                settings,
                name);
      } catch (RuntimeException e) {
        frame.error("Could not start the diagnosis pipeline; events go on undiagnosed.", e);
        closeDiagnoser();
      }
    }
    if (diagnoser != null && settings.modelLoading() == AppenderSettings.ModelLoading.BACKGROUND) {
      // the rules stand in while the model loads: what is reported is what the load ends with
      diagnoser
          .modelReady()
          .thenAccept(
              id -> {
                model = id;
                reportModel();
              });
    } else {
      reportModel();
    }
    if (settings.jmx()) registerMBean();
    frame.info("Started with model " + model + ": " + settings);
  }

  private Diagnoser.Builder diagnoserBuilder() {
    Diagnoser.Builder b =
        Diagnoser.builder()
            .model(settings.model())
            .cacheSize(settings.cacheSize())
            .workerThreads(settings.workerThreads())
            .modelTimeShare(settings.modelTimeShare())
            .appPackages(settings.appPackages());
    if (settings.locale() != null) b.locale(settings.locale());
    return b;
  }

  /** A model asked for by location that did not load is the user's mistake to see (the rules stand in). */
  private void reportModel() {
    if (diagnoser == null || !model.startsWith(Diagnoser.Builder.RULES_ID)) return;
    String asked = settings.model();
    if (Diagnoser.Builder.DEFAULT_MODEL.equals(asked)) {
      frame.info(
          "No shipped model could be loaded; the rule-based classifier stands in (" + model + ").");
    } else if (!Diagnoser.Builder.RULES_MODEL.equals(asked)) {
      int at = model.indexOf("fallback: ");
      String why =
          at < 0
              ? "no model found there"
              : model.substring(at + "fallback: ".length()).replace(")", "");
      frame.warn(
          "The model at ["
              + asked
              + "] could not be loaded ("
              + why
              + "); the rule-based classifier stands in ("
              + model
              + ").",
          null);
    }
  }

  /** DJL's tokenizer library calls home on first use unless told not to; a bank's JVM must never do that. */
  private void keepDjlOffline() {
    try {
      if (System.getProperty("ai.djl.offline") == null) {
        System.setProperty("ai.djl.offline", "true");
      }
    } catch (SecurityException e) {
      frame.warn(
          "Could not set ai.djl.offline=true; set it on the command line (-Dai.djl.offline=true).",
          e);
    }
  }

  /**
   * Ends intake and hands on everything queued, within the drain timeout (diagnoses not ready by then go on as
   * pending). Idempotent; the wrapped appenders must still be running.
   *
   * @return true when every queued event was handed on
   */
  public boolean drain() {
    DiagnosisPipeline<E> p = pipeline;
    return p == null || p.drainAndStop();
  }

  /**
   * {@link #drain()}s, then closes the engine, unregisters the MBean and writes the counters as a status
   * message. Events that come later go straight on (status skipped when they carry a throwable).
   *
   * @return true when every queued event was handed on
   */
  public boolean stop() {
    boolean complete = drain();
    closeDiagnoser();
    unregisterMBean();
    frame.info("Stopped: " + stats());
    return complete;
  }

  private void closeDiagnoser() {
    Diagnoser d = diagnoser;
    diagnoser = null;
    if (d != null) {
      try {
        d.close();
      } catch (RuntimeException e) {
        frame.warn("Could not close the diagnosis engine.", e);
      }
    }
  }

  // ---------------------------------------------------------------- logging thread

  /**
   * Queues an event, or hands it straight on when it comes from a logdx thread or re-entrantly from this thread's
   * own call (a message argument whose {@code toString()} logs), when there is no engine (status error) or when
   * the appender is stopping (after the drain, so that the order holds; status skipped). Never throws.
   */
  public void append(E event) {
    if (event == null) return;
    if (inside.get() || LogdxThread.isCurrent()) {
      passThrough(event, null);
      return;
    }
    inside.set(Boolean.TRUE);
    try {
      Throwable t = frame.throwableToDiagnose(event);
      E ready = frame.prepare(event, t != null);
      if (ready == null) return;
      DiagnosisPipeline<E> p = pipeline;
      if (p == null) {
        passThrough(ready, t != null ? Diagnosis.Status.ERROR : null);
        return;
      }
      if (p.isRunning() && p.offer(ready, t)) return;
      // stopping (an async logger's ring buffer emptied at shutdown, say): after the drain, so that
      // order holds
      p.awaitDrain();
      passThrough(ready, t != null ? Diagnosis.Status.SKIPPED : null);
    } catch (RuntimeException | LinkageError e) {
      // e.g. a broken MDC adapter or a throwing toString(): the event still goes on, as it is
      problems.report("Could not queue an event; passing it on undiagnosed", e);
      passThrough(event, null);
    } finally {
      // set, not removed: a removal costs a clean-up of the thread's map on every event; a Boolean
      // left behind holds no class of the application
      inside.set(Boolean.FALSE);
    }
  }

  private void passThrough(E event, Diagnosis.Status status) {
    passedThrough.increment();
    if (status != null) observe(Outcomes.statusOnlyDiagnosis(status), false);
    try {
      frame.handOn(event, status == null ? null : Outcomes.statusOnly(status));
    } catch (RuntimeException e) {
      problems.report("A wrapped appender failed", e);
    }
  }

  /** Records a diagnosis handed on and tells the listeners; never throws (see {@link SeenFailures}). */
  private void observe(Diagnosis d, boolean followUp) {
    try {
      seen.handedOn(d, followUp, System.currentTimeMillis(), problems);
    } catch (RuntimeException e) {
      problems.report("Could not record a diagnosis", e);
    }
  }

  /** The fields of one event: its diagnosis's (cut, made once per diagnosis) and its own two. */
  private Map<String, String> fields(Diagnosis d, long occurrences, String eventId) {
    return new FieldsView(
        d.toFields(settings.maxFieldLength()),
        occurrences > 0 ? Long.toString(occurrences) : null,
        eventId);
  }

  /** Hands events on for the pipeline (see {@link PipelineSink} for the threads). */
  private final class Sink implements PipelineSink<E> {
    @Override
    public void deliver(E event, Diagnosis d, long occurrences, String eventId) {
      if (d == null) {
        frame.handOn(event, null);
      } else if (d == DiagnosisPipeline.NOT_STARTED) {
        observe(Outcomes.statusOnlyDiagnosis(Diagnosis.Status.ERROR), false);
        frame.handOn(event, Outcomes.statusOnly(Diagnosis.Status.ERROR));
      } else {
        // observed before the hand-on: a wrapped appender that fails on the event does not undo
        // the failure it reports
        observe(d, false);
        frame.handOn(event, fields(d, occurrences, eventId));
      }
    }

    @Override
    public void deliverFollowUp(E original, Diagnosis d, long occurrences, String eventId) {
      observe(d, true);
      frame.handOn(
          frame.followUp(original, FOLLOW_UP_MESSAGE + eventId + ": " + d.summary()),
          fields(d, occurrences, eventId));
    }

    @Override
    public void deliverOverflow(E event, boolean diagnosable) {
      long n = overflows.incrementAndGet();
      int every = settings.overflowWarnEvery();
      if (n == 1 || every > 0 && n % every == 0) {
        frame.warn(
            "Queue full ("
                + settings.queueSize()
                + "): "
                + n
                + " events passed on unenriched with "
                + DiagnosisFields.STATUS
                + "=overflow so far (overflowPolicy="
                + settings.overflowPolicy()
                + "). Raise queueSize or workerThreads, or set a lower timeBudget"
                + (settings.overflowPolicy() == AppenderSettings.OverflowPolicy.ENRICH_CACHED
                    ? "."
                    : "; for storms of known failures, overflowPolicy=ENRICH_CACHED enriches them"
                        + " on the logging threads."),
            null);
      }
      if (diagnosable) observe(Outcomes.statusOnlyDiagnosis(Diagnosis.Status.OVERFLOW), false);
      frame.handOn(event, diagnosable ? Outcomes.statusOnly(Diagnosis.Status.OVERFLOW) : null);
    }

    @Override
    public void reportProblem(String message, Throwable error) {
      problems.report(message, error);
    }
  }

  /**
   * Reports a problem of the appender's own (a wrapped appender that threw, say) through the throttle: the first
   * reports of each kind in full, then one in a thousand; the kind is the message, so keep values out of it.
   */
  public void reportProblem(String kind, Throwable error) {
    problems.report(kind, error);
  }

  // ---------------------------------------------------------------- monitoring

  /** A snapshot of the counters since start; all zero before. */
  public DiagnosingAppenderMXBean stats() {
    DiagnosisPipeline<E> p = pipeline;
    long through = passedThrough.sum();
    return p != null
        ? p.stats(through, model)
        : new Counters(
            through, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, through, 0, settings.queueSize(), model);
  }

  /**
   * The distinct failures this appender handed on, and the listeners told of each diagnosis (see
   * {@link SeenFailures}).
   */
  public SeenFailures failures() {
    return seen;
  }

  /**
   * The engine's counters since start ({@link Diagnoser.Stats#computed()} is the number of model runs), or all zero
   * when no engine runs (before start, after stop, or when it could not be built).
   */
  public Diagnoser.Stats engineStats() {
    Diagnoser d = diagnoser;
    return d != null ? d.stats() : new Diagnoser.Stats(0, 0, 0, 0, 0);
  }

  /** The engine's {@link Diagnoser#cacheSize()}; 0 when no engine runs. */
  public long cacheSize() {
    Diagnoser d = diagnoser;
    return d != null ? d.cacheSize() : 0;
  }

  /** The engine's {@link Diagnoser#modelTimeNanos()}; 0 when no engine runs. */
  public long modelTimeNanos() {
    Diagnoser d = diagnoser;
    return d != null ? d.modelTimeNanos() : 0;
  }

  /** Model id of stage 1, or {@code none} when the engine could not start. */
  public String modelId() {
    return model;
  }

  private void registerMBean() {
    try {
      jmx = JmxRegistration.register(name, new Live());
    } catch (JMException | RuntimeException e) {
      frame.warn("Could not register the MBean; counters are still written on stop.", e);
    }
  }

  private void unregisterMBean() {
    JmxRegistration j = jmx;
    jmx = null;
    if (j == null) return;
    try {
      j.unregister();
    } catch (JMException | RuntimeException e) {
      frame.warn("Could not unregister the MBean " + j.name(), e);
    }
  }

  /** The MBean: reads the counters on each call. */
  private final class Live implements DiagnosingAppenderMXBean {
    @Override
    public long getReceived() {
      return stats().getReceived();
    }

    @Override
    public long getDelivered() {
      return stats().getDelivered();
    }

    @Override
    public long getFailedHandOns() {
      return stats().getFailedHandOns();
    }

    @Override
    public long getEnriched() {
      return stats().getEnriched();
    }

    @Override
    public long getCacheHits() {
      return stats().getCacheHits();
    }

    @Override
    public long getPending() {
      return stats().getPending();
    }

    @Override
    public long getFollowUps() {
      return stats().getFollowUps();
    }

    @Override
    public long getSkipped() {
      return stats().getSkipped();
    }

    @Override
    public long getFailed() {
      return stats().getFailed();
    }

    @Override
    public long getOverflowed() {
      return stats().getOverflowed();
    }

    @Override
    public long getRefused() {
      return stats().getRefused();
    }

    @Override
    public long getPassedThrough() {
      return stats().getPassedThrough();
    }

    @Override
    public int getQueued() {
      return stats().getQueued();
    }

    @Override
    public int getQueueCapacity() {
      return settings.queueSize();
    }

    @Override
    public String getModel() {
      return model;
    }
  }
}
