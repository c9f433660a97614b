package io.logdx.benchmarks;

import io.logdx.cli.LogdxCommand;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Log-file diagnosis throughput of the command line: MB/s of {@code logdx diagnose} on a generated log in which
 * 1% of the events carry a stack trace, against the baseline of reading the same file line by line, in the
 * same JVM run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.logdx.benchmarks.CliThroughputBenchmark --mb 1024 --out benchmarks/results
 * </pre>
 */
public final class CliThroughputBenchmark {
  private static final String[] LEVELS = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN "};
  private static final String[] LOGGERS = {
    "com.acme.payment.TransferService",
    "com.acme.account.AccountRepository",
    "com.acme.ledger.LedgerClient",
    "com.acme.web.TransferController",
    "kr.co.bank.batch.SettlementJob"
  };

  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    long mb = 100;
    Path out = Path.of("benchmarks/results");
    Path log = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mb" -> mb = Long.parseLong(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--log" -> log = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    boolean temporary = log == null;
    if (temporary) log = Files.createTempFile("logdx-throughput", ".log");
    long t0 = System.nanoTime();
    long[] counts = generate(log, mb * 1024 * 1024);
    double genSecs = (System.nanoTime() - t0) / 1e9;
    double size = Files.size(log) / (1024.0 * 1024.0);
    System.err.printf(
        Locale.ROOT,
        "generated %.0f MB (%d events, %d with a trace) in %.1f s%n",
        size,
        counts[0],
        counts[1],
        genSecs);

    // baseline: read the same file line by line (what any log tool pays)
    long b0 = System.nanoTime();
    long lines = 0;
    try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      while (r.readLine() != null) lines++;
    }
    double baseSecs = (System.nanoTime() - b0) / 1e9;

    PrintStream stdout = System.out;
    long c0 = System.nanoTime();
    int code;
    try (PrintStream sink =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)) {
      System.setOut(sink);
      code = LogdxCommand.run("diagnose", log.toString(), "--format", "jsonl", "--locale", "en");
    } finally {
      System.setOut(stdout);
    }
    double cliSecs = (System.nanoTime() - c0) / 1e9;
    Runtime rt = Runtime.getRuntime();
    long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    String md =
        String.format(
            Locale.ROOT,
            "| log | lines | events with a trace | baseline read MB/s | logdx diagnose MB/s | ratio | exit | heap after (MB) |%n"
                + "|---|---|---|---|---|---|---|---|%n"
                + "| %.0f MB | %d | %d | %.1f | %.1f | %.2f | %d | %d |%n",
            size,
            lines,
            counts[1],
            size / baseSecs,
            size / cliSecs,
            (size / cliSecs) / (size / baseSecs),
            code,
            heapMb);
    System.out.println(md);
    Files.writeString(out.resolve("cli-throughput.md"), md);
    if (temporary) Files.deleteIfExists(log);
  }

  /** Writes a Logback-pattern log of about {@code bytes} bytes; returns {events, events with a trace}. */
  static long[] generate(Path file, long bytes) throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    List<String> traces = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      traces.add(Traces.print(i % 2 == 0 ? Traces.shortTrace(i) : Traces.longTrace(i)));
    }
    traces.add(Traces.print(new java.net.ConnectException("Connection refused")));
    traces.add(Traces.print(numberFormat()));
    long events = 0;
    long withTrace = 0;
    long written = 0;
    long ts = 1_764_000_000_000L;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (written < bytes) {
        ts += r.nextInt(5);
        String time =
            java.time.Instant.ofEpochMilli(ts).toString().replace('T', ' ').replace("Z", "");
        String logger = LOGGERS[r.nextInt(LOGGERS.length)];
        String line;
        if (r.nextInt(100) == 0) {
          String trace = traces.get(r.nextInt(traces.size()));
          line =
              time
                  + " [http-nio-8080-exec-"
                  + r.nextInt(20)
                  + "] ERROR "
                  + logger
                  + " - transfer "
                  + r.nextInt(1_000_000)
                  + " failed\n"
                  + trace;
          withTrace++;
        } else {
          line =
              time
                  + " [http-nio-8080-exec-"
                  + r.nextInt(20)
                  + "] "
                  + LEVELS[r.nextInt(LEVELS.length)]
                  + " "
                  + logger
                  + " - transfer "
                  + r.nextInt(1_000_000)
                  + " accepted for amount "
                  + r.nextInt(100_000)
                  + "\n";
        }
        w.write(line);
        written += line.length();
        events++;
      }
    }
    return new long[] {events, withTrace};
  }

  private static Throwable numberFormat() {
    try {
      Integer.parseInt("12a");
    } catch (NumberFormatException e) {
      return e;
    }
    throw new AssertionError();
  }
}
