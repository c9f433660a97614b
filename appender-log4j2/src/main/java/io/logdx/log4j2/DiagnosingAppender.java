package io.logdx.log4j2;

import io.logdx.core.Diagnosis;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.LogdxThread;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.DiagnosisPipeline;
import io.logdx.core.pipeline.ExceptionFilter;
import io.logdx.core.pipeline.PipelineSink;
import io.logdx.core.pipeline.PipelineStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.AppenderControl;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * A Log4j2 appender that diagnoses the throwables of logged events and hands every event on to the appenders it
 * references, in the order they were logged, with the diagnosis fields ({@link DiagnosisFields}) added to the
 * event's context data, where {@code %X{diagnosis.category}}, {@code %dx{category}} and JsonTemplateLayout's
 * {@code mdc} resolver find them.
 *
 * <pre>{@code
 * <Appenders>
 *   <File name="json" fileName="logs/app.json">
 *     <JsonTemplateLayout eventTemplateUri="classpath:LogdxEcsLayout.json"/>
 *   </File>
 *   <Diagnosing name="dx" appPackages="com.acme,com.bank">
 *     <AppenderRef ref="json"/>
 *   </Diagnosing>
 * </Appenders>
 * <Loggers>
 *   <Root level="info"><AppenderRef ref="dx"/></Root>
 * </Loggers>
 * }</pre>
 *
 * <p>How an event travels. On the logging thread the appender copies the event into an immutable memento (the
 * message formatted, the throwable kept) and queues it; nothing else. Off the logging thread a
 * {@link DiagnosisPipeline} diagnoses throwables of events at or above {@code level} through the engine's cache
 * and hands the events on in logging order: enriched when the diagnosis is ready within {@code timeBudget},
 * otherwise at once with {@code diagnosis.status=pending} and a {@code diagnosis.event_id}; the late diagnosis
 * then follows as its own event (marker {@value #FOLLOW_UP_MARKER}, same logger and level, the same
 * {@code diagnosis.event_id} and fingerprint), unless {@code followUps="false"}.
 *
 * <p>Full queue ({@code overflowPolicy}): {@code PASS_THROUGH} (default) hands the event on at once on the logging
 * thread with {@code diagnosis.status=overflow}, ahead of older events still queued; {@code BLOCK} waits at most
 * {@code maxBlock} for room, then does the same; {@code ENRICH_CACHED} has the logging thread enrich a failure
 * already diagnosed (it turns the throwable's stack into elements and looks up the cache, which a Log4j2 event has
 * not done yet: hence not the default here, unlike Logback's). No event is dropped.
 *
 * <p>No recursion: events logged from logdx's own threads ({@link LogdxThread}: dispatcher and model workers) and
 * events logged re-entrantly while this appender is handling an event on the same thread are passed straight
 * through, undiagnosed. The appender's own problems go to Log4j's StatusLogger, never to a logger.
 *
 * <p>Stop: intake ends and everything queued is handed on within {@code drainTimeout} (diagnoses not ready by then
 * go on as pending). When the configuration stops (shutdown or reconfiguration) the drain runs as the root logger
 * configuration stops, that is before Log4j stops any appender, so that the referenced appenders are still
 * running when the last events reach them. Events that arrive during the drain are passed straight through.
 * Counters are written to the StatusLogger (level INFO) on stop and are readable through JMX
 * ({@link DiagnosingAppenderMXBean}).
 */
@Plugin(name = DiagnosingAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE,
    printObject = true)
public final class DiagnosingAppender extends AbstractAppender {
  /** The element name in {@code log4j2.xml}: {@value}. */
  public static final String PLUGIN_NAME = "Diagnosing";
  /** Name of the marker of follow-up events: {@value}. */
  public static final String FOLLOW_UP_MARKER = "LOGDX_FOLLOW_UP";
  /** Overflow warnings are written for the first event that finds the queue full, then once every {@value} events. */
  static final long OVERFLOW_WARN_EVERY = 1_000;

  /**
   * Test seam: when set, builds the engine from the configured builder instead of {@code Diagnoser.Builder#build()}
   * (tests inject a deliberately slow or failing stage 1). The appender owns and closes what it returns.
   */
  static volatile Function<Diagnoser.Builder, Diagnoser> diagnoserFactory;

  private static final Marker FOLLOW_UP = MarkerManager.getMarker(FOLLOW_UP_MARKER);
  private static final Map<String, String> OVERFLOW_FIELDS =
      Map.of(DiagnosisFields.STATUS, Diagnosis.Status.OVERFLOW.value());
  private static final Map<String, String> ERROR_FIELDS =
      Map.of(DiagnosisFields.STATUS, Diagnosis.Status.ERROR.value());
  private static final Map<String, String> SKIPPED_FIELDS =
      Map.of(DiagnosisFields.STATUS, Diagnosis.Status.SKIPPED.value());

  private final Configuration configuration;
  private final AppenderRef[] appenderRefs;
  private final DiagnosingSettings settings;
  private final ThreadLocal<Boolean> inAppend = new ThreadLocal<>();
  private final LongAdder passedThrough = new LongAdder();
  private final LongAdder overflowWarnings = new LongAdder();
  private final String eventIdPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  private long eventIdSequence; // dispatcher thread only

  private volatile AppenderControl[] targets = new AppenderControl[0];
  private volatile Diagnoser diagnoser;
  private volatile DiagnosisPipeline<Queued> pipeline;
  private volatile DrainSignal drainSignal;
  private volatile LoggerConfig signalledConfig;
  private volatile JmxRegistration jmx;

  /** An event on its way through the pipeline: the immutable memento and whether its throwable is diagnosed. */
  static final class Queued {
    final LogEvent event;
    final boolean diagnosable;
    /** Set by the dispatcher when the event goes on pending; read by the same thread for the follow-up. */
    String eventId;

    Queued(LogEvent event, boolean diagnosable) {
      this.event = event;
      this.diagnosable = diagnosable;
    }
  }

  private DiagnosingAppender(String name, Filter filter, boolean ignoreExceptions, Property[] properties,
      Configuration configuration, AppenderRef[] appenderRefs, DiagnosingSettings settings) {
    super(name, filter, null, ignoreExceptions, properties);
    this.configuration = configuration;
    this.appenderRefs = appenderRefs.clone();
    this.settings = settings;
  }

  /** The builder Log4j uses for {@code <Diagnosing>}; its attributes are documented in {@link DiagnosingDefaults}. */
  @PluginBuilderFactory
  public static <B extends Builder<B>> B newBuilder() {
    return new Builder<B>().asBuilder();
  }

  /** The settings in effect. */
  DiagnosingSettings settings() {
    return settings;
  }

  /** Counters since start, or {@code null} before start. */
  PipelineStats pipelineStats() {
    DiagnosisPipeline<Queued> p = pipeline;
    return p == null ? null : p.stats();
  }

  /** Events passed straight through (logdx's threads, re-entrant calls, stopped). */
  long passedThrough() {
    return passedThrough.sum();
  }

  @Override
  public void start() {
    if (isStarted()) return;
    setStarting();
    List<AppenderControl> controls = new ArrayList<>();
    Map<String, Appender> appenders = configuration == null ? Map.of() : configuration.getAppenders();
    for (AppenderRef ref : appenderRefs) {
      Appender a = appenders.get(ref.getRef());
      if (a == null) {
        LOGGER.error("Diagnosing appender {}: no appender named '{}' to hand events on to", getName(), ref.getRef());
      } else if (a == this) {
        LOGGER.error("Diagnosing appender {}: it cannot refer to itself", getName());
      } else {
        controls.add(new AppenderControl(a, ref.getLevel(), ref.getFilter()));
      }
    }
    if (controls.isEmpty()) {
      LOGGER.error("Diagnosing appender {}: no appenders to hand events on to; events logged to it are lost", getName());
    }
    targets = controls.toArray(new AppenderControl[0]);
    try {
      Diagnoser.Builder b = settings.diagnoserBuilder();
      Function<Diagnoser.Builder, Diagnoser> factory = diagnoserFactory;
      diagnoser = factory != null ? factory.apply(b) : b.build();
      pipeline = new DiagnosisPipeline<>(diagnoser, new Sink(), new ExceptionFilter(settings.includes(), settings.excludes()),
          settings.queueSize(), settings.overflowPolicy(), settings.timeBudget(), settings.maxBlock(),
          settings.drainTimeout(), settings.followUps(), settings.occurrenceWindow(), getName());
    } catch (RuntimeException | LinkageError e) {
      // never hurt the host: without an engine every event is passed straight through
      LOGGER.error("Diagnosing appender {}: could not start the diagnosis; events go on undiagnosed", getName(), e);
      closeDiagnoser();
      pipeline = null;
    }
    installDrainSignal();
    if (settings.jmx()) {
      jmx = JmxRegistration.register(getName(), new Counters());
    }
    super.start();
  }

  @Override
  public void append(LogEvent event) {
    DiagnosisPipeline<Queued> p = pipeline;
    if (p == null || LogdxThread.isCurrent() || Boolean.TRUE.equals(inAppend.get())) {
      passThrough(event);
      return;
    }
    if (!p.isRunning()) {
      // late events (an async logger's ring buffer emptied at shutdown): after the drain, so that order holds
      awaitDrain(p);
      passThrough(isDiagnosable(event) ? withFields(event, SKIPPED_FIELDS) : event);
      return;
    }
    inAppend.set(Boolean.TRUE);
    try {
      boolean diagnosable = isDiagnosable(event);
      Log4jLogEvent memento = memento(event, diagnosable);
      Message m = memento.getMessage();
      if (m != null) {
        // formatted now, on the logging thread, while the parameters still hold their values
        m.getFormattedMessage();
      }
      p.offer(new Queued(memento, diagnosable), diagnosable ? memento.getThrown() : null);
    } catch (RuntimeException | LinkageError e) {
      LOGGER.error("Diagnosing appender {}: could not queue an event; passing it on undiagnosed", getName(), e);
      passThrough(event);
    } finally {
      // set, not removed: a removal costs a clean-up of the thread's map on every event; a Boolean left behind
      // holds no class of the application
      inAppend.set(Boolean.FALSE);
    }
  }

  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    setStopping();
    boolean drained = drain();
    super.stop(timeout, timeUnit, false);
    removeDrainSignal();
    closeDiagnoser();
    JmxRegistration j = jmx;
    if (j != null) j.unregister();
    DiagnosisPipeline<Queued> p = pipeline;
    if (p != null) {
      LOGGER.info("Diagnosing appender {} stopped: {} passedThrough={}", getName(), p.stats(), passedThrough.sum());
    }
    setStopped();
    return drained;
  }

  /**
   * Ends intake and hands on everything queued, within the drain timeout. Idempotent; called by the
   * configuration's stop (through {@link DrainSignal}) and by {@link #stop(long, TimeUnit)}.
   *
   * @return true when every queued event was handed on
   */
  boolean drain() {
    DiagnosisPipeline<Queued> p = pipeline;
    return p == null || p.drainAndStop();
  }

  @Override
  public boolean requiresLocation() {
    return settings.includeLocation();
  }

  private boolean isDiagnosable(LogEvent event) {
    return event.getThrown() != null && event.getLevel().isMoreSpecificThan(settings.level());
  }

  /** Waits, at most the drain timeout, for the drain under way; never on logdx's own threads. */
  private static void awaitDrain(DiagnosisPipeline<Queued> p) {
    if (!LogdxThread.isCurrent()) p.drainAndStop();
  }

  private void passThrough(LogEvent event) {
    passedThrough.increment();
    forward(event);
  }

  private void forward(LogEvent event) {
    for (AppenderControl c : targets) {
      try {
        c.callAppender(event);
      } catch (RuntimeException e) {
        // a referenced appender with ignoreExceptions="false" threw: the others still get the event
        LOGGER.error("Diagnosing appender {}: appender {} failed", getName(), c.getAppenderName(), e);
      }
    }
  }

  private String nextEventId() {
    return eventIdPrefix + "-" + (++eventIdSequence);
  }

  /** The context data of an overflowing event that had none of its own, made once (it is frozen). */
  private static final StringMap OVERFLOW_ONLY =
      contextData(ContextDataFactory.emptyFrozenContextData(), OVERFLOW_FIELDS);

  /**
   * The immutable copy of an event that is queued (what {@code Log4jLogEvent.createMemento} makes). An event to
   * diagnose gets {@code diagnosis.status=overflow} into its context data in the same copy: when the queue turns
   * out to be full, that copy goes on as it is, and a logging thread in a flood makes one copy instead of two
   * (the usual event without context data of its own shares one frozen map); queued, it has the status replaced
   * by the dispatcher, whose fields always carry one.
   */
  private Log4jLogEvent memento(LogEvent event, boolean diagnosable) {
    boolean location = settings.includeLocation();
    if (!diagnosable) return Log4jLogEvent.createMemento(event, location);
    // as createMemento does: a location the appender does not ask for is not computed by the copy
    boolean unset = event.isIncludeLocation() && !location;
    if (unset) event.setIncludeLocation(false);
    try {
      ReadOnlyStringMap own = event.getContextData();
      StringMap data = own == null || own.isEmpty() ? OVERFLOW_ONLY : contextData(own, OVERFLOW_FIELDS);
      return new Log4jLogEvent.Builder(event).setContextData(data).build();
    } finally {
      if (unset) event.setIncludeLocation(true);
    }
  }

  /** The event with the fields added to (a copy of) its context data. */
  static LogEvent withFields(LogEvent event, Map<String, String> fields) {
    return new Log4jLogEvent.Builder(event).setContextData(contextData(event.getContextData(), fields)).build();
  }

  /** The original context data and the fields, in a new frozen map. */
  private static StringMap contextData(ReadOnlyStringMap original, Map<String, String> fields) {
    StringMap data = ContextDataFactory.createContextData(original.size() + fields.size());
    data.putAll(original);
    fields.forEach(data::putValue);
    data.freeze();
    return data;
  }

  /**
   * The event with a diagnosis's fields (made once per diagnosis, shared by every occurrence of a cached failure),
   * its occurrence count and, for a pending event or a follow-up, its event id, written straight into a copy of
   * its context data: this runs for every diagnosed event, and an intermediate map per event was avoidable work.
   */
  private static LogEvent withDiagnosis(LogEvent event, Diagnosis d, long occurrences, String eventId) {
    Map<String, String> fields = d.toFields();
    ReadOnlyStringMap original = event.getContextData();
    StringMap data = ContextDataFactory.createContextData(original.size() + fields.size() + 2);
    data.putAll(original);
    fields.forEach(data::putValue);
    if (occurrences > 0 && d.status() != Diagnosis.Status.SKIPPED) {
      data.putValue(DiagnosisFields.OCCURRENCES, Long.toString(occurrences));
    }
    if (eventId != null) data.putValue(DiagnosisFields.EVENT_ID, eventId);
    data.freeze();
    return new Log4jLogEvent.Builder(event).setContextData(data).build();
  }

  /** Hands events on for the pipeline; all but {@link #deliverOverflow} run on the dispatcher thread. */
  private final class Sink implements PipelineSink<Queued> {
    @Override
    public void deliver(Queued q, Diagnosis d, long occurrences) {
      if (d == null) {
        // a diagnosis that could not even start: its memento says overflow, which it was not
        forward(q.diagnosable ? withFields(q.event, ERROR_FIELDS) : q.event);
        return;
      }
      if (d.status() == Diagnosis.Status.PENDING) q.eventId = nextEventId();
      forward(withDiagnosis(q.event, d, occurrences, q.eventId));
    }

    @Override
    public void deliverFollowUp(Queued q, Diagnosis d, long occurrences) {
      LogEvent original = q.event;
      String id = q.eventId != null ? q.eventId : nextEventId();
      LogEvent followUp = Log4jLogEvent.newBuilder()
          .setLoggerName(original.getLoggerName())
          .setLoggerFqcn(original.getLoggerFqcn())
          .setLevel(original.getLevel())
          .setMarker(FOLLOW_UP)
          .setMessage(new SimpleMessage("logdx diagnosis of event " + id + ": " + d.summary()))
          .setThreadName(original.getThreadName())
          .setThreadId(original.getThreadId())
          .setThreadPriority(original.getThreadPriority())
          .setContextStack(original.getContextStack())
          .setContextData(original.getContextData() instanceof StringMap ? (StringMap) original.getContextData()
              : ContextDataFactory.createContextData(original.getContextData()))
          .setTimeMillis(System.currentTimeMillis())
          .build();
      forward(withDiagnosis(followUp, d, occurrences, id));
    }

    @Override
    public void deliverOverflow(Queued q) {
      DiagnosisPipeline<Queued> p = pipeline;
      if (p != null && !p.isRunning()) {
        // not a full queue: the event raced with the start of the drain; it goes on after the drained ones
        awaitDrain(p);
        forward(q.diagnosable ? withFields(q.event, SKIPPED_FIELDS) : q.event);
        return;
      }
      overflowWarnings.increment();
      long n = overflowWarnings.sum();
      if (n == 1 || n % OVERFLOW_WARN_EVERY == 0) {
        LOGGER.warn("Diagnosing appender {}: queue full ({} events); {} events so far went on undiagnosed"
            + " (overflowPolicy={})", getName(), settings.queueSize(), n, settings.overflowPolicy());
      }
      // the memento of an event to diagnose already says overflow (see memento)
      forward(q.event);
    }

    @Override
    public void reportProblem(String message, Throwable error) {
      LOGGER.error("Diagnosing appender {}: {}", getName(), message, error);
    }
  }

  /**
   * A filter on the root logger configuration that never decides anything: its only job is to be stopped when
   * the configuration stops its loggers, which Log4j does before it stops any appender (in an order of its own).
   * Draining then means the referenced appenders are still started when the last events reach them.
   */
  static final class DrainSignal extends AbstractFilter {
    private final DiagnosingAppender appender;

    DrainSignal(DiagnosingAppender appender) {
      this.appender = appender;
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
      setStopping();
      appender.drain();
      setStopped();
      return true;
    }

    @Override
    public String toString() {
      return "DrainSignal[" + appender.getName() + "]";
    }
  }

  private void installDrainSignal() {
    if (configuration == null) return;
    try {
      LoggerConfig root = configuration.getRootLogger();
      if (root == null) return;
      DrainSignal s = new DrainSignal(this);
      s.start();
      root.addFilter(s);
      drainSignal = s;
      signalledConfig = root;
    } catch (RuntimeException e) {
      LOGGER.warn("Diagnosing appender {}: cannot drain ahead of the other appenders on shutdown", getName(), e);
    }
  }

  private void removeDrainSignal() {
    DrainSignal s = drainSignal;
    LoggerConfig root = signalledConfig;
    if (s != null && root != null) {
      try {
        root.removeFilter(s);
      } catch (RuntimeException e) {
        // the configuration is being dismantled anyway
      }
    }
    drainSignal = null;
    signalledConfig = null;
  }

  private void closeDiagnoser() {
    Diagnoser d = diagnoser;
    if (d != null) {
      try {
        d.close();
      } catch (RuntimeException e) {
        LOGGER.warn("Diagnosing appender {}: closing the engine failed", getName(), e);
      }
    }
  }

  /** The JMX view of the counters. */
  private final class Counters implements DiagnosingAppenderMXBean {
    private PipelineStats s() {
      DiagnosisPipeline<Queued> p = pipeline;
      return p == null ? new PipelineStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : p.stats();
    }

    @Override public long getReceived() { return s().received(); }
    @Override public long getDelivered() { return s().delivered(); }
    @Override public long getEnriched() { return s().enriched(); }
    @Override public long getCacheHits() { return s().cacheHits(); }
    @Override public long getPending() { return s().pending(); }
    @Override public long getFollowUps() { return s().followUps(); }
    @Override public long getSkipped() { return s().skipped(); }
    @Override public long getFailed() { return s().failed(); }
    @Override public long getOverflowed() { return s().overflowed(); }
    @Override public long getPassedThrough() { return passedThrough.sum(); }
    @Override public int getQueued() { return s().queued(); }
    @Override public int getQueueCapacity() { return settings.queueSize(); }

    @Override
    public String getModel() {
      Diagnoser d = diagnoser;
      return d == null ? "" : d.modelId();
    }
  }

  /**
   * Builds the appender from {@code <Diagnosing>}. Attribute defaults come from {@link DiagnosingDefaults}; a value
   * that cannot be read is reported to the StatusLogger and replaced by its default, so that a typo never
   * leaves the application without its logs.
   *
   * @param <B> the builder type
   */
  public static class Builder<B extends Builder<B>> extends AbstractAppender.Builder<B>
      implements org.apache.logging.log4j.core.util.Builder<DiagnosingAppender> {
    /** See {@link DiagnosingAppender#newBuilder()}. */
    public Builder() {}


    @PluginElement("AppenderRef")
    private AppenderRef[] appenderRefs;

    @PluginBuilderAttribute
    private int queueSize = DiagnosingDefaults.getQueueSize();

    @PluginBuilderAttribute
    private int workerThreads = DiagnosingDefaults.getWorkerThreads();

    @PluginBuilderAttribute
    private double modelTimeShare = DiagnosingDefaults.getModelTimeShare();

    @PluginBuilderAttribute
    private String timeBudget = DiagnosingDefaults.getTimeBudget();

    @PluginBuilderAttribute
    private String appPackages = DiagnosingDefaults.getAppPackages();

    @PluginBuilderAttribute
    private String locale = DiagnosingDefaults.getLocale();

    @PluginBuilderAttribute
    private long cacheSize = DiagnosingDefaults.getCacheSize();

    @PluginBuilderAttribute
    private String model = DiagnosingDefaults.getModel();

    @PluginBuilderAttribute
    private String overflowPolicy = DiagnosingDefaults.getOverflowPolicy();

    @PluginBuilderAttribute
    private String maxBlock = DiagnosingDefaults.getMaxBlock();

    @PluginBuilderAttribute
    private String drainTimeout = DiagnosingDefaults.getDrainTimeout();

    @PluginBuilderAttribute
    private String occurrenceWindow = DiagnosingDefaults.getOccurrenceWindow();

    @PluginBuilderAttribute
    private String level = DiagnosingDefaults.getLevel();

    @PluginBuilderAttribute
    private boolean diagnoseWarn = DiagnosingDefaults.isDiagnoseWarn();

    @PluginBuilderAttribute
    private String includes = DiagnosingDefaults.getIncludes();

    @PluginBuilderAttribute
    private String excludes = DiagnosingDefaults.getExcludes();

    @PluginBuilderAttribute
    private boolean followUps = DiagnosingDefaults.isFollowUps();

    @PluginBuilderAttribute
    private boolean includeLocation = DiagnosingDefaults.isIncludeLocation();

    @PluginBuilderAttribute
    private boolean jmx = DiagnosingDefaults.isJmx();

    public B setAppenderRefs(AppenderRef... refs) { this.appenderRefs = refs; return asBuilder(); }
    public B setQueueSize(int v) { this.queueSize = v; return asBuilder(); }
    public B setWorkerThreads(int v) { this.workerThreads = v; return asBuilder(); }
    public B setModelTimeShare(double v) { this.modelTimeShare = v; return asBuilder(); }
    public B setTimeBudget(String v) { this.timeBudget = v; return asBuilder(); }
    public B setAppPackages(String v) { this.appPackages = v; return asBuilder(); }
    public B setLocale(String v) { this.locale = v; return asBuilder(); }
    public B setCacheSize(long v) { this.cacheSize = v; return asBuilder(); }
    public B setModel(String v) { this.model = v; return asBuilder(); }
    public B setOverflowPolicy(String v) { this.overflowPolicy = v; return asBuilder(); }
    public B setMaxBlock(String v) { this.maxBlock = v; return asBuilder(); }
    public B setDrainTimeout(String v) { this.drainTimeout = v; return asBuilder(); }
    public B setOccurrenceWindow(String v) { this.occurrenceWindow = v; return asBuilder(); }
    public B setLevel(String v) { this.level = v; return asBuilder(); }
    public B setDiagnoseWarn(boolean v) { this.diagnoseWarn = v; return asBuilder(); }
    public B setIncludes(String v) { this.includes = v; return asBuilder(); }
    public B setExcludes(String v) { this.excludes = v; return asBuilder(); }
    public B setFollowUps(boolean v) { this.followUps = v; return asBuilder(); }
    public B setIncludeLocation(boolean v) { this.includeLocation = v; return asBuilder(); }
    public B setJmx(boolean v) { this.jmx = v; return asBuilder(); }

    /**
     * Validates the attributes and builds the appender.
     *
     * @throws IllegalArgumentException when the name is missing (Log4j reports it and skips the appender)
     */
    @Override
    public DiagnosingAppender build() {
      DiagnosingSettings s = validate();
      AppenderRef[] refs = appenderRefs == null ? new AppenderRef[0] : appenderRefs;
      return new DiagnosingAppender(getName(), getFilter(), isIgnoreExceptions(), getPropertyArray(),
          getConfiguration(), refs, s);
    }

    private DiagnosingSettings validate() {
      if (getName() == null || getName().isBlank()) {
        throw new IllegalArgumentException("a <" + PLUGIN_NAME + "> appender needs a name");
      }
      if (appenderRefs == null || appenderRefs.length == 0) {
        LOGGER.error("Diagnosing appender {}: no <AppenderRef>; it has nowhere to hand events on to", getName());
      }
      DiagnosingSettings.Reader r = new DiagnosingSettings.Reader(getName(), LOGGER);
      return new DiagnosingSettings(
          r.atLeast("queueSize", queueSize, 1, DiagnosingDefaults.getQueueSize()),
          r.atLeast("workerThreads", workerThreads, 1, DiagnosingDefaults.getWorkerThreads()),
          r.positive("modelTimeShare", modelTimeShare, DiagnosingDefaults.getModelTimeShare()),
          r.duration("timeBudget", timeBudget, DiagnosingDefaults.getTimeBudget()),
          DiagnosingSettings.list(appPackages),
          r.locale(locale),
          r.atLeast("cacheSize", cacheSize, 0, DiagnosingDefaults.getCacheSize()),
          model == null || model.isBlank() ? DiagnosingDefaults.getModel() : model.trim(),
          r.overflowPolicy(overflowPolicy),
          r.duration("maxBlock", maxBlock, DiagnosingDefaults.getMaxBlock()),
          r.duration("drainTimeout", drainTimeout, DiagnosingDefaults.getDrainTimeout()),
          r.positiveDuration("occurrenceWindow", occurrenceWindow, DiagnosingDefaults.getOccurrenceWindow()),
          r.level(level, diagnoseWarn),
          DiagnosingSettings.list(includes),
          DiagnosingSettings.list(excludes),
          followUps, includeLocation, jmx);
    }
  }
}
