package io.logdx.spring.boot;

import io.logdx.log4j2.DiagnosingAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.springframework.core.env.Environment;

/**
 * Log4j2: puts a {@link DiagnosingAppender} in front of the root logger's appenders, with their levels and
 * filters as its appender references (see {@link RootLoggerInstaller} for when), and gives them back when the
 * context closes. Boot's Log4j2 logging system re-initialises by replacing the configuration, which stops the old
 * one's appenders, ours included; the next context wraps the new one.
 */
final class Log4j2DiagnosisInstaller extends RootLoggerInstaller {
  private DiagnosingAppender installed;
  private LoggerContext context;
  private List<AppenderRef> borrowed = List.of();

  Log4j2DiagnosisInstaller(Environment environment) {
    super(environment);
  }

  /** The appender this bean installed; {@code null} when it left the root logger alone. */
  DiagnosingAppender installed() {
    return installed;
  }

  @Override
  void install(LogdxProperties properties, List<String> appPackages) {
    // log4j-core on the class path is not Log4j2 in charge: the API may go to SLF4J (Boot's
    // default)
    if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) return;
    Configuration config = ctx.getConfiguration();
    LoggerConfig root = config.getRootLogger();
    for (Appender a : root.getAppenders().values()) {
      // the user's log4j2.xml, or another open context of this JVM, already diagnoses: leave it
      // alone
      if (a instanceof DiagnosingAppender) return;
    }
    List<AppenderRef> refs = new ArrayList<>(root.getAppenderRefs());
    if (refs.isEmpty()) return;
    DiagnosingAppender d = build(config, refs, properties, appPackages);
    d.start();
    if (!d.isStarted()) return;
    config.addAppender(d);
    // first the new appender, then the old ones off: an event logged meanwhile may be written
    // twice, none lost
    root.addAppender(d, null, null);
    for (AppenderRef r : refs) root.removeAppender(r.getRef());
    ctx.updateLoggers();
    installed = d;
    context = ctx;
    borrowed = refs;
  }

  private static <B extends DiagnosingAppender.Builder<B>> DiagnosingAppender build(
      Configuration config, List<AppenderRef> refs, LogdxProperties p, List<String> appPackages) {
    B b = DiagnosingAppender.<B>newBuilder();
    b.setName(APPENDER_NAME);
    b.setConfiguration(config);
    b.setAppenderRefs(refs.toArray(new AppenderRef[0]));
    b.setAppPackages(String.join(",", appPackages));
    b.setLocale(p.localeTag());
    if (p.getOverflowPolicy() != null) b.setOverflowPolicy(p.getOverflowPolicy().name());
    if (p.getTimeBudget() != null) b.setTimeBudget(p.getTimeBudget().toMillis() + "ms");
    b.setQueueSize(p.getQueueSize());
    b.setIncludes(String.join(",", p.getIncludes()));
    b.setExcludes(String.join(",", p.getExcludes()));
    b.setModel(p.getModel());
    if (p.getModelLoading() != null) b.setModelLoading(p.getModelLoading().name());
    b.setDiagnoseWarn(p.isWarn());
    return b.build();
  }

  /**
   * Gives the root logger its own appenders back (same levels and filters), then stops the diagnosing appender,
   * which hands on what it has queued into them. After a re-initialisation the old configuration has already
   * stopped it: nothing is left to do.
   */
  @Override
  void uninstall() {
    DiagnosingAppender d = installed;
    if (d == null) return;
    installed = null;
    Configuration config = context.getConfiguration();
    LoggerConfig root = config.getRootLogger();
    if (root.getAppenders().get(d.getName()) == d) {
      for (AppenderRef r : borrowed) {
        Appender a = config.getAppender(r.getRef());
        if (a != null) root.addAppender(a, r.getLevel(), r.getFilter());
      }
      root.removeAppender(d.getName());
      config.getAppenders().remove(d.getName());
      context.updateLoggers();
    }
    d.stop(0, TimeUnit.MILLISECONDS);
  }
}
