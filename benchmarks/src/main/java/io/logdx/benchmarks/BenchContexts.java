package io.logdx.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;

/** Logging contexts of the benchmarks, configured from their XML under {@code /bench/}. */
final class BenchContexts {
  private BenchContexts() {}

  /**
   * A Logback context of its own (not SLF4J's), configured from a resource of this module.
   *
   * @param name the context's name
   * @param resource the configuration, e.g. {@code /bench/logback-storm.xml}
   */
  static LoggerContext logback(String name, String resource) throws JoranException {
    LoggerContext ctx = new LoggerContext();
    ctx.setName(name);
    // a context made by hand (not through SLF4J) needs its MDC adapter, as SLF4J would set it
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator jc = new JoranConfigurator();
    jc.setContext(ctx);
    jc.doConfigure(BenchContexts.class.getResource(resource));
    return ctx;
  }
}
