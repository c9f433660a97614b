package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.engine.Diagnoser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, input errors and exit codes of {@code logdx diagnose}; streaming with one diagnosis per fingerprint. */
class DiagnoseCommandTest {
  private static final String LOG =
      """
      2026-11-25 10:00:00.000 ERROR [main] c.a.Job - failed
      java.lang.IllegalStateException: pool closed
      \tat com.acme.Job.run(Job.java:12)
      2026-11-25 10:00:05.000 ERROR [main] c.a.Job - failed again
      java.lang.IllegalStateException: pool closed
      \tat com.acme.Job.run(Job.java:12)
      """;

  @TempDir Path dir;

  @Test
  void missingDirectoryAndUnreadableFilesAreInputErrors() throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.log"), LOG);
    Cli.Result missing = Cli.run("diagnose", ok.toString(), dir.resolve("missing.log").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(missing.err())
        .isEqualTo("logdx: no such file: " + dir.resolve("missing.log") + System.lineSeparator());
    assertThat(missing.out()).as("nothing is reported when an input is missing").isEmpty();

    Cli.Result directory = Cli.run("diagnose", dir.toString());
    assertThat(directory.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(directory.err()).contains("is a directory");

    Path secret = Files.writeString(dir.resolve("secret.log"), LOG);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    if (!Files.isReadable(
        secret)) { // root reads anything; the check only means something for other users
      Cli.Result unreadable = Cli.run("diagnose", secret.toString());
      assertThat(unreadable.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(unreadable.err()).contains("permission denied");
    }
  }

  @Test
  void badOptionsAreUsageErrors() throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.log"), LOG);
    Cli.Result unknown = Cli.run("diagnose", "--colour", ok.toString());
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err())
        .contains("Unknown option: '--colour'")
        .contains("logdx diagnose --help");

    assertThat(Cli.run("diagnose", "--locale", "fr", ok.toString()).err()).contains("use ko or en");
    assertThat(Cli.run("diagnose", "--locale", "fr", ok.toString()).exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run("diagnose", "--format", "xml", ok.toString()).exitCode())
        .isEqualTo(ExitCodes.USAGE);
    Cli.Result model =
        Cli.run("diagnose", "--model", dir.resolve("no-model").toString(), ok.toString());
    assertThat(model.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(model.err()).contains("--model: no model at");
    assertThat(Cli.run("diagnose").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run("diagnose", "--max-groups", "0", ok.toString()).exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run().exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void helpAndVersion() {
    Cli.Result help = Cli.run("--help");
    assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(help.out()).contains("diagnose").contains("batch").contains("Exit codes:");
    Cli.Result diagnoseHelp = Cli.run("diagnose", "--help");
    assertThat(diagnoseHelp.out())
        .contains("--app-packages")
        .contains("--html")
        .contains("--format");
    Cli.Result version = Cli.run("--version");
    assertThat(version.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(version.out()).startsWith("logdx ").doesNotContain("unknown").doesNotContain("${");
  }

  @Test
  void readsGzipFilesAndWritesTheReportToAFile() throws IOException {
    Path gz = dir.resolve("app.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(LOG.getBytes(StandardCharsets.UTF_8));
    }
    Path report = dir.resolve("report.jsonl");
    Cli.Result r =
        Cli.run(
            "diagnose",
            "--format",
            "jsonl",
            "-o",
            report.toString(),
            "--model",
            "rules",
            gz.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEmpty();
    List<String> lines = Files.readAllLines(report);
    assertThat(lines)
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("\"count\":2")
                    .contains("\"illegal_state\"")
                    .contains("\"first_seen\":\"2026-11-25 10:00:00\"")
                    .contains("\"last_seen\":\"2026-11-25 10:00:05\""));
  }

  @Test
  void drawsAProgressBarOnStderrOnlyWhenAskedForOrOnATerminal() throws IOException {
    Path log = Files.writeString(dir.resolve("small.log"), LOG);
    Cli.Result on = Cli.run("diagnose", "--progress", "--model", "rules", log.toString());
    assertThat(on.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(on.err())
        .startsWith("\r[")
        .contains("100%")
        .contains("2 exception blocks")
        .endsWith("\r");
    assertThat(on.out()).doesNotContain("\r");
    // a 16 MB threshold and no terminal (stderr of this test is a pipe or a file): no bar by
    // default
    assertThat(Cli.run("diagnose", "--model", "rules", log.toString()).err()).isEmpty();
    assertThat(Cli.run("diagnose", "--no-progress", "--model", "rules", log.toString()).err())
        .isEmpty();
  }

  @Test
  void aLogWithoutExceptionsSaysSo() throws IOException {
    Path quiet =
        Files.writeString(dir.resolve("quiet.log"), "2026-11-25 10:00:00.000 INFO all good\n");
    Cli.Result r = Cli.run("diagnose", "--locale", "en", quiet.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("0 distinct failures").contains("No exceptions found.");
    assertThat(Cli.run("diagnose", "--format", "jsonl", quiet.toString()).out()).isEmpty();
  }

  @Test
  void diagnosesEachDistinctFailureOnceHoweverManyBlocksStreamBy() throws IOException {
    int blocks = 12_000;
    try (Diagnoser dx = Diagnoser.builder().model("rules").build();
        LogAnalysis analysis = new LogAnalysis(dx, 100, 2)) {
      LogScanner scanner = new LogScanner("generated.log", analysis, 128 * 1024);
      // the log is generated as it is read: nothing of this size is ever held in memory
      try (BoundedLineReader lines = new BoundedLineReader(new GeneratedLog(blocks), 64 * 1024)) {
        String line;
        while ((line = lines.readLine()) != null) scanner.line(line);
      }
      scanner.finish();
      analysis.finish();
      assertThat(analysis.blocks()).isEqualTo(blocks);
      List<FailureGroup> groups = analysis.groupsByCount();
      assertThat(groups).extracting(FailureGroup::count).containsExactly(6_000L, 4_000L, 2_000L);
      assertThat(groups)
          .extracting(g -> g.diagnosis().category())
          .containsExactly("number_format", "connection_refused", "file_not_found");
      assertThat(dx.stats().requests()).as("diagnose() calls").isEqualTo(3);
    }
  }

  /** A log of {@code blocks} failures of three kinds with changing ids, produced on demand. */
  private static final class GeneratedLog extends Reader {
    private final int blocks;
    private int next;
    private String chunk = "";
    private int pos;

    GeneratedLog(int blocks) {
      this.blocks = blocks;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (pos == chunk.length()) {
        if (next == blocks) return -1;
        chunk = block(next++);
        pos = 0;
      }
      int n = Math.min(len, chunk.length() - pos);
      chunk.getChars(pos, pos + n, buf, off);
      pos += n;
      return n;
    }

    private static String block(int i) {
      String ts =
          String.format("2026-11-25 %02d:%02d:%02d.000", (i / 3600) % 24, (i / 60) % 60, i % 60);
      return switch (i % 6) {
        case 0, 2, 4 ->
            ts
                + " ERROR [w-"
                + i
                + "] c.a.Pay - bad amount\njava.lang.NumberFormatException: For input string: \"7x"
                + i
                + "\"\n\tat java.base/java.lang.Integer.parseInt(Integer.java:668)\n\tat com.acme.Pay.amount(Pay.java:42)\n";
        case 1, 3 ->
            ts
                + " WARN  [w-"
                + i
                + "] c.a.Ledger - call "
                + i
                + " failed: java.net.ConnectException: Connection refused\n";
        default ->
            ts
                + " ERROR [w-"
                + i
                + "] c.a.Import - missing\njava.nio.file.NoSuchFileException: /data/in/"
                + i
                + ".csv\n\tat java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:92)\n"
                + "\tat com.acme.Import.load(Import.java:7)\n";
      };
    }

    @Override
    public void close() {}
  }
}
