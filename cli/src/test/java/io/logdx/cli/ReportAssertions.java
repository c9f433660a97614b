package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Checks a diagnose JSONL report against what {@link FailureScenario} logged. */
final class ReportAssertions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportAssertions() {}

  /**
   * {@code logdx diagnose --format jsonl} over the scenario's log files with the application's packages and the
   * rule-based stage 1 (a fixed answer, whatever model ships); asserts a clean exit and returns the report.
   */
  static String diagnose(java.nio.file.Path... logs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "diagnose",
                "--format",
                "jsonl",
                "--app-packages",
                "com.example.bank",
                "--model",
                "rules"));
    for (java.nio.file.Path log : logs) args.add(log.toString());
    Cli.Result r = Cli.run(args.toArray(new String[0]));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    return r.out();
  }

  static List<JsonNode> lines(String jsonl) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : jsonl.split("\n")) {
      if (!line.isBlank()) out.add(JSON.readTree(line));
    }
    return out;
  }

  /** Three groups, most frequent first, with category, root cause and the exact application frame. */
  static List<JsonNode> assertScenarioReport(String jsonl, FailureScenario s, boolean dated)
      throws Exception {
    List<JsonNode> groups = lines(jsonl);
    assertThat(groups).hasSize(3);
    assertGroup(
        groups.get(0),
        FailureScenario.BAD_AMOUNTS,
        "number_format",
        "java.lang.NumberFormatException",
        s.badAmountFrame);
    assertGroup(
        groups.get(1),
        FailureScenario.LEDGER_DOWN,
        "connection_refused",
        "java.net.ConnectException",
        s.ledgerFrame);
    assertGroup(
        groups.get(2),
        FailureScenario.MISSING_STATEMENTS,
        "file_not_found",
        "java.nio.file.NoSuchFileException",
        s.statementFrame);
    for (JsonNode g : groups) {
      assertThat(g.get("first_seen").isTextual()).as("first_seen of %s", g).isTrue();
      assertThat(g.get("first_seen").asText().compareTo(g.get("last_seen").asText()))
          .isLessThanOrEqualTo(0);
      assertThat(g.get("first_seen").asText())
          .matches(dated ? "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}" : "\\d{2}:\\d{2}:\\d{2}");
      assertThat(g.get("top").size()).isGreaterThanOrEqualTo(5);
      assertThat(g.get("status").asText()).isEqualTo("ok");
    }
    return groups;
  }

  private static void assertGroup(
      JsonNode g, int count, String label, String rootCause, StackTraceElement frame) {
    assertThat(g.get("count").asInt()).as("count of %s", g).isEqualTo(count);
    assertThat(g.get("label").asText()).as("label of %s", g).isEqualTo(label);
    assertThat(g.get("root_cause").asText()).isEqualTo(rootCause);
    JsonNode loc = g.get("location");
    assertThat(loc.isObject()).as("location of %s", g).isTrue();
    assertThat(loc.get("class").asText()).isEqualTo(frame.getClassName());
    assertThat(loc.get("method").asText()).isEqualTo(frame.getMethodName());
    assertThat(loc.get("file").asText()).isEqualTo(frame.getFileName());
    assertThat(loc.get("line").asInt()).isEqualTo(frame.getLineNumber());
    assertThat(loc.get("frame").asText())
        .isEqualTo(
            frame.getClassName()
                + "."
                + frame.getMethodName()
                + "("
                + frame.getFileName()
                + ":"
                + frame.getLineNumber()
                + ")");
  }
}
