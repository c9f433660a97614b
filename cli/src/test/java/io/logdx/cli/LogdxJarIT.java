package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run in its own JVM exactly as the README tells users to run it. */
class LogdxJarIT {
  private static final Path JAR = Path.of(System.getProperty("logdx.jar", "target/logdx.jar"));

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  private Run java(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("OPT_OUT_TRACKING"); // the jar must keep DJL offline by itself
    pb.environment().remove("DJL_OFFLINE");
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("logdx did not finish in 120 s");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void diagnosesALogFile() throws Exception {
    Path log = dir.resolve("app.log");
    Files.writeString(
        log,
        """
        2026-11-25 10:00:00.000 ERROR [main] c.a.Pay - bad amount
        java.lang.NumberFormatException: For input string: "12a"
        \tat java.base/java.lang.Integer.parseInt(Integer.java:668)
        \tat com.acme.Pay.amount(Pay.java:42)
        2026-11-25 10:01:00.000 WARN  [main] c.a.Ledger - call failed: java.net.ConnectException: Connection refused
        """);
    Run r = java("diagnose", "--locale", "en", log.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("2 distinct failures")
        .contains("number_format")
        .contains("connection_refused")
        .contains("com.acme.Pay.amount(Pay.java:42)");
    assertThat(r.err()).as("nothing on stderr (no SLF4J warnings, no DJL messages)").isEmpty();
  }

  @Test
  void runsTheBatchContractAndReportsItsVersion() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Path out = dir.resolve("out.jsonl");
    Files.writeString(
        in, "{\"id\":\"a\",\"text\":\"java.net.UnknownHostException: db.internal\"}\n");
    Run r = java("batch", "--input", in.toString(), "--output", out.toString(), "--locale", "ko");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(out)).startsWith("{\"id\":\"a\",\"label\":\"unknown_host\"");
    Run v = java("--version");
    assertThat(v.exitCode()).isZero();
    assertThat(v.out()).startsWith("logdx 0.");
    assertThat(java("diagnose", dir.resolve("missing.log").toString()).exitCode())
        .isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(java("diagnose", "--bogus").exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
