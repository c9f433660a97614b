package io.logdx.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.util.Duration;
import io.logdx.logback.DiagnosingAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Logback: wraps the root logger's appenders in a {@link DiagnosingAppender} (see {@link RootLoggerInstaller} for
 * when), each one seen through a {@link BorrowedAppender}, and gives them back when the context closes.
 */
final class LogbackDiagnosisInstaller extends RootLoggerInstaller {
  private DiagnosingAppender installed;

  LogbackDiagnosisInstaller(Environment environment) {
    super(environment);
  }

  /** The appender this installer added; {@code null} when it left the root logger alone. */
  DiagnosingAppender installed() {
    return installed;
  }

  @Override
  void install(LogdxProperties properties, List<String> appPackages) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    // Logback on the class path is not Logback in charge: another SLF4J provider may have won
    if (!(factory instanceof LoggerContext context)) return;
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    List<Appender<ILoggingEvent>> own = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> a = it.next();
      // the user's XML, or another open context of this JVM, already diagnoses: leave everything as
      // it is
      if (a instanceof DiagnosingAppender) return;
      own.add(a);
    }
    if (own.isEmpty()) return;
    DiagnosingAppender d = new DiagnosingAppender();
    d.setContext(context);
    d.setName(APPENDER_NAME);
    configure(d, properties, appPackages);
    for (Appender<ILoggingEvent> a : own) d.addAppender(new BorrowedAppender(a));
    d.start();
    if (!d.isStarted()) return; // reported in Logback's status
    // first the new appender, then the old ones off: an event logged meanwhile on another thread
    // may be written
    // twice, none is lost
    root.addAppender(d);
    for (Appender<ILoggingEvent> a : own) root.detachAppender(a);
    installed = d;
  }

  private static void configure(DiagnosingAppender d, LogdxProperties p, List<String> appPackages) {
    d.setAppPackages(String.join(",", appPackages));
    d.setLocale(p.localeTag());
    d.setAttachTo(p.getAttachTo());
    if (p.getOverflowPolicy() != null) d.setOverflowPolicy(p.getOverflowPolicy().name());
    if (p.getTimeBudget() != null) {
      d.setTimeBudget(Duration.buildByMilliseconds(p.getTimeBudget().toMillis()));
    }
    d.setQueueSize(p.getQueueSize());
    d.setIncludes(String.join(",", p.getIncludes()));
    d.setExcludes(String.join(",", p.getExcludes()));
    d.setModel(p.getModel());
    if (p.getModelLoading() != null) d.setModelLoading(p.getModelLoading().name());
    d.setDiagnoseWarn(p.isWarn());
  }

  /**
   * Gives the root logger its own appenders back, then stops the diagnosing appender, which delivers what it has
   * queued (within its drain timeout) into them and leaves them running. After a logging re-initialisation
   * Logback's reset has already stopped it, and the appenders it wrapped with it, and removed it: nothing is left
   * to do.
   */
  @Override
  void uninstall() {
    DiagnosingAppender d = installed;
    if (d == null) return;
    installed = null;
    if (!(d.getContext() instanceof LoggerContext context)) return;
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.isAttached(d)) {
      for (Iterator<Appender<ILoggingEvent>> it = d.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof BorrowedAppender b) {
          root.addAppender(b.owner());
          b.release();
        }
      }
      root.detachAppender(d);
    }
    d.stop();
  }
}
