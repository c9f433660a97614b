package io.logdx.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.config.Configurator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What logging costs the calling thread: no wrapper, the framework's own async appender, and the diagnosing
 * appender, each around the same no-op appender, for Logback and Log4j2; events without a throwable, with a
 * repeated throwable (cache hit) and with a never-seen throwable (cache miss).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LoggingThreadBenchmark -bm avgt -bm sample
 * </pre>
 *
 * <p>Every variant pays the same event construction (and, for throwables, the same exception construction):
 * the ratio diagnosing / async is the price of logdx on the logging thread.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx1g", "-Dlog4j2.enableJndiContextSelector=false"})
@State(Scope.Benchmark)
public class LoggingThreadBenchmark {

  @Param({"logback", "log4j2"})
  public String framework;

  @Param({"plain", "async", "diagnosing"})
  public String appender;

  @Param({"none", "hit", "miss"})
  public String event;

  private ch.qos.logback.classic.Logger logback;
  private LoggerContext logbackContext;
  private org.apache.logging.log4j.Logger log4j;
  private org.apache.logging.log4j.core.LoggerContext log4jContext;

  @State(Scope.Thread)
  public static class PerThread {
    final SplittableRandom random = new SplittableRandom(42);
    final char[] word = new char[12];

    /** A message shape never seen before: random letters survive the fingerprint's normalisation. */
    String freshWord() {
      for (int i = 0; i < word.length; i++) word[i] = (char) ('a' + random.nextInt(26));
      return new String(word);
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    System.setProperty("ai.djl.offline", "true");
    String resource = "/bench/" + framework + "-" + appender + ".xml";
    if ("logback".equals(framework)) {
      logbackContext = BenchContexts.logback("bench-" + appender, resource);
      logback = logbackContext.getLogger("io.logdx.benchmarks.App");
    } else {
      log4jContext =
          Configurator.initialize(
              "bench-" + appender,
              LoggingThreadBenchmark.class.getClassLoader(),
              LoggingThreadBenchmark.class.getResource(resource).toURI());
      log4j = log4jContext.getLogger("io.logdx.benchmarks.App");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if ("diagnosing".equals(appender)) reportShares();
    if (logbackContext != null) logbackContext.stop();
    if (log4jContext != null) Configurator.shutdown(log4jContext);
  }

  /**
   * What became of the events of this trial (warm-up included), from the appender's MBean: a diagnosing appender
   * that kept its cost down by passing most events on unenriched would show it here.
   */
  private void reportShares() throws Exception {
    javax.management.MBeanServer server =
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
    for (javax.management.ObjectName on :
        server.queryNames(
            new javax.management.ObjectName("io.logdx:type=DiagnosingAppender,*"), null)) {
      // every received event is delivered, overflowed (queue full) or passed through; refused (no
      // model time) is a part of delivered (see DiagnosingAppenderMXBean)
      long all = (Long) server.getAttribute(on, "Received");
      long enriched = (Long) server.getAttribute(on, "Enriched");
      long pending = (Long) server.getAttribute(on, "Pending");
      long queueFull = (Long) server.getAttribute(on, "Overflowed");
      long refused = (Long) server.getAttribute(on, "Refused");
      double n = Math.max(1, all);
      System.out.printf(
          java.util.Locale.ROOT,
          "%n[logdx shares] %s/%s/%s: %d events, enriched %.1f%%, pending %.1f%%,"
              + " overflow: queue full %.1f%%, no model time %.1f%%%n",
          framework,
          event,
          System.getProperty(
              "log4j2".equals(framework) ? "logdx.log4j2.overflowPolicy" : "logdx.overflowPolicy",
              "default"),
          all,
          100.0 * enriched / n,
          100.0 * pending / n,
          100.0 * queueFull / n,
          100.0 * refused / n);
    }
  }

  @Benchmark
  public void log(PerThread t) {
    Throwable th;
    switch (event) {
      case "none":
        th = null;
        break;
      case "hit":
        th = new IllegalStateException("Order 42 is not open");
        break;
      default:
        th = new IllegalStateException("Order " + t.freshWord() + " is not open");
        break;
    }
    if (logback != null) {
      if (th == null) logback.error("transfer accepted for account {}", 42);
      else logback.error("transfer failed for account {}", 42, th);
    } else {
      if (th == null) log4j.error("transfer accepted for account {}", 42);
      else log4j.error("transfer failed for account {}", 42, th);
    }
  }
}
