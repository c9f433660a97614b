package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway migrating H2 in-memory databases of its own (one per run) from SQL migration files written to the
 * generator's temporary folder: migrations that fail in the database, and the validations and resolutions that stop
 * a deployment (changed, missing, out-of-order or duplicate migrations, a non-empty schema, a missing location).
 * Folders and database names are shown as an application's.
 */
final class FlywayScenarios {
  private FlywayScenarios() {}

  private static int runs;

  /** One run's migration folder and database. */
  static final class Project implements AutoCloseable {
    final Path dir;
    final String url;
    private final Connection keeper;

    Project(Ctx c) throws IOException, SQLException {
      int n;
      synchronized (FlywayScenarios.class) {
        n = ++runs;
      }
      dir = Files.createDirectories(c.res.tempDir().resolve("flyway-" + n).resolve("db").resolve("migration"));
      url = "jdbc:h2:mem:logdx_flyway_" + n;
      keeper = DriverManager.getConnection(url, "sa", "");
      String shownDir = c.s.pick("/app/resources/db/migration", "/opt/ledger/flyway/sql", "/srv/payments/db/migration",
          "/home/app/deploy/migrations");
      c.text(dir.toString(), shownDir);
      c.text(dir.getParent().toString(), shownDir.substring(0, shownDir.lastIndexOf('/')));
      c.text("logdx_flyway_" + n, c.s.pick("ledger", "payments", "bank_core", "settlement"));
    }

    Project write(String name, String sql) throws IOException {
      Files.writeString(dir.resolve(name), sql, StandardCharsets.UTF_8);
      return this;
    }

    void delete(String name) throws IOException {
      Files.delete(dir.resolve(name));
    }

    void sql(String sql) throws SQLException {
      try (Statement st = keeper.createStatement()) {
        st.execute(sql);
      }
    }

    FluentConfiguration config() {
      return Flyway.configure().dataSource(url, "sa", "").locations("filesystem:" + dir).loggers("slf4j");
    }

    Flyway flyway() {
      return config().load();
    }

    @Override
    public void close() throws SQLException {
      try (Statement st = keeper.createStatement()) {
        st.execute("SHUTDOWN IMMEDIATELY");
      } finally {
        keeper.close();
      }
    }
  }

  static final String V1 = """
      CREATE TABLE customers (
          id BIGINT PRIMARY KEY,
          customer_no VARCHAR(20) NOT NULL,
          grade VARCHAR(10) NOT NULL,
          CONSTRAINT uk_customers_customer_no UNIQUE (customer_no)
      );
      CREATE TABLE accounts (
          id BIGINT PRIMARY KEY,
          account_no VARCHAR(32) NOT NULL,
          customer_id BIGINT NOT NULL,
          balance DECIMAL(19,2) NOT NULL,
          status VARCHAR(12) NOT NULL,
          CONSTRAINT fk_accounts_customer FOREIGN KEY (customer_id) REFERENCES customers(id)
      );
      """;

  static final String V2 = """
      INSERT INTO customers (id, customer_no, grade) VALUES (1, 'C0000001', 'GOLD'), (2, 'C0000002', 'BASIC');
      INSERT INTO accounts (id, account_no, customer_id, balance, status) VALUES
          (1, '110-01-000001', 1, 1500.00, 'ACTIVE'),
          (2, '110-01-000002', 2, 320.50, 'ACTIVE'),
          (3, '110-01-000002', 2, 0.00, 'CLOSED');
      """;

  static String description(Ctx c) {
    return c.s.pick("add_transfer_table", "add_fee_columns", "create_ledger_entries", "add_status_index", "seed_fee_schedule",
        "alter_account_limits", "backfill_currency");
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- db_sql_syntax: a migration whose SQL the database rejects
    l.add(costly("db_sql_syntax", "flyway.migration-sql-error", 4, c -> {
      try (Project p = new Project(c)) {
        String bad = switch (c.rnd.nextInt(5)) {
          case 0 -> "CREAT TABLE transfers (id BIGINT PRIMARY KEY, amount DECIMAL(19,2) NOT NULL);\n";
          case 1 -> "ALTER TABLE " + c.s.pick("account", "tb_accounts", "ledger_entries") + " ADD COLUMN currency CHAR(3) DEFAULT 'KRW';\n";
          case 2 -> "CREATE INDEX ix_accounts_branch ON accounts (" + c.s.pick("branch_code", "opened_at", "acct_no") + ");\n";
          case 3 -> "CREATE TABLE transfers (\n    id BIGINT PRIMARY KEY,\n    amount DECIMAL(19,2) NOT NULL\n    currency CHAR(3) NOT NULL\n);\n";
          default -> "UPDATE accounts SET status = 'DORMANT' WHERE last_txn_at < DATEADD('YEAR', -1, CURRENT_DATE);\n";
        };
        p.write("V1__init.sql", V1).write("V2__" + description(c) + ".sql", bad);
        return fail(() -> p.flyway().migrate());
      }
    }));
    // ---- db_constraint_violation: a data migration that breaks a constraint
    l.add(costly("db_constraint_violation", "flyway.migration-constraint", 3, c -> {
      try (Project p = new Project(c)) {
        p.write("V1__init.sql", V1);
        switch (c.rnd.nextInt(3)) {
          case 0 -> p.write("V2__seed_accounts.sql", V2)
              .write("V3__unique_account_no.sql", "ALTER TABLE accounts ADD CONSTRAINT uk_accounts_account_no UNIQUE (account_no);\n");
          case 1 -> p.write("V2__seed_accounts.sql", V2.replace("(3, '110-01-000002', 2", "(3, '110-01-000003', 9"));
          default -> p.write("V2__seed_accounts.sql", V2.replace("(3, '110-01-000002'", "(3, NULL"));
        }
        return fail(() -> p.flyway().migrate());
      }
    }));
    // ---- configuration_error: validation of applied against resolved migrations
    l.add(costly("configuration_error", "flyway.validate-failed", 4, c -> {
      try (Project p = new Project(c)) {
        String v3 = "V3__" + description(c) + ".sql";
        p.write("V1__init.sql", V1).write("V2__seed_accounts.sql", V2.replace("(3, '110-01-000002'", "(3, '110-01-000003'"));
        int kind = c.rnd.nextInt(3);
        if (kind == 2) {
          p.write(v3, "ALTER TABLE accounts ADD COLUMN currency CHAR(3) DEFAULT 'KRW' NOT NULL;\n");
          p.delete("V2__seed_accounts.sql");
        } else {
          p.write(v3, "ALTER TABLE accounts ADD COLUMN currency CHAR(3) DEFAULT 'KRW' NOT NULL;\n");
        }
        p.flyway().migrate();
        switch (kind) {
          // the migration was edited after it ran
          case 0 -> p.write(v3, "ALTER TABLE accounts ADD COLUMN currency CHAR(3) DEFAULT 'USD' NOT NULL;\n");
          // the file of an applied migration is gone (a squash or a bad merge)
          case 1 -> p.delete("V2__seed_accounts.sql");
          // a migration older than the newest applied one arrives later
          default -> p.write("V2__seed_accounts.sql", V2.replace("(3, '110-01-000002'", "(3, '110-01-000003'"));
        }
        if (c.s.chance(0.5)) return fail(() -> p.flyway().validate());
        return fail(() -> p.flyway().migrate());
      }
    }));
    l.add(costly("configuration_error", "flyway.resolve-failed", 3, c -> {
      // Flyway lists the offending files in the order the file system lists them: shown sorted, so that the same
      // seed gives the same text in every temporary folder
      c.rewrite("(?:-> [^\\n(]*\\(SQL\\)\\n)+-> [^\\n(]*\\(SQL\\)", m -> {
        String[] lines = m.group().split("\n");
        java.util.Arrays.sort(lines);
        return String.join("\n", lines);
      });
      try (Project p = new Project(c)) {
        p.write("V1__init.sql", V1);
        if (c.s.chance(0.6)) {
          p.write("V2__" + description(c) + ".sql", "ALTER TABLE accounts ADD COLUMN currency CHAR(3);\n")
              .write("V2__" + c.s.pick("add_memo", "hotfix_limits", "add_branch_code") + ".sql", "ALTER TABLE accounts ADD COLUMN memo VARCHAR(40);\n");
          return fail(() -> p.flyway().migrate());
        }
        p.write(c.s.pick("V2_add_memo.sql", "V2-add-memo.sql", "V2add_memo.sql", "V2_1_add_memo.sql"),
            "ALTER TABLE accounts ADD COLUMN memo VARCHAR(40);\n");
        return fail(() -> p.config().validateMigrationNaming(true).load().migrate());
      }
    }));
    l.add(costly("configuration_error", "flyway.non-empty-schema", 2, c -> {
      try (Project p = new Project(c)) {
        p.write("V1__init.sql", V1);
        // a schema that an earlier tool (or Hibernate's ddl-auto) filled, with no schema history table
        p.sql("CREATE TABLE " + c.s.pick("accounts", "customers", "legacy_ledger", "batch_job_instance") + " (id BIGINT PRIMARY KEY)");
        return fail(() -> p.flyway().migrate());
      }
    }));
    l.add(costly("configuration_error", "flyway.missing-location", 2, c -> {
      try (Project p = new Project(c)) {
        Path missing = p.dir.getParent().resolve(c.s.pick("migrations", "db/migration/mysql", "migration/h2", "db/migration/" + c.s.pick("common", "prod")));
        return fail(() -> p.config().locations("filesystem:" + missing).failOnMissingLocations(true).load().migrate());
      }
    }));
    // ---- db_connection_failure: the database refuses Flyway's login
    l.add(costly("db_connection_failure", "flyway.bad-credentials", 2, c -> {
      try (Project p = new Project(c)) {
        p.write("V1__init.sql", V1);
        String user = c.s.pick("flyway", "ledger_owner", "app_migrator", "sa");
        return fail(() -> p.config().dataSource(p.url, user, "wrong-" + c.s.alnum(4)).load().migrate());
      }
    }));
    return l;
  }
}
