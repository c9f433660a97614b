package io.logdx.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.internal.FailureParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hibernate ORM and Flyway scenarios (HibernateScenarios, FlywayScenarios) throw their real types, deterministically. */
class OrmScenariosTest {
  static final String H2_CONSTRAINT = "org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException";
  static final String H2_SYNTAX = "org.h2.jdbc.JdbcSQLSyntaxErrorException";

  /** Root-cause types as the engine reads them, per scenario. */
  static final Map<String, String> ROOTS =
      Map.ofEntries(
          Map.entry("hibernate.lazy-collection", "org.hibernate.LazyInitializationException"),
          Map.entry("hibernate.lazy-proxy", "org.hibernate.LazyInitializationException"),
          Map.entry(
              "hibernate.stale-version",
              "org.hibernate.StaleObjectStateException|org.hibernate.StaleStateException"),
          Map.entry("hibernate.constraint-violation", H2_CONSTRAINT),
          Map.entry(
              "hibernate.missing-entity",
              "org.hibernate.ObjectNotFoundException|org.hibernate.UnresolvableObjectException"),
          Map.entry("hibernate.no-result", "jakarta.persistence.NoResultException"),
          Map.entry(
              "hibernate.hql-error",
              "org.hibernate.query.sqm.UnknownEntityException|org.hibernate.query.SyntaxException"
                  + "|org.hibernate.query.sqm.PathElementException|org.hibernate.query.SemanticException"
                  + "|org.hibernate.query.sqm.UnknownPathException|org.hibernate.query.sqm.produce.function.FunctionArgumentException"),
          Map.entry("hibernate.sql-grammar", H2_SYNTAX),
          Map.entry(
              "hibernate.transient-reference",
              "org.hibernate.TransientPropertyValueException|org.hibernate.TransientObjectException"),
          Map.entry("hibernate.detached-persist", "org.hibernate.PersistentObjectException"),
          Map.entry("hibernate.transaction-state", "java.lang.IllegalStateException"),
          Map.entry(
              "hibernate.pessimistic-lock",
              "org.h2.mvstore.MVStoreException|org.h2.jdbc.JdbcSQLTimeoutException"),
          Map.entry("hibernate.query-timeout", "org.h2.jdbc.JdbcSQLTimeoutException"),
          Map.entry("hibernate.rollback-only", "jakarta.persistence.RollbackException"),
          Map.entry(
              "hibernate.bootstrap-mapping",
              "org.hibernate.AnnotationException|org.hibernate.MappingException"),
          Map.entry("hibernate.no-persistence-unit", "jakarta.persistence.PersistenceException"),
          Map.entry("flyway.migration-sql-error", H2_SYNTAX),
          Map.entry("flyway.migration-constraint", H2_CONSTRAINT),
          Map.entry(
              "flyway.validate-failed", "org.flywaydb.core.api.exception.FlywayValidateException"),
          Map.entry("flyway.resolve-failed", "org.flywaydb.core.api.FlywayException"),
          Map.entry("flyway.non-empty-schema", "org.flywaydb.core.api.FlywayException"),
          Map.entry("flyway.missing-location", "org.flywaydb.core.api.FlywayException"),
          Map.entry(
              "flyway.bad-credentials", "org.h2.jdbc.JdbcSQLInvalidAuthorizationSpecException"));

  @Test
  void ormScenariosThrowTheirRealTypes() throws Exception {
    FailureParser parser = new FailureParser();
    try (DataGenerator g = new DataGenerator(42)) {
      int checked = 0;
      for (List<Scenario> scenarios : g.scenarios().values()) {
        for (Scenario sc : scenarios) {
          if (!sc.name().startsWith("hibernate.") && !sc.name().startsWith("flyway.")) continue;
          String want = ROOTS.get(sc.name());
          assertThat(want).as("expected root of " + sc).isNotNull();
          for (long seed = 1; seed <= 10; seed++) {
            Throwable t = g.runOnce(sc, seed * 0x9E3779B97F4A7C15L);
            String root = parser.parse(t).rootCause().orElseThrow().type();
            assertThat(List.of(want.split("\\|")))
                .as(sc + " seed " + seed + ": " + t)
                .contains(root);
          }
          checked++;
        }
      }
      assertThat(checked).isEqualTo(ROOTS.size());
    }
  }

  @Test
  void ormExamplesAreDeterministic() {
    List<String> labels =
        List.of(
            "lazy_initialization",
            "optimistic_lock",
            "db_constraint_violation",
            "entity_not_found",
            "db_sql_syntax",
            "illegal_state",
            "db_lock_conflict",
            "db_query_timeout",
            "transaction_rollback",
            "configuration_error",
            "db_connection_failure");
    Map<String, List<Example>> first = new java.util.HashMap<>();
    long t0 = System.nanoTime();
    try (DataGenerator g = new DataGenerator(42)) {
      for (String label : labels) first.put(label, g.examples(label, 60));
    }
    System.out.printf(
        "orm labels, 60 examples each: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    try (DataGenerator g = new DataGenerator(42)) {
      int ours = 0;
      for (String label : labels) {
        List<Example> again = g.examples(label, 60);
        for (int i = 0; i < again.size(); i++) {
          Example a = first.get(label).get(i);
          assertThat(again.get(i).text()).as(a.source()).isEqualTo(a.text());
          if (a.source().startsWith("logdx-gen:hibernate.")
              || a.source().startsWith("logdx-gen:flyway.")) {
            ours++;
            assertThat(a.text())
                .doesNotContain("io.logdx.trainer")
                .doesNotContain("/tmp/")
                .doesNotContain("logdx_");
            if (Boolean.getBoolean("orm.print"))
              System.out.println("----- " + a.source() + "\n" + a.text());
          }
        }
      }
      assertThat(ours).isGreaterThan(50);
    }
  }
}
