package io.logdx.examples.bank;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdx.core.DiagnosisFields;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table printed at the end of the demo: one row per scenario, diagnosed values from the JSON log. */
public final class DemoSummary {

  /**
   * One scenario's outcome.
   *
   * @param scenario the scenario
   * @param logged how many ERROR events it logged
   * @param category diagnosed category, {@code null} when no diagnosis reached the log
   * @param confidence diagnosed confidence as written, or {@code null}
   * @param location short application location ({@code Class.method:line}), or {@code null}
   * @param status the diagnosis status of the first event, or {@code null}
   * @param brokenSetUp what broke in the scenario's set-up, or {@code null} when it ran as intended
   */
  public record Row(
      Scenario scenario,
      int logged,
      String category,
      String confidence,
      String location,
      String status,
      String brokenSetUp) {
    /** Whether the scenario ran as intended and its diagnosed category is the expected one. */
    public boolean correct() {
      return brokenSetUp == null && scenario.expected().equals(category);
    }
  }

  private final List<Row> rows;

  private DemoSummary(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * Builds the summary from the log the demo wrote.
   *
   * @param brokenSetUps scenarios whose set-up broke (see {@link ScenarioRunner#runAll}), by id
   */
  public static DemoSummary of(
      List<Scenario> scenarios, DiagnosedLog log, Map<String, String> brokenSetUps) {
    List<Row> rows = new ArrayList<>();
    for (Scenario s : scenarios) {
      List<JsonNode> errors = log.errorsOf(s.id());
      String broken = brokenSetUps.get(s.id());
      if (errors.isEmpty()) {
        rows.add(new Row(s, 0, null, null, null, null, broken));
        continue;
      }
      JsonNode first = errors.get(0);
      Optional<JsonNode> d = log.diagnosisOf(first);
      rows.add(
          new Row(
              s,
              errors.size(),
              d.map(n -> DiagnosedLog.text(n, DiagnosisFields.CATEGORY)).orElse(null),
              d.map(n -> DiagnosedLog.text(n, DiagnosisFields.CONFIDENCE)).orElse(null),
              d.map(DemoSummary::shortLocation).orElse(null),
              DiagnosedLog.text(first, DiagnosisFields.STATUS),
              broken));
    }
    return new DemoSummary(rows);
  }

  private static String shortLocation(JsonNode n) {
    String cls = DiagnosedLog.text(n, DiagnosisFields.LOCATION_CLASS);
    if (cls == null) {
      return null;
    }
    String simple = cls.substring(cls.lastIndexOf('.') + 1);
    String method = DiagnosedLog.text(n, DiagnosisFields.LOCATION_METHOD);
    String line = DiagnosedLog.text(n, DiagnosisFields.LOCATION_LINE);
    return simple + (method == null ? "" : "." + method) + (line == null ? "" : ":" + line);
  }

  public List<Row> rows() {
    return rows;
  }

  /** Scenarios whose diagnosed category is not the expected one (or that logged nothing). */
  public List<Row> wrong() {
    return rows.stream().filter(r -> !r.correct()).toList();
  }

  /** Prints the table and a one-line verdict. */
  public void print(PrintStream out) {
    String fmt = "%-3s %-42s %-24s %-24s %6s  %-40s %s%n";
    String rule = "-".repeat(150);
    out.println(rule);
    out.printf(fmt, "#", "failure", "expected", "diagnosed", "conf", "location", "");
    out.println(rule);
    int i = 0;
    for (Row r : rows) {
      i++;
      String failure = r.scenario().failure() + (r.logged() > 1 ? " (x" + r.logged() + ")" : "");
      String diagnosed =
          r.logged() == 0 ? "(not logged)" : r.category() == null ? "(no diagnosis)" : r.category();
      out.printf(
          fmt,
          i,
          cut(failure, 42),
          r.scenario().expected(),
          cut(diagnosed, 24),
          orDash(r.confidence()),
          cut(orDash(r.location()), 40),
          r.brokenSetUp() != null ? "SET-UP BROKE" : r.correct() ? "ok" : "WRONG");
    }
    out.println(rule);
    for (Row r : rows) {
      if (r.brokenSetUp() != null) {
        out.printf(
            "set-up of %s broke (its row shows that failure, not the intended one): %s%n",
            r.scenario().id(), r.brokenSetUp());
      }
    }
    long right = rows.size() - wrong().size();
    out.printf("%d of %d scenarios diagnosed with the expected category.%n", right, rows.size());
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  private static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }
}
