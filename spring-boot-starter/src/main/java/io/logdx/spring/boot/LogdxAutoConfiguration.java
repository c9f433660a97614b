package io.logdx.spring.boot;

import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * logdx for Spring Boot: with the starter on the class path, every Throwable logged at ERROR (and WARN with
 * {@code logdx.warn}) reaches the application's appenders with {@code diagnosis.*} fields. Off with
 * {@code logdx.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnProperty(
    prefix = "logdx",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(LogdxProperties.class)
public class LogdxAutoConfiguration {
  /** Made by Spring Boot's auto-configuration. */
  public LogdxAutoConfiguration() {}

  /** The application's packages: {@code logdx.app-packages}, else those of the {@code @SpringBootApplication}. */
  static List<String> appPackages(LogdxProperties properties, BeanFactory beanFactory) {
    if (!properties.getAppPackages().isEmpty()) return List.copyOf(properties.getAppPackages());
    return AutoConfigurationPackages.has(beanFactory)
        ? List.copyOf(AutoConfigurationPackages.get(beanFactory))
        : List.of();
  }

  /** Boot's default logging: Logback. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {"ch.qos.logback.classic.LoggerContext", "io.logdx.logback.DiagnosingAppender"})
  static class LogbackConfiguration {
    // static: a bean factory post-processor, made before the configuration class (see
    // RootLoggerInstaller)
    @Bean
    @ConditionalOnMissingBean
    static LogbackDiagnosisInstaller logdxLogbackDiagnosisInstaller(Environment environment) {
      return new LogbackDiagnosisInstaller(environment);
    }
  }

  /** {@code spring-boot-starter-log4j2} instead of Boot's default. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {"org.apache.logging.log4j.core.LoggerContext", "io.logdx.log4j2.DiagnosingAppender"})
  static class Log4j2Configuration {
    @Bean
    @ConditionalOnMissingBean
    static Log4j2DiagnosisInstaller logdxLog4j2DiagnosisInstaller(Environment environment) {
      return new Log4j2DiagnosisInstaller(environment);
    }
  }
}
