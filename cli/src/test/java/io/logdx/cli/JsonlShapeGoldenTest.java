package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the shape of the command line's machine output, every key with the JSON types it takes, in
 * {@code src/test/resources/golden/diagnose-jsonl-shape.txt} ({@code logdx diagnose --format jsonl}) and
 * {@code batch-jsonl-shape.txt} ({@code logdx batch}, the evaluation contract): scripts and dashboards read these
 * keys, so renaming, removing or retyping one is a break for them and must be deliberate. Adding a key shows
 * here too.
 *
 * <p>To change a file on purpose, run {@code mvn -B -o -pl cli -am test -Dtest=JsonlShapeGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlogdx.golden.update=true}, review the diff and commit it with the
 * reason (and the README or cli/README.md that documents the output).
 */
class JsonlShapeGoldenTest {
  static final String UPDATE_PROPERTY = "logdx.golden.update";
  private static final ObjectMapper JSON = new ObjectMapper();

  // two failures, one of them twice, with timestamps and application frames; one bare trace without
  // either
  private static final String LOG =
      """
      2026-11-25 10:00:00.000 ERROR [http-1] c.s.o.OrderController - order 1001 failed
      java.lang.IllegalStateException: payment gateway not configured
      \tat com.shop.orders.PaymentService.charge(PaymentService.java:41)
      \tat com.shop.orders.OrderController.place(OrderController.java:22)
      2026-11-25 10:00:03.500 ERROR [http-2] c.s.o.OrderController - order 1002 failed
      java.lang.IllegalStateException: payment gateway not configured
      \tat com.shop.orders.PaymentService.charge(PaymentService.java:41)
      \tat com.shop.orders.OrderController.place(OrderController.java:22)
      2026-11-25 10:00:05.000 ERROR [import-1] c.s.i.PriceImporter - row rejected
      java.lang.RuntimeException: import failed
      \tat com.shop.imports.PriceImporter.run(PriceImporter.java:30)
      Caused by: java.lang.NumberFormatException: For input string: "12,99"
      \tat java.base/java.lang.Long.parseLong(Long.java:711)
      \tat com.shop.imports.PriceImporter.parseRow(PriceImporter.java:64)
      \t... 1 more
      """;
  private static final String BARE = "java.lang.OutOfMemoryError: Java heap space\n";

  @TempDir Path dir;

  @Test
  void diagnoseJsonlKeepsItsShape() throws IOException {
    Path log = Files.writeString(dir.resolve("app.log"), LOG);
    Path bare = Files.writeString(dir.resolve("bare.log"), BARE);
    Cli.Result r =
        Cli.run(
            "diagnose",
            "--format",
            "jsonl",
            "--locale",
            "en",
            "--app-packages",
            "com.shop",
            log.toString(),
            bare.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    check("diagnose-jsonl-shape.txt", "logdx diagnose --format jsonl", r.out(), 3);
  }

  @Test
  void batchJsonlKeepsItsShape() throws IOException {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(
        in,
        JSON.writeValueAsString(Map.of("id", "a", "text", LOG))
            + "\n"
            + JSON.writeValueAsString(
                Map.of("id", "b", "text", BARE, "app_packages", List.of("com.shop")))
            + "\n"
            + "{not json\n");
    Path out = dir.resolve("out.jsonl");
    Cli.Result r =
        Cli.run("batch", "--input", in.toString(), "--output", out.toString(), "--locale", "en");
    // the unreadable record is answered with an error record (and reported on stderr)
    assertThat(r.exitCode()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.INPUT_ERROR);
    check("batch-jsonl-shape.txt", "logdx batch", Files.readString(out), 3);
  }

  /** Every key path of the records with the set of JSON types it took, in the order the keys first appeared. */
  static String shape(String jsonl, int expectedRecords) throws IOException {
    Map<String, TreeSet<String>> types = new LinkedHashMap<>();
    int records = 0;
    for (String line : jsonl.split("\n")) {
      if (line.isBlank()) continue;
      walk("", JSON.readTree(line), types);
      records++;
    }
    assertThat(records).as("records").isEqualTo(expectedRecords);
    StringBuilder out = new StringBuilder();
    types.forEach(
        (path, t) -> out.append(path).append('\t').append(String.join("|", t)).append('\n'));
    return out.toString();
  }

  private static void walk(String path, JsonNode node, Map<String, TreeSet<String>> types) {
    if (!path.isEmpty()) types.computeIfAbsent(path, k -> new TreeSet<>()).add(type(node));
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), types);
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) walk(path + "[]", item, types);
    }
  }

  private static String type(JsonNode n) {
    if (n.isNull()) return "null";
    if (n.isTextual()) return "string";
    if (n.isIntegralNumber()) return "integer";
    if (n.isNumber()) return "number";
    if (n.isBoolean()) return "boolean";
    if (n.isArray()) return "array";
    return "object";
  }

  private void check(String file, String what, String jsonl, int records) throws IOException {
    String actual =
        "# The keys of `"
            + what
            + "` records and the JSON types each took (JsonlShapeGoldenTest).\n"
            + "# Scripts read these: rewrite only on purpose (see the test's javadoc).\n"
            + shape(jsonl, records);
    Path source = Path.of("src", "test", "resources", "golden", file);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(source.getParent());
      Files.writeString(source, actual, StandardCharsets.UTF_8);
      System.out.println(
          "[golden] rewrote "
              + source.toAbsolutePath()
              + ": review the diff and commit it with the reason");
      return;
    }
    String expected;
    try (InputStream in = getClass().getResourceAsStream("/golden/" + file)) {
      expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!actual.equals(expected)) {
      fail(
          "The shape of "
              + what
              + " differs from the golden file "
              + source
              + ":\n--- golden\n"
              + expected
              + "--- now\n"
              + actual
              + "\nIt pins what scripts read. If the change is deliberate, rewrite it and commit the"
              + " diff with the reason:\n  mvn -B -o -pl cli -am test -Dtest="
              + getClass().getSimpleName()
              + " -Dsurefire.failIfNoSpecifiedTests=false -D"
              + UPDATE_PROPERTY
              + "=true\n");
    }
  }
}
