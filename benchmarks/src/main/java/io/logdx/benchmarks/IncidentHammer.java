package io.logdx.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outside application of issue 17, kept: 8 threads log as fast as they can through a real file appender and
 * encoder (logstash-logback-encoder, or Log4j2's JsonTemplateLayout with logdx's ECS template) wrapped in logdx
 * with its defaults, then the context stops and the written file is checked.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar io.logdx.benchmarks.IncidentHammer logback 3000 /tmp/lb.json
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar io.logdx.benchmarks.IncidentHammer log4j2 3000 /tmp/l4.json
 * </pre>
 *
 * <p>The mix per thread: 60% INFO, 25% ERROR from 1 000 real failures (thrown by the JDK, a refused socket on
 * loopback), 15% nasty: a {@code getMessage()} that throws, a cyclic cause chain, a 2 MB message, a 5 000-deep
 * cause chain, a 20 000-frame stack, binary garbage, a (synthetic) card and resident registration number, a JDBC
 * URL with a password. Reported: events written of those logged, missing, duplicated, written after a later one
 * of their thread, statuses, pending events without their follow-up, secrets in any {@code diagnosis} field, the
 * stop's duration, logdx threads left, and Throwables that reached the application's logging calls (the
 * framework's own: Logback builds its {@code ThrowableProxy} on the logging thread and calls the throwing
 * {@code getMessage()} before any appender runs, with or without logdx). The events of that throwing
 * {@code getMessage()} are missing on Log4j2 too: JsonTemplateLayout cannot render them, with or without logdx
 * (logdx counts them as failed hand-ons).
 */
public final class IncidentHammer {
  private static final int THREADS = 8;
  private static final Pattern SEQ = Pattern.compile("^t(\\d+):(\\d+) ");
  private static final Pattern SECRET =
      Pattern.compile("4111 ?1111 ?1111 ?1111|900101-1234567|hunter2secret");

  private IncidentHammer() {}

  /** An exception whose message cannot be read. */
  static final class UnreadableMessage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage blew up");
    }
  }

  public static void main(String[] args) throws Exception {
    String framework = args.length > 0 ? args[0] : "logback";
    int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    Path out = Path.of(args.length > 2 ? args[2] : "hammer-" + framework + ".json");
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("hammer.file", out.toAbsolutePath().toString());

    BiConsumer<String, Object[]> info;
    BiConsumer<String, Object[]> error;
    Runnable stop;
    if ("logback".equals(framework)) {
      ch.qos.logback.classic.LoggerContext ctx =
          BenchContexts.logback("hammer", "/bench/hammer-logback.xml");
      ch.qos.logback.classic.Logger log = ctx.getLogger("com.acme.pay.TransferService");
      info = log::info;
      error = log::error;
      stop = ctx::stop;
    } else {
      org.apache.logging.log4j.core.LoggerContext ctx =
          org.apache.logging.log4j.core.config.Configurator.initialize(
              "hammer",
              IncidentHammer.class.getClassLoader(),
              IncidentHammer.class.getResource("/bench/hammer-log4j2.xml").toURI());
      org.apache.logging.log4j.Logger log = ctx.getLogger("com.acme.pay.TransferService");
      info = log::info;
      error = log::error;
      stop = () -> org.apache.logging.log4j.core.config.Configurator.shutdown(ctx);
    }

    Throwable[] failures = new Throwable[1000];
    for (int k = 0; k < failures.length; k++) failures[k] = realFailure(k);
    String big = "x".repeat(2 << 20);
    AtomicLong escaped = new AtomicLong();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int th = t;
      // a deep stack for the 20 000-frame failure, as a service's worker thread might have
      Thread x =
          new Thread(
              null,
              () -> {
                SplittableRandom r = new SplittableRandom(th);
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  String id = "t" + th + ":" + i;
                  try {
                    logOne(r, id, info, error, failures, big);
                  } catch (Throwable e) {
                    escaped.incrementAndGet();
                  }
                }
              },
              "app-" + t,
              256L << 20);
      threads.add(x);
      x.start();
    }
    long t0 = System.nanoTime();
    go.countDown();
    for (Thread x : threads) x.join();
    long logged = System.nanoTime() - t0;
    long s0 = System.nanoTime();
    stop.run();
    long stopped = System.nanoTime() - s0;
    Set<String> left = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("logdx-") && t.isAlive()) left.add(t.getName());
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %d threads x %d events logged in %.1f s; stop %.3f s; logdx threads left %s;"
            + " Throwables into the application %d%n",
        framework,
        THREADS,
        perThread,
        logged / 1e9,
        stopped / 1e9,
        left,
        escaped.get());
    check(out, perThread);
  }

  private static void logOne(
      SplittableRandom r,
      String id,
      BiConsumer<String, Object[]> info,
      BiConsumer<String, Object[]> error,
      Throwable[] failures,
      String big) {
    int p = r.nextInt(100);
    if (p < 60) {
      info.accept("{} transfer accepted", new Object[] {id});
    } else if (p < 85) {
      error.accept("{} transfer failed", new Object[] {id, failures[r.nextInt(failures.length)]});
    } else {
      Object[] nasty =
          switch (r.nextInt(8)) {
            case 0 -> new Object[] {id, "odd", new UnreadableMessage()};
            case 1 -> new Object[] {id, "cyclic", cyclic()};
            case 2 -> new Object[] {id, "big", new IllegalArgumentException(big)};
            case 3 -> new Object[] {id, "deep chain", deepChain(5000)};
            case 4 -> new Object[] {id, "deep stack", deepStack(20_000)};
            case 5 ->
                new Object[] {
                  id,
                  "garbage",
                  new IllegalStateException(
                      new String(
                          new byte[] {0, 1, (byte) 0xff, (byte) 0xfe, 27, 7},
                          StandardCharsets.ISO_8859_1))
                };
            case 6 ->
                new Object[] {
                  id,
                  "card",
                  new IllegalStateException("card 4111 1111 1111 1111 rrn 900101-1234567 declined")
                };
            default ->
                new Object[] {
                  id,
                  "jdbc",
                  new java.sql.SQLException(
                      "cannot connect jdbc:postgresql://127.0.0.1/db?user=app&password=hunter2secret")
                };
          };
      error.accept("{} {}", nasty);
    }
  }

  private static Throwable realFailure(int k) {
    switch (k % 5) {
      case 0:
        try {
          Integer.parseInt("x" + k);
        } catch (NumberFormatException e) {
          return e;
        }
        break;
      case 1:
        try {
          java.time.LocalDate.parse("2024-13-" + (10 + k % 18));
        } catch (RuntimeException e) {
          return e;
        }
        break;
      case 2:
        return new IllegalStateException("order " + k + " is closed");
      case 3:
        try (java.net.Socket s = new java.net.Socket()) {
          s.connect(new java.net.InetSocketAddress("127.0.0.1", 1), 1000);
          return new IllegalStateException("port 1 answered");
        } catch (IOException e) {
          return new IllegalStateException("payment gateway " + k + " down", e);
        }
      default:
        break;
    }
    return new java.sql.SQLException(
        "Duplicate entry '" + k + "' for key 'PRIMARY'", "23000", 1062);
  }

  private static Throwable deepChain(int n) {
    Throwable t = new IOException("root of a deep chain");
    for (int i = 0; i < n; i++) t = new RuntimeException("wrap " + i, t);
    return t;
  }

  private static Throwable deepStack(int n) {
    return n == 0 ? new IllegalStateException("deep stack") : deepStack(n - 1);
  }

  /** b → a → b: a's cause was never set, so initCause may close the loop. */
  private static Throwable cyclic() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    return b;
  }

  /** Reads the written JSON lines and reports what a person reading them would check. */
  private static void check(Path file, int perThread) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> seen = new HashMap<>();
    Map<Integer, Integer> last = new HashMap<>();
    Map<String, Integer> statuses = new HashMap<>();
    Set<String> pendingIds = new HashSet<>();
    Map<String, Integer> followUps = new HashMap<>();
    long lines = 0;
    long unreadable = 0;
    long outOfOrder = 0;
    long secrets = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        lines++;
        JsonNode e;
        try {
          e = json.readTree(line);
        } catch (IOException ex) {
          unreadable++;
          continue;
        }
        Map<String, String> d = diagnosis(e);
        String message = e.path("message").asText("");
        if (message.startsWith("logdx diagnosis of event ")) {
          followUps.merge(d.getOrDefault("event_id", ""), 1, Integer::sum);
          continue;
        }
        Matcher m = SEQ.matcher(message);
        if (!m.find()) continue;
        String key = m.group(1) + ":" + m.group(2);
        seen.merge(key, 1, Integer::sum);
        int thread = Integer.parseInt(m.group(1));
        int seq = Integer.parseInt(m.group(2));
        Integer before = last.put(thread, seq);
        if (before != null && before > seq) outOfOrder++;
        statuses.merge(d.getOrDefault("status", "-"), 1, Integer::sum);
        if ("pending".equals(d.get("status")) && d.containsKey("event_id")) {
          pendingIds.add(d.get("event_id"));
        }
        if (SECRET.matcher(d.toString()).find()) secrets++;
      }
    }
    long duplicated = seen.values().stream().filter(c -> c > 1).count();
    long missing = (long) THREADS * perThread - seen.size();
    long unpaired = pendingIds.stream().filter(id -> !followUps.containsKey(id)).count();
    System.out.printf(
        Locale.ROOT,
        "written %d lines (%d unreadable): %d of %d events, missing %d, duplicated %d, out of their thread's"
            + " order %d%nstatuses %s%npending with a follow-up to come %d, follow-ups %d, unpaired %d;"
            + " secrets in diagnosis fields %d%n",
        lines,
        unreadable,
        seen.size(),
        (long) THREADS * perThread,
        missing,
        duplicated,
        outOfOrder,
        statuses,
        pendingIds.size(),
        followUps.values().stream().mapToInt(Integer::intValue).sum(),
        unpaired,
        secrets);
  }

  /** The diagnosis fields of a line, flat ({@code diagnosis.x} keys, logstash) or nested (ECS), without prefix. */
  private static Map<String, String> diagnosis(JsonNode e) {
    Map<String, String> d = new HashMap<>();
    e.properties()
        .forEach(
            f -> {
              if (f.getKey().startsWith("diagnosis.")) {
                d.put(f.getKey().substring("diagnosis.".length()), f.getValue().asText());
              }
            });
    flatten("", e.path("diagnosis"), d);
    return d;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              f ->
                  flatten(
                      prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                      f.getValue(),
                      into));
    } else if (!node.isMissingNode() && !prefix.isEmpty()) {
      into.put(prefix, node.asText());
    }
  }
}
