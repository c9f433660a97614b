package io.logdx.examples.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The whole service wired together, as a dependency-injection container would do it: database and pools,
 * repositories, services, the ledger client against the stub ledger, and the API facade.
 */
public final class Bank implements AutoCloseable {
  final BankDatabase db;
  final StubLedgerServer ledgerServer;
  final HttpClient http;
  final ObjectMapper json;
  final TransferService transfers;
  final StatementService statements;
  final NotificationService notifications;
  final InterestPostingJob interest;
  final BankApi api;
  final LedgerClient primaryLedger;
  final LedgerClient standbyLedger;

  private Bank() throws IOException {
    db = new BankDatabase();
    ledgerServer = new StubLedgerServer();
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();
    json = new ObjectMapper();
    primaryLedger =
        new LedgerClient(http, ledgerServer.uri(), json, LedgerClient.DEFAULT_REQUEST_TIMEOUT);
    // The standby site's ledger: configured, but nothing listens there (a port that was just
    // closed).
    standbyLedger =
        new LedgerClient(
            http,
            URI.create("http://127.0.0.1:" + closedPort()),
            json,
            LedgerClient.DEFAULT_REQUEST_TIMEOUT);
    transfers =
        new TransferService(
            db.main(), new AccountRepository(), new TransferRepository(), primaryLedger);
    statements = new StatementService(db.reporting(), db.main());
    notifications = new NotificationService(http, ledgerServer.uri());
    interest = new InterestPostingJob(db.main());
    api = new BankApi(json, transfers, statements, new BulkTransferImporter(), notifications);
  }

  /** Starts the service with its demo accounts (synthetic names and numbers). */
  public static Bank start() throws IOException {
    Bank bank = new Bank();
    try {
      bank.seed();
      return bank;
    } catch (RuntimeException e) {
      bank.close();
      throw e;
    }
  }

  private void seed() {
    BigDecimal limit = new BigDecimal("5000000.00");
    db.open("ACC-1001", "Kim Minjun", new BigDecimal("1000000.00"), limit, Account.Status.ACTIVE);
    db.open(
        "ACC-1002",
        "Lee Seoyeon",
        new BigDecimal("20000000.00"),
        new BigDecimal("3000000.00"),
        Account.Status.ACTIVE);
    db.open("ACC-1003", "Park Jiho", new BigDecimal("750000.00"), limit, Account.Status.FROZEN);
    db.open("ACC-1004", "Choi Yuna", new BigDecimal("4000000.00"), limit, Account.Status.ACTIVE);
    db.open("ACC-1005", "Jung Hana", new BigDecimal("3000000.00"), limit, Account.Status.ACTIVE);
    db.open("ACC-1006", "Kang Doyun", new BigDecimal("2500000.00"), limit, Account.Status.ACTIVE);
    db.open("ACC-1007", "Yoon Seojun", new BigDecimal("9000000.00"), limit, Account.Status.ACTIVE);
    db.open("ACC-1008", "Han Jiwoo", new BigDecimal("1200000.00"), limit, Account.Status.ACTIVE);
    db.open(
        "ACC-2001", "Example Merchant Co.", new BigDecimal("0.00"), limit, Account.Status.ACTIVE);
  }

  public BankApi api() {
    return api;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    notifications.close();
    ledgerServer.close();
    db.close();
  }
}
