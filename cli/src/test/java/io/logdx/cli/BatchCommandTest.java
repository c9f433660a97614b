package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.bank.TransferService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch contract of {@code ../shared/eval/README.md} on a small synthetic JSONL of real printed traces. */
class BatchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static String badAmountTrace;
  static StackTraceElement badAmountFrame;
  static String ledgerTrace;
  static StackTraceElement ledgerFrame;

  @BeforeAll
  static void provokeFailures() throws Exception {
    TransferService svc = new TransferService();
    try {
      svc.parseAmount("1O0");
    } catch (NumberFormatException e) {
      badAmountTrace = printed(e);
      badAmountFrame = TransferService.appFrame(e);
    }
    try {
      svc.postToLedger(TransferService.closedPort());
    } catch (UncheckedIOException e) {
      ledgerTrace =
          "2026-11-25 10:00:00.000 ERROR [main] c.e.b.TransferService - ledger call failed\n"
              + printed(e);
      ledgerFrame = TransferService.appFrame(e.getCause());
    }
  }

  private static String printed(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private static String record(Object id, String text, Object appPackages) throws Exception {
    ObjectNode n = JSON.createObjectNode();
    n.putPOJO("id", id);
    n.put("text", text);
    if (appPackages != null) n.putPOJO("app_packages", appPackages);
    return JSON.writeValueAsString(n);
  }

  private static List<JsonNode> readOutput(Path out) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8))
      rows.add(JSON.readTree(line));
    return rows;
  }

  @Test
  void writesOneContractRecordPerInputInOrder() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Path out = dir.resolve("out.jsonl");
    // gold-like fields (label, root_cause, app_frame, note) must be ignored: they are set to
    // misleading values here
    String withGoldFields =
        record("r3", "java.net.UnknownHostException: ledger.internal", null)
            .replace(
                "}",
                ",\"label\":\"disk_full\",\"root_cause\":\"x.Y\",\"app_frame\":\"a.B.c(B.java:1)\",\"note\":\"n\"}");
    Files.write(
        in,
        List.of(
            record("r1", badAmountTrace, List.of("com.example.bank")),
            record(2, ledgerTrace, "com.example.bank"),
            "",
            withGoldFields,
            record("r4", "nothing failed here", null)),
        StandardCharsets.UTF_8);

    Cli.Result r =
        Cli.run(
            "batch",
            "--input",
            in.toString(),
            "--output",
            out.toString(),
            "--locale",
            "en",
            "--model",
            "rules");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    List<JsonNode> rows = readOutput(out);
    assertThat(rows)
        .extracting(n -> n.get("id").toString())
        .containsExactly("\"r1\"", "2", "\"r3\"", "\"r4\"");
    for (JsonNode n : rows) {
      assertThat(n.fieldNames())
          .toIterable()
          .containsExactly(
              "id", "label", "confidence", "top", "root_cause", "location", "cause", "fix");
      assertThat(n.get("top").size()).isGreaterThanOrEqualTo(5);
      assertThat(n.get("top").get(0).get("label").asText()).isEqualTo(n.get("label").asText());
      assertThat(n.get("confidence").asDouble()).isBetween(0.0, 1.0);
    }
    JsonNode r1 = rows.get(0);
    assertThat(r1.get("label").asText()).isEqualTo("number_format");
    assertThat(r1.get("root_cause").asText()).isEqualTo("java.lang.NumberFormatException");
    assertThat(r1.get("location").get("frame").asText()).isEqualTo(frame(badAmountFrame));
    assertThat(r1.get("location").get("line").asInt()).isEqualTo(badAmountFrame.getLineNumber());
    assertThat(r1.get("cause").asText()).isNotBlank();

    JsonNode r2 = rows.get(1);
    assertThat(r2.get("label").asText()).isEqualTo("connection_refused");
    assertThat(r2.get("root_cause").asText()).isEqualTo("java.net.ConnectException");
    assertThat(r2.get("location").get("class").asText()).isEqualTo(ledgerFrame.getClassName());
    assertThat(r2.get("location").get("method").asText()).isEqualTo(ledgerFrame.getMethodName());
    assertThat(r2.get("location").get("file").asText()).isEqualTo(ledgerFrame.getFileName());

    JsonNode r3 = rows.get(2);
    assertThat(r3.get("label").asText()).isEqualTo("unknown_host");
    assertThat(r3.get("root_cause").asText()).isEqualTo("java.net.UnknownHostException");
    assertThat(r3.get("location").isNull()).isTrue();

    JsonNode r4 = rows.get(3);
    assertThat(r4.get("root_cause").isNull()).isTrue();
    assertThat(r4.get("location").isNull()).isTrue();
    assertThat(r.err()).contains("4 records");
  }

  @Test
  void eachRecordIsReadWithItsOwnApplicationPackages() throws Exception {
    Path in = dir.resolve("packages.jsonl");
    Path out = dir.resolve("packages-out.jsonl");
    // the same trace, once with the bank's packages and once naming JUnit's engine as "the
    // application"
    Files.write(
        in,
        List.of(
            record("bank", badAmountTrace, List.of("com.example.bank")),
            record("junit", badAmountTrace, List.of("org.junit.platform")),
            record("bank-again", badAmountTrace, List.of("com.example.bank"))),
        StandardCharsets.UTF_8);
    Cli.Result r =
        Cli.run("batch", "--input", in.toString(), "--output", out.toString(), "--model", "rules");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    List<JsonNode> rows = readOutput(out);
    assertThat(rows.get(0).get("location").get("class").asText())
        .isEqualTo("com.example.bank.TransferService");
    assertThat(rows.get(1).get("location").get("class").asText()).startsWith("org.junit.platform.");
    assertThat(rows.get(2).get("location").get("class").asText())
        .isEqualTo("com.example.bank.TransferService");
  }

  @Test
  void writesCauseAndFixInKorean() throws Exception {
    Path in = dir.resolve("ko.jsonl");
    Path out = dir.resolve("ko-out.jsonl");
    Files.write(in, List.of(record("k1", badAmountTrace, null)), StandardCharsets.UTF_8);
    Cli.Result r =
        Cli.run("batch", "--input", in.toString(), "--output", out.toString(), "--locale", "ko");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    String cause = readOutput(out).get(0).get("cause").asText();
    assertThat(
            cause
                .codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL))
        .as("Korean cause: %s", cause)
        .isTrue();
  }

  @Test
  void reportsBadLinesWithTheirNumberAndKeepsOneOutputLinePerInput() throws Exception {
    Path in = dir.resolve("bad.jsonl");
    Path out = dir.resolve("bad-out.jsonl");
    Files.write(
        in,
        List.of(
            record("ok1", "java.lang.IllegalStateException: closed", null),
            "{\"id\": \"broken\", \"text\": ",
            "[1, 2]",
            "{\"id\": \"no-text\"}",
            "{\"id\": \"bad-packages\", \"text\": \"x\", \"app_packages\": 5}",
            record("ok2", "java.lang.IllegalStateException: closed", null)),
        StandardCharsets.UTF_8);
    Cli.Result r =
        Cli.run("batch", "--input", in.toString(), "--output", out.toString(), "--model", "rules");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains(in + ":2: not JSON")
        .contains(in + ":3: not a JSON object")
        .contains(in + ":4: \"text\" is missing")
        .contains(in + ":5: \"app_packages\"")
        .contains("4 not valid");
    List<JsonNode> rows = readOutput(out);
    assertThat(rows).hasSize(6);
    assertThat(rows)
        .extracting(n -> n.get("id").isNull() ? null : n.get("id").asText())
        .containsExactly("ok1", null, null, "no-text", "bad-packages", "ok2");
    assertThat(rows.get(1).get("label").asText()).isEqualTo("unknown");
    assertThat(rows.get(1).get("top").size()).isGreaterThanOrEqualTo(5);
    assertThat(rows.get(1).get("error").asText()).contains(":2:");
    assertThat(rows.get(5).get("label").asText()).isEqualTo("illegal_state");
  }

  @Test
  void failsClearlyOnMissingInputAndUnwritableOutput() throws Exception {
    Cli.Result missing =
        Cli.run(
            "batch",
            "--input",
            dir.resolve("nope.jsonl").toString(),
            "--output",
            dir.resolve("x.jsonl").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(missing.err()).contains("no such file").contains("nope.jsonl");

    Path in = dir.resolve("one.jsonl");
    Files.write(in, List.of(record("a", "java.lang.IllegalStateException: x", null)));
    Cli.Result unwritable =
        Cli.run(
            "batch",
            "--input",
            in.toString(),
            "--output",
            dir.resolve("no-such-dir").resolve("out.jsonl").toString());
    assertThat(unwritable.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(unwritable.err()).contains("cannot write");

    Cli.Result usage = Cli.run("batch", "--input", in.toString());
    assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(usage.err()).contains("--output");
  }

  private static String frame(StackTraceElement e) {
    return e.getClassName()
        + "."
        + e.getMethodName()
        + "("
        + e.getFileName()
        + ":"
        + e.getLineNumber()
        + ")";
  }
}
