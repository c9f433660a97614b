package io.logdx.core.stage2;

import static io.logdx.core.stage2.TestHarness.PARSER;
import static io.logdx.core.stage2.TestHarness.explainText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.Location;
import io.logdx.core.Failure.StackFrame;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Entities from the wording of real drivers and libraries. PostgreSQL, MySQL, Oracle, Jackson and Spring are
 * not dependencies of this module, so their exceptions are read as printed traces in those products' wording;
 * H2 failures are caused for real.
 */
class EntityExtractorTest {

  private static Map<String, String> entities(String trace) {
    Failure f = PARSER.parse(trace);
    return EntityExtractor.extract(f);
  }

  @Test
  void h2UniqueViolationNamesConstraintTableAndValue() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:ee_unique", "sa", "");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE customers (id BIGINT PRIMARY KEY, login VARCHAR(40), CONSTRAINT uk_customers_login UNIQUE (login))");
      st.execute("INSERT INTO customers VALUES (1, 'kim')");
      SQLException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              SQLException.class, () -> st.execute("INSERT INTO customers VALUES (2, 'kim')"));
      Map<String, String> m = EntityExtractor.extract(PARSER.parse(e));
      assertThat(m)
          .as(e.getMessage())
          .containsEntry("constraint_kind", "unique")
          .containsEntry("value", "'kim'")
          .containsEntry("sql_state", "23505");
      assertThat(m.get("constraint")).as(e.getMessage()).contains("UK_CUSTOMERS_LOGIN");
      assertThat(m.get("table")).as(e.getMessage()).isEqualTo("PUBLIC.CUSTOMERS");
    }
  }

  @Test
  void h2ForeignKeyValueIsTheMissingKeyNotTheInsertedRow() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:ee_fk", "sa", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY)");
      st.execute(
          "CREATE TABLE transfers (id BIGINT PRIMARY KEY, account_id BIGINT,"
              + " CONSTRAINT fk_transfers_account FOREIGN KEY (account_id) REFERENCES accounts(id))");
      SQLException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              SQLException.class, () -> st.execute("INSERT INTO transfers VALUES (1, 99)"));
      Map<String, String> m = EntityExtractor.extract(PARSER.parse(e));
      assertThat(m)
          .as(e.getMessage())
          .containsEntry("constraint_kind", "foreign_key")
          .containsEntry("constraint", "FK_TRANSFERS_ACCOUNT")
          .containsEntry("table", "PUBLIC.TRANSFERS")
          .containsEntry("value", "99");
    }
  }

  @Test
  void postgresPhrasing() {
    assertThat(
            entities(
                "org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "
                    + "\"customers_login_key\"\n  Detail: Key (login)=(kim) already exists."))
        .containsEntry("constraint", "customers_login_key")
        .containsEntry("column", "login")
        .containsEntry("value", "kim")
        .containsEntry("constraint_kind", "unique");
    assertThat(
            entities(
                "org.postgresql.util.PSQLException: ERROR: insert or update on table \"transfers\" violates "
                    + "foreign key constraint \"transfers_account_id_fkey\"\n  Detail: Key (account_id)=(99) is not present in table \"accounts\"."))
        .containsEntry("table", "transfers")
        .containsEntry("constraint", "transfers_account_id_fkey")
        .containsEntry("value", "99")
        .containsEntry("constraint_kind", "foreign_key");
    assertThat(
            entities(
                "org.postgresql.util.PSQLException: ERROR: null value in column \"currency\" of relation "
                    + "\"ledger\" violates not-null constraint"))
        .containsEntry("column", "currency")
        .containsEntry("table", "ledger")
        .containsEntry("constraint_kind", "not_null");
    assertThat(
            entities(
                "org.postgresql.util.PSQLException: ERROR: new row for relation \"fees\" violates check "
                    + "constraint \"fees_amount_check\""))
        .containsEntry("table", "fees")
        .containsEntry("constraint", "fees_amount_check")
        .containsEntry("constraint_kind", "check");
    assertThat(
            entities(
                "org.postgresql.util.PSQLException: ERROR: relation \"payments_archive\" does not exist\n  Position: 15"))
        .containsEntry("table", "payments_archive");
    assertThat(
            entities(
                "org.postgresql.util.PSQLException: Connection to localhost:5432 refused. Check that the "
                    + "hostname and port are correct and that the postmaster is accepting TCP/IP connections."))
        .containsEntry("host", "localhost")
        .containsEntry("port", "5432")
        .containsEntry("host_port", "localhost:5432");
    assertThat(
            entities(
                "org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"payments\""))
        .containsEntry("db_user", "payments");
  }

  @Test
  void mysqlPhrasing() {
    assertThat(
            entities(
                "java.sql.SQLIntegrityConstraintViolationException: Duplicate entry 'kim' for key "
                    + "'customers.uk_customers_login'"))
        .containsEntry("value", "kim")
        .containsEntry("constraint", "customers.uk_customers_login")
        .containsEntry("constraint_kind", "unique");
    assertThat(
            entities(
                "java.sql.SQLIntegrityConstraintViolationException: Cannot add or update a child row: a foreign "
                    + "key constraint fails (`bank`.`transfers`, CONSTRAINT `fk_transfers_account` FOREIGN KEY (`account_id`) "
                    + "REFERENCES `accounts` (`id`))"))
        .containsEntry("table", "transfers")
        .containsEntry("constraint", "fk_transfers_account")
        .containsEntry("constraint_kind", "foreign_key");
    assertThat(
            entities(
                "java.sql.SQLIntegrityConstraintViolationException: Column 'currency' cannot be null"))
        .containsEntry("column", "currency")
        .containsEntry("constraint_kind", "not_null");
    assertThat(entities("java.sql.SQLException: Check constraint 'ck_fees_positive' is violated."))
        .containsEntry("constraint", "ck_fees_positive")
        .containsEntry("constraint_kind", "check");
    assertThat(
            entities(
                "java.sql.SQLSyntaxErrorException: Table 'bank.payments_archive' doesn't exist"))
        .containsEntry("table", "bank.payments_archive");
    assertThat(
            entities(
                "java.sql.SQLException: Access denied for user 'payments'@'10.0.3.7' (using password: YES)"))
        .containsEntry("db_user", "payments");
  }

  @Test
  void oraclePhrasing() {
    assertThat(
            entities(
                "java.sql.SQLIntegrityConstraintViolationException: ORA-00001: unique constraint "
                    + "(BANK.UK_CUSTOMERS_LOGIN) violated"))
        .containsEntry("constraint", "BANK.UK_CUSTOMERS_LOGIN")
        .containsEntry("db_code", "ORA-00001")
        .containsEntry("constraint_kind", "unique");
    assertThat(
            entities(
                "java.sql.SQLIntegrityConstraintViolationException: ORA-02291: integrity constraint "
                    + "(BANK.FK_TRANSFERS_ACCOUNT) violated - parent key not found"))
        .containsEntry("constraint", "BANK.FK_TRANSFERS_ACCOUNT")
        .containsEntry("constraint_kind", "foreign_key");
    assertThat(
            entities(
                "java.sql.SQLIntegrityConstraintViolationException: ORA-01400: cannot insert NULL into "
                    + "(\"BANK\".\"LEDGER\".\"CURRENCY\")"))
        .containsEntry("column", "\"BANK\".\"LEDGER\".\"CURRENCY\"")
        .containsEntry("constraint_kind", "not_null");
    assertThat(
            entities(
                "java.sql.SQLException: ORA-02290: check constraint (BANK.CK_FEES_POSITIVE) violated"))
        .containsEntry("constraint", "BANK.CK_FEES_POSITIVE")
        .containsEntry("constraint_kind", "check");
  }

  @Test
  void poolsNpeMessagesClassesAndPayloads() {
    assertThat(
            entities(
                "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, "
                    + "request timed out after 30000ms."))
        .containsEntry("pool", "HikariPool-1")
        .containsEntry("timeout", "30000ms");
    assertThat(
            entities(
                "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"<local1>\" is null"))
        .containsEntry("npe_method", "String.length()")
        .containsEntry("npe_local", "<local1>")
        .doesNotContainKey("npe_var");
    assertThat(
            entities(
                "java.lang.NullPointerException: Cannot invoke \"com.acme.User.getName()\" because the return "
                    + "value of \"java.util.Map.get(Object)\" is null"))
        .containsEntry("npe_return_of", "java.util.Map.get(Object)")
        .containsEntry("npe_method", "com.acme.User.getName()");
    assertThat(
            entities(
                "java.lang.NoSuchMethodError: 'void com.acme.pay.Client.send(java.lang.String, int)'"))
        .containsEntry("member", "void com.acme.pay.Client.send(java.lang.String, int)")
        .containsEntry("member_owner", "com.acme.pay.Client");
    assertThat(
            entities(
                "com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: Unrecognized field \"amout\" "
                    + "(class com.acme.TransferRequest), not marked as ignorable (2 known properties: \"amount\", \"currency\"])\n"
                    + " at [Source: (String)\"{\"amout\":1}\"; line: 1, column: 11]"))
        .containsEntry("json_field", "amout")
        .containsEntry("target_type", "com.acme.TransferRequest")
        .containsEntry("parse_line", "1")
        .containsEntry("parse_column", "11");
    assertThat(
            entities(
                "org.springframework.web.reactive.function.client.WebClientResponseException$ServiceUnavailable: "
                    + "503 Service Unavailable from GET http://payments.internal:8080/api/v1/payments\n"
                    + "\tat org.springframework.web.reactive.function.client.WebClientResponseException.create(WebClientResponseException.java:307)\n"))
        .containsEntry("status", "503")
        .containsEntry("http_method", "GET")
        .containsEntry("url", "http://payments.internal:8080/api/v1/payments")
        .containsEntry("host", "payments.internal")
        .containsEntry("port", "8080");
    assertThat(
            entities(
                "org.springframework.web.client.HttpClientErrorException$NotFound: 404 Not Found: \"{\"error\":1}\"\n"
                    + "\tat org.springframework.web.client.HttpClientErrorException.create(HttpClientErrorException.java:113)\n"))
        .containsEntry("status", "404")
        .containsEntry("status_text", "Not Found");
    assertThat(
            entities(
                "java.lang.IllegalArgumentException: Could not resolve placeholder 'payment.api.url' in value "
                    + "\"${payment.api.url}\""))
        .containsEntry("property", "payment.api.url");
    assertThat(
            entities(
                "io.github.resilience4j.ratelimiter.RequestNotPermitted: RateLimiter 'partnerApi' does not permit "
                    + "further calls"))
        .containsEntry("limiter", "partnerApi");
  }

  @Test
  void exceptionsNamedInsideAWrappersMessage() {
    assertThat(
            entities(
                "java.lang.IllegalStateException: gateway client failed; cause: java.net.UnknownHostException: "
                    + "pay-gw.internal: Name or service not known"))
        .containsEntry("host", "pay-gw.internal");
    assertThat(
            entities(
                "com.fasterxml.jackson.databind.exc.InvalidFormatException: Can not construct instance of "
                    + "java.math.BigDecimal from String value 'ten': not a valid representation"))
        .containsEntry("target_type", "java.math.BigDecimal")
        .containsEntry("input", "ten");
  }

  @Test
  void timesSourceFilesAndClassNamesAreNotHosts() {
    assertThat(
            entities(
                "java.lang.IllegalStateException: cut-off 12:30 passed for batch java.lang.Foo:3 "
                    + "(see PaymentJob.java:42) at line 7:15"))
        .doesNotContainKeys("host", "port", "host_port");
    assertThat(entities("java.io.IOException: Stream closed"))
        .doesNotContainKeys("host", "port", "path", "url");
    assertThat(entities("java.lang.NoClassDefFoundError: com/acme/pay/Client"))
        .containsEntry("missing_class", "com/acme/pay/Client")
        .doesNotContainKey("path");
  }

  @Test
  void printedTracesOfLibrariesAreExplainedWithTheirEntities() throws Exception {
    TestHarness.Explained jackson =
        explainText(
            "com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: Unrecognized field \"amout\" (class "
                + "com.acme.TransferRequest), not marked as ignorable (2 known properties: \"amount\", \"currency\"])\n"
                + " at [Source: (String)\"{\"amout\":1}\"; line: 1, column: 11]\n"
                + "\tat com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.from(UnrecognizedPropertyException.java:61)\n"
                + "\tat com.acme.TransferController.create(TransferController.java:57)\n",
            "deserialization");
    assertThat(jackson.variant).isEqualTo("deserialization.unknown_field");
    assertThat(jackson.all())
        .contains("amout", "com.acme.TransferRequest", "TransferController.create", "57");

    TestHarness.Explained hikari =
        explainText(
            "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.\n"
                + "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)\n"
                + "\tat com.acme.LedgerRepository.save(LedgerRepository.java:88)\n",
            "db_pool_exhausted");
    assertThat(hikari.variant).isEqualTo("db_pool_exhausted.pool");
    assertThat(hikari.all()).contains("HikariPool-1", "30000ms", "LedgerRepository.save");

    TestHarness.Explained oom =
        explainText(
            "java.lang.OutOfMemoryError: Java heap space\n"
                + "\tat java.util.Arrays.copyOf(Arrays.java:3512)\n\tat com.acme.ReportJob.load(ReportJob.java:31)\n",
            "out_of_memory");
    assertThat(oom.variant).isEqualTo("out_of_memory.heap");

    TestHarness.Explained nsme =
        explainText(
            "java.lang.NoSuchMethodError: 'void com.acme.pay.Client.send(java.lang.String, int)'\n"
                + "\tat com.acme.TransferService.pay(TransferService.java:40) ~[app.jar:1.4.2]\n",
            "class_loading");
    assertThat(nsme.variant).isEqualTo("class_loading.no_such_method");
    assertThat(nsme.all())
        .contains("void com.acme.pay.Client.send(java.lang.String, int)", "com.acme.pay.Client");

    TestHarness.Explained pg =
        explainText(
            "org.postgresql.util.PSQLException: Connection to db.bank.internal:5432 refused. Check that the hostname and port "
                + "are correct and that the postmaster is accepting TCP/IP connections.\n"
                + "\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)\n",
            "db_connection_failure");
    assertThat(pg.variant).isEqualTo("db_connection_failure.refused");
    // a trace of library frames only: the engine attributes it to the library that owns the thread
    // (the driver here), and the text names that frame rather than claiming an application location
    assertThat(pg.all())
        .contains("db.bank.internal:5432")
        .contains("ConnectionFactoryImpl.openConnectionImpl");
  }

  /**
   * Inputs built to make a careless regex backtrack for ever; the guard only catches a hang. The failure is
   * built directly, as the parser would after masking, so that only the extractor is exercised.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        ":",
        "/",
        "'",
        "\"",
        "Key (",
        "Cannot invoke \"",
        "1,",
        "balance ",
        "account ",
        "[[",
        "x.",
        "0.0.",
        "a-",
        "ON PUBLIC.T(",
        "for key '",
        " - ",
        "line: 1, column: "
      })
  void pathologicalMessagesFinishQuickly(String unit) {
    String msg = unit.repeat(300_000 / unit.length());
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          for (String type :
              new String[] {
                "java.lang.IllegalStateException",
                "java.nio.file.NoSuchFileException",
                "java.lang.NoSuchMethodError",
                "java.net.UnknownHostException"
              }) {
            StackFrame frame = new StackFrame("com.acme.A", "b", "A.java", 1);
            CauseNode root = new CauseNode(type, msg, List.of(frame), List.of(), false);
            CauseNode wrapper =
                new CauseNode(
                    "java.io.IOException", type + ": " + msg, List.of(frame), List.of(), false);
            Failure f =
                Failure.of(List.of(wrapper, root), 1, new Location(frame, true), "fp")
                    .withInput(msg, false);
            Map<String, String> e = EntityExtractor.extract(f);
            e.forEach(
                (k, v) -> {
                  if (!k.equals("text"))
                    assertThat(v.length()).as(k).isLessThanOrEqualTo(EntityExtractor.MAX_VALUE + 1);
                });
          }
        });
  }
}
