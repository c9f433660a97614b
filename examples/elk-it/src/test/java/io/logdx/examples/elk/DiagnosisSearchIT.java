package io.logdx.examples.elk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.core.DiagnosisFields;
import io.logdx.examples.bank.BankDemo;
import io.logdx.examples.bank.BankScenarios;
import io.logdx.examples.bank.DiagnosedLog;
import io.logdx.examples.bank.Scenario;
import io.logdx.examples.bank.ScenarioRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo's JSON log in a real search engine: the bank demo runs in a JVM of its own (its own logback.xml,
 * the diagnosing appender, logstash-logback-encoder), while an embedded OpenSearch node starts here; the index
 * template shipped in {@code examples/elk} is installed, the log lines go in with the bulk API, and real
 * queries read the diagnosis fields back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagnosisSearchIT {
  private static final String INDEX = "logdx-bank-demo";
  private static final Pattern HANGUL_RUN = Pattern.compile("[\\uAC00-\\uD7A3]{2,}");

  private final ObjectMapper json = new ObjectMapper();
  private Path work;
  private EmbeddedOpenSearch openSearch;
  private SearchEngineClient engine;
  private List<JsonNode> logged;
  private DiagnosedLog diagnosed;

  @BeforeAll
  void shipTheDemoLog() throws Exception {
    work = Path.of(System.getProperty("logdx.elk.work", "target/elk-it"));
    Files.createDirectories(work);
    Path jsonLog = work.resolve("bank-demo.json");
    Path demoOut = work.resolve("bank-demo.out");
    Files.deleteIfExists(jsonLog);

    // The demo first, then the node: started together they compete for the CPU, and the demo's
    // scenarios have real timeouts (pool, lock, HTTP) that a starving JVM turns into different
    // failures.
    long start = System.nanoTime();
    Process demo = startDemo(jsonLog, demoOut);
    boolean finished = demo.waitFor(110, TimeUnit.SECONDS);
    if (!finished) {
      demo.destroyForcibly();
    }
    long demoDone = System.nanoTime();
    String demoOutput = Files.readString(demoOut, StandardCharsets.UTF_8);
    System.out.println(demoOutput);
    assertThat(finished).as("the demo finished within its time limit").isTrue();
    assertThat(demo.exitValue()).as("the demo's exit status").isZero();
    assertThat(demoOutput)
        .as("the demo's scenarios ran as intended")
        .doesNotContain("SET-UP BROKE");
    diagnosed = DiagnosedLog.read(jsonLog, json);

    openSearch = new EmbeddedOpenSearch(work.resolve("opensearch"));
    long osReady = System.nanoTime();

    engine = new SearchEngineClient(openSearch.http(), json);
    JsonNode ack =
        engine.putIndexTemplate("logdx", Path.of(System.getProperty("logdx.elk.template")));
    assertThat(ack.path("acknowledged").asBoolean()).isTrue();

    List<String> lines =
        Files.readAllLines(jsonLog, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    logged = new ArrayList<>();
    for (String l : lines) {
      logged.add(json.readTree(l));
    }
    JsonNode bulk = engine.bulkIndex(INDEX, lines);
    assertThat(bulk.path("items").size()).isEqualTo(lines.size());
    engine.refresh(INDEX);
    System.out.printf(
        "demo done after %.1f s, OpenSearch ready after %.1f s, %d lines shipped at %.1f s%n",
        seconds(start, demoDone),
        seconds(start, osReady),
        lines.size(),
        seconds(start, System.nanoTime()));
  }

  @AfterAll
  void stopOpenSearch() throws IOException {
    if (openSearch != null) {
      openSearch.close();
    }
  }

  @Test
  void templateMappedTheDiagnosisFields() throws Exception {
    JsonNode props =
        engine
            .get("/" + INDEX + "/_mapping")
            .path(INDEX)
            .path("mappings")
            .path("properties")
            .path("diagnosis")
            .path("properties");
    assertThat(props.path("category").path("type").asText()).isEqualTo("keyword");
    assertThat(props.path("fingerprint").path("type").asText()).isEqualTo("keyword");
    assertThat(props.path("location").path("properties").path("class").path("type").asText())
        .isEqualTo("keyword");
    assertThat(props.path("location").path("properties").path("line").path("type").asText())
        .isEqualTo("integer");
    assertThat(props.path("confidence").path("type").asText()).isEqualTo("float");
    assertThat(props.path("cause").path("type").asText()).isEqualTo("text");
    assertThat(props.path("cause").path("analyzer").asText()).isEqualTo("logdx_text");
  }

  @Test
  void termsAggregationByCategoryMatchesTheScenarios() throws Exception {
    // Each logged error counts once: a complete event carries its category; a pending one carries
    // none and its follow-up (same level and MDC) carries it instead.
    JsonNode result =
        engine.search(
            INDEX,
            """
        {"size": 0,
         "query": {"bool": {"filter": [
           {"term": {"level": "ERROR"}},
           {"exists": {"field": "%s"}}]}},
         "aggs": {"by_category": {"terms": {"field": "%s", "size": 100}}}}
        """
                .formatted(ScenarioRunner.MDC_KEY, DiagnosisFields.CATEGORY));
    Map<String, Long> buckets = new TreeMap<>();
    for (JsonNode b : result.path("aggregations").path("by_category").path("buckets")) {
      buckets.put(b.path("key").asText(), b.path("doc_count").asLong());
    }
    System.out.println(
        "Terms aggregation by " + DiagnosisFields.CATEGORY + " over the demo's errors:");
    buckets.forEach((k, v) -> System.out.printf("  %-24s %d%n", k, v));

    // Expected: for every error each scenario logged, the category the demo's JSON log gives it
    // (its own, or its follow-up's); and, with the shipped model, the category each scenario is
    // about.
    Map<String, Long> expected = new TreeMap<>();
    Map<String, Long> scenarios = new TreeMap<>();
    long errors = 0;
    for (Scenario s : BankScenarios.all()) {
      scenarios.merge(s.expected(), (long) s.times(), Long::sum);
      List<JsonNode> events = diagnosed.errorsOf(s.id());
      assertThat(events).as(s.id()).hasSize(s.times());
      for (JsonNode e : events) {
        String category =
            diagnosed.diagnosisOf(e).map(d -> text(d, DiagnosisFields.CATEGORY)).orElse(null);
        assertThat(category).as("category of a %s error in the JSON log", s.id()).isNotNull();
        expected.merge(category, 1L, Long::sum);
        errors++;
        if (!category.equals(s.expected())) {
          System.out.printf(
              "  note: %s was diagnosed %s, expected %s%n", s.id(), category, s.expected());
        }
      }
    }
    assertThat(buckets).isEqualTo(expected);
    // and the search engine's view matches the scenarios: every failure diagnosed as what it is
    // about
    assertThat(buckets).as("categories by scenario").isEqualTo(scenarios);
    assertThat(buckets.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(errors);
  }

  @Test
  void fingerprintSearchReturnsEveryOccurrenceOfOneFailure() throws Exception {
    List<JsonNode> retries = errorsOf("insufficient_balance");
    assertThat(retries).hasSize(BankScenarios.INSUFFICIENT_BALANCE_RETRIES);
    String fingerprint = text(retries.get(0), DiagnosisFields.FINGERPRINT);
    assertThat(fingerprint).isNotBlank();
    long inLog =
        logged.stream()
            .filter(e -> fingerprint.equals(text(e, DiagnosisFields.FINGERPRINT)))
            .count();

    JsonNode hits =
        engine
            .search(
                INDEX,
                """
        {"size": 100, "query": {"term": {"%s": "%s"}}}
        """
                    .formatted(DiagnosisFields.FINGERPRINT, fingerprint))
            .path("hits");
    assertThat(hits.path("total").path("value").asLong())
        .isEqualTo(inLog)
        .isGreaterThanOrEqualTo(BankScenarios.INSUFFICIENT_BALANCE_RETRIES);
    for (JsonNode hit : hits.path("hits")) {
      assertThat(hit.path("_source").path("diagnosis.fingerprint").asText()).isEqualTo(fingerprint);
    }
  }

  @Test
  void matchQueryOnTheKoreanCauseFindsIt() throws Exception {
    JsonNode event = errorsOf("insufficient_balance").get(0);
    String cause = text(event, DiagnosisFields.CAUSE);
    assertThat(cause).as("the demo writes Korean causes").isNotBlank();
    String word = "";
    Matcher m = HANGUL_RUN.matcher(cause);
    while (m.find()) {
      if (m.group().length() > word.length()) {
        word = m.group();
      }
    }
    assertThat(word).as("a Hangul word in %s", cause).isNotEmpty();
    // The first two syllables of the longest word: with the CJK bigram analyzer they match inside
    // longer words that carry particles and endings (부족 in 부족합니다), which a whitespace-token
    // analyzer would miss.
    String query = word.substring(0, 2);
    long inLog =
        logged.stream()
            .filter(
                e -> {
                  String c = text(e, DiagnosisFields.CAUSE);
                  return c != null && c.contains(query);
                })
            .count();

    JsonNode hits =
        engine
            .search(
                INDEX,
                """
        {"size": 100, "query": {"match": {"%s": "%s"}}}
        """
                    .formatted(DiagnosisFields.CAUSE, query))
            .path("hits");
    System.out.printf(
        "match %s:\"%s\" -> %d hits (%d log lines contain it)%n",
        DiagnosisFields.CAUSE, query, hits.path("total").path("value").asLong(), inLog);
    assertThat(hits.path("total").path("value").asLong()).isEqualTo(inLog).isPositive();
    List<String> fingerprints = new ArrayList<>();
    for (JsonNode hit : hits.path("hits")) {
      fingerprints.add(hit.path("_source").path(DiagnosisFields.FINGERPRINT).asText());
    }
    assertThat(fingerprints).contains(text(event, DiagnosisFields.FINGERPRINT));
  }

  private List<JsonNode> errorsOf(String scenario) {
    return diagnosed.errorsOf(scenario);
  }

  private static String text(JsonNode e, String field) {
    JsonNode v = e.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Process startDemo(Path jsonLog, Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The class path goes through an argument file, as in trainer/trainer.sh: ONNX Runtime 1.29
    // crashes the JVM (SIGSEGV, exit 139) when the process's own command line is long: with this
    // test's class path of 10-11 KB on the command line the demo crashed at start-up, from an
    // argument file it runs. The file keeps the line short.
    Path args = out.resolveSibling("bank-demo.args");
    Files.writeString(
        args,
        "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n",
        StandardCharsets.UTF_8);
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-Dai.djl.offline=true",
            "@" + args,
            BankDemo.class.getName(),
            "--json-log",
            jsonLog.toString());
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.environment().put("DJL_OFFLINE", "true");
    pb.redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    return pb.start();
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }
}
