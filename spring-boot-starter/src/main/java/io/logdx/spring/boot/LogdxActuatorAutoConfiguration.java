package io.logdx.spring.boot;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What the starter adds when the application has {@code spring-boot-starter-actuator}: Micrometer meters
 * ({@link LogdxMetrics}), the endpoint {@code logdx} ({@link LogdxEndpoint}) and {@code logdx} in
 * {@code /actuator/info} ({@link LogdxInfoContributor}). Each part only when its classes are on the class path;
 * none without the actuator. Off with {@code logdx.enabled=false}, like the rest.
 */
@AutoConfiguration(after = LogdxAutoConfiguration.class)
@ConditionalOnProperty(
    prefix = "logdx",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class LogdxActuatorAutoConfiguration {
  /** Made by Spring Boot's auto-configuration. */
  public LogdxActuatorAutoConfiguration() {}

  /** Micrometer on the class path: Boot binds every {@code MeterBinder} bean to its registries. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    LogdxMetrics logdxMetrics() {
      return new LogdxMetrics();
    }
  }

  /** The endpoint, when exposed ({@code management.endpoints.web.exposure.include}) and enabled. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"
      })
  static class EndpointConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = LogdxEndpoint.class)
    LogdxEndpoint logdxEndpoint() {
      return new LogdxEndpoint();
    }
  }

  /** {@code logdx} in {@code /actuator/info}; off with {@code management.info.logdx.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.actuate.info.InfoContributor",
        "org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor"
      })
  static class InfoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnEnabledInfoContributor("logdx")
    LogdxInfoContributor logdxInfoContributor(Environment environment) {
      return new LogdxInfoContributor(environment);
    }
  }
}
