package com.example.batch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.logdx.logback.DiagnosingAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boot's own logging life cycle, run for real: {@code LoggingApplicationListener} configures Logback on each run
 * whose predecessor has closed (a reset that stops the previous appenders) and leaves it as it is while another
 * context is open. The starter wraps after each configuration, once.
 */
class LoggingReinitialisationTest {
  private final Logger root =
      ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);

  private ConfigurableApplicationContext run() {
    return new SpringApplicationBuilder(BatchApplication.class)
        .web(WebApplicationType.NONE)
        .properties("logdx.model=rules")
        .run();
  }

  private List<Appender<ILoggingEvent>> rootAppenders() {
    List<Appender<ILoggingEvent>> out = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private DiagnosingAppender theOnlyRootAppender() {
    List<Appender<ILoggingEvent>> appenders = rootAppenders();
    assertThat(appenders).singleElement().isInstanceOf(DiagnosingAppender.class);
    return (DiagnosingAppender) appenders.get(0);
  }

  @Test
  void wrapsAfterEveryInitialisationAndOnce() {
    DiagnosingAppender first;
    Appender<ILoggingEvent> firstConsole;
    try (ConfigurableApplicationContext app = run()) {
      assertThat(app.isActive()).isTrue();
      first = theOnlyRootAppender();
      assertThat(first.getAppender("CONSOLE")).as("Boot's console appender, wrapped").isNotNull();
      assertThat(first.isStarted()).isTrue();
    }
    // closed: the root logger has Boot's console appender back, running; logdx has stopped
    assertThat(rootAppenders()).singleElement().isInstanceOf(ConsoleAppender.class);
    firstConsole = rootAppenders().get(0);
    assertThat(firstConsole.getName()).isEqualTo("CONSOLE");
    assertThat(firstConsole.isStarted()).isTrue();
    assertThat(first.isStarted()).isFalse();

    try (ConfigurableApplicationContext app = run()) {
      assertThat(app.isActive()).isTrue();
      DiagnosingAppender second = theOnlyRootAppender();
      assertThat(second).isNotSameAs(first);
      // Boot configured Logback again: a new console appender, the old one stopped by the reset
      assertThat(second.getAppender("CONSOLE")).isNotNull();
      assertThat(firstConsole.isStarted()).isFalse();

      // a run while this one is open: Boot leaves logging as it is, and so does the starter
      try (ConfigurableApplicationContext nested = run()) {
        assertThat(nested.isActive()).isTrue();
        assertThat(theOnlyRootAppender()).isSameAs(second);
      }
      assertThat(theOnlyRootAppender()).isSameAs(second);
      assertThat(second.isStarted()).isTrue();
    }
  }
}
