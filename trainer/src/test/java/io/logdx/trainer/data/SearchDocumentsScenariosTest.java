package io.logdx.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.internal.FailureParser;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Lucene and MongoDB driver scenarios (LuceneScenarios, MongoScenarios) throw their real types, stably. */
class SearchDocumentsScenariosTest {
  static final Map<String, String> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "lucene.query-syntax",
              "org.apache.lucene.queryparser.classic.ParseException"
                  + "|org.apache.lucene.queryparser.classic.TokenMgrError|java.lang.IllegalArgumentException"),
          Map.entry(
              "lucene.too-many-clauses",
              "org.apache.lucene.search.IndexSearcher$TooManyClauses"
                  + "|org.apache.lucene.search.IndexSearcher$TooManyNestedClauses"),
          Map.entry(
              "lucene.document-rejected",
              "java.lang.IllegalArgumentException"
                  + "|org.apache.lucene.util.BytesRefHash$MaxBytesLengthExceededException"),
          Map.entry("lucene.docvalues-type", "java.lang.IllegalStateException"),
          Map.entry(
              "lucene.index-not-found",
              "org.apache.lucene.index.IndexNotFoundException|java.nio.file.NoSuchFileException"),
          Map.entry(
              "lucene.write-lock",
              "org.apache.lucene.store.LockObtainFailedException|java.nio.file.FileAlreadyExistsException"),
          Map.entry("lucene.already-closed", "org.apache.lucene.store.AlreadyClosedException"),
          Map.entry(
              "lucene.corrupt-index",
              "org.apache.lucene.index.CorruptIndexException|org.apache.lucene.index.IndexFormatTooNewException"
                  + "|org.apache.lucene.index.IndexFormatTooOldException|java.io.EOFException"),
          Map.entry("mongodb.server-selection-timeout", "com.mongodb.MongoTimeoutException"),
          Map.entry(
              "mongodb.connection-string",
              "java.lang.IllegalArgumentException|com.mongodb.MongoConfigurationException"
                  + "|java.lang.IllegalStateException"),
          Map.entry("mongodb.closed-client", "java.lang.IllegalStateException"),
          Map.entry(
              "mongodb.bson-type",
              "org.bson.BsonInvalidOperationException|java.lang.ClassCastException"),
          Map.entry(
              "mongodb.json-parse",
              "org.bson.json.JsonParseException|org.bson.BsonInvalidOperationException"),
          Map.entry(
              "mongodb.codec-missing", "org.bson.codecs.configuration.CodecConfigurationException"),
          Map.entry("mongodb.object-id", "java.lang.IllegalArgumentException"));

  @Test
  void scenariosThrowTheirRealTypes() throws Exception {
    FailureParser parser = new FailureParser();
    try (DataGenerator g = new DataGenerator(42)) {
      int checked = 0;
      for (List<Scenario> scenarios : g.scenarios().values()) {
        for (Scenario sc : scenarios) {
          if (!sc.name().startsWith("lucene.") && !sc.name().startsWith("mongodb.")) continue;
          if (sc.name().equals("lucene.named-component"))
            continue; // ServerConfigScenarios' SPI look-ups
          String want = EXPECTED.get(sc.name());
          assertThat(want).as(sc.toString()).isNotNull();
          int seeds = sc.captures() > 0 ? 6 : 30;
          g.runOnce(
              sc, 0); // warm-up: class loading and shared indexes are not counted in the time a run
          // takes
          long t0 = System.nanoTime();
          for (long seed = 1; seed <= seeds; seed++) {
            Throwable t;
            try {
              t = g.runOnce(sc, seed * 0x9E3779B97F4A7C15L);
            } catch (Exception e) {
              throw new AssertionError(sc + " seed " + seed, e);
            }
            String root = parser.parse(t).rootCause().orElseThrow().type();
            assertThat(List.of(want.split("\\|")))
                .as(sc + " seed " + seed + ": " + t)
                .contains(root);
          }
          System.out.printf(
              "%-36s captures %d: %.1f ms a run%n",
              sc.name(), sc.captures(), (System.nanoTime() - t0) / 1e6 / seeds);
          checked++;
        }
      }
      assertThat(checked).isEqualTo(EXPECTED.size());
    }
  }

  @Test
  void examplesAreStable() {
    List<String> labels =
        List.of(
            "illegal_argument",
            "illegal_state",
            "file_not_found",
            "db_lock_conflict",
            "resource_closed",
            "deserialization",
            "db_connection_failure",
            "configuration_error",
            "class_cast");
    Map<String, String> a = render(labels);
    Map<String, String> b = render(labels);
    assertThat(a).isNotEmpty();
    assertThat(b).isEqualTo(a);
    if (Boolean.getBoolean("logdx.show"))
      a.forEach((id, text) -> System.out.println("#### " + id + "\n" + text));
  }

  private static Map<String, String> render(List<String> labels) {
    long t0 = System.nanoTime();
    try (DataGenerator g = new DataGenerator(42)) {
      Map<String, String> out = new java.util.TreeMap<>();
      for (String label : labels) {
        out.putAll(
            g.examples(label, 300).stream()
                .filter(
                    e ->
                        e.source().startsWith("logdx-gen:lucene.")
                            || e.source().startsWith("logdx-gen:mongodb."))
                .filter(e -> !e.source().equals("logdx-gen:lucene.named-component"))
                .collect(Collectors.toMap(e -> e.id() + " " + e.source(), Example::text)));
      }
      System.out.printf(
          "search-documents: %d examples of %d labels in %d ms (all scenarios of those labels)%n",
          out.size(), labels.size(), (System.nanoTime() - t0) / 1_000_000);
      return out;
    }
  }
}
