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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Wraps the Logback root logger's appenders in a {@link DiagnosingAppender} when the application context creates
 * it, and gives them back when the context closes.
 *
 * <p><b>Why a bean, created during the refresh.</b> Boot's {@code LoggingApplicationListener} (re)initialises
 * logging on {@code ApplicationEnvironmentPreparedEvent}, before the context's refresh; Logback's reset in that
 * initialisation stops and removes every appender of the previous configuration, ours included. Every run that
 * (re)initialises logging (a second {@code SpringApplication.run}, a devtools restart) refreshes a new context,
 * which creates this bean anew: it wraps again, after the logging system is configured and with the appenders
 * that configuration made. A run that finds logging already initialised (a second context while the first one
 * is open) finds the first one's appender on the root logger and leaves it alone: never twice.
 */
final class LogbackDiagnosisInstaller implements InitializingBean, DisposableBean {
  /** Name of the appender the starter adds to the root logger. */
  static final String APPENDER_NAME = "LOGDX";

  private static final Object LOCK = new Object();

  private final LogdxProperties properties;
  private final List<String> appPackages;
  private DiagnosingAppender installed;

  LogbackDiagnosisInstaller(LogdxProperties properties, List<String> appPackages) {
    this.properties = properties;
    this.appPackages = appPackages;
  }

  /** The appender this bean installed; {@code null} when it left the root logger alone. */
  DiagnosingAppender installed() {
    return installed;
  }

  @Override
  public void afterPropertiesSet() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    // Logback on the class path is not Logback in charge: another SLF4J provider may have won
    if (!(factory instanceof LoggerContext context)) return;
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    synchronized (LOCK) {
      List<Appender<ILoggingEvent>> own = new ArrayList<>();
      for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> a = it.next();
        // the user's XML, or another open context of this JVM, already diagnoses: leave everything
        // as it is
        if (a instanceof DiagnosingAppender) return;
        own.add(a);
      }
      if (own.isEmpty()) return;
      DiagnosingAppender d = new DiagnosingAppender();
      d.setContext(context);
      d.setName(APPENDER_NAME);
      configure(d);
      for (Appender<ILoggingEvent> a : own) d.addAppender(new BorrowedAppender(a));
      d.start();
      if (!d.isStarted()) return; // reported in Logback's status
      // first the new appender, then the old ones off: an event logged meanwhile on another thread
      // may be
      // written twice, none is lost
      root.addAppender(d);
      for (Appender<ILoggingEvent> a : own) root.detachAppender(a);
      installed = d;
    }
  }

  private void configure(DiagnosingAppender d) {
    LogdxProperties p = properties;
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
    d.setDiagnoseWarn(p.isWarn());
  }

  /**
   * Gives the root logger its own appenders back, then stops the diagnosing appender, which delivers what it has
   * queued (within its drain timeout) into them and leaves them running. After a logging re-initialisation
   * Logback's reset has already stopped it, and the appenders it wrapped with it, and removed it: nothing is left
   * to do.
   */
  @Override
  public void destroy() {
    DiagnosingAppender d = installed;
    if (d == null) return;
    installed = null;
    synchronized (LOCK) {
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
}
