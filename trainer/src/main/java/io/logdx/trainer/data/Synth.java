package io.logdx.trainer.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;

/** Synthetic values for messages: ids, amounts, hosts, names of tables and columns. Nothing here is real data. */
public final class Synth {
  private final Random rnd;

  public Synth(Random rnd) {
    this.rnd = rnd;
  }

  public Random rnd() { return rnd; }

  public int between(int lo, int hiInclusive) { return lo + rnd.nextInt(hiInclusive - lo + 1); }

  public boolean chance(double p) { return rnd.nextDouble() < p; }

  @SafeVarargs
  public final <T> T pick(T... items) { return items[rnd.nextInt(items.length)]; }

  public <T> T pick(List<T> items) { return items.get(rnd.nextInt(items.size())); }

  public String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) sb.append((char) ('0' + rnd.nextInt(10)));
    return sb.toString();
  }

  public String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) sb.append("0123456789abcdef".charAt(rnd.nextInt(16)));
    return sb.toString();
  }

  public String alnum(int n) {
    String abc = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) sb.append(abc.charAt(rnd.nextInt(abc.length())));
    return sb.toString();
  }

  public String uuid() {
    return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-" + pick("8", "9", "a", "b") + hex(3) + "-" + hex(12);
  }

  public long id() { return 1 + rnd.nextInt(pick(100, 10_000, 1_000_000, 50_000_000)); }

  public String accountNo() {
    return switch (rnd.nextInt(5)) {
      case 0 -> digits(3) + "-" + digits(2) + "-" + digits(6);
      case 1 -> digits(4) + "-" + digits(3) + "-" + digits(6);
      case 2 -> digits(12);
      case 3 -> "ACC-" + digits(8);
      default -> "KR" + digits(2) + "0" + digits(3) + digits(10);
    };
  }

  public String txId() {
    return switch (rnd.nextInt(4)) {
      case 0 -> "TX" + digits(14);
      case 1 -> uuid();
      case 2 -> "TRF-" + (2023 + rnd.nextInt(3)) + digits(4) + "-" + digits(6);
      default -> "PAY" + alnum(10);
    };
  }

  public String userId() {
    return switch (rnd.nextInt(3)) {
      case 0 -> "user-" + digits(6);
      case 1 -> "U" + digits(9);
      default -> "cust_" + alnum(8).toLowerCase();
    };
  }

  public String amount() {
    BigDecimal a = BigDecimal.valueOf(rnd.nextInt(pick(1000, 100_000, 5_000_000)) + 1);
    if (chance(0.5)) a = a.add(BigDecimal.valueOf(rnd.nextInt(100), 2));
    return a.setScale(chance(0.6) ? 2 : 0, RoundingMode.HALF_UP).toPlainString();
  }

  public String krw() {
    return String.format("%,d", (long) (rnd.nextInt(9_999) + 1) * pick(1000, 10_000, 100_000));
  }

  public String currency() { return pick("KRW", "USD", "EUR", "JPY", "KRW", "KRW", "SGD"); }

  public String host() {
    return pick("db-primary.internal", "payments-api.internal", "ledger-svc", "localhost", "127.0.0.1",
        "core-banking.svc.cluster.local", "auth-service", "fx-rates.internal", "mysql-01.prod.local",
        "pg-ledger-0.pg-ledger", "oracle-scan.bank.local", "settlement-gw", "card-auth.internal", "api.partner.test");
  }

  public String dbHost() {
    return pick("db-primary.internal", "mysql-01.prod.local", "pg-ledger-0.pg-ledger", "oracle-scan.bank.local",
        "localhost", "127.0.0.1", "ledger-db.svc.cluster.local", "aurora-cluster.cluster-ro.internal");
  }

  public int port() { return pick(8080, 8443, 9090, 443, 80, 8081, 5432, 3306, 1521, 6379, 9092, 18080, 7001); }

  public String path() {
    return pick("/api/v1/transfers", "/api/v2/payments/" + id(), "/accounts/" + accountNo() + "/balance",
        "/v1/fx/rates?base=" + currency(), "/internal/ledger/entries", "/api/orders/" + id(), "/oauth/token",
        "/api/v1/cards/authorize", "/settlements/" + (2023 + rnd.nextInt(3)) + "-" + String.format("%02d", 1 + rnd.nextInt(12)),
        "/customers/" + userId() + "/limits", "/api/notify", "/health");
  }

  public String table() {
    return pick("accounts", "transfers", "payments", "ledger_entries", "customers", "orders", "card_transactions",
        "settlements", "account_limits", "audit_log", "fx_rates", "merchants", "loans", "deposits");
  }

  public String column() {
    return pick("account_no", "amount", "status", "created_at", "customer_id", "request_id", "currency", "balance",
        "merchant_id", "version", "updated_by", "fee", "reference_no", "branch_code");
  }

  public String field() {
    return pick("amount", "accountNo", "currency", "requestId", "customerId", "memo", "targetAccount", "email",
        "phoneNumber", "birthDate", "cardNumber", "pin", "merchantId", "quantity", "transferDate", "description");
  }

  public String file() {
    return pick("/var/app/config/application-prod.yml", "/data/settlement/in/SETTLE_" + dateCompact() + ".csv",
        "/opt/app/keys/partner-public.pem", "/tmp/export/ledger-" + dateCompact() + ".xlsx",
        "/app/batch/input/transfers_" + dateCompact() + ".dat", "/home/app/reports/daily-" + dateCompact() + ".pdf",
        "/etc/app/secrets/db.properties", "/mnt/nas/statements/" + id() + ".pdf", "conf/logback-spring.xml",
        "/var/lib/app/cache/fx-rates.json", "/srv/ftp/incoming/CARD_" + dateCompact() + ".txt");
  }

  public String dateCompact() {
    return (2023 + rnd.nextInt(3)) + String.format("%02d%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
  }

  public String isoDate() {
    return (2023 + rnd.nextInt(3)) + String.format("-%02d-%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
  }

  public String isoTime() {
    return String.format("%02d:%02d:%02d", rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60));
  }

  /** A card number that is never a real one: test-range prefixes and a broken Luhn check on purpose. */
  public String fakeCardMasked() {
    return pick("4000", "5100", "9410") + "-****-****-" + digits(4);
  }

  public String domain() {
    return pick("Account", "Transfer", "Payment", "Order", "Customer", "Card", "Loan", "Settlement", "Ledger",
        "Merchant", "Invoice", "Deposit", "Refund", "Remittance", "Statement", "Fee", "Limit", "Notification");
  }
}
