package io.logdx.examples.bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The failures the demo provokes, each through the service's real code path: the failing call goes through
 * {@link BankApi}, the services, the repositories and the driver, pool, HTTP client, parser or executor that
 * raises it. No exception is constructed here.
 */
public final class BankScenarios {
  /** How often the insufficient-balance failure is provoked: a customer retrying shares one fingerprint. */
  public static final int INSUFFICIENT_BALANCE_RETRIES = 3;

  private static final AtomicInteger ATTEMPTS = new AtomicInteger();

  private BankScenarios() {}

  /** Every scenario, in the order the demo runs them. */
  public static List<Scenario> all() {
    return List.of(
        new Scenario(
            "insufficient_balance",
            "transfer above the balance",
            "insufficient_balance",
            INSUFFICIENT_BALANCE_RETRIES,
            BankScenarios::insufficientBalance),
        new Scenario(
            "daily_limit",
            "daily transfer limit exceeded",
            "limit_exceeded",
            1,
            BankScenarios::dailyLimit),
        new Scenario(
            "duplicate_transfer",
            "same request id submitted twice",
            "duplicate_transaction",
            1,
            BankScenarios::duplicateTransfer),
        new Scenario(
            "frozen_account",
            "debit from a frozen account",
            "account_unavailable",
            1,
            b -> b.api.submitTransfer(transfer(b, "ACC-1003", "ACC-2001", "50000"))),
        new Scenario(
            "stale_quote",
            "confirmed quote, account changed",
            "optimistic_lock",
            1,
            BankScenarios::staleQuote),
        new Scenario(
            "pool_exhausted",
            "reporting pool (size 1) held by an export",
            "db_pool_exhausted",
            1,
            BankScenarios::poolExhausted),
        new Scenario(
            "row_lock_timeout",
            "row locked by the interest run",
            "db_lock_conflict",
            1,
            BankScenarios::rowLockTimeout),
        new Scenario(
            "query_timeout",
            "report query past its timeout",
            "db_query_timeout",
            1,
            b -> b.api.turnoverReport(40_000)),
        new Scenario(
            "ledger_503",
            "ledger answers 503",
            "http_server_error",
            1,
            b -> withLedger(b, StubLedgerServer.Behaviour.UNAVAILABLE)),
        new Scenario(
            "ledger_429",
            "ledger answers 429",
            "rate_limited",
            1,
            b -> withLedger(b, StubLedgerServer.Behaviour.THROTTLED)),
        new Scenario(
            "ledger_read_timeout",
            "ledger slower than the client timeout",
            "socket_timeout",
            1,
            b -> withLedger(b, StubLedgerServer.Behaviour.SLOW)),
        new Scenario(
            "ledger_refused",
            "standby ledger not listening",
            "connection_refused",
            1,
            BankScenarios::standbyLedgerDown),
        new Scenario(
            "bad_amount",
            "bulk file amount with separators",
            "number_format",
            1,
            b ->
                b.api.importBulk(
                    "payroll-2026-11.csv",
                    List.of(
                        "pay-0001;ACC-1002;ACC-2001;150000;2026-11-25;salary advance",
                        "pay-0002;ACC-1002;ACC-2001;1,250,000;2026-11-25;salary"))),
        new Scenario(
            "bad_date",
            "execution date that does not exist",
            "date_time_parse",
            1,
            b ->
                b.api.submitTransfer(
                    json(
                        b,
                        Map.of(
                            "requestId",
                            requestId(),
                            "sourceId",
                            "ACC-1004",
                            "targetId",
                            "ACC-2001",
                            "amount",
                            "10000",
                            "executionDate",
                            "2026-02-30")))),
        new Scenario(
            "missing_account",
            "source account does not exist",
            "null_reference",
            1,
            b -> b.api.submitTransfer(transfer(b, "ACC-9999", "ACC-2001", "10000"))),
        new Scenario(
            "unknown_field",
            "JSON body with an unknown field",
            "deserialization",
            1,
            b ->
                b.api.submitTransfer(
                    json(
                        b,
                        Map.of(
                            "requestId",
                            requestId(),
                            "sourceId",
                            "ACC-1004",
                            "targetId",
                            "ACC-2001",
                            "amount",
                            "10000",
                            "currency",
                            "KRW")))),
        new Scenario(
            "notification_rejected",
            "notification queue full",
            "task_rejected",
            1,
            BankScenarios::notificationRejected));
  }

  private static void insufficientBalance(Bank b) {
    // ACC-1001 holds 1 000 000 KRW; each retry asks for a bit more than the last.
    int attempt = ATTEMPTS.incrementAndGet();
    b.api.submitTransfer(
        transfer(b, "ACC-1001", "ACC-2001", Integer.toString(2_400_000 + attempt * 10_000)));
  }

  private static void dailyLimit(Bank b) {
    // ACC-1002 may send 3 000 000 KRW a day: the first transfer is booked, the second goes over.
    expectOk(b.api.submitTransfer(transfer(b, "ACC-1002", "ACC-2001", "2000000")));
    b.api.submitTransfer(transfer(b, "ACC-1002", "ACC-2001", "1500000"));
  }

  private static void duplicateTransfer(Bank b) {
    String body = transfer(b, "ACC-1004", "ACC-2001", "120000");
    expectOk(b.api.submitTransfer(body));
    b.api.submitTransfer(body); // a client retry after a lost response: same request id
  }

  private static void staleQuote(Bank b) {
    TransferRequest t =
        new TransferRequest(
            requestId(), "ACC-1005", "ACC-2001", new BigDecimal("500000"), LocalDate.now(), "rent");
    TransferQuote quote = b.api.quote(t);
    // Meanwhile a standing order debits the same account (and bumps its version).
    expectOk(b.api.submitTransfer(transfer(b, "ACC-1005", "ACC-2001", "300000")));
    b.api.confirm(quote);
  }

  private static void poolExhausted(Bank b) throws Exception {
    try (StatementService.StatementExport export = b.statements.openExport("ACC-1002")) {
      b.api.balanceHistory("ACC-1002");
      while (export.next()) {
        // the export finishes after the history request gave up
      }
    }
  }

  private static void rowLockTimeout(Bank b) throws Exception {
    InterestPostingJob.Run run = b.interest.begin("ACC-1006", "0.00010000");
    try {
      b.api.submitTransfer(transfer(b, "ACC-1006", "ACC-2001", "100000"));
    } finally {
      run.close();
    }
  }

  private static void withLedger(Bank b, StubLedgerServer.Behaviour behaviour) {
    b.ledgerServer.behave(behaviour);
    try {
      b.api.submitTransfer(transfer(b, "ACC-1007", "ACC-2001", "70000"));
    } finally {
      b.ledgerServer.behave(StubLedgerServer.Behaviour.OK);
    }
  }

  private static void standbyLedgerDown(Bank b) {
    b.transfers.useLedger(b.standbyLedger);
    try {
      b.api.submitTransfer(transfer(b, "ACC-1007", "ACC-2001", "70000"));
    } finally {
      b.transfers.useLedger(b.primaryLedger);
    }
  }

  private static void notificationRejected(Bank b) throws InterruptedException {
    // The gateway stalls: one notification is being sent, two wait in the queue, the fourth is
    // refused.
    b.ledgerServer.stallNotifications();
    try {
      for (int i = 0; i < 2 + NotificationService.QUEUE_CAPACITY; i++) {
        expectOk(b.api.submitTransfer(transfer(b, "ACC-1008", "ACC-2001", "10000")));
      }
    } finally {
      b.ledgerServer.openNotifications();
    }
    b.notifications.awaitIdle(Duration.ofSeconds(10));
  }

  private static void expectOk(BankApi.Response r) {
    if (!r.ok()) {
      throw new IllegalStateException("the set-up step of a scenario failed: " + r);
    }
  }

  private static String requestId() {
    return "req-" + UUID.randomUUID();
  }

  private static String transfer(Bank b, String source, String target, String amount) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("requestId", requestId());
    m.put("sourceId", source);
    m.put("targetId", target);
    m.put("amount", amount);
    m.put("executionDate", LocalDate.now().toString());
    m.put("memo", "demo");
    return json(b, m);
  }

  private static String json(Bank b, Map<String, String> fields) {
    try {
      return b.json.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
