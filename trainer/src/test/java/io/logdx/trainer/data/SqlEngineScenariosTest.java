package io.logdx.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.internal.FailureParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQL engine families (HSQLDB, SQLite, Derby, JSqlParser): real root causes, deterministic text. */
class SqlEngineScenariosTest {
  static final String HSQL = "org.hsqldb.HsqlException";
  static final String SQLITE = "org.sqlite.SQLiteException";
  static final String DERBY = "org.apache.derby.shared.common.error.StandardException";

  static final Map<String, String> ROOTS = new LinkedHashMap<>();

  static {
    for (String n :
        List.of(
            "hsqldb.spring.object-not-found",
            "hsqldb.jdbc.unexpected-token",
            "hsqldb.spring.integrity",
            "hsqldb.jdbc.integrity",
            "hsqldb.data-exception",
            "hsqldb.invalid-datetime",
            "hsqldb.mvcc-deadlock",
            "hsqldb.serialization-failure",
            "hsqldb.query-timeout",
            "hsqldb.bad-credentials",
            "hsqldb.database-missing",
            "hsqldb.closed-objects")) {
      ROOTS.put(n, HSQL);
    }
    ROOTS.put("hsqldb.server-refused", "java.net.ConnectException");
    for (String n :
        List.of(
            "sqlite.spring.no-such-object",
            "sqlite.jdbc.syntax",
            "sqlite.spring.constraint",
            "sqlite.jdbc.constraint",
            "sqlite.database-locked",
            "sqlite.readonly",
            "sqlite.cantopen",
            "sqlite.not-a-database",
            "sqlite.database-full")) {
      ROOTS.put(n, SQLITE);
    }
    ROOTS.put("sqlite.closed-connection", "java.sql.SQLException");
    for (String n :
        List.of(
            "derby.spring.bad-grammar",
            "derby.jdbc.syntax",
            "derby.spring.integrity",
            "derby.jdbc.integrity",
            "derby.data-exception",
            "derby.lock-timeout",
            "derby.deadlock",
            "derby.query-timeout",
            "derby.database-not-found",
            "derby.closed-objects")) {
      ROOTS.put(n, DERBY);
    }
  }

  @Test
  void scenariosThrowTheirRealTypes() throws Exception {
    FailureParser parser = new FailureParser();
    int checked = 0;
    try (DataGenerator g = new DataGenerator(42)) {
      for (List<Scenario> scenarios : g.scenarios().values()) {
        for (Scenario sc : scenarios) {
          if (!sc.name().matches("(hsqldb|sqlite|derby|jsqlparser)\\..*")) continue;
          String want = ROOTS.get(sc.name());
          assertThat(want).as("expected root of " + sc).isNotNull();
          int runs = sc.captures() > 0 ? 3 : 10;
          for (long seed = 1; seed <= runs; seed++) {
            Throwable t = g.runOnce(sc, seed * 0x9E3779B97F4A7C15L);
            String root = parser.parse(t).rootCause().orElseThrow().type();
            assertThat(List.of(want.split("\\|")))
                .as(sc + " seed " + seed + ": " + t)
                .contains(root);
          }
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(ROOTS.size());
  }

  @Test
  void examplesAreDeterministic() {
    Map<String, String> a = examples();
    Map<String, String> b = examples();
    assertThat(a).isNotEmpty();
    a.forEach((id, text) -> assertThat(b.get(id)).as(id).isEqualTo(text));
    if (Boolean.getBoolean("logdx.print"))
      a.forEach((id, text) -> System.out.println("##### " + id + "\n" + text));
  }

  static Map<String, String> examples() {
    Map<String, String> out = new LinkedHashMap<>();
    try (DataGenerator g = new DataGenerator(42)) {
      for (String label : g.scenarios().keySet()) {
        boolean ours =
            g.scenarios().get(label).stream()
                .anyMatch(sc -> sc.name().matches("(hsqldb|sqlite|derby|jsqlparser)\\..*"));
        if (!ours) continue;
        int n = 2 * g.scenarios().get(label).size() * Scenario.TURNS;
        for (Example e : g.examples(label, n)) {
          if (e.source().matches("logdx-gen:(hsqldb|sqlite|derby|jsqlparser)\\..*"))
            out.put(e.id() + " " + e.source(), e.text());
        }
      }
    }
    return out;
  }
}
