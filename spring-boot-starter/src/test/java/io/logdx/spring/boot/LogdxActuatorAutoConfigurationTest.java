package io.logdx.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import io.logdx.core.engine.Diagnoser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The conditions of the actuator part ({@link LogdxActuatorAutoConfiguration}) with Boot's
 * {@link ApplicationContextRunner} on the real Logback of the test JVM: meters with Micrometer, none and no error
 * without it or without the actuator; the endpoint only when exposed; the info contributor's warning.
 */
class LogdxActuatorAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  LogdxAutoConfiguration.class, LogdxActuatorAutoConfiguration.class))
          .withPropertyValues(
              "logdx.model=rules",
              "logdx.time-budget=20s",
              "logdx.app-packages=io.logdx.spring.boot");

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
  private final List<Appender<ILoggingEvent>> before = new ArrayList<>();
  private ListAppender<ILoggingEvent> list;

  @BeforeEach
  void ownRootLogger() {
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      before.add(it.next());
    }
    before.forEach(root::detachAppender);
    list = new ListAppender<>();
    list.setContext(context);
    list.setName("TEST");
    list.start();
    root.addAppender(list);
  }

  @AfterEach
  void giveRootLoggerBack() {
    root.detachAndStopAllAppenders();
    before.forEach(root::addAppender);
  }

  private static void logFailures() {
    org.slf4j.Logger log = LoggerFactory.getLogger(LogdxActuatorAutoConfigurationTest.class);
    for (String text : new String[] {"twelve", "thirteen"}) {
      try {
        Integer.parseInt(text);
      } catch (NumberFormatException e) {
        log.error("bad amount", e);
      }
    }
    log.error("declined", new IllegalStateException("card 4111 1111 1111 1111 was declined"));
    log.info("no throwable: not counted");
  }

  @Test
  void countsEveryDiagnosisByCategoryAndStatusAndGaugesTheAppender() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    runner.run(
        ctx -> {
          assertThat(ctx).hasSingleBean(LogdxMetrics.class);
          ctx.getBean(LogdxMetrics.class).bindTo(registry);
          logFailures();
          assertThat(registry.get("logdx.queue.depth").gauge()).isNotNull();
          assertThat(registry.get("logdx.cache.size").gauge()).isNotNull();
          assertThat(registry.get("logdx.failures.distinct").gauge()).isNotNull();
          assertThat(registry.get("logdx.model.time").functionTimer()).isNotNull();
        });
    // the close drained the appender (every diagnosis counted) before the binder let go of it
    assertThat(list.list).hasSize(4);
    assertThat(
            registry
                .get(LogdxMetrics.DIAGNOSES)
                .tags("category", "number_format", "status", "ok")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(registry.get(LogdxMetrics.DIAGNOSES).counters())
        .as("one per category and status")
        .hasSize(2);
    assertThat(registry.get("logdx.queue.depth").gauge().value())
        .as("no appender on the root logger any more")
        .isZero();
  }

  @Test
  void withoutMicrometerNoMetersAndNoError() {
    runner
        .withClassLoader(new FilteredClassLoader("io.micrometer"))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(LogdxMetrics.class);
              assertThat(ctx).hasSingleBean(LogbackDiagnosisInstaller.class);
            });
  }

  @Test
  void withoutTheActuatorNothingOfItsAndNoError() {
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=*")
        .withClassLoader(
            new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer"))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx).doesNotHaveBean(LogdxMetrics.class);
              assertThat(ctx).doesNotHaveBean(LogdxEndpoint.class);
              assertThat(ctx).doesNotHaveBean(LogdxInfoContributor.class);
              assertThat(ctx).hasSingleBean(LogbackDiagnosisInstaller.class);
            });
  }

  @Test
  void disabledMeansNothingAtAll() {
    runner
        .withPropertyValues(
            "logdx.enabled=false", "management.endpoints.web.exposure.include=logdx")
        .run(
            ctx -> {
              assertThat(ctx).doesNotHaveBean(LogdxMetrics.class);
              assertThat(ctx).doesNotHaveBean(LogdxEndpoint.class);
              assertThat(ctx).doesNotHaveBean(LogdxInfoContributor.class);
            });
  }

  @Test
  void theEndpointOnlyWhenExposedAndThenMaskedMostFrequentFirst() {
    runner
        .withPropertyValues("management.endpoints.jmx.exposure.exclude=*")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(LogdxEndpoint.class));
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=logdx")
        .run(
            ctx -> {
              LogdxEndpoint endpoint = ctx.getBean(LogdxEndpoint.class);
              logFailures();
              DiagnosingAppenders.View v = DiagnosingAppenders.current().orElseThrow();
              // bounded wait for the dispatcher, no timing asserted
              for (int i = 0; i < 400 && v.failures().size() < 2; i++) Thread.sleep(50);
              LogdxEndpoint.Failures all = endpoint.failures();
              assertThat(all.model()).startsWith(Diagnoser.Builder.RULES_ID);
              assertThat(all.failures()).hasSize(2);
              LogdxEndpoint.SeenFailure first = all.failures().get(0);
              assertThat(first.category()).isEqualTo("number_format");
              assertThat(first.count()).isEqualTo(2);
              assertThat(first.location())
                  .startsWith(LogdxActuatorAutoConfigurationTest.class.getName());
              LogdxEndpoint.SeenFailure card = all.failures().get(1);
              assertThat(card.rootCauseMessage()).contains("<card>").doesNotContain("4111");
              assertThat(card.toString()).doesNotContain("4111");
              assertThat(endpoint.failure(first.fingerprint())).isEqualTo(first);
              assertThat(endpoint.failure("no such fingerprint")).isNull();
            });
  }

  @Test
  void theInfoNamesTheModelAndWarnsWhenTheRulesStandInForOneAskedFor() {
    runner
        .withPropertyValues("logdx.model=target/no-such-model")
        .run(
            ctx -> {
              Info.Builder b = new Info.Builder();
              ctx.getBean(LogdxInfoContributor.class).contribute(b);
              @SuppressWarnings("unchecked")
              Map<String, Object> logdx = (Map<String, Object>) b.build().get("logdx");
              assertThat(logdx).containsEntry("active", true);
              assertThat((String) logdx.get("model")).startsWith(Diagnoser.Builder.RULES_ID);
              assertThat((String) logdx.get("warning"))
                  .contains("[target/no-such-model] could not be loaded");
            });
    runner.run(
        ctx -> {
          Info.Builder b = new Info.Builder();
          ctx.getBean(LogdxInfoContributor.class).contribute(b);
          @SuppressWarnings("unchecked")
          Map<String, Object> logdx = (Map<String, Object>) b.build().get("logdx");
          assertThat(logdx).containsEntry("modelAsked", "rules").doesNotContainKey("warning");
        });
    assertThat(LogdxInfoContributor.warning("none", "default")).contains("did not start");
  }
}
