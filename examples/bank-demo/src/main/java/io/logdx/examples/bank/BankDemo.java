package io.logdx.examples.bank;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Runs the bank service, provokes every {@link BankScenarios scenario}, and prints what the diagnosing appender
 * made of each failure, read back from the JSON log file it wrote.
 *
 * <pre>
 * java -jar examples/bank-demo/target/bank-demo.jar [--strict] [--json-log FILE]
 * </pre>
 *
 * <p>{@code --strict} exits with status 1 when a scenario's diagnosed category is not the expected one.
 * The JSON log goes to {@code bank-demo.json} beside the jar unless {@code --json-log} names another file.
 */
public final class BankDemo {
  /** System property the {@code logback.xml} reads the JSON log file from. */
  public static final String JSON_LOG_PROPERTY = "bank.demo.json";

  private BankDemo() {}

  public static void main(String[] args) throws Exception {
    boolean strict = false;
    Path jsonLog = defaultJsonLog();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--strict" -> strict = true;
        case "--json-log" -> {
          if (i + 1 >= args.length) {
            usage(System.err);
            System.exit(2);
          }
          jsonLog = Path.of(args[++i]);
        }
        case "-h", "--help" -> {
          usage(System.out);
          return;
        }
        default -> {
          System.err.println("unknown option: " + args[i]);
          usage(System.err);
          System.exit(2);
        }
      }
    }
    DemoSummary summary = run(jsonLog.toAbsolutePath(), System.out);
    if (strict && !summary.wrong().isEmpty()) {
      System.exit(1);
    }
  }

  /**
   * Runs the demo: Logback must not have started before this call (the JSON log file is set through a system
   * property that {@code logback.xml} reads). Stops Logback at the end, so that every event is written.
   */
  public static DemoSummary run(Path jsonLog, PrintStream out) throws IOException {
    Files.createDirectories(jsonLog.getParent());
    System.setProperty(JSON_LOG_PROPERTY, jsonLog.toString());
    List<Scenario> scenarios = BankScenarios.all();
    out.println(
        "logdx bank demo: provoking " + scenarios.size() + " failures; JSON log: " + jsonLog);
    long start = System.nanoTime();
    Map<String, String> broken;
    try (Bank bank = Bank.start()) {
      broken = ScenarioRunner.runAll(bank, scenarios);
    }
    // Stopping the context stops the appenders: the diagnosing appender drains its queue into the
    // file.
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    long millis = (System.nanoTime() - start) / 1_000_000;
    DemoSummary summary =
        DemoSummary.of(scenarios, DiagnosedLog.read(jsonLog, new ObjectMapper()), broken);
    out.println();
    out.printf(
        "Summary (%d scenarios in %.1f s; diagnosed values read back from %s)%n",
        scenarios.size(), millis / 1000.0, jsonLog.getFileName());
    summary.print(out);
    return summary;
  }

  /** {@code bank-demo.json} in the folder of the jar (or beside {@code target/classes}). */
  private static Path defaultJsonLog() throws URISyntaxException {
    Path code = Path.of(BankDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return code.getParent().resolve("bank-demo.json");
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar bank-demo.jar [--strict] [--json-log FILE]");
    out.println(
        "  --strict          exit with status 1 when a scenario's diagnosed category is wrong");
    out.println(
        "  --json-log FILE   where the JSON log goes (default: bank-demo.json beside the jar)");
  }
}
