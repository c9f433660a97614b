package io.logdx.spring.boot;

import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

/**
 * Puts logdx's diagnosing appender in front of the root logger's appenders, once per application context, as
 * early in the context's refresh as the auto-configuration can run, and takes it away when the context closes.
 *
 * <p><b>Why then.</b> Boot's {@code LoggingApplicationListener} (re)configures logging on
 * {@code ApplicationEnvironmentPreparedEvent}, before the refresh; the reconfiguration (a Logback reset, a new
 * Log4j2 configuration) stops the previous configuration's appenders, ours included. Every run that reconfigures
 * logging (a second {@code SpringApplication.run} in the same JVM after the first one closed, a devtools restart)
 * refreshes a new context, which wraps again. As a bean factory post-processor the installer runs before any
 * application bean is created and before the embedded web server starts, so that their failures are diagnosed
 * too; {@code logdx.*} is bound from the environment here, since {@code @ConfigurationProperties} beans are bound
 * later. A run that finds logging already configured (a second context while the first is open) finds the first
 * one's appender on the root logger and leaves it: never twice.
 *
 * <p><b>Why the close event and not bean destruction.</b> A refresh that fails destroys the beans and publishes no
 * {@code ContextClosedEvent}; Boot logs the failure ("Application run failed") after that, and it should be
 * diagnosed too. The appender then stays with the logging system, which stops it (draining its queue) when it
 * stops or is reconfigured.
 */
abstract class RootLoggerInstaller
    implements BeanFactoryPostProcessor,
        ApplicationContextAware,
        ApplicationListener<ContextClosedEvent> {
  /** Name of the appender the starter adds to the root logger. */
  static final String APPENDER_NAME = "LOGDX";

  /** One installation at a time in a JVM: the root logger is shared by every context. */
  static final Object LOCK = new Object();

  private final Environment environment;
  private ApplicationContext context;
  private LogdxProperties properties;

  RootLoggerInstaller(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setApplicationContext(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    properties = Binder.get(environment).bindOrCreate("logdx", LogdxProperties.class);
    List<String> packages = LogdxAutoConfiguration.appPackages(properties, beanFactory);
    synchronized (LOCK) {
      install(properties, packages);
    }
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    // a child context's close reaches its parent's listeners too
    if (event.getApplicationContext() != context) return;
    synchronized (LOCK) {
      uninstall();
    }
  }

  /** The properties as bound when the installer ran; {@code null} before. */
  LogdxProperties properties() {
    return properties;
  }

  /**
   * Wraps the root logger's appenders unless it already has a logdx appender (the user's own configuration, or
   * another open context's); called once, under {@link #LOCK}.
   */
  abstract void install(LogdxProperties properties, List<String> appPackages);

  /** Gives the root logger its appenders back and stops the diagnosing appender; under {@link #LOCK}. */
  abstract void uninstall();
}
