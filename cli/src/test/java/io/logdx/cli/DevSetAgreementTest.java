package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.internal.FailureParser;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's done-when check: {@code diagnose} and {@code batch} agree on every record of
 * {@code ../shared/eval/dev.jsonl} written as a log file: the same failures (none, or exactly one with the same
 * fingerprint and root cause) and the same category. Only {@code id}, {@code text} and {@code app_packages} are
 * read; the labels are not looked at: this is a consistency check between two commands, not a measurement.
 * Skipped where the file is absent.
 *
 * <p>Each command is run the way a user runs it, through the classes the commands use: {@code batch} with one
 * engine and a parser per package set, {@code diagnose} with one engine per package set (its
 * {@code --app-packages}), every record scanned as a file of its own. The two commands never share an engine, so
 * the category of one cannot come out of the other's cache.
 */
class DevSetAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code ../shared/eval/dev.jsonl} from the repository's root (the tests run in {@code cli/}). */
  private static final Path DEV =
      Path.of("").toAbsolutePath().getParent().resolve("../shared/eval/dev.jsonl").normalize();

  private record Record(String id, String text, List<String> packages) {}

  @Test
  void diagnoseAndBatchAgreeOnEveryRecordOfTheDevSet() throws Exception {
    assumeTrue(Files.isRegularFile(DEV), "no " + DEV);
    Map<List<String>, List<Record>> byPackages = new LinkedHashMap<>();
    int records = 0;
    for (String line : Files.readAllLines(DEV, StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      JsonNode n = JSON.readTree(line);
      Record r =
          new Record(
              n.get("id").asText(),
              n.get("text").asText(),
              BatchCommand.packages(n.get("app_packages")));
      byPackages.computeIfAbsent(r.packages(), k -> new ArrayList<>()).add(r);
      records++;
    }
    Map<String, String> disagreements = new TreeMap<>();
    Map<String, String> severalTraces = new TreeMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    try (Diagnoser batchEngine = engine(List.of())) {
      for (Map.Entry<List<String>, List<Record>> e : byPackages.entrySet()) {
        FailureParser parser =
            new FailureParser(e.getKey(), Diagnoser.Builder.DEFAULT_MAX_INPUT_CHARS);
        try (Diagnoser diagnoseEngine = engine(e.getKey())) {
          for (Record r : e.getValue()) {
            Failure f = BatchCommand.failure(r.text(), parser);
            Diagnosis batch = batchEngine.diagnose(f).join();
            List<FailureGroup> groups = diagnose(diagnoseEngine, r);
            String problem = compare(f, batch, groups);
            if (problem != null) {
              kinds.merge(problem.substring(0, problem.indexOf(':')), 1, Integer::sum);
              (problem.startsWith("several traces") ? severalTraces : disagreements)
                  .put(r.id(), problem);
            }
          }
        }
      }
    }
    System.out.printf(
        "dev set: %d records, %d agree (%d of them hold several traces), %d disagree %s%n",
        records, records - disagreements.size(), severalTraces.size(), disagreements.size(), kinds);
    severalTraces.forEach((id, p) -> System.out.println("  " + id + ": " + p));
    disagreements.forEach((id, p) -> System.out.println("  " + id + ": " + p));
    assertThat(disagreements).as("records where diagnose and batch disagree").isEmpty();
  }

  private static Diagnoser engine(List<String> packages) {
    EngineOptions o = new EngineOptions();
    o.model = Diagnoser.Builder.DEFAULT_MODEL;
    o.locale = Locale.ENGLISH;
    return o.builder().appPackages(packages).workerThreads(1).build();
  }

  /** {@code logdx diagnose} over the record's text as a log file: its failure groups. */
  private static List<FailureGroup> diagnose(Diagnoser dx, Record r) {
    try (LogAnalysis analysis = new LogAnalysis(dx, 10_000)) {
      LogScanner scanner =
          new LogScanner(r.id() + ".log", analysis, LogScanner.DEFAULT_MAX_BLOCK_CHARS);
      try (BoundedLineReader lines =
          new BoundedLineReader(new StringReader(r.text()), LogScanner.MAX_LINE_CHARS)) {
        String line;
        while ((line = lines.readLine()) != null) scanner.line(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      scanner.finish();
      analysis.finish();
      return analysis.groupsByCount();
    }
  }

  /**
   * How the two commands compare: {@code null} when they agree; "several traces: ..." when the record holds more
   * than one whole trace, each of which {@code diagnose} reports while {@code batch} reports the one the parser
   * chooses (its failure must be one of them, and none of diagnose's may be a piece of a trace cut in two: a
   * piece starts with a cause or with frames and reads as truncated); else "kind: detail" of the disagreement.
   */
  private static String compare(
      Failure batch, Diagnosis batchDiagnosis, List<FailureGroup> groups) {
    if (batch.isEmpty()) {
      return groups.isEmpty()
          ? null
          : "only diagnose finds a failure: "
              + groups.size()
              + " "
              + describe(groups.get(0).sample());
    }
    if (groups.isEmpty()) return "only batch finds a failure: " + describe(batch);
    String batchLabel = batchDiagnosis.category();
    if (groups.size() > 1) {
      boolean batchAmong =
          groups.stream()
              .anyMatch(
                  g ->
                      g.fingerprint().equals(batch.fingerprint())
                          && g.diagnosis().category().equals(batchLabel));
      boolean whole = groups.stream().noneMatch(g -> g.sample().truncated());
      StringBuilder sb =
          new StringBuilder(
              batchAmong && whole ? "several traces: " : "diagnose finds more failures: ");
      sb.append(groups.size()).append(", batch ").append(describe(batch));
      for (FailureGroup g : groups) {
        sb.append(" | ").append(describe(g.sample())).append(g.sample().truncated() ? " cut" : "");
      }
      return sb.toString();
    }
    FailureGroup g = groups.get(0);
    if (!g.fingerprint().equals(batch.fingerprint())) {
      return "other fingerprint: batch " + describe(batch) + ", diagnose " + describe(g.sample());
    }
    String label = g.diagnosis().category();
    return label.equals(batchLabel)
        ? null
        : "other category: batch " + batchLabel + ", diagnose " + label;
  }

  private static String describe(Failure f) {
    return f.rootCause().map(CauseNode::type).orElse("-")
        + " ("
        + f.chain().size()
        + " causes, "
        + f.fingerprint()
        + ")";
  }
}
