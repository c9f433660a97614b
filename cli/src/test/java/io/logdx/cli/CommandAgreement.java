package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * Holds {@code diagnose} and {@code batch} to the same failures on the same text: {@code diagnose} reads a log
 * file, {@code batch} reads each of its events as a record, and both must find the same failures, each as many
 * times, with the same root cause, location and category. The events are cut by the layout the test configured
 * (a line that starts an event in that layout, or one JSON line per event), not by the scanner under test.
 */
final class CommandAgreement {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CommandAgreement() {}

  /** The failures of {@code diagnose} on the file and of {@code batch} on its events are the same; returns them. */
  static Map<String, Integer> assertAgree(Path log, Predicate<String> startsEvent)
      throws Exception {
    return assertAgree(log, events(Files.readString(log), startsEvent));
  }

  /** The same, with the events as the test wrote them. */
  static Map<String, Integer> assertAgree(Path log, List<String> events) throws Exception {
    Map<String, Integer> byDiagnose = diagnose(log);
    Map<String, Integer> byBatch = batch(events, log.resolveSibling(log.getFileName() + ".batch"));
    assertThat(byBatch).as("failures of batch on the events of %s", log).isEqualTo(byDiagnose);
    assertThat(byDiagnose).as("failures in %s", log).isNotEmpty();
    return byDiagnose;
  }

  /** The same for a gzipped copy of the file: {@code diagnose} reads .gz, {@code batch} the events as text. */
  static void assertAgreeGzipped(Path log, Predicate<String> startsEvent) throws Exception {
    Path gz = log.resolveSibling(log.getFileName() + ".gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(log, out);
    }
    Map<String, Integer> byBatch =
        batch(
            events(Files.readString(log), startsEvent),
            log.resolveSibling(log.getFileName() + ".gz.batch"));
    assertThat(diagnose(gz)).as("failures of diagnose on %s", gz).isEqualTo(byBatch);
  }

  /** The events of a log: each starts at a line {@code startsEvent} accepts and runs to the next. */
  static List<String> events(String text, Predicate<String> startsEvent) {
    List<String> events = new ArrayList<>();
    StringBuilder event = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (startsEvent.test(line) && event.length() > 0) {
        events.add(event.toString());
        event.setLength(0);
      }
      event.append(line).append('\n');
    }
    if (!event.toString().isBlank()) events.add(event.toString());
    return events;
  }

  /** {@code diagnose --format jsonl}: each failure ("root cause @ location = category") with its count. */
  private static Map<String, Integer> diagnose(Path log) throws Exception {
    Map<String, Integer> failures = new TreeMap<>();
    for (JsonNode g : ReportAssertions.lines(ReportAssertions.diagnose(log))) {
      failures.merge(failure(g), g.get("count").asInt(), Integer::sum);
    }
    return failures;
  }

  /** {@code batch} on one record per event: each failure found, with how many events it was found in. */
  private static Map<String, Integer> batch(List<String> events, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path in = dir.resolve("in.jsonl");
    Path out = dir.resolve("out.jsonl");
    List<String> records = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      ObjectNode n = JSON.createObjectNode();
      n.put("id", "e" + i);
      n.put("text", events.get(i));
      n.putArray("app_packages").add("com.example.bank");
      records.add(JSON.writeValueAsString(n));
    }
    Files.write(in, records, StandardCharsets.UTF_8);
    Cli.Result r =
        Cli.run("batch", "--input", in.toString(), "--output", out.toString(), "--model", "rules");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    Map<String, Integer> failures = new TreeMap<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      JsonNode p = JSON.readTree(line);
      if (!p.get("root_cause").isNull()) failures.merge(failure(p), 1, Integer::sum);
    }
    return failures;
  }

  private static String failure(JsonNode n) throws IOException {
    JsonNode loc = n.get("location");
    return n.get("root_cause").asText()
        + " @ "
        + (loc.isNull() ? "-" : loc.get("frame").asText())
        + " = "
        + n.get("label").asText();
  }
}
