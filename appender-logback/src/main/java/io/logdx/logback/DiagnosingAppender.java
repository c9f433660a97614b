package io.logdx.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.Duration;
import io.logdx.core.Classifier;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderCore;
import io.logdx.core.pipeline.AppenderSettings;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import io.logdx.core.pipeline.DiagnosingAppenderMXBean;
import io.logdx.core.pipeline.SeenFailures;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Logback appender that diagnoses every logged Throwable and hands the event on, enriched with the
 * {@code diagnosis.*} fields of {@link DiagnosisFields}, to the appenders it wraps. It is configured like
 * Logback's {@code AsyncAppender}: wrap the existing appenders with {@code <appender-ref>}.
 *
 * <pre>{@code
 * <appender name="DIAGNOSE" class="io.logdx.logback.DiagnosingAppender">
 *   <appPackages>com.acme,com.bank</appPackages>
 *   <appender-ref ref="JSON"/>
 * </appender>
 * }</pre>
 *
 * <p>What it does is decided once for Logback and Log4j2 in {@link AppenderCore} (threads, order, pending events
 * and follow-ups, statuses, counters) and {@link AppenderSettings} (every setting's name, default and validation;
 * the setters here forward to it). This class adapts Logback: Joran setters, the wrapped appenders, the event
 * and its MDC view, the status manager, the life cycle.
 *
 * <p><b>Threads.</b> The logging thread only prepares the event for deferred processing and queues it. One
 * dispatcher thread ({@code logdx-dispatcher-*}) diagnoses off the logging thread, through the engine's cache
 * and worker threads ({@code logdx-worker-*}), and hands events to the wrapped appenders <em>in the order they
 * were logged</em>. An event whose diagnosis is not ready within {@link #setTimeBudget time budget} goes on with
 * {@code diagnosis.status=pending} and a {@code diagnosis.event_id}; the late diagnosis follows as a separate
 * event (marker {@value AppenderCore#FOLLOW_UP_MARKER}) carrying the same {@code diagnosis.event_id} (unless
 * {@link #setFollowUps follow-ups} are off).
 *
 * <p><b>Fields.</b> The wrapped appenders receive an event whose MDC view ({@code getMDCPropertyMap()}) holds
 * the original MDC plus the diagnosis fields, so that every encoder that writes the MDC (logstash-logback-encoder,
 * Logback's {@code JsonEncoder}, {@code %X} in patterns) shows them without custom code. With
 * {@link #setAttachTo attachTo} {@code kvp} or {@code both} they are (also) SLF4J key-value pairs. The converters
 * {@link DiagnosisConverter %diagnosis} and {@link DiagnosisFieldConverter %dx} print them in patterns.
 *
 * <p><b>Never hurts the host.</b> Nothing is thrown into the caller; a full queue follows the
 * {@link #setOverflowPolicy overflow policy} (by default {@code ENRICH_CACHED}: a logging thread that finds the
 * queue full enriches an event whose failure is cached itself, and passes the others on at once, unenriched, with
 * {@code diagnosis.status=overflow}); events logged by logdx's own threads, or re-entrantly while this appender
 * is handling an event on the same thread (a {@code toString()} that logs), go straight to the wrapped appenders,
 * undiagnosed; {@link #stop()} delivers everything queued within {@link #setDrainTimeout drainTimeout}. Problems
 * are reported through Logback's status manager, never through a logger.
 *
 * <p><b>Monitoring.</b> While started, the counters are an MBean {@code io.logdx:type=DiagnosingAppender,name=<name>}
 * ({@link DiagnosingAppenderMXBean}); {@link #stop()} writes them as a status message.
 */
public class DiagnosingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements AppenderAttachable<ILoggingEvent> {
  /** Made by Joran from {@code <appender class="io.logdx.logback.DiagnosingAppender">}; configured by setters. */
  public DiagnosingAppender() {}

  /**
   * Default overflow policy: {@value}. Logback has already turned the throwable's stack into elements on the
   * logging thread (its {@code ThrowableProxy}), so the logging thread that finds the queue full can fingerprint a
   * failure for a small part of what the event has cost (see {@code benchmarks/RESULTS.md}) and keep a storm of
   * known failures enriched. (Log4j2's default is {@code PASS_THROUGH}: its event has not done that work.)
   */
  public static final String DEFAULT_OVERFLOW_POLICY = "ENRICH_CACHED";

  /**
   * Default: caller data is not computed on the logging thread ({@value}), as in Logback's {@code AsyncAppender}
   * (Log4j2 names the same {@code includeLocation}).
   */
  public static final boolean DEFAULT_INCLUDE_CALLER_DATA = false;

  /**
   * Default place of the fields: {@value}. The MDC view is read by every common encoder; adding them as
   * key-value pairs as well would make logstash-logback-encoder (which writes both at the top level) repeat
   * each key in one JSON object, which Elasticsearch rejects. (A Log4j2 event has one place, its context data.)
   */
  public static final String DEFAULT_ATTACH_TO = "mdc";

  private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
  private int appenderCount;
  private final AppenderSettings.Builder settings =
      AppenderSettings.builder(this::addWarn, OverflowPolicy.valueOf(DEFAULT_OVERFLOW_POLICY));
  private boolean includeCallerData = DEFAULT_INCLUDE_CALLER_DATA;
  private boolean toMdc = true;
  private boolean toKeyValuePairs = false;
  private Classifier classifier;

  /** Logback's levels are a fixed set: {@code diagnoseWarn} is the one choice (Log4j2 has a {@code level}). */
  private Level threshold = Level.ERROR;

  private final LogbackFrame frame = new LogbackFrame();
  private volatile AppenderCore<ILoggingEvent> core;

  /** Kept across restarts: a new core is made on each start. */
  private final SeenFailures failures = new SeenFailures();

  // ---------------------------------------------------------------- life cycle

  @Override
  public void start() {
    if (isStarted()) return;
    if (appenderCount == 0) {
      addError(
          "No attached appenders found: wrap at least one appender with <appender-ref ref=\"...\"/>.");
      return;
    }
    AppenderSettings s = settings.build();
    threshold = s.diagnoseWarn() ? Level.WARN : Level.ERROR;
    AppenderCore<ILoggingEvent> c = new AppenderCore<>(getName(), s, frame, failures);
    Classifier custom = classifier;
    boolean background = s.modelLoading() == AppenderSettings.ModelLoading.BACKGROUND;
    c.start(
        b -> {
          b.loadInBackground(background);
          return custom == null ? b.build() : b.classifier(custom).build();
        });
    core = c;
    super.start();
  }

  /**
   * Delivers everything queued (at most {@link #setDrainTimeout drainTimeout}), then stops and detaches the
   * wrapped appenders and closes the engine, as {@code AsyncAppender} does.
   */
  @Override
  public void stop() {
    if (!isStarted()) return;
    AppenderCore<ILoggingEvent> c = core;
    if (c != null) c.stop();
    super.stop();
    appenders.detachAndStopAllAppenders();
    appenderCount = 0;
    closeClassifier();
  }

  private void closeClassifier() {
    // a classifier configured on this appender was made for it (by Joran): it ends with it
    if (classifier != null) {
      try {
        classifier.close();
      } catch (Exception e) {
        addWarn("Could not close the classifier.", e);
      }
    }
  }

  // ---------------------------------------------------------------- logging thread

  /** Hands the event to the core (see {@link AppenderCore#append}); never throws. */
  @Override
  public void doAppend(ILoggingEvent event) {
    AppenderCore<ILoggingEvent> c = core;
    if (c != null) {
      c.append(event);
    } else if (event != null) {
      // never started: hand on to whatever is attached rather than drop the event
      frame.handOn(event, null);
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    doAppend(event);
  }

  /** Logback's side of the appender. */
  private final class LogbackFrame implements AppenderCore.Frame<ILoggingEvent> {
    @Override
    public Throwable throwableToDiagnose(ILoggingEvent event) {
      if (!event.getLevel().isGreaterOrEqual(threshold)) return null;
      IThrowableProxy proxy = event.getThrowableProxy();
      // a proxy rebuilt from a remote event (ThrowableProxyVO) has no Throwable left to diagnose
      return proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
    }

    @Override
    public ILoggingEvent prepare(ILoggingEvent event, boolean diagnosable) {
      if (getFilterChainDecision(event) == FilterReply.DENY) return null;
      event.prepareForDeferredProcessing();
      if (includeCallerData) event.getCallerData();
      return event;
    }

    @Override
    public void handOn(ILoggingEvent event, Map<String, String> fields) {
      if (fields == null) {
        // Logback reads the thread name and the MDC lazily, from the thread that asks first: fix
        // them now, on the logging thread of an event passed straight through, without
        // prepareForDeferredProcessing() (it formats the message: user code, which may log); a
        // queued event has them fixed already
        event.getThreadName();
        event.getMDCPropertyMap();
        appendToEach(event);
      } else {
        appendToEach(new DiagnosedEvent(event, fields, toMdc, toKeyValuePairs));
      }
    }

    /**
     * Each wrapped appender gets the event even when one before it throws (Logback's own loop stops at an
     * {@code Error}: a {@code StackOverflowError} of one encoder would cost the others the event); the first
     * failure is rethrown afterwards, for the pipeline to count and report.
     */
    private void appendToEach(ILoggingEvent event) {
      Throwable failed = null;
      for (Iterator<Appender<ILoggingEvent>> it = appenders.iteratorForAppenders();
          it.hasNext(); ) {
        try {
          it.next().doAppend(event);
        } catch (Throwable t) {
          if (failed == null) failed = t;
        }
      }
      if (failed instanceof RuntimeException r) throw r;
      if (failed instanceof Error e) throw e;
    }

    @Override
    public ILoggingEvent followUp(ILoggingEvent original, String message) {
      return new FollowUpEvent(original, message);
    }

    @Override
    public void info(String message) {
      addInfo(message);
    }

    @Override
    public void warn(String message, Throwable error) {
      addWarn(message, error);
    }

    @Override
    public void error(String message, Throwable error) {
      addError(message, error);
    }
  }

  // ---------------------------------------------------------------- monitoring

  /** A snapshot of the counters since start; all zero before start. */
  public DiagnosingAppenderMXBean getStats() {
    AppenderCore<ILoggingEvent> c = core;
    return c != null ? c.stats() : new AppenderCore<>(getName(), settings.build(), frame).stats();
  }

  /**
   * The distinct failures this appender has handed on (masked diagnoses, counts, first and last seen), kept across
   * restarts; see {@link SeenFailures}.
   */
  public SeenFailures failures() {
    return failures;
  }

  /**
   * Tells a listener of every diagnosis this appender hands on, from now on (see {@link SeenFailures.Listener}:
   * called on the dispatcher, must be quick; what it throws is reported, never passed on).
   */
  public void addListener(SeenFailures.Listener listener) {
    failures.addListener(listener);
  }

  /** Removes a listener added before; true when it was there. */
  public boolean removeListener(SeenFailures.Listener listener) {
    return failures.removeListener(listener);
  }

  /** The engine's counters since start; all zero when no engine runs. */
  public Diagnoser.Stats getEngineStats() {
    AppenderCore<ILoggingEvent> c = core;
    return c != null ? c.engineStats() : new Diagnoser.Stats(0, 0, 0, 0, 0);
  }

  /**
   * Diagnoses the engine has cached now (an estimate; at most the setting {@code cacheSize}); 0 when no engine runs.
   */
  public long getCachedDiagnoses() {
    AppenderCore<ILoggingEvent> c = core;
    return c != null ? c.cacheSize() : 0;
  }

  /** Wall time the engine spent computing diagnoses since start, in nanoseconds; 0 when no engine runs. */
  public long getModelTimeNanos() {
    AppenderCore<ILoggingEvent> c = core;
    return c != null ? c.modelTimeNanos() : 0;
  }

  // ---------------------------------------------------------------- AppenderAttachable

  @Override
  public void addAppender(Appender<ILoggingEvent> newAppender) {
    if (newAppender == null) return;
    if (newAppender == this) {
      addError("A DiagnosingAppender cannot wrap itself.");
      return;
    }
    if (appenderCount == 0 || !appenders.isAttached(newAppender)) {
      appenderCount++;
      addInfo("Attaching appender named [" + newAppender.getName() + "] to " + getName());
      appenders.addAppender(newAppender);
    }
  }

  @Override
  public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
    return appenders.iteratorForAppenders();
  }

  @Override
  public Appender<ILoggingEvent> getAppender(String name) {
    return appenders.getAppender(name);
  }

  @Override
  public boolean isAttached(Appender<ILoggingEvent> appender) {
    return appenders.isAttached(appender);
  }

  @Override
  public void detachAndStopAllAppenders() {
    appenders.detachAndStopAllAppenders();
    appenderCount = 0;
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    boolean d = appenders.detachAppender(appender);
    if (d) appenderCount--;
    return d;
  }

  @Override
  public boolean detachAppender(String name) {
    boolean d = appenders.detachAppender(name);
    if (d) appenderCount--;
    return d;
  }

  // ---------------------------------------------------------------- settings (AppenderSettings has
  // their defaults)

  /** Capacity of the queue between logging threads and the dispatcher. */
  public void setQueueSize(int queueSize) {
    settings.set("queueSize", Integer.toString(queueSize));
  }

  public int getQueueSize() {
    return settings.build().queueSize();
  }

  /** Threads that run the models. */
  public void setWorkerThreads(int workerThreads) {
    settings.set("workerThreads", Integer.toString(workerThreads));
  }

  public int getWorkerThreads() {
    return settings.build().workerThreads();
  }

  /**
   * Share of one core that diagnosing never-seen failures may take on average (seconds of model time per
   * second); past it, new failures pass on with status refused until the budget refills, while cached ones are
   * enriched as ever. Raise it for a service whose failures are many and varied and whose cores are idle.
   */
  public void setModelTimeShare(double modelTimeShare) {
    settings.set("modelTimeShare", Double.toString(modelTimeShare));
  }

  public double getModelTimeShare() {
    return settings.build().modelTimeShare();
  }

  /**
   * How long the dispatcher waits for one event's diagnosis before the event goes on as pending, e.g.
   * {@code 50 milliseconds} or {@code 50} (milliseconds).
   */
  public void setTimeBudget(Duration timeBudget) {
    settings.set("timeBudget", millis(timeBudget));
  }

  public Duration getTimeBudget() {
    return new Duration(settings.build().timeBudget().toMillis());
  }

  /** Longest wait of a logging thread on a full queue under {@code BLOCK}. */
  public void setMaxBlock(Duration maxBlock) {
    settings.set("maxBlock", millis(maxBlock));
  }

  public Duration getMaxBlock() {
    return new Duration(settings.build().maxBlock().toMillis());
  }

  /** Bound of the drain in {@link #stop()}. */
  public void setDrainTimeout(Duration drainTimeout) {
    settings.set("drainTimeout", millis(drainTimeout));
  }

  public Duration getDrainTimeout() {
    return new Duration(settings.build().drainTimeout().toMillis());
  }

  /** Sliding window of {@code diagnosis.occurrences}. */
  public void setOccurrenceWindow(Duration occurrenceWindow) {
    settings.set("occurrenceWindow", millis(occurrenceWindow));
  }

  public Duration getOccurrenceWindow() {
    return new Duration(settings.build().occurrenceWindow().toMillis());
  }

  /** Logback's {@code Duration} as the settings' text ({@code ""} for none: reported as empty). */
  private static String millis(Duration d) {
    return d == null ? "" : d.getMilliseconds() + "ms";
  }

  /**
   * Package prefixes of the application's own code ({@code com.acme,com.bank}); they decide which frame a failure
   * is attributed to. Replaces earlier values.
   */
  public void setAppPackages(String list) {
    settings.set("appPackages", list == null ? "" : list);
  }

  /** Adds package prefixes ({@code <appPackage>com.acme</appPackage>}, repeatable, or a list). */
  public void addAppPackage(String list) {
    settings.add("appPackages", list);
  }

  public String getAppPackages() {
    return String.join(",", settings.build().appPackages());
  }

  /** Language of cause and fix: {@code ko} or {@code en}; empty for the JVM's locale. */
  public void setLocale(String tag) {
    settings.set("locale", tag == null ? "" : tag);
  }

  public String getLocale() {
    Locale l = settings.build().locale();
    return l == null ? null : l.toLanguageTag();
  }

  /** Maximum number of cached fingerprints; 0 disables the cache. */
  public void setCacheSize(long cacheSize) {
    settings.set("cacheSize", Long.toString(cacheSize));
  }

  public long getCacheSize() {
    return settings.build().cacheSize();
  }

  /**
   * Where stage 1 comes from: {@code default} (the shipped model), {@code rules}, a {@code classpath:} folder or
   * a folder exported by the trainer. A model that cannot load falls back to the rules, with a status warning.
   */
  public void setModel(String model) {
    settings.set("model", model == null ? "" : model);
  }

  public String getModel() {
    return settings.build().model();
  }

  /**
   * When the model loads: {@code blocking} (the default: before the appender starts) or {@code background} (the
   * appender starts at once and the rule-based classifier answers until the model is in, {@code diagnosis.model}
   * naming it).
   */
  public void setModelLoading(String modelLoading) {
    settings.set("modelLoading", modelLoading == null ? "" : modelLoading);
  }

  public String getModelLoading() {
    return settings.build().modelLoading().name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A stage 1 to use instead of {@link #setModel model} ({@code <classifier class="..."/>}); it is closed when
   * this appender stops. For custom models and for tests.
   */
  public void setClassifier(Classifier classifier) {
    this.classifier = classifier;
  }

  public Classifier getClassifier() {
    return classifier;
  }

  /**
   * What a logging thread does when the queue is full: {@code ENRICH_CACHED} (default, see
   * {@link #DEFAULT_OVERFLOW_POLICY}), {@code PASS_THROUGH} (every event goes on at once, unenriched, with
   * {@code diagnosis.status=overflow}) or {@code BLOCK} (wait up to {@link #setMaxBlock maxBlock}, then pass
   * through).
   */
  public void setOverflowPolicy(String policy) {
    settings.set("overflowPolicy", policy == null ? "" : policy);
  }

  public String getOverflowPolicy() {
    return settings.build().overflowPolicy().name();
  }

  /** Whether WARN events with a throwable are diagnosed too; by default only ERROR. */
  public void setDiagnoseWarn(boolean diagnoseWarn) {
    settings.set("diagnoseWarn", Boolean.toString(diagnoseWarn));
  }

  public boolean isDiagnoseWarn() {
    return settings.build().diagnoseWarn();
  }

  /**
   * Diagnoses only throwables of these types (or subclasses, anywhere in the cause chain): a list, and
   * {@code <include>} may repeat. Empty (default) means all.
   */
  public void addInclude(String list) {
    settings.add("includes", list);
  }

  /** Replaces the include list. */
  public void setIncludes(String list) {
    settings.set("includes", list == null ? "" : list);
  }

  public String getIncludes() {
    return String.join(",", settings.build().includes());
  }

  /**
   * Never diagnoses throwables of these types (or subclasses, anywhere in the cause chain); such events go on
   * with {@code diagnosis.status=skipped}. A list, and {@code <exclude>} may repeat. Excludes win.
   */
  public void addExclude(String list) {
    settings.add("excludes", list);
  }

  /** Replaces the exclude list. */
  public void setExcludes(String list) {
    settings.set("excludes", list == null ? "" : list);
  }

  public String getExcludes() {
    return String.join(",", settings.build().excludes());
  }

  /** Whether a diagnosis that missed the time budget is written later as a follow-up event. Default on. */
  public void setFollowUps(boolean followUps) {
    settings.set("followUps", Boolean.toString(followUps));
  }

  public boolean isFollowUps() {
    return settings.build().followUps();
  }

  /** Whether caller data is computed on the logging thread before queuing (costly). Default off. */
  public void setIncludeCallerData(boolean includeCallerData) {
    this.includeCallerData = includeCallerData;
  }

  public boolean isIncludeCallerData() {
    return includeCallerData;
  }

  /**
   * Where the fields go: {@code mdc} (default: the event's MDC view), {@code kvp} (SLF4J key-value pairs) or
   * both ({@code both}, or a list {@code mdc,kvp}). Do not use both with logstash-logback-encoder's default
   * providers: it writes MDC and key-value pairs at the same level and each field would appear twice.
   */
  public void setAttachTo(String attachTo) {
    boolean mdc = false;
    boolean kvp = false;
    List<String> places = AppenderSettings.list(attachTo);
    for (String p : places) {
      switch (p.toLowerCase(Locale.ROOT)) {
        case "mdc" -> mdc = true;
        case "kvp", "keyvaluepairs", "key-value-pairs" -> kvp = true;
        case "both" -> {
          mdc = true;
          kvp = true;
        }
        default -> places = List.of();
      }
    }
    if (places.isEmpty()) {
      addWarn("attachTo=\"" + attachTo + "\" is not mdc, kvp or both; using " + getAttachTo());
      return;
    }
    toMdc = mdc;
    toKeyValuePairs = kvp;
  }

  public String getAttachTo() {
    return toMdc && toKeyValuePairs ? "both" : toMdc ? "mdc" : "kvp";
  }

  /** A status warning on the first overflowing event and then once every this many (0: the first only). */
  public void setOverflowWarnEvery(int every) {
    settings.set("overflowWarnEvery", Integer.toString(every));
  }

  public int getOverflowWarnEvery() {
    return settings.build().overflowWarnEvery();
  }

  /**
   * Longest value of a field in characters; longer ones are cut and end with an ellipsis. 0 leaves them uncut,
   * otherwise at least {@value AppenderSettings#MIN_MAX_FIELD_LENGTH}.
   */
  public void setMaxFieldLength(int maxFieldLength) {
    settings.set("maxFieldLength", Integer.toString(maxFieldLength));
  }

  public int getMaxFieldLength() {
    return settings.build().maxFieldLength();
  }

  /** Whether the counters are registered as an MBean while started. Default on. */
  public void setJmx(boolean jmx) {
    settings.set("jmx", Boolean.toString(jmx));
  }

  public boolean isJmx() {
    return settings.build().jmx();
  }

  /**
   * Stack size of logdx's dispatcher thread, which runs the wrapped appenders: bytes, or with a suffix
   * ({@code 512k}, {@code 16m}, {@code 1g}). Default {@code 16m}, at least {@code 1m}; see
   * {@link AppenderSettings#DEFAULT_DISPATCHER_STACK_SIZE}.
   */
  public void setDispatcherStackSize(String size) {
    settings.set("dispatcherStackSize", size);
  }

  /** The dispatcher's stack size in bytes. */
  public long getDispatcherStackSize() {
    return settings.build().dispatcherStackSize();
  }
}
