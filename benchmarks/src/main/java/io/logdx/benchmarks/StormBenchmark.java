package io.logdx.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Exception storm: N threads log exceptions as fast as they can for a fixed time, over K distinct fingerprints,
 * through a real Logback or Log4j2 context ({@code --framework}, from {@code /bench/logback-storm.xml} or
 * {@code /bench/log4j2-storm.xml}) with the diagnosing appender wrapping a counting appender.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.logdx.benchmarks.StormBenchmark --seconds 10 --threads 2 \
 *     --k 10,1000,100000 --out benchmarks/results
 * java -cp benchmarks/target/benchmarks.jar io.logdx.benchmarks.StormBenchmark --framework log4j2 \
 *     --seconds 10 --threads 8 --k 1000 --warm --out benchmarks/results
 * </pre>
 *
 * <p>Options: {@code --framework logback|log4j2} (default logback), {@code --policy} (default: the framework's
 * own default overflow policy), {@code --warm}, {@code --rate}, {@code --seconds}, {@code --threads},
 * {@code --k}, {@code --jvm-warm-up}, {@code --out}.
 *
 * <p>Reports per K: events per second delivered, share enriched (all events are ERROR with a throwable) /
 * pending / overflow, the enriched share among the events of failures seen before in the run (see
 * {@link CountingAppender#SEEN}), events lost (logged but never delivered: must be 0), heap used after a GC, and
 * the p50/p99/p99.9 logging-thread latency (HdrHistogram, each call timed). Not JMH: a storm is a whole-system
 * run, but it uses the same shaded jar and JVM settings.
 */
public final class StormBenchmark {

  record Result(
      int k,
      long logged,
      long delivered,
      long enriched,
      long pending,
      long overflow,
      long other,
      long seenDelivered,
      long seenEnriched,
      double seconds,
      long heapAfterMb,
      Histogram latency,
      long steadyAfterMillis) {
    long lost() {
      return logged - delivered;
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    int seconds = 10;
    int threads = 2;
    int rate = 0; // events per second over all threads; 0 = as fast as they can
    String framework = "logback";
    String policy = null; // the framework's default
    boolean warm = false;
    int jvmWarmUp = 3;
    List<Integer> ks = List.of(10, 1000, 100_000);
    Path out = Path.of("benchmarks/results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--k" -> ks = parseList(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--policy" -> policy = args[++i];
        case "--framework" -> framework = args[++i].toLowerCase(Locale.ROOT);
        case "--warm" -> warm = true;
        case "--jvm-warm-up" -> jvmWarmUp = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    boolean log4j2 =
        switch (framework) {
          case "logback" -> false;
          case "log4j2" -> true;
          default ->
              throw new IllegalArgumentException("--framework logback or log4j2, not " + framework);
        };
    String defaultPolicy =
        log4j2
            ? io.logdx.log4j2.DiagnosingAppender.DEFAULT_OVERFLOW_POLICY
            : io.logdx.logback.DiagnosingAppender.DEFAULT_OVERFLOW_POLICY;
    if (policy == null) policy = defaultPolicy;
    Files.createDirectories(out);
    System.setProperty("storm.overflowPolicy", policy);
    List<Result> results = new ArrayList<>();
    for (int k : ks) {
      results.add(run(log4j2, k, threads, seconds, rate, warm, jvmWarmUp));
    }
    StringBuilder md = new StringBuilder();
    md.append(log4j2 ? "Log4j2" : "Logback").append("; ");
    md.append(
        rate > 0 ? "paced at " + rate + " events/s in all" : "as fast as the threads can log");
    md.append("; overflowPolicy=").append(policy);
    if (policy.equals(defaultPolicy)) md.append(" (the default)");
    md.append(
        warm
            ? "; warm: each of the K failures was logged and diagnosed before the storm.\n\n"
            : "; cold: none of the K failures was seen before the storm"
                + (jvmWarmUp > 0
                    ? " (the JVM was warmed up for "
                        + jvmWarmUp
                        + " s by a storm of 200 other failures, as a running service's is)"
                    : "")
                + ".\n\n");
    md.append(
        "| K | threads | seconds | logged | delivered/s | enriched | enriched, seen before | ≥ 99% enriched after | pending | overflow | error | lost | heap after GC (MB) | p50 µs | p99 µs | p99.9 µs |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.1f | %d | %.0f | %.1f%% | %.1f%% | %s | %.1f%% | %.1f%% | %.1f%% | %d | %d | %.1f | %.1f | %.1f |%n",
              r.k,
              threads,
              r.seconds,
              r.logged,
              r.delivered / r.seconds,
              pct(r.enriched, r.delivered),
              pct(r.seenEnriched, r.seenDelivered),
              r.steadyAfterMillis < 0 ? "never" : r.steadyAfterMillis + " ms",
              pct(r.pending, r.delivered),
              pct(r.overflow, r.delivered),
              pct(r.other, r.delivered),
              r.lost(),
              r.heapAfterMb,
              r.latency.getValueAtPercentile(50) / 1000.0,
              r.latency.getValueAtPercentile(99) / 1000.0,
              r.latency.getValueAtPercentile(99.9) / 1000.0));
    }
    System.out.println(md);
    // Logback's files keep the names they had before Log4j2 had storms; the policy is named when
    // it is not the framework's default, the threads when they are not 2
    String suffix =
        (log4j2 ? "-log4j2" : "")
            + (rate > 0 ? "-" + rate + "-per-s" : "")
            + (defaultPolicy.equals(policy)
                ? ""
                : "-" + policy.toLowerCase(Locale.ROOT).replace('_', '-'))
            + (warm ? "-warm" : "")
            + (threads == 2 ? "" : "-" + threads + "-threads");
    Files.writeString(out.resolve("storm" + suffix + ".md"), md.toString());
    plot(results, log4j2 ? "Log4j2" : "Logback", out.resolve("storm" + suffix + ".png"));
  }

  private static Result run(
      boolean log4j2, int k, int threads, int seconds, int rate, boolean warm, int jvmWarmUp)
      throws Exception {
    long periodNanos = rate <= 0 ? 0 : 1_000_000_000L * threads / rate;
    CountingAppender.reset();
    System.setProperty("storm.queueSize", "8192");
    Storm log = log4j2 ? new Log4j2Storm("storm-" + k) : new LogbackStorm("storm-" + k);
    String[] words = words(k);
    if (warm) {
      warmUp(log, words);
    } else if (jvmWarmUp > 0) {
      warmUpJvm(log, threads, jvmWarmUp);
    }
    Recorder recorder = new Recorder(3);
    LongAdder logged = new LongAdder();
    CountDownLatch start = new CountDownLatch(1);
    long endAt = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              body(log, words, t, start, endAt, periodNanos, false, recorder, logged),
              "storm-" + t);
      ts.add(th);
      th.start();
    }
    long t0 = System.nanoTime();
    CountingAppender.origin = t0;
    start.countDown();
    for (Thread th : ts) th.join();
    double secs = (System.nanoTime() - t0) / 1e9;
    log.stop(); // drains the appender: everything logged must be delivered
    // the benchmark's own record of the failures seen (K strings) is no part of the heap measured
    CountingAppender.SEEN.clear();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    long followUps = CountingAppender.count("follow-up");
    long delivered = CountingAppender.total() - followUps;
    long enriched = CountingAppender.count("ok");
    long pending = CountingAppender.count("pending");
    // "overflow" in RESULTS.md counts both a full queue (status overflow) and no model time (status
    // refused, which was overflow too before the two were told apart): summed, so that the figures
    // stay comparable
    long overflow = CountingAppender.count("overflow") + CountingAppender.count("refused");
    // a steady state whose first 100 ms window is not within the storm is the drain's (the queue's
    // last events, enriched at leisure), not the storm's
    long steady = CountingAppender.millisUntilEnriched(0.99);
    if (steady + 100 > secs * 1000) steady = -1;
    Result r =
        new Result(
            k,
            logged.sum(),
            delivered,
            enriched,
            pending,
            overflow,
            delivered - enriched - pending - overflow,
            CountingAppender.SEEN_DELIVERED.sum(),
            CountingAppender.SEEN_ENRICHED.sum(),
            secs,
            heap,
            recorder.getIntervalHistogram(),
            steady);
    System.err.printf(
        Locale.ROOT,
        "K=%d logged=%d delivered=%d ok=%d pending=%d overflow=%d follow-ups=%d"
            + " seen-before=%d (ok %d) steady(>=99%% enriched per 100 ms) after %d ms%n",
        k,
        r.logged,
        delivered,
        enriched,
        pending,
        overflow,
        followUps,
        r.seenDelivered,
        r.seenEnriched,
        r.steadyAfterMillis);
    if (Boolean.getBoolean("storm.timeline")) System.err.println(CountingAppender.timeline(3_000));
    return r;
  }

  /**
   * A storm thread's work. The warm-up runs this very code ({@code inOrder}: each failure once), so that its
   * failures have the storm's stack, and so its fingerprints.
   */
  private static Runnable body(
      Storm log,
      String[] words,
      int seed,
      CountDownLatch start,
      long endAt,
      long periodNanos,
      boolean inOrder,
      Recorder recorder,
      LongAdder logged) {
    return () -> {
      SplittableRandom r = new SplittableRandom(seed);
      try {
        start.await();
      } catch (InterruptedException e) {
        return;
      }
      long next = System.nanoTime();
      int i = 0;
      while (inOrder ? i < words.length : System.nanoTime() < endAt) {
        if (periodNanos > 0) {
          next += periodNanos;
          long wait = next - System.nanoTime();
          if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        String word = inOrder ? words[i++] : words[r.nextInt(words.length)];
        Exception e = new IllegalStateException("Order " + word + " is not open");
        long t0 = System.nanoTime();
        log.error("transfer failed", e);
        recorder.recordValue(Math.max(1, System.nanoTime() - t0));
        logged.increment();
      }
    };
  }

  /**
   * A cold storm measures what K never-seen failures cost a running service, not a JVM's first seconds (code
   * interpreted, the compiler busy): other failures (their own words, so none of the storm's fingerprints) are
   * logged by the storm's own code for a few seconds first, then the counters start afresh.
   */
  private static void warmUpJvm(Storm log, int threads, int seconds) throws InterruptedException {
    SplittableRandom r = new SplittableRandom(1234);
    String[] others = new String[200];
    for (int i = 0; i < others.length; i++) {
      char[] c = new char[11]; // one letter longer than the storm's words: never the same
      for (int j = 0; j < c.length; j++) c[j] = (char) ('a' + r.nextInt(26));
      others[i] = new String(c);
    }
    long endAt = System.nanoTime() + seconds * 1_000_000_000L;
    LongAdder logged = new LongAdder();
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              body(
                  log,
                  others,
                  100 + t,
                  new CountDownLatch(0),
                  endAt,
                  0,
                  false,
                  new Recorder(3),
                  logged),
              "storm-jvm-warm-up-" + t);
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) th.join();
    awaitDelivered(logged.sum());
    Thread.sleep(500); // follow-ups of the last pending events
    System.err.printf(
        Locale.ROOT,
        "JVM warm-up: %d s over %d other failures, %d events enriched%n",
        seconds,
        others.length,
        CountingAppender.count("ok"));
    CountingAppender.reset();
  }

  /**
   * Logs each failure until a whole round comes back enriched (at most a minute): the storm then measures a
   * known incident, not the first sight of K new failures (which costs K model runs whatever the policy).
   */
  private static void warmUp(Storm log, String[] words) throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    LongAdder logged = new LongAdder();
    while (System.nanoTime() < until) {
      long before = CountingAppender.count("ok");
      Thread round =
          new Thread(
              body(log, words, 0, new CountDownLatch(0), 0, 0, true, new Recorder(3), logged),
              "storm-warm-up");
      round.start();
      round.join();
      Thread.sleep(200);
      if (CountingAppender.count("ok") - before == words.length) break;
    }
    awaitDelivered(logged.sum());
    System.err.printf(
        Locale.ROOT,
        "warm-up: %d failures, %d events enriched%n",
        words.length,
        CountingAppender.count("ok"));
    // the storm's failures were all seen before it: they stay seen
    CountingAppender.reset(true);
  }

  /**
   * Waits (at most 30 s) until {@code logged} events have reached the counting appender: a warm-up's events
   * still queued when the counters are reset would be counted as the storm's (delivered beyond logged, a
   * negative loss).
   */
  private static void awaitDelivered(long logged) throws InterruptedException {
    long until = System.nanoTime() + 30_000_000_000L;
    while (CountingAppender.total() - CountingAppender.count("follow-up") < logged
        && System.nanoTime() < until) {
      Thread.sleep(10);
    }
  }

  /**
   * The logging framework under test: a context configured from the storm's XML, its logger, and its stop
   * (which drains the diagnosing appender). One framework per run, so that the call site of {@link #error}
   * stays monomorphic.
   */
  private interface Storm {
    void error(String message, Throwable t);

    /** Stops the context (the appender drains) and prints its stop line and first warnings. */
    void stop();
  }

  private static final class LogbackStorm implements Storm {
    private final LoggerContext ctx;
    private final ch.qos.logback.classic.Logger log;

    LogbackStorm(String name) throws Exception {
      ctx = BenchContexts.logback(name, "/bench/logback-storm.xml");
      log = ctx.getLogger("io.logdx.benchmarks.StormApp");
    }

    @Override
    public void error(String message, Throwable t) {
      log.error(message, t);
    }

    @Override
    public void stop() {
      ctx.stop();
      int warnings = 0;
      for (ch.qos.logback.core.status.Status st : ctx.getStatusManager().getCopyOfStatusList()) {
        if (st.getMessage().startsWith("Stopped")) {
          System.err.println("  status: " + st.getMessage());
        } else if (st.getLevel() >= ch.qos.logback.core.status.Status.WARN && warnings++ < 3) {
          System.err.println("  status: " + st.getMessage());
        }
      }
    }
  }

  private static final class Log4j2Storm implements Storm {
    private final org.apache.logging.log4j.core.LoggerContext ctx;
    private final org.apache.logging.log4j.Logger log;

    private final List<String> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

    // The appender reports to the StatusLogger: its stop line (INFO) and the first warnings are
    // printed as Logback's statuses are; the configuration's own listener is set to ERROR
    // (log4j2-storm.xml), so that a storm's overflow warnings do not flood the console.
    private final org.apache.logging.log4j.status.StatusListener listener =
        new org.apache.logging.log4j.status.StatusListener() {
          @Override
          public void log(org.apache.logging.log4j.status.StatusData data) {
            String m = data.getMessage().getFormattedMessage();
            if (m.contains(": Stopped: ")) {
              stopped.add(m);
            } else if (data.getLevel().isMoreSpecificThan(org.apache.logging.log4j.Level.WARN)
                && warnings.size() < 3) {
              warnings.add(m);
            }
          }

          @Override
          public org.apache.logging.log4j.Level getStatusLevel() {
            return org.apache.logging.log4j.Level.INFO;
          }

          @Override
          public void close() {}
        };

    Log4j2Storm(String name) throws Exception {
      org.apache.logging.log4j.status.StatusLogger.getLogger().registerListener(listener);
      // a context of its own, not the selector's: one JVM runs one storm per K, each on a
      // fresh context
      ctx =
          new org.apache.logging.log4j.core.LoggerContext(
              name, null, StormBenchmark.class.getResource("/bench/log4j2-storm.xml").toURI());
      ctx.start();
      log = ctx.getLogger("io.logdx.benchmarks.StormApp");
    }

    @Override
    public void error(String message, Throwable t) {
      log.error(message, t);
    }

    @Override
    public void stop() {
      ctx.stop();
      org.apache.logging.log4j.status.StatusLogger.getLogger().removeListener(listener);
      for (String m : warnings) System.err.println("  status: " + m);
      for (String m : stopped) System.err.println("  status: " + m);
    }
  }

  private static String[] words(int k) {
    SplittableRandom r = new SplittableRandom(7);
    String[] w = new String[k];
    for (int i = 0; i < k; i++) {
      char[] c = new char[10];
      for (int j = 0; j < c.length; j++) c[j] = (char) ('a' + r.nextInt(26));
      w[i] = new String(c);
    }
    return w;
  }

  private static double pct(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  private static List<Integer> parseList(String s) {
    List<Integer> out = new ArrayList<>();
    for (String p : s.split(",")) out.add(Integer.parseInt(p.trim()));
    return out;
  }

  private static void plot(List<Result> results, String framework, Path png) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(500)
            .title("Exception storm (" + framework + "): what reaches the wrapped appender")
            .xAxisTitle("distinct fingerprints (K)")
            .yAxisTitle("share of delivered events (%)")
            .build();
    List<String> xs = new ArrayList<>();
    List<Double> ok = new ArrayList<>();
    List<Double> pend = new ArrayList<>();
    List<Double> over = new ArrayList<>();
    List<Double> other = new ArrayList<>();
    for (Result r : results) {
      // short: three long labels ran into each other under 300-pixel columns
      xs.add(
          String.format(
              Locale.ROOT,
              "K=%d, %.2f M/s, %d lost",
              r.k,
              r.delivered / r.seconds / 1e6,
              r.lost()));
      ok.add(pct(r.enriched, r.delivered));
      pend.add(pct(r.pending, r.delivered));
      over.add(pct(r.overflow, r.delivered));
      other.add(pct(r.other, r.delivered));
    }
    chart.getStyler().setStacked(true);
    chart.addSeries("enriched", xs, ok);
    chart.addSeries("pending (follow-up later)", xs, pend);
    chart.addSeries("overflow (unenriched)", xs, over);
    chart.addSeries("error (engine backlog full)", xs, other);
    javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png.toFile());
  }
}
