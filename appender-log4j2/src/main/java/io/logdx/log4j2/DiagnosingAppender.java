package io.logdx.log4j2;

import io.logdx.core.Diagnosis;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderCore;
import io.logdx.core.pipeline.AppenderSettings;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import io.logdx.core.pipeline.DiagnosingAppenderMXBean;
import io.logdx.core.pipeline.SeenFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.AppenderControl;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
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
 * <p>What it does is decided once for Log4j2 and Logback in {@link AppenderCore} (threads, order, pending events
 * and follow-ups, statuses, counters) and {@link AppenderSettings} (every attribute's name, default and
 * validation; the plugin builder forwards to it). This class adapts Log4j2: the plugin builder, the referenced
 * appenders, the event memento and its context data, the StatusLogger, the life cycle.
 *
 * <p>How an event travels. On the logging thread the appender copies the event into an immutable memento (the
 * message formatted, the throwable kept) and queues it; nothing else. Off the logging thread the core diagnoses
 * throwables of events at or above {@code level} through the engine's cache and hands the events on in logging
 * order: enriched when the diagnosis is ready within {@code timeBudget}, otherwise at once with
 * {@code diagnosis.status=pending} and a {@code diagnosis.event_id}; the late diagnosis then follows as its own
 * event (marker {@value AppenderCore#FOLLOW_UP_MARKER}, same logger and level, the same {@code diagnosis.event_id}
 * and fingerprint), unless {@code followUps="false"}.
 *
 * <p>Full queue ({@code overflowPolicy}): {@code PASS_THROUGH} (default here, see
 * {@link #DEFAULT_OVERFLOW_POLICY}) hands the event on at once on the logging thread with
 * {@code diagnosis.status=overflow}, ahead of older events still queued; {@code BLOCK} waits at most
 * {@code maxBlock} for room, then does the same; {@code ENRICH_CACHED} has the logging thread enrich a failure
 * already diagnosed. No event is dropped.
 *
 * <p>Stop: intake ends and everything queued is handed on within {@code drainTimeout} (diagnoses not ready by then
 * go on as pending). When the configuration stops (shutdown or reconfiguration) the drain runs as the root logger
 * configuration stops, that is before Log4j stops any appender, so that the referenced appenders are still
 * running when the last events reach them. Events that arrive during the drain go on after it. Counters are
 * written to the StatusLogger (level INFO) on stop and are readable through JMX ({@link DiagnosingAppenderMXBean}).
 */
@Plugin(
    name = DiagnosingAppender.PLUGIN_NAME,
    category = Core.CATEGORY_NAME,
    elementType = Appender.ELEMENT_TYPE,
    printObject = true)
public final class DiagnosingAppender extends AbstractAppender {
  /** The element name in {@code log4j2.xml}: {@value}. */
  public static final String PLUGIN_NAME = "Diagnosing";

  /** Name of the marker of follow-up events: {@value}. */
  public static final String FOLLOW_UP_MARKER = AppenderCore.FOLLOW_UP_MARKER;

  /**
   * Default overflow policy: {@value}. A Log4j2 event has not turned its throwable's stack into elements yet (a
   * Logback event has, hence {@code ENRICH_CACHED} there): a logging thread that finds the queue full would pay
   * for that to look up the cache, and the default must cost the logging thread nothing.
   */
  public static final String DEFAULT_OVERFLOW_POLICY = "PASS_THROUGH";

  /**
   * Default least severe level that is diagnosed: {@value}. Log4j2 levels are open (custom levels), hence a
   * {@code level} attribute; Logback has only {@code diagnoseWarn}, which this appender reads as well.
   */
  public static final String DEFAULT_LEVEL = "ERROR";

  /**
   * Test seam: when set, builds the engine from the configured builder instead of {@code Diagnoser.Builder#build()}
   * (tests inject a deliberately slow or failing stage 1). The appender owns and closes what it returns.
   */
  static volatile Function<Diagnoser.Builder, Diagnoser> diagnoserFactory;

  private static final Marker FOLLOW_UP = MarkerManager.getMarker(FOLLOW_UP_MARKER);
  private static final String OVERFLOW = Diagnosis.Status.OVERFLOW.value();

  /** The context data of an overflowing event that had none of its own, made once (it is frozen). */
  private static final StringMap OVERFLOW_ONLY =
      contextData(
          ContextDataFactory.emptyFrozenContextData(), Map.of(DiagnosisFields.STATUS, OVERFLOW));

  private final Configuration configuration;
  private final AppenderRef[] appenderRefs;
  private final Level level;
  private final boolean includeLocation;
  private final AppenderCore<LogEvent> core;

  private volatile AppenderControl[] targets = new AppenderControl[0];

  /** A referenced appender's failure on the event being forwarded by this thread (see {@link ObservedAppender}). */
  private final ThreadLocal<Throwable> forwardFailure = new ThreadLocal<>();

  private volatile DrainSignal drainSignal;
  private volatile LoggerConfig signalledConfig;

  private DiagnosingAppender(Builder<?> b, AppenderSettings settings, Level level) {
    super(b.getName(), b.getFilter(), null, b.isIgnoreExceptions(), b.getPropertyArray());
    this.configuration = b.getConfiguration();
    this.appenderRefs = b.appenderRefs == null ? new AppenderRef[0] : b.appenderRefs.clone();
    this.level = level;
    this.includeLocation = Boolean.parseBoolean(b.includeLocation);
    this.core = new AppenderCore<>(getName(), settings, new Log4jFrame());
  }

  /** The builder Log4j uses for {@code <Diagnosing>}; its attributes are those of {@link AppenderSettings}. */
  @PluginBuilderFactory
  public static <B extends Builder<B>> B newBuilder() {
    return new Builder<B>().asBuilder();
  }

  /** The settings in effect. */
  AppenderSettings settings() {
    return core.settings();
  }

  /** The least severe level that is diagnosed. */
  Level level() {
    return level;
  }

  /** A snapshot of the counters since start. */
  DiagnosingAppenderMXBean stats() {
    return core.stats();
  }

  /**
   * The distinct failures this appender has handed on (masked diagnoses, counts, first and last seen); see
   * {@link SeenFailures}.
   */
  public SeenFailures failures() {
    return core.failures();
  }

  /**
   * Tells a listener of every diagnosis this appender hands on, from now on (see {@link SeenFailures.Listener}:
   * called on the dispatcher, must be quick; what it throws is reported, never passed on).
   */
  public void addListener(SeenFailures.Listener listener) {
    core.failures().addListener(listener);
  }

  /** Removes a listener added before; true when it was there. */
  public boolean removeListener(SeenFailures.Listener listener) {
    return core.failures().removeListener(listener);
  }

  /** A snapshot of the counters since start (the MBean's). */
  public DiagnosingAppenderMXBean getStats() {
    return core.stats();
  }

  /** The engine's counters since start; all zero when no engine runs. */
  public Diagnoser.Stats getEngineStats() {
    return core.engineStats();
  }

  /**
   * Diagnoses the engine has cached now (an estimate; at most the setting {@code cacheSize}); 0 when no engine runs.
   */
  public long getCachedDiagnoses() {
    return core.cacheSize();
  }

  /** Wall time the engine spent computing diagnoses since start, in nanoseconds; 0 when no engine runs. */
  public long getModelTimeNanos() {
    return core.modelTimeNanos();
  }

  @Override
  public void start() {
    if (isStarted()) return;
    setStarting();
    List<AppenderControl> controls = new ArrayList<>();
    Map<String, Appender> appenders =
        configuration == null ? Map.of() : configuration.getAppenders();
    for (AppenderRef ref : appenderRefs) {
      Appender a = appenders.get(ref.getRef());
      if (a == null) {
        LOGGER.error(
            "Diagnosing appender {}: no appender named '{}' to hand events on to",
            getName(),
            ref.getRef());
      } else if (a == this) {
        LOGGER.error("Diagnosing appender {}: it cannot refer to itself", getName());
      } else {
        controls.add(
            new AppenderControl(
                new ObservedAppender(a, forwardFailure), ref.getLevel(), ref.getFilter()));
      }
    }
    if (controls.isEmpty()) {
      LOGGER.error(
          "Diagnosing appender {}: no appenders to hand events on to; events logged to it are lost",
          getName());
    }
    targets = controls.toArray(new AppenderControl[0]);
    Function<Diagnoser.Builder, Diagnoser> factory = diagnoserFactory;
    Function<Diagnoser.Builder, Diagnoser> build =
        factory != null ? factory : Diagnoser.Builder::build;
    boolean background = core.settings().modelLoading() == AppenderSettings.ModelLoading.BACKGROUND;
    core.start(b -> build.apply(b.loadInBackground(background)));
    installDrainSignal();
    super.start();
  }

  @Override
  public void append(LogEvent event) {
    core.append(event);
  }

  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    setStopping();
    boolean drained = drain();
    super.stop(timeout, timeUnit, false);
    removeDrainSignal();
    core.stop();
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
    return core.drain();
  }

  @Override
  public boolean requiresLocation() {
    return includeLocation;
  }

  /**
   * Hands an event to every referenced appender.
   *
   * @throws HandOnFailure when one of them failed on it (after all of them had it): the pipeline counts the event
   *     as a failed hand-on and reports the cause
   */
  private void forward(LogEvent event) {
    Throwable failed = null;
    for (AppenderControl c : targets) {
      try {
        c.callAppender(event);
      } catch (RuntimeException e) {
        // a referenced appender with ignoreExceptions="false" threw: the others still get the event
        if (failed == null) failed = e;
      }
      Throwable swallowed = forwardFailure.get();
      if (swallowed != null) {
        // thrown by the appender and handled by Log4j (its error handler told): not written all
        // the same
        forwardFailure.remove();
        if (failed == null) failed = swallowed;
      }
    }
    if (failed != null) throw new HandOnFailure(failed);
  }

  /** A referenced appender failed on an event (its cause); the event was not written there. */
  static final class HandOnFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HandOnFailure(Throwable cause) {
      super("a referenced appender failed: " + cause, cause, false, false);
    }
  }

  /** Log4j2's side of the appender. */
  private final class Log4jFrame implements AppenderCore.Frame<LogEvent> {
    @Override
    public Throwable throwableToDiagnose(LogEvent event) {
      Throwable t = event.getThrown();
      return t != null && event.getLevel().isMoreSpecificThan(level) ? t : null;
    }

    @Override
    public LogEvent prepare(LogEvent event, boolean diagnosable) {
      Log4jLogEvent memento = memento(event, diagnosable);
      Message m = memento.getMessage();
      if (m != null) {
        // formatted now, on the logging thread, while the parameters still hold their values
        m.getFormattedMessage();
      }
      return memento;
    }

    @Override
    public void handOn(LogEvent event, Map<String, String> fields) {
      if (fields == null
          || fields.size() == 1
              && OVERFLOW.equals(fields.get(DiagnosisFields.STATUS))
              && OVERFLOW.equals(event.getContextData().getValue(DiagnosisFields.STATUS))) {
        // as it is, or an overflowing memento that says overflow already (see memento)
        forward(event);
      } else {
        forward(withFields(event, fields));
      }
    }

    @Override
    public LogEvent followUp(LogEvent original, String message) {
      return Log4jLogEvent.newBuilder()
          .setLoggerName(original.getLoggerName())
          .setLoggerFqcn(original.getLoggerFqcn())
          .setLevel(original.getLevel())
          .setMarker(FOLLOW_UP)
          .setMessage(new SimpleMessage(message))
          .setThreadName(original.getThreadName())
          .setThreadId(original.getThreadId())
          .setThreadPriority(original.getThreadPriority())
          .setContextStack(original.getContextStack())
          .setContextData(
              original.getContextData() instanceof StringMap
                  ? (StringMap) original.getContextData()
                  : ContextDataFactory.createContextData(original.getContextData()))
          .setTimeMillis(System.currentTimeMillis())
          .build();
    }

    @Override
    public void info(String message) {
      LOGGER.info("Diagnosing appender {}: {}", getName(), message);
    }

    @Override
    public void warn(String message, Throwable error) {
      LOGGER.warn("Diagnosing appender {}: {}", getName(), message, error);
    }

    @Override
    public void error(String message, Throwable error) {
      LOGGER.error("Diagnosing appender {}: {}", getName(), message, error);
    }
  }

  /**
   * The immutable copy of an event that is queued (what {@code Log4jLogEvent.createMemento} makes). An event to
   * diagnose gets {@code diagnosis.status=overflow} into its context data in the same copy: when the queue turns
   * out to be full, that copy goes on as it is, and a logging thread in a flood makes one copy instead of two
   * (the usual event without context data of its own shares one frozen map); queued, it has the status replaced
   * by the fields it is handed on with, which always carry one.
   */
  private Log4jLogEvent memento(LogEvent event, boolean diagnosable) {
    if (!diagnosable) return Log4jLogEvent.createMemento(event, includeLocation);
    // as createMemento does: a location the appender does not ask for is not computed by the copy
    boolean unset = event.isIncludeLocation() && !includeLocation;
    if (unset) event.setIncludeLocation(false);
    try {
      ReadOnlyStringMap own = event.getContextData();
      StringMap data =
          own == null || own.isEmpty()
              ? OVERFLOW_ONLY
              : contextData(own, Map.of(DiagnosisFields.STATUS, OVERFLOW));
      return new Log4jLogEvent.Builder(event).setContextData(data).build();
    } finally {
      if (unset) event.setIncludeLocation(true);
    }
  }

  /**
   * The event with the fields written straight into a copy of its context data: this runs for every diagnosed
   * event, and an intermediate map per event was avoidable work.
   */
  static LogEvent withFields(LogEvent event, Map<String, String> fields) {
    return new Log4jLogEvent.Builder(event)
        .setContextData(contextData(event.getContextData(), fields))
        .build();
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
      LOGGER.warn(
          "Diagnosing appender {}: cannot drain ahead of the other appenders on shutdown",
          getName(),
          e);
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

  /**
   * Builds the appender from {@code <Diagnosing>}. Every attribute of {@link AppenderSettings} is read as text and
   * forwarded to it; an attribute that is not written takes its JVM-wide default from the system property
   * {@code logdx.log4j2.<attribute>} ({@link DiagnosingDefaults}), else the settings' default. A value that cannot
   * be read is reported to the StatusLogger and replaced by its default, so that a typo never leaves the
   * application without its logs.
   *
   * @param <B> the builder type
   */
  public static class Builder<B extends Builder<B>> extends AbstractAppender.Builder<B>
      implements org.apache.logging.log4j.core.util.Builder<DiagnosingAppender> {
    /** See {@link DiagnosingAppender#newBuilder()}. */
    public Builder() {}

    @PluginElement("AppenderRef")
    private AppenderRef[] appenderRefs;

    @PluginBuilderAttribute private String queueSize;

    @PluginBuilderAttribute private String workerThreads;

    @PluginBuilderAttribute private String modelTimeShare;

    @PluginBuilderAttribute private String timeBudget;

    @PluginBuilderAttribute private String appPackages;

    @PluginBuilderAttribute private String locale;

    @PluginBuilderAttribute private String cacheSize;

    @PluginBuilderAttribute private String model;

    @PluginBuilderAttribute private String modelLoading;

    @PluginBuilderAttribute private String overflowPolicy;

    @PluginBuilderAttribute private String maxBlock;

    @PluginBuilderAttribute private String drainTimeout;

    @PluginBuilderAttribute private String occurrenceWindow;

    @PluginBuilderAttribute private String level;

    @PluginBuilderAttribute private String diagnoseWarn;

    @PluginBuilderAttribute private String includes;

    @PluginBuilderAttribute private String excludes;

    @PluginBuilderAttribute private String followUps;

    @PluginBuilderAttribute private String maxFieldLength;

    @PluginBuilderAttribute private String overflowWarnEvery;

    @PluginBuilderAttribute private String includeLocation;

    @PluginBuilderAttribute private String jmx;

    @PluginBuilderAttribute private String dispatcherStackSize;

    public B setAppenderRefs(AppenderRef... refs) {
      this.appenderRefs = refs;
      return asBuilder();
    }

    public B setQueueSize(int v) {
      this.queueSize = Integer.toString(v);
      return asBuilder();
    }

    public B setWorkerThreads(int v) {
      this.workerThreads = Integer.toString(v);
      return asBuilder();
    }

    public B setModelTimeShare(double v) {
      this.modelTimeShare = Double.toString(v);
      return asBuilder();
    }

    public B setTimeBudget(String v) {
      this.timeBudget = v;
      return asBuilder();
    }

    public B setAppPackages(String v) {
      this.appPackages = v;
      return asBuilder();
    }

    public B setLocale(String v) {
      this.locale = v;
      return asBuilder();
    }

    public B setCacheSize(long v) {
      this.cacheSize = Long.toString(v);
      return asBuilder();
    }

    public B setModel(String v) {
      this.model = v;
      return asBuilder();
    }

    public B setModelLoading(String v) {
      this.modelLoading = v;
      return asBuilder();
    }

    public B setOverflowPolicy(String v) {
      this.overflowPolicy = v;
      return asBuilder();
    }

    public B setMaxBlock(String v) {
      this.maxBlock = v;
      return asBuilder();
    }

    public B setDrainTimeout(String v) {
      this.drainTimeout = v;
      return asBuilder();
    }

    public B setOccurrenceWindow(String v) {
      this.occurrenceWindow = v;
      return asBuilder();
    }

    public B setLevel(String v) {
      this.level = v;
      return asBuilder();
    }

    public B setDiagnoseWarn(boolean v) {
      this.diagnoseWarn = Boolean.toString(v);
      return asBuilder();
    }

    public B setIncludes(String v) {
      this.includes = v;
      return asBuilder();
    }

    public B setExcludes(String v) {
      this.excludes = v;
      return asBuilder();
    }

    public B setFollowUps(boolean v) {
      this.followUps = Boolean.toString(v);
      return asBuilder();
    }

    public B setMaxFieldLength(int v) {
      this.maxFieldLength = Integer.toString(v);
      return asBuilder();
    }

    public B setOverflowWarnEvery(int v) {
      this.overflowWarnEvery = Integer.toString(v);
      return asBuilder();
    }

    public B setIncludeLocation(boolean v) {
      this.includeLocation = Boolean.toString(v);
      return asBuilder();
    }

    public B setJmx(boolean v) {
      this.jmx = Boolean.toString(v);
      return asBuilder();
    }

    /** Stack size of the dispatcher thread: bytes, or {@code 512k}, {@code 16m}, {@code 1g}; default 16m. */
    public B setDispatcherStackSize(String v) {
      this.dispatcherStackSize = v;
      return asBuilder();
    }

    /**
     * Validates the attributes and builds the appender.
     *
     * @throws IllegalArgumentException when the name is missing (Log4j reports it and skips the appender)
     */
    @Override
    public DiagnosingAppender build() {
      String name = getName();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a <" + PLUGIN_NAME + "> appender needs a name");
      }
      if (appenderRefs == null || appenderRefs.length == 0) {
        LOGGER.error(
            "Diagnosing appender {}: no <AppenderRef>; it has nowhere to hand events on to", name);
      }
      AppenderSettings.Builder s =
          AppenderSettings.builder(
              problem -> LOGGER.warn("Diagnosing appender {}: {}", name, problem),
              OverflowPolicy.valueOf(DEFAULT_OVERFLOW_POLICY));
      s.set("queueSize", or("queueSize", queueSize))
          .set("workerThreads", or("workerThreads", workerThreads))
          .set("modelTimeShare", or("modelTimeShare", modelTimeShare))
          .set("timeBudget", or("timeBudget", timeBudget))
          .set("maxBlock", or("maxBlock", maxBlock))
          .set("drainTimeout", or("drainTimeout", drainTimeout))
          .set("occurrenceWindow", or("occurrenceWindow", occurrenceWindow))
          .set("appPackages", or("appPackages", appPackages))
          .set("locale", or("locale", locale))
          .set("cacheSize", or("cacheSize", cacheSize))
          .set("model", or("model", model))
          .set("modelLoading", or("modelLoading", modelLoading))
          .set("overflowPolicy", or("overflowPolicy", overflowPolicy))
          .set("diagnoseWarn", or("diagnoseWarn", diagnoseWarn))
          .set("includes", or("includes", includes))
          .set("excludes", or("excludes", excludes))
          .set("followUps", or("followUps", followUps))
          .set("maxFieldLength", or("maxFieldLength", maxFieldLength))
          .set("overflowWarnEvery", or("overflowWarnEvery", overflowWarnEvery))
          .set("jmx", or("jmx", jmx))
          .set("dispatcherStackSize", or("dispatcherStackSize", dispatcherStackSize));
      AppenderSettings settings = s.build();
      includeLocation = or("includeLocation", includeLocation);
      return new DiagnosingAppender(
          this, settings, threshold(name, or("level", level), settings.diagnoseWarn()));
    }

    /** The attribute as written, else its system property, else {@code null} (the settings' default). */
    private static String or(String attribute, String written) {
      return written != null ? written : DiagnosingDefaults.property(attribute);
    }

    /** The threshold; {@code diagnoseWarn} (the Logback appender's setting) lowers a stricter one to WARN. */
    private static Level threshold(String appender, String value, boolean diagnoseWarn) {
      Level l =
          Level.getLevel((value == null ? DEFAULT_LEVEL : value).trim().toUpperCase(Locale.ROOT));
      if (l == null) {
        LOGGER.warn(
            "Diagnosing appender {}: level=\"{}\" is not a level; using {}",
            appender,
            value,
            DEFAULT_LEVEL);
        l = Level.getLevel(DEFAULT_LEVEL);
      }
      return diagnoseWarn && l.isMoreSpecificThan(Level.WARN) ? Level.WARN : l;
    }
  }
}
