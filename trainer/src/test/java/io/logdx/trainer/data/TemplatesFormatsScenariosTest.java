package io.logdx.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.internal.FailureParser;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The template-engine and text-format families (FreeMarker, Thymeleaf, SnakeYAML, Jackson's XML/YAML/CSV formats,
 * Commons CSV): each scenario's real root cause, as the engine reads the live throwable, over many seeds; and the
 * same seed gives the same text.
 */
class TemplatesFormatsScenariosTest {
  static final Map<String, String> ROOTS =
      Map.ofEntries(
          Map.entry("freemarker.missing-value", "freemarker.core.InvalidReferenceException"),
          Map.entry(
              "freemarker.template-not-found",
              "freemarker.template.TemplateNotFoundException|java.io.FileNotFoundException"),
          Map.entry("freemarker.template-syntax", "freemarker.core.ParseException"),
          Map.entry(
              "freemarker.string-to-number",
              "freemarker.core.NonNumericalException|java.lang.NumberFormatException"),
          Map.entry(
              "freemarker.type-mismatch",
              "freemarker.core.NonNumericalException|freemarker.core.NonStringOrTemplateOutputException"
                  + "|freemarker.core.NonBooleanException|freemarker.core.NonHashException|freemarker.core.NonSequenceOrCollectionException"
                  + "|freemarker.core.NonExtendedHashException"),
          Map.entry("freemarker.string-to-date", "java.text.ParseException"),
          Map.entry(
              "thymeleaf.template-not-found",
              "org.thymeleaf.exceptions.TemplateInputException|java.io.FileNotFoundException"),
          Map.entry(
              "thymeleaf.expression-syntax",
              "org.thymeleaf.exceptions.TemplateProcessingException|ognl.ParseException"
                  + "|ognl.ExpressionSyntaxException"),
          Map.entry("thymeleaf.ognl-null-navigation", "ognl.OgnlException"),
          Map.entry(
              "thymeleaf.ognl-index",
              "java.lang.IndexOutOfBoundsException|java.lang.ArrayIndexOutOfBoundsException"),
          Map.entry("thymeleaf.ognl-division", "java.lang.ArithmeticException"),
          Map.entry("thymeleaf.ognl-conversion", "java.lang.IllegalArgumentException"),
          Map.entry(
              "snakeyaml.config-syntax",
              "org.yaml.snakeyaml.scanner.ScannerException|org.yaml.snakeyaml.parser.ParserException"),
          Map.entry(
              "snakeyaml.config-binding",
              "java.lang.NumberFormatException|org.yaml.snakeyaml.error.YAMLException"
                  + "|org.yaml.snakeyaml.constructor.DuplicateKeyException|org.yaml.snakeyaml.constructor.ConstructorException"),
          Map.entry(
              "snakeyaml.payload-malformed",
              "org.yaml.snakeyaml.scanner.ScannerException|org.yaml.snakeyaml.parser.ParserException"),
          Map.entry(
              "snakeyaml.payload-binding",
              "org.yaml.snakeyaml.error.YAMLException|org.yaml.snakeyaml.constructor.DuplicateKeyException"),
          Map.entry(
              "snakeyaml.global-tag-refused", "org.yaml.snakeyaml.composer.ComposerException"),
          Map.entry("snakeyaml.document-limits", "org.yaml.snakeyaml.error.YAMLException"),
          Map.entry(
              "jacksonxml.malformed",
              "com.ctc.wstx.exc.WstxParsingException|com.ctc.wstx.exc.WstxEOFException"
                  + "|com.ctc.wstx.exc.WstxUnexpectedCharException|com.fasterxml.jackson.databind.exc.MismatchedInputException"),
          Map.entry(
              "jacksonxml.unknown-element",
              "com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException"),
          Map.entry(
              "jacksonxml.invalid-value",
              "com.fasterxml.jackson.databind.exc.InvalidFormatException"),
          Map.entry(
              "jacksonyaml.malformed",
              "org.yaml.snakeyaml.scanner.ScannerException|org.yaml.snakeyaml.parser.ParserException"),
          Map.entry(
              "jacksonyaml.mismatch",
              "com.fasterxml.jackson.databind.exc.MismatchedInputException"),
          Map.entry(
              "jacksonyaml.config-file",
              "com.fasterxml.jackson.databind.exc.InvalidFormatException"
                  + "|com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException|com.fasterxml.jackson.databind.exc.MismatchedInputException"
                  + "|org.yaml.snakeyaml.scanner.ScannerException|org.yaml.snakeyaml.parser.ParserException"),
          Map.entry(
              "jacksoncsv.too-many-entries",
              "com.fasterxml.jackson.dataformat.csv.CsvReadException"),
          Map.entry(
              "jacksoncsv.bad-row",
              "com.fasterxml.jackson.core.JsonParseException|com.fasterxml.jackson.databind.exc.InvalidFormatException"
                  + "|com.fasterxml.jackson.dataformat.csv.CsvReadException"),
          Map.entry(
              "jacksoncsv.unknown-column",
              "com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException"),
          Map.entry("commonscsv.malformed-quote", "org.apache.commons.csv.CSVException"));

  static final List<String> FAMILIES =
      List.of(
          "freemarker.",
          "thymeleaf.",
          "snakeyaml.",
          "jacksonxml.",
          "jacksonyaml.",
          "jacksoncsv.",
          "commonscsv.");

  @Test
  void scenariosThrowTheirRealTypes() throws Exception {
    FailureParser parser = new FailureParser();
    Map<String, TreeSet<String>> seen = new TreeMap<>();
    int checked = 0;
    try (DataGenerator g = new DataGenerator(42)) {
      for (List<Scenario> scenarios : g.scenarios().values()) {
        for (Scenario sc : scenarios) {
          if (FAMILIES.stream().noneMatch(sc.name()::startsWith)) continue;
          String want = ROOTS.get(sc.name());
          assertThat(want).as("expected roots of " + sc).isNotNull();
          for (long seed = 1; seed <= 12; seed++) {
            Throwable t;
            try {
              t = g.runOnce(sc, seed * 0x9E3779B97F4A7C15L);
            } catch (IllegalStateException e) {
              throw new AssertionError(sc + " seed " + seed, e);
            }
            String root = parser.parse(t).rootCause().orElseThrow().type();
            seen.computeIfAbsent(sc.name(), k -> new TreeSet<>()).add(root);
            assertThat(List.of(want.split("\\|")))
                .as(sc + " seed " + seed + ": " + t)
                .contains(root);
          }
          checked++;
        }
      }
    }
    seen.forEach((k, v) -> System.out.println(k + " -> " + v));
    assertThat(checked).isEqualTo(ROOTS.size());
  }

  /**
   * Two runs with the same seed, each with its own resources (temp folders, engines), give the same messages once the
   * scenario's declared rewrites are applied. Only these scenarios run: whole labels would heat other scenarios' throw
   * sites in this JVM (the JIT's fast throw drops their messages in a later test of the same fork).
   */
  @Test
  void sameSeedGivesTheSameMessages() throws Exception {
    long t0 = System.nanoTime();
    int runs = 0;
    try (Resources a = new Resources();
        Resources b = new Resources()) {
      for (Scenario sc : io.logdx.trainer.data.scenario.Catalogue.all()) {
        if (FAMILIES.stream().noneMatch(sc.name()::startsWith)) continue;
        long s0 = System.nanoTime();
        for (long seed = 1; seed <= 8; seed++) {
          assertThat(messages(sc, seed, b))
              .as(sc + " seed " + seed)
              .isEqualTo(messages(sc, seed, a));
          runs += 2;
        }
        System.out.printf("  %s: %.1f ms a run%n", sc.name(), (System.nanoTime() - s0) / 16e6);
      }
    }
    System.out.printf(
        "%d runs of these families in %d ms%n", runs, (System.nanoTime() - t0) / 1_000_000);
  }

  static List<String> messages(Scenario sc, long seed, Resources res) throws Exception {
    Ctx ctx = new Ctx(new java.util.Random(seed), res);
    Throwable t = sc.run(ctx);
    List<String> out = new java.util.ArrayList<>();
    for (TraceNode n : TraceNode.of(t).all()) out.add(n.type + ": " + ctx.apply(n.message));
    return out;
  }
}
