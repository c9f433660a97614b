package io.logdx.spring.boot;

import ch.qos.logback.classic.PatternLayout;
import io.logdx.logback.DiagnosisConverter;
import io.logdx.logback.DiagnosisFieldConverter;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

/**
 * Makes {@code %diagnosis} and {@code %dx{field}} known to every Logback pattern, so that
 * {@code logging.pattern.console} and {@code logging.pattern.file} can use them without a {@code logback.xml}.
 * A listener of the application's very first event (registered in {@code META-INF/spring.factories}), because
 * Boot configures logging from the environment before any auto-configuration runs: a bean would come too late.
 *
 * <p>Logback's default conversion words are one JVM-wide map; the two words are added when absent, so that a
 * {@code <conversionRule>} of the user's, or another library's word of the same name, wins. Nothing happens
 * without Logback and logdx's Logback appender on the class path (Boot on Log4j2 finds logdx's
 * {@code %diagnosis} as a plugin).
 */
public class LogbackConversionWords implements ApplicationListener<ApplicationStartingEvent> {
  /** Made by Spring Boot from {@code META-INF/spring.factories}. */
  public LogbackConversionWords() {}

  @Override
  public void onApplicationEvent(ApplicationStartingEvent event) {
    ClassLoader loader = event.getSpringApplication().getClassLoader();
    if (ClassUtils.isPresent("ch.qos.logback.classic.PatternLayout", loader)
        && ClassUtils.isPresent("io.logdx.logback.DiagnosisConverter", loader)) {
      Words.register(); // a class of its own: its Logback references resolve only here
    }
  }

  /** Kept apart so that the listener loads without Logback. */
  static final class Words {
    private Words() {}

    static void register() {
      PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.putIfAbsent(
          "diagnosis", DiagnosisConverter::new);
      PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.putIfAbsent("dx", DiagnosisFieldConverter::new);
    }
  }
}
