package io.logdx.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Every scenario, run against a real bank (H2, HikariCP, the stub ledger on loopback), logs exactly one error
 * per provocation, and the logged exception chain holds the failure the scenario is about, raised by the
 * library that really raises it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BankScenariosTest {
  private ListAppender<ILoggingEvent> list;
  private final Map<String, List<ILoggingEvent>> byScenario = new LinkedHashMap<>();
  private Map<String, String> brokenSetUps;

  @BeforeAll
  void runAllScenarios() throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    @SuppressWarnings("unchecked")
    ListAppender<ILoggingEvent> appender =
        (ListAppender<ILoggingEvent>) ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("LIST");
    list = appender;
    list.list.clear();
    try (Bank bank = Bank.start()) {
      brokenSetUps = ScenarioRunner.runAll(bank, BankScenarios.all());
    }
    for (ILoggingEvent e : list.list) {
      if (e.getLevel() == Level.ERROR) {
        byScenario
            .computeIfAbsent(
                e.getMDCPropertyMap().get(ScenarioRunner.MDC_KEY), k -> new ArrayList<>())
            .add(e);
      }
    }
  }

  @AfterAll
  void clear() {
    list.list.clear();
  }

  @Test
  void atLeastFifteenDistinctFailuresAcrossTheTaxonomyGroups() {
    List<Scenario> all = BankScenarios.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(15);
    assertThat(all.stream().map(Scenario::expected).distinct().count()).isEqualTo(all.size());
  }

  @Test
  void eachScenarioLogsOneErrorPerProvocation() {
    assertThat(brokenSetUps).as("scenarios whose set-up steps failed").isEmpty();
    for (Scenario s : BankScenarios.all()) {
      assertThat(byScenario.getOrDefault(s.id(), List.of())).as(s.id()).hasSize(s.times());
    }
    assertThat(byScenario.keySet())
        .as("no error outside a scenario")
        .containsExactlyInAnyOrderElementsOf(
            BankScenarios.all().stream().map(Scenario::id).toList());
  }

  @Test
  void eachLoggedChainHoldsTheRealFailure() {
    Map<String, Predicate<Throwable>> expected = new LinkedHashMap<>();
    expected.put("insufficient_balance", t -> t instanceof InsufficientBalanceException);
    expected.put("daily_limit", t -> t instanceof TransferLimitExceededException);
    expected.put(
        "duplicate_transfer",
        t ->
            t instanceof SQLIntegrityConstraintViolationException
                && t.getMessage()
                    .toUpperCase(java.util.Locale.ROOT)
                    .contains("UQ_TRANSFERS_REQUEST_ID"));
    expected.put("frozen_account", t -> t instanceof AccountFrozenException);
    expected.put("stale_quote", t -> t instanceof OptimisticLockException);
    expected.put("pool_exhausted", t -> t instanceof SQLTransientConnectionException);
    expected.put(
        "row_lock_timeout", t -> t instanceof SQLException sql && sql.getErrorCode() == 50200);
    expected.put(
        "query_timeout", t -> t instanceof SQLTimeoutException sql && sql.getErrorCode() == 57014);
    expected.put("ledger_503", t -> t instanceof LedgerException le && le.status() == 503);
    expected.put("ledger_429", t -> t instanceof LedgerException le && le.status() == 429);
    expected.put("ledger_read_timeout", t -> t instanceof HttpTimeoutException);
    expected.put("ledger_refused", t -> t instanceof ConnectException);
    expected.put("bad_amount", t -> t instanceof NumberFormatException);
    expected.put("bad_date", t -> t instanceof DateTimeParseException);
    expected.put("missing_account", t -> t instanceof NullPointerException);
    expected.put("unknown_field", t -> t instanceof UnrecognizedPropertyException);
    expected.put("notification_rejected", t -> t instanceof RejectedExecutionException);
    assertThat(expected.keySet())
        .containsExactlyElementsOf(BankScenarios.all().stream().map(Scenario::id).toList());

    for (Map.Entry<String, Predicate<Throwable>> e : expected.entrySet()) {
      for (ILoggingEvent event : byScenario.get(e.getKey())) {
        Throwable logged = ((ThrowableProxy) event.getThrowableProxy()).getThrowable();
        assertThat(chain(logged)).as(e.getKey() + ": " + logged).anyMatch(e.getValue());
      }
    }
  }

  private static List<Throwable> chain(Throwable t) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
      out.add(c);
    }
    return out;
  }
}
