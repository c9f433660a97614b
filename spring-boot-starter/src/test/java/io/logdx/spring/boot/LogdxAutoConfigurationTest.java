package io.logdx.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.pipeline.AppenderSettings;
import io.logdx.core.pipeline.AppenderSettings.ModelLoading;
import io.logdx.logback.DiagnosingAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configuration's conditions and properties, with Boot's {@link ApplicationContextRunner} on the real
 * Logback of the test JVM. Each test gives the root logger one {@link ListAppender} of its own and puts the
 * previous appenders back afterwards.
 */
class LogdxAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(LogdxAutoConfiguration.class))
          // the rules: these tests are about wiring, not about the model
          .withPropertyValues("logdx.model=rules");

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
  private final List<Appender<ILoggingEvent>> before = new ArrayList<>();
  private ListAppender<ILoggingEvent> list;

  @BeforeEach
  void ownRootLogger() {
    before.addAll(rootAppenders());
    before.forEach(root::detachAppender);
    list = new ListAppender<>();
    list.setContext(context);
    list.setName("TEST");
    list.start();
    root.addAppender(list);
  }

  @AfterEach
  void giveRootLoggerBack() {
    rootAppenders().forEach(root::detachAppender);
    before.forEach(root::addAppender);
  }

  private List<Appender<ILoggingEvent>> rootAppenders() {
    List<Appender<ILoggingEvent>> out = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void wrapsTheRootLoggersAppendersDiagnosesAndGivesThemBackOnClose() {
    runner
        .withPropertyValues("logdx.app-packages=io.logdx.spring.boot", "logdx.time-budget=20s")
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(LogbackDiagnosisInstaller.class);
              DiagnosingAppender d = ctx.getBean(LogbackDiagnosisInstaller.class).installed();
              assertThat(rootAppenders()).containsExactly(d);
              assertThat(d.getName()).isEqualTo(LogbackDiagnosisInstaller.APPENDER_NAME);
              assertThat(d.getAppender("TEST")).isNotNull();
              try {
                Integer.parseInt("twelve");
              } catch (NumberFormatException e) {
                LoggerFactory.getLogger(LogdxAutoConfigurationTest.class).error("bad amount", e);
              }
            });
    // closing the context drained the appender into the list and gave the list back to the root
    // logger
    assertThat(rootAppenders()).containsExactly(list);
    assertThat(list.isStarted()).isTrue();
    assertThat(list.list).hasSize(1);
    ILoggingEvent e = list.list.get(0);
    assertThat(e.getMDCPropertyMap())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "number_format")
        .containsEntry(DiagnosisFields.LOCATION_CLASS, LogdxAutoConfigurationTest.class.getName());
  }

  @Test
  void aLogbackResetStopsTheWrappedAppendersAsIfTheyWereOnTheRootLogger() {
    runner.run(
        ctx -> {
          DiagnosingAppender d = ctx.getBean(LogbackDiagnosisInstaller.class).installed();
          // what LoggerContext.reset() (a reconfiguration, the logger context's stop at exit) does
          // to the root
          root.detachAndStopAllAppenders();
          assertThat(d.isStarted()).isFalse();
          assertThat(list.isStarted()).as("the wrapped appender, stopped with it").isFalse();
        });
    // the context's close finds nothing of its own on the root logger and leaves it as it is
    assertThat(rootAppenders()).isEmpty();
  }

  @Test
  void doesNothingWhenDisabled() {
    runner
        .withPropertyValues("logdx.enabled=false")
        .run(
            ctx -> {
              assertThat(ctx).doesNotHaveBean(LogbackDiagnosisInstaller.class);
              assertThat(rootAppenders()).containsExactly(list);
            });
  }

  @Test
  void doesNothingWithoutLogback() {
    runner
        .withClassLoader(new FilteredClassLoader("ch.qos.logback.classic"))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().doesNotHaveBean(LogbackDiagnosisInstaller.class);
              assertThat(rootAppenders()).containsExactly(list);
            });
  }

  @Test
  void leavesAUsersLogdxAppenderAlone() throws Exception {
    root.detachAppender(list);
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    joran.doConfigure(getClass().getResource("/user-logdx.xml"));
    List<Appender<ILoggingEvent>> users = rootAppenders();
    assertThat(users).singleElement().isInstanceOf(DiagnosingAppender.class);
    try {
      runner.run(
          ctx -> {
            assertThat(ctx.getBean(LogbackDiagnosisInstaller.class).installed()).isNull();
            assertThat(rootAppenders()).isEqualTo(users);
          });
      assertThat(rootAppenders()).isEqualTo(users);
      assertThat(users.get(0).isStarted()).isTrue();
    } finally {
      users.get(0).stop();
    }
  }

  @Test
  void wrapsOnceWhileTwoContextsAreOpen() {
    runner.run(
        first -> {
          DiagnosingAppender d = first.getBean(LogbackDiagnosisInstaller.class).installed();
          runner.run(
              second -> {
                assertThat(second.getBean(LogbackDiagnosisInstaller.class).installed()).isNull();
                assertThat(rootAppenders()).containsExactly(d);
              });
          // the second context's close left the first one's appender in place
          assertThat(rootAppenders()).containsExactly(d);
          assertThat(d.isStarted()).isTrue();
        });
    assertThat(rootAppenders()).containsExactly(list);
  }

  @Test
  void bindsEveryPropertyOntoTheAppender() {
    runner
        .withPropertyValues(
            "logdx.app-packages=com.acme,com.bank",
            "logdx.locale=ko",
            "logdx.attach-to=both",
            "logdx.overflow-policy=block",
            "logdx.time-budget=250ms",
            "logdx.queue-size=64",
            "logdx.includes=java.sql.SQLException,java.io.IOException",
            "logdx.excludes=java.lang.InterruptedException",
            "logdx.warn=true",
            "logdx.model-loading=blocking")
        .run(
            ctx -> {
              DiagnosingAppender d = ctx.getBean(LogbackDiagnosisInstaller.class).installed();
              assertThat(d.getAppPackages()).isEqualTo("com.acme,com.bank");
              assertThat(d.getLocale()).isEqualTo("ko");
              assertThat(d.getAttachTo()).isEqualTo("both");
              assertThat(d.getOverflowPolicy()).isEqualTo("BLOCK");
              assertThat(d.getTimeBudget().getMilliseconds()).isEqualTo(250);
              assertThat(d.getQueueSize()).isEqualTo(64);
              assertThat(d.getIncludes()).isEqualTo("java.sql.SQLException,java.io.IOException");
              assertThat(d.getExcludes()).isEqualTo("java.lang.InterruptedException");
              assertThat(d.getModel()).isEqualTo("rules");
              assertThat(d.isDiagnoseWarn()).isTrue();
              assertThat(d.getModelLoading()).isEqualTo("blocking");
            });
  }

  @Test
  void theDefaultsAreTheAppendersDefaults() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LogdxAutoConfiguration.class))
        .run(
            ctx -> {
              LogdxProperties p = ctx.getBean(LogdxProperties.class);
              // not started: a fresh appender only to read its defaults
              DiagnosingAppender fresh = new DiagnosingAppender();
              assertThat(p.isEnabled()).isTrue();
              assertThat(p.getAppPackages()).isEmpty();
              assertThat(p.getLocale()).isNull();
              assertThat(p.getAttachTo()).isEqualTo(fresh.getAttachTo());
              assertThat(p.getOverflowPolicy()).isNull();
              assertThat(p.getTimeBudget().toMillis())
                  .isEqualTo(AppenderSettings.DEFAULT_EVENT_TIME_BUDGET_MILLIS)
                  .isEqualTo(fresh.getTimeBudget().getMilliseconds());
              assertThat(p.getQueueSize())
                  .isEqualTo(AppenderSettings.DEFAULT_QUEUE_SIZE)
                  .isEqualTo(fresh.getQueueSize());
              assertThat(p.getIncludes()).isEmpty();
              assertThat(p.getExcludes()).isEmpty();
              assertThat(p.getModel()).isEqualTo(fresh.getModel());
              assertThat(p.isWarn()).isEqualTo(fresh.isDiagnoseWarn());
              // the one deliberate difference: the plain appender loads before it starts, the
              // starter in the background, so that the application's start does not wait for the
              // model
              assertThat(fresh.getModelLoading()).isEqualTo("blocking");
              assertThat(p.getModelLoading()).isEqualTo(ModelLoading.BACKGROUND);
              // the installed appender runs with the framework's overflow policy
              DiagnosingAppender d = ctx.getBean(LogbackDiagnosisInstaller.class).installed();
              assertThat(d.getOverflowPolicy())
                  .isEqualTo(DiagnosingAppender.DEFAULT_OVERFLOW_POLICY);
            });
  }
}
