package io.logdx.spring.boot;

import io.logdx.core.pipeline.AppenderSettings.ModelLoading;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code logdx.*} properties: the diagnosing appender's settings, with the appender's defaults
 * ({@link io.logdx.core.pipeline.AppenderSettings}). The defaults are written as literals so that the
 * configuration processor puts them into the IDE metadata; a test checks them against the appender's.
 */
@ConfigurationProperties(prefix = "logdx")
public class LogdxProperties {
  /** Whether the root logger's appenders are wrapped in logdx's diagnosing appender. */
  private boolean enabled = true;

  /**
   * Package prefixes of the application's own code; they decide which frame a failure is attributed to. Empty:
   * the packages of the {@code @SpringBootApplication} class (auto-configuration packages).
   */
  private List<String> appPackages = new ArrayList<>();

  /** Language of cause and fix: ko or en. Empty: the JVM's locale (English unless it is Korean). */
  private Locale locale;

  /**
   * Where the fields go on a Logback event: mdc (read by Boot's structured formats and %X), kvp (SLF4J key-value
   * pairs) or both. Log4j2 events have one place, their context data.
   */
  private String attachTo = "mdc";

  /**
   * What a logging thread does when the queue is full. Empty: the logging framework's default (ENRICH_CACHED on
   * Logback, PASS_THROUGH on Log4j2).
   */
  private OverflowPolicy overflowPolicy;

  /** How long an event waits for its diagnosis before it goes on as pending (its diagnosis follows). */
  private Duration timeBudget = Duration.ofMillis(50);

  /** Capacity of the queue between logging threads and the dispatcher. */
  private int queueSize = 1024;

  /** Exception types to diagnose (or their subclasses, anywhere in the cause chain). Empty: all. */
  private List<String> includes = new ArrayList<>();

  /** Exception types never diagnosed (their events go on with diagnosis.status=skipped). Excludes win. */
  private List<String> excludes = new ArrayList<>();

  /** Where stage 1 comes from: default (the shipped model), rules, a classpath: folder or a folder. */
  private String model = "default";

  /**
   * When the model loads: background (the starter's default, unlike the plain appenders: the application's start
   * does not wait for the model; the rules answer until it is in, and diagnosis.model says so) or blocking.
   */
  private ModelLoading modelLoading = ModelLoading.BACKGROUND;

  /** Whether WARN events with a throwable are diagnosed too (otherwise ERROR only). */
  private boolean warn = false;

  public ModelLoading getModelLoading() {
    return modelLoading;
  }

  public void setModelLoading(ModelLoading modelLoading) {
    this.modelLoading = modelLoading;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public List<String> getAppPackages() {
    return appPackages;
  }

  public void setAppPackages(List<String> appPackages) {
    this.appPackages = appPackages;
  }

  public Locale getLocale() {
    return locale;
  }

  public void setLocale(Locale locale) {
    this.locale = locale;
  }

  public String getAttachTo() {
    return attachTo;
  }

  public void setAttachTo(String attachTo) {
    this.attachTo = attachTo;
  }

  public OverflowPolicy getOverflowPolicy() {
    return overflowPolicy;
  }

  public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
    this.overflowPolicy = overflowPolicy;
  }

  public Duration getTimeBudget() {
    return timeBudget;
  }

  public void setTimeBudget(Duration timeBudget) {
    this.timeBudget = timeBudget;
  }

  public int getQueueSize() {
    return queueSize;
  }

  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  public List<String> getIncludes() {
    return includes;
  }

  public void setIncludes(List<String> includes) {
    this.includes = includes;
  }

  public List<String> getExcludes() {
    return excludes;
  }

  public void setExcludes(List<String> excludes) {
    this.excludes = excludes;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public boolean isWarn() {
    return warn;
  }

  public void setWarn(boolean warn) {
    this.warn = warn;
  }

  /** The language as the appender reads it ({@code ko}, {@code en}); empty for the JVM's. */
  String localeTag() {
    return locale == null ? "" : locale.toLanguageTag();
  }
}
