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
import io.logdx.core.Diagnosis;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.LogdxThread;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.DiagnosisPipeline;
import io.logdx.core.pipeline.ExceptionFilter;
import io.logdx.core.pipeline.OverflowPolicy;
import io.logdx.core.pipeline.PipelineSink;
import io.logdx.core.pipeline.PipelineStats;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

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
 * <p><b>Threads.</b> The logging thread only prepares the event for deferred processing and queues it. One
 * dispatcher thread ({@code logdx-dispatcher-*}) diagnoses off the logging thread, through the engine's cache
 * and worker threads ({@code logdx-worker-*}), and hands events to the wrapped appenders <em>in the order they
 * were logged</em>. An event whose diagnosis is not ready within {@link #setTimeBudget time budget} goes on with
 * {@code diagnosis.status=pending} and a {@code diagnosis.event_id}; the late diagnosis follows as a separate
 * event carrying the same {@code diagnosis.event_id} (unless {@link #setFollowUps follow-ups} are off).
 *
 * <p><b>Fields.</b> The wrapped appenders receive an event whose MDC view ({@code getMDCPropertyMap()}) holds
 * the original MDC plus the diagnosis fields, so that every encoder that writes the MDC (logstash-logback-encoder,
 * Logback's {@code JsonEncoder}, {@code %X} in patterns) shows them without custom code. With
 * {@link #setAttachTo attachTo} {@code kvp} or {@code both} they are (also) SLF4J key-value pairs. The converters
 * {@link DiagnosisConverter %diagnosis} and {@link DiagnosisFieldConverter %dx} print them in patterns.
 *
 * <p><b>Never hurts the host.</b> Nothing is thrown into the caller; a full queue follows the
 * {@link #setOverflowPolicy overflow policy} (by default the event goes on at once, unenriched, with
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


  /** Default queue capacity: {@value}. */
  public static final int DEFAULT_QUEUE_SIZE = DiagnosisPipeline.DEFAULT_QUEUE_SIZE;
  /** Default time budget per event in milliseconds: {@value}. Cache hits add no waiting. */
  public static final long DEFAULT_TIME_BUDGET_MILLIS = DiagnosisPipeline.DEFAULT_TIME_BUDGET_MILLIS;
  /** Default longest wait of a logging thread under overflow policy {@code BLOCK}, in milliseconds: {@value}. */
  public static final long DEFAULT_MAX_BLOCK_MILLIS = DiagnosisPipeline.DEFAULT_MAX_BLOCK_MILLIS;
  /** Default bound of the drain in {@link #stop()}, in milliseconds: {@value}. */
  public static final long DEFAULT_DRAIN_TIMEOUT_MILLIS = DiagnosisPipeline.DEFAULT_DRAIN_TIMEOUT_MILLIS;
  /** Default sliding window of {@code diagnosis.occurrences}, in seconds: {@value}. */
  public static final long DEFAULT_OCCURRENCE_WINDOW_SECONDS = DiagnosisPipeline.DEFAULT_OCCURRENCE_WINDOW_SECONDS;
  /** Default worker threads running the models: {@value}. */
  public static final int DEFAULT_WORKER_THREADS = Diagnoser.Builder.DEFAULT_WORKER_THREADS;
  /** Default share of one core that model runs may take on average: {@value}. */
  public static final double DEFAULT_MODEL_TIME_SHARE = Diagnoser.Builder.DEFAULT_MODEL_TIME_SHARE;
  /** Default number of cached fingerprints: {@value}. */
  public static final long DEFAULT_CACHE_SIZE = Diagnoser.Builder.DEFAULT_CACHE_SIZE;
  /** Default model location: {@value} (the shipped model, or the rules when it cannot load). */
  public static final String DEFAULT_MODEL = Diagnoser.Builder.DEFAULT_MODEL;
  /**
   * Default overflow policy: {@value}. Logback has already turned the throwable's stack into elements on the
   * logging thread (its {@code ThrowableProxy}), so the logging thread that finds the queue full can fingerprint a
   * failure for a small part of what the event has cost (measured within the 1.2 times of Logback's own
   * {@code AsyncAppender}, see {@code benchmarks/RESULTS.md}) and keep a storm of known failures enriched.
   */
  public static final String DEFAULT_OVERFLOW_POLICY = "ENRICH_CACHED";
  /** Default: only ERROR events are diagnosed ({@value}). */
  public static final boolean DEFAULT_DIAGNOSE_WARN = false;
  /** Default: late diagnoses are written as follow-up events ({@value}). */
  public static final boolean DEFAULT_FOLLOW_UPS = true;
  /** Default: caller data is not computed on the logging thread ({@value}), as in {@code AsyncAppender}. */
  public static final boolean DEFAULT_INCLUDE_CALLER_DATA = false;
  /**
   * Default place of the fields: {@value}. The MDC view is read by every common encoder; adding them as
   * key-value pairs as well would make logstash-logback-encoder (which writes both at the top level) repeat
   * each key in one JSON object, which Elasticsearch rejects.
   */
  public static final String DEFAULT_ATTACH_TO = "mdc";
  /**
   * Default longest field value in characters: {@value}. A root-cause message can be far longer (the engine keeps
   * up to 64 K); the event's own message already carries it in full, so the field holds its beginning.
   */
  public static final int DEFAULT_MAX_FIELD_LENGTH = 2048;
  /** Default: a status warning on the first overflowing event and then once every {@value} of them. */
  public static final int DEFAULT_OVERFLOW_WARN_EVERY = 1000;
  /** Domain of the MBean. */
  public static final String JMX_DOMAIN = "io.logdx";

  /** Message of a follow-up event. */
  static final String FOLLOW_UP_MESSAGE = "logdx diagnosis for earlier event";

  private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
  private int appenderCount;
  // One guard per appender, as UnsynchronizedAppenderBase does; set while this thread is inside doAppend.
  private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private int queueSize = DEFAULT_QUEUE_SIZE;
  private int workerThreads = DEFAULT_WORKER_THREADS;
  private double modelTimeShare = DEFAULT_MODEL_TIME_SHARE;
  private Duration timeBudget = new Duration(DEFAULT_TIME_BUDGET_MILLIS);
  private Duration maxBlock = new Duration(DEFAULT_MAX_BLOCK_MILLIS);
  private Duration drainTimeout = new Duration(DEFAULT_DRAIN_TIMEOUT_MILLIS);
  private Duration occurrenceWindow = Duration.buildBySeconds(DEFAULT_OCCURRENCE_WINDOW_SECONDS);
  private final List<String> appPackages = new ArrayList<>();
  private Locale locale;
  private long cacheSize = DEFAULT_CACHE_SIZE;
  private String model = DEFAULT_MODEL;
  private OverflowPolicy overflowPolicy = OverflowPolicy.valueOf(DEFAULT_OVERFLOW_POLICY);
  private boolean diagnoseWarn = DEFAULT_DIAGNOSE_WARN;
  private final List<String> includes = new ArrayList<>();
  private final List<String> excludes = new ArrayList<>();
  private boolean followUps = DEFAULT_FOLLOW_UPS;
  private boolean includeCallerData = DEFAULT_INCLUDE_CALLER_DATA;
  private boolean toMdc = true;
  private boolean toKeyValuePairs = false;
  private int overflowWarnEvery = DEFAULT_OVERFLOW_WARN_EVERY;
  private int maxFieldLength = DEFAULT_MAX_FIELD_LENGTH;
  private Classifier classifier;

  private volatile DiagnosisPipeline<Queued> pipeline;
  private Diagnoser diagnoser;
  private Level threshold = Level.ERROR;
  private ObjectName mbeanName;
  private final AtomicLong overflowCount = new AtomicLong();
  private final AtomicLong problems = new AtomicLong();

  /** An event on its way through the pipeline, with the identity it gets when it goes on pending. */
  static final class Queued {
    final ILoggingEvent event;
    /** True when the event carries a throwable that would be diagnosed (level and type permitting). */
    final boolean diagnosable;
    // written and read by the dispatcher thread only
    String eventId;

    Queued(ILoggingEvent event, boolean diagnosable) {
      this.event = event;
      this.diagnosable = diagnosable;
    }
  }

  // ---------------------------------------------------------------- life cycle

  @Override
  public void start() {
    if (isStarted()) return;
    if (appenderCount == 0) {
      addError("No attached appenders found: wrap at least one appender with <appender-ref ref=\"...\"/>.");
      return;
    }
    try {
      diagnoser = buildDiagnoser();
    } catch (RuntimeException | LinkageError e) {
      // the host's logging must go on: events pass through unenriched rather than being refused
      addError("Could not build the diagnosis engine; events pass through unenriched.", e);
      diagnoser = null;
    }
    threshold = diagnoseWarn ? Level.WARN : Level.ERROR;
    overflowCount.set(0);
    if (diagnoser != null) {
      try {
        pipeline = new DiagnosisPipeline<>(diagnoser, new Sink(), new ExceptionFilter(includes, excludes), queueSize,
            overflowPolicy, java.time.Duration.ofMillis(timeBudget.getMilliseconds()),
            java.time.Duration.ofMillis(maxBlock.getMilliseconds()),
            java.time.Duration.ofMillis(drainTimeout.getMilliseconds()), followUps,
            java.time.Duration.ofMillis(Math.max(1, occurrenceWindow.getMilliseconds())), getName());
      } catch (RuntimeException e) {
        addError("Could not start the diagnosis pipeline; events pass through unenriched.", e);
        closeDiagnoser();
      }
    }
    reportModel();
    registerMBean();
    super.start();
    addInfo("Started with model " + (diagnoser == null ? "none" : diagnoser.modelId()) + ", queueSize=" + queueSize
        + ", timeBudget=" + timeBudget + ", overflowPolicy=" + overflowPolicy + ", threshold=" + threshold);
  }

  private Diagnoser buildDiagnoser() {
    keepDjlOffline();
    Diagnoser.Builder b = Diagnoser.builder().model(model).cacheSize(cacheSize).workerThreads(workerThreads)
        .modelTimeShare(modelTimeShare).appPackages(appPackages);
    if (locale != null) b.locale(locale);
    if (classifier != null) b.classifier(classifier);
    return b.build();
  }

  /** A model asked for by location that did not load is the user's mistake to see (the rules stand in). */
  private void reportModel() {
    Diagnoser d = diagnoser;
    if (d == null || classifier != null) return;
    boolean rulesAnswer = d.modelId().startsWith(Diagnoser.Builder.RULES_ID);
    if (rulesAnswer && !Diagnoser.Builder.RULES_MODEL.equals(model) && !Diagnoser.Builder.DEFAULT_MODEL.equals(model)) {
      addWarn("The model at [" + model + "] could not be loaded; the rule-based classifier stands in ("
          + d.modelId() + ").");
    } else if (rulesAnswer && Diagnoser.Builder.DEFAULT_MODEL.equals(model)) {
      addInfo("No shipped model could be loaded; the rule-based classifier stands in (" + d.modelId() + ").");
    }
  }

  /** DJL's tokenizer library calls home on first use unless told not to; a bank's JVM must never do that. */
  private void keepDjlOffline() {
    try {
      if (System.getProperty("ai.djl.offline") == null) {
        System.setProperty("ai.djl.offline", "true");
      }
    } catch (SecurityException e) {
      addWarn("Could not set ai.djl.offline=true; set it on the command line (-Dai.djl.offline=true).", e);
    }
  }

  /**
   * Delivers everything queued (at most {@link #setDrainTimeout drainTimeout}), then stops and detaches the
   * wrapped appenders and closes the engine, as {@code AsyncAppender} does.
   */
  @Override
  public void stop() {
    if (!isStarted()) return;
    DiagnosisPipeline<Queued> p = pipeline;
    if (p != null) {
      boolean complete = p.drainAndStop();
      if (!complete) {
        addWarn("Drain timed out after " + drainTimeout + "; " + p.stats().queued() + " events were not delivered.");
      }
    }
    super.stop();
    appenders.detachAndStopAllAppenders();
    appenderCount = 0;
    closeDiagnoser();
    closeClassifier();
    unregisterMBean();
    if (p != null) {
      addInfo("Stopped: " + p.stats() + " passedThrough(overflow)=" + overflowCount.get());
    }
  }

  private void closeDiagnoser() {
    Diagnoser d = diagnoser;
    diagnoser = null;
    if (d != null) {
      try {
        d.close();
      } catch (RuntimeException e) {
        addWarn("Could not close the diagnosis engine.", e);
      }
    }
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

  /**
   * Queues the event, or hands it straight on when it comes from a logdx thread or re-entrantly from this
   * thread's own call (a message argument whose {@code toString()} logs). Never throws.
   */
  @Override
  public void doAppend(ILoggingEvent event) {
    if (event == null) return;
    if (inside.get() || LogdxThread.isCurrent()) {
      passThrough(event);
      return;
    }
    inside.set(Boolean.TRUE);
    try {
      if (!isStarted()) {
        // stopping, or never started: hand on to whatever is still attached rather than drop the event
        passThrough(event);
        return;
      }
      if (getFilterChainDecision(event) == FilterReply.DENY) return;
      append(event);
    } catch (RuntimeException | LinkageError e) {
      // e.g. a broken MDC adapter or a throwing toString(): the event still goes on, as it is
      reportProblem("Could not queue an event; passing it on undiagnosed", e);
      passThrough(event);
    } finally {
      inside.set(Boolean.FALSE);
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    if (includeCallerData) event.getCallerData();
    DiagnosisPipeline<Queued> p = pipeline;
    if (p == null || !p.isRunning()) {
      // no engine, or stop() is draining: on at once, unenriched, rather than counted as an overflow
      passThrough(event);
      return;
    }
    Throwable t = throwableToDiagnose(event);
    p.offer(new Queued(event, t != null), t);
  }

  private Throwable throwableToDiagnose(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(threshold)) return null;
    IThrowableProxy proxy = event.getThrowableProxy();
    // a proxy rebuilt from a remote event (ThrowableProxyVO) has no Throwable left to diagnose
    return proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
  }

  private void passThrough(ILoggingEvent event) {
    try {
      // Logback reads the thread name and the MDC lazily, from the thread that asks first: fix them now, on the
      // logging thread, without prepareForDeferredProcessing() (it formats the message: user code, which may log)
      event.getThreadName();
      event.getMDCPropertyMap();
      appenders.appendLoopOnAppenders(event);
    } catch (RuntimeException e) {
      reportProblem("A wrapped appender failed", e);
    }
  }

  // ---------------------------------------------------------------- dispatcher thread

  /** Hands events to the wrapped appenders; called by the pipeline. */
  private final class Sink implements PipelineSink<Queued> {
    @Override
    public void deliver(Queued q, Diagnosis diagnosis, long occurrences) {
      if (diagnosis == null) {
        appenders.appendLoopOnAppenders(q.event);
        return;
      }
      FieldsView fields = fieldsOf(diagnosis, occurrences);
      if (diagnosis.status() == Diagnosis.Status.PENDING && followUps) {
        q.eventId = newEventId();
        fields = fields.withEventId(q.eventId);
      }
      appenders.appendLoopOnAppenders(new DiagnosedEvent(q.event, fields, toMdc, toKeyValuePairs));
    }

    @Override
    public void deliverFollowUp(Queued original, Diagnosis diagnosis, long occurrences) {
      FieldsView fields = fieldsOf(diagnosis, occurrences);
      if (original.eventId != null) fields = fields.withEventId(original.eventId);
      appenders.appendLoopOnAppenders(
          FollowUpEvent.of(original.event, FOLLOW_UP_MESSAGE, fields, toMdc, toKeyValuePairs));
    }

    @Override
    public void deliverOverflow(Queued q) {
      long n = overflowCount.incrementAndGet();
      if (n == 1 || (overflowWarnEvery > 0 && n % overflowWarnEvery == 0)) {
        addWarn("Queue full (" + queueSize + "): " + n + " events passed on unenriched with "
            + DiagnosisFields.STATUS + "=overflow so far. Raise queueSize or workerThreads, or set a lower timeBudget.");
      }
      if (!q.diagnosable) {
        // nothing would have been diagnosed: the event goes on as it is
        appenders.appendLoopOnAppenders(q.event);
        return;
      }
      Map<String, String> fields = Map.of(DiagnosisFields.STATUS, Diagnosis.Status.OVERFLOW.value());
      appenders.appendLoopOnAppenders(new DiagnosedEvent(q.event, fields, toMdc, toKeyValuePairs));
    }

    @Override
    public void reportProblem(String message, Throwable error) {
      DiagnosingAppender.this.reportProblem(message, error);
    }
  }

  private FieldsView fieldsOf(Diagnosis diagnosis, long occurrences) {
    // runs for every event: the diagnosis makes its (cut) fields once for all occurrences of its failure
    return new FieldsView(diagnosis.toFields(maxFieldLength), occurrences > 0 ? Long.toString(occurrences) : null,
        null);
  }

  private static String newEventId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new UUID(r.nextLong(), r.nextLong()).toString();
  }

  /** Problems go to the status manager; a flood of them is cut to the first few and then one in a thousand. */
  private void reportProblem(String message, Throwable error) {
    long n = problems.incrementAndGet();
    if (n <= 10 || n % 1000 == 0) {
      addError(message + (n > 10 ? " (" + n + " problems so far)" : ""), error);
    }
  }

  // ---------------------------------------------------------------- monitoring

  /** Counters since start; all zero before start. */
  public PipelineStats getStats() {
    DiagnosisPipeline<Queued> p = pipeline;
    return p == null ? new PipelineStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : p.stats();
  }

  /** Model id of stage 1, or {@code none} when the engine could not start. */
  String modelId() {
    Diagnoser d = diagnoser;
    return d == null ? "none" : d.modelId();
  }

  private void registerMBean() {
    try {
      ObjectName on = objectName(getName());
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(on)) {
        addWarn("An MBean " + on + " is registered already (another DiagnosingAppender of that name is running);"
            + " this one's counters are not exposed through JMX.");
        return;
      }
      server.registerMBean(new AppenderMXBean(this), on);
      mbeanName = on;
    } catch (JMException | RuntimeException e) {
      addWarn("Could not register the MBean; counters are still written on stop.", e);
    }
  }

  /** {@code io.logdx:type=DiagnosingAppender,name=<name>}, the name quoted only when JMX requires it. */
  static ObjectName objectName(String appenderName) throws JMException {
    String n = appenderName == null || appenderName.isEmpty() ? "unnamed" : appenderName;
    boolean plain = n.chars().noneMatch(c -> ",=:\"*?\n".indexOf(c) >= 0);
    return new ObjectName(JMX_DOMAIN + ":type=DiagnosingAppender,name=" + (plain ? n : ObjectName.quote(n)));
  }

  private void unregisterMBean() {
    ObjectName on = mbeanName;
    mbeanName = null;
    if (on == null) return;
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(on);
    } catch (JMException | RuntimeException e) {
      addWarn("Could not unregister the MBean " + on, e);
    }
  }

  /** The name the MBean was registered under, or {@code null}. */
  ObjectName mbeanName() {
    return mbeanName;
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

  // ---------------------------------------------------------------- settings

  /** Capacity of the queue between logging threads and the dispatcher. Default {@value #DEFAULT_QUEUE_SIZE}. */
  public void setQueueSize(int queueSize) {
    if (queueSize < 1) {
      addWarn("queueSize must be >= 1, keeping " + this.queueSize);
      return;
    }
    this.queueSize = queueSize;
  }

  public int getQueueSize() {
    return queueSize;
  }

  /** Threads that run the models. Default {@value #DEFAULT_WORKER_THREADS}. */
  public void setWorkerThreads(int workerThreads) {
    if (workerThreads < 1) {
      addWarn("workerThreads must be >= 1, keeping " + this.workerThreads);
      return;
    }
    this.workerThreads = workerThreads;
  }

  public int getWorkerThreads() {
    return workerThreads;
  }

  /**
   * Share of one core that diagnosing never-seen failures may take on average (seconds of model time per
   * second). Default {@value #DEFAULT_MODEL_TIME_SHARE}; past it, new failures pass on with status overflow until
   * the budget refills, while cached ones are enriched as ever. Raise it for a service whose failures are many
   * and varied and whose cores are idle.
   */
  public void setModelTimeShare(double modelTimeShare) {
    if (!(modelTimeShare > 0)) {
      addWarn("modelTimeShare must be > 0, keeping " + this.modelTimeShare);
      return;
    }
    this.modelTimeShare = modelTimeShare;
  }

  public double getModelTimeShare() {
    return modelTimeShare;
  }

  /**
   * How long the dispatcher waits for one event's diagnosis before the event goes on as pending, e.g.
   * {@code 50 milliseconds} or {@code 50} (milliseconds). Default {@value #DEFAULT_TIME_BUDGET_MILLIS} ms.
   */
  public void setTimeBudget(Duration timeBudget) {
    if (timeBudget == null || timeBudget.getMilliseconds() < 0) {
      addWarn("timeBudget must be >= 0, keeping " + this.timeBudget);
      return;
    }
    this.timeBudget = timeBudget;
  }

  public Duration getTimeBudget() {
    return timeBudget;
  }

  /** Longest wait of a logging thread on a full queue under {@code BLOCK}. Default {@value #DEFAULT_MAX_BLOCK_MILLIS} ms. */
  public void setMaxBlock(Duration maxBlock) {
    if (maxBlock == null || maxBlock.getMilliseconds() < 0) {
      addWarn("maxBlock must be >= 0, keeping " + this.maxBlock);
      return;
    }
    this.maxBlock = maxBlock;
  }

  public Duration getMaxBlock() {
    return maxBlock;
  }

  /** Bound of the drain in {@link #stop()}. Default {@value #DEFAULT_DRAIN_TIMEOUT_MILLIS} ms. */
  public void setDrainTimeout(Duration drainTimeout) {
    if (drainTimeout == null || drainTimeout.getMilliseconds() < 0) {
      addWarn("drainTimeout must be >= 0, keeping " + this.drainTimeout);
      return;
    }
    this.drainTimeout = drainTimeout;
  }

  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  /** Sliding window of {@code diagnosis.occurrences}. Default {@value #DEFAULT_OCCURRENCE_WINDOW_SECONDS} s. */
  public void setOccurrenceWindow(Duration occurrenceWindow) {
    if (occurrenceWindow == null || occurrenceWindow.getMilliseconds() < 1) {
      addWarn("occurrenceWindow must be > 0, keeping " + this.occurrenceWindow);
      return;
    }
    this.occurrenceWindow = occurrenceWindow;
  }

  public Duration getOccurrenceWindow() {
    return occurrenceWindow;
  }

  /**
   * Package prefixes of the application's own code, comma-separated ({@code com.acme,com.bank}); they decide
   * which frame a failure is attributed to. Replaces earlier values.
   */
  public void setAppPackages(String commaSeparated) {
    appPackages.clear();
    addAppPackage(commaSeparated);
  }

  /** Adds package prefixes ({@code <appPackage>com.acme</appPackage>}, repeatable, or a comma list). */
  public void addAppPackage(String commaSeparated) {
    appPackages.addAll(split(commaSeparated));
  }

  public String getAppPackages() {
    return String.join(",", appPackages);
  }

  /** Language of cause and fix as a language tag ({@code ko}, {@code en}); default the JVM's locale. */
  public void setLocale(String tag) {
    if (tag == null || tag.isBlank()) {
      this.locale = null;
      return;
    }
    Locale l = Locale.forLanguageTag(tag.trim().replace('_', '-'));
    if (l.getLanguage().isEmpty()) {
      addWarn("Unknown locale [" + tag + "], using the JVM's locale.");
      this.locale = null;
      return;
    }
    this.locale = l;
  }

  public String getLocale() {
    return locale == null ? null : locale.toLanguageTag();
  }

  /** Maximum number of cached fingerprints; 0 disables the cache. Default {@value #DEFAULT_CACHE_SIZE}. */
  public void setCacheSize(long cacheSize) {
    if (cacheSize < 0) {
      addWarn("cacheSize must be >= 0, keeping " + this.cacheSize);
      return;
    }
    this.cacheSize = cacheSize;
  }

  public long getCacheSize() {
    return cacheSize;
  }

  /**
   * Where stage 1 comes from: {@code default} (the shipped model), {@code rules}, a {@code classpath:} folder or
   * a folder exported by the trainer. A model that cannot load falls back to the rules (see the model id).
   */
  public void setModel(String model) {
    if (model == null || model.isBlank()) {
      addWarn("model must not be empty, keeping " + this.model);
      return;
    }
    this.model = model.trim();
  }

  public String getModel() {
    return model;
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
   * What a logging thread does when the queue is full: {@code ENRICH_CACHED} (default; it enriches the event
   * itself when the failure is already diagnosed, a few microseconds and never a model run, and passes the others
   * on at once with {@code diagnosis.status=overflow}), {@code PASS_THROUGH} (every event goes on at once,
   * unenriched, with {@code diagnosis.status=overflow}) or {@code BLOCK} (wait up to {@link #setMaxBlock maxBlock},
   * then pass through).
   */
  public void setOverflowPolicy(String policy) {
    try {
      this.overflowPolicy = OverflowPolicy.valueOf(policy.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (RuntimeException e) {
      addWarn("Unknown overflowPolicy [" + policy + "]: use PASS_THROUGH, BLOCK or ENRICH_CACHED; keeping "
          + overflowPolicy);
    }
  }

  public String getOverflowPolicy() {
    return overflowPolicy.name();
  }

  /** Whether WARN events with a throwable are diagnosed too; by default only ERROR. */
  public void setDiagnoseWarn(boolean diagnoseWarn) {
    this.diagnoseWarn = diagnoseWarn;
  }

  public boolean isDiagnoseWarn() {
    return diagnoseWarn;
  }

  /**
   * Diagnoses only throwables of these types (or subclasses, anywhere in the cause chain): a comma list, and
   * {@code <include>} may repeat. Empty (default) means all.
   */
  public void addInclude(String commaSeparated) {
    includes.addAll(split(commaSeparated));
  }

  /** Replaces the include list with a comma list. */
  public void setIncludes(String commaSeparated) {
    includes.clear();
    addInclude(commaSeparated);
  }

  public String getIncludes() {
    return String.join(",", includes);
  }

  /**
   * Never diagnoses throwables of these types (or subclasses, anywhere in the cause chain); such events go on
   * with {@code diagnosis.status=skipped}. A comma list, and {@code <exclude>} may repeat. Excludes win.
   */
  public void addExclude(String commaSeparated) {
    excludes.addAll(split(commaSeparated));
  }

  /** Replaces the exclude list with a comma list. */
  public void setExcludes(String commaSeparated) {
    excludes.clear();
    addExclude(commaSeparated);
  }

  public String getExcludes() {
    return String.join(",", excludes);
  }

  /** Whether a diagnosis that missed the time budget is written later as a follow-up event. Default on. */
  public void setFollowUps(boolean followUps) {
    this.followUps = followUps;
  }

  public boolean isFollowUps() {
    return followUps;
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
   * {@code both}. Do not use {@code both} with logstash-logback-encoder's default providers: it writes MDC and
   * key-value pairs at the same level and each field would appear twice.
   */
  public void setAttachTo(String attachTo) {
    String v = attachTo == null ? "" : attachTo.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "mdc" -> { toMdc = true; toKeyValuePairs = false; }
      case "kvp", "keyvaluepairs", "key-value-pairs" -> { toMdc = false; toKeyValuePairs = true; }
      case "both" -> { toMdc = true; toKeyValuePairs = true; }
      default -> addWarn("Unknown attachTo [" + attachTo + "]: use mdc, kvp or both; keeping " + getAttachTo());
    }
  }

  public String getAttachTo() {
    return toMdc && toKeyValuePairs ? "both" : toMdc ? "mdc" : "kvp";
  }

  /** A status warning on the first overflowing event and then once every this many. Default {@value #DEFAULT_OVERFLOW_WARN_EVERY}. */
  public void setOverflowWarnEvery(int every) {
    this.overflowWarnEvery = Math.max(0, every);
  }

  public int getOverflowWarnEvery() {
    return overflowWarnEvery;
  }

  /**
   * Longest value of a field in characters; longer ones are cut and end with an ellipsis. 0 leaves them uncut.
   * Default {@value #DEFAULT_MAX_FIELD_LENGTH}.
   */
  public void setMaxFieldLength(int maxFieldLength) {
    if (maxFieldLength < 0 || (maxFieldLength > 0 && maxFieldLength < 64)) {
      addWarn("maxFieldLength must be 0 (uncut) or >= 64, keeping " + this.maxFieldLength);
      return;
    }
    this.maxFieldLength = maxFieldLength;
  }

  public int getMaxFieldLength() {
    return maxFieldLength;
  }

  private static List<String> split(String commaSeparated) {
    List<String> out = new ArrayList<>();
    if (commaSeparated == null) return out;
    for (String s : commaSeparated.split("[,\\s]+")) {
      if (!s.isBlank()) out.add(s.trim());
    }
    return out;
  }
}
