package io.logdx.core.stage2;

import io.logdx.core.stage2.DomainExceptions.AccountFrozenException;
import io.logdx.core.stage2.DomainExceptions.ConstraintViolationException;
import io.logdx.core.stage2.DomainExceptions.DuplicateTransactionException;
import io.logdx.core.stage2.DomainExceptions.EntityNotFoundException;
import io.logdx.core.stage2.DomainExceptions.InsufficientBalanceException;
import io.logdx.core.stage2.DomainExceptions.LazyInitializationException;
import io.logdx.core.stage2.DomainExceptions.OptimisticLockException;
import io.logdx.core.stage2.DomainExceptions.TransferLimitExceededException;
import io.logdx.core.stage2.DomainExceptions.UnexpectedRollbackException;
import io.logdx.core.stage2.DomainExceptions.WidgetCalibrationException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The "application" whose code fails in {@link RealFailuresTest}: a class the engine's location finder treats
 * as application code (test classes are skipped when application code is on the stack), so that the tests see
 * locations as a service would.
 */
final class BankApplication {
  private BankApplication() {}

  enum PaymentStatus {
    PAID,
    REFUNDED
  }

  static final class User {
    String name;
  }

  static final class Session {
    User user;

    String userName() {
      return user.name;
    }
  }

  static final class Node {
    Node parent;
  }

  static final class Probe {}

  static final class BytesLoader extends ClassLoader {
    BytesLoader() {
      super(null);
    }

    Class<?> define(byte[] b) {
      return defineClass(Probe.class.getName(), b, 0, b.length);
    }
  }

  static final class Transfer {
    final String customerId;

    Transfer(String customerId) {
      this.customerId = Objects.requireNonNull(customerId, "customerId");
    }
  }

  static final class DetachedOrder {
    List<String> items() {
      throw new LazyInitializationException(
          "failed to lazily initialize a collection of role: "
              + "io.logdx.core.stage2.Order.items, could not initialize proxy - no Session");
    }
  }

  static String lookupName(boolean found) {
    return found ? "kim" : null;
  }

  static int sum(int a, int b) {
    return a + b;
  }

  static int[] emptyAmounts() {
    return null;
  }

  static int amountOf(Map<String, Object> row) {
    return (Integer) row.get("amount");
  }

  static int[] allocate(int n) {
    return new int[n];
  }

  static long[] allocateLongs(int n) {
    return new long[n];
  }

  static int average(int total, int count) {
    return total / count;
  }

  static int depth(Node n) {
    n.parent = n;
    return walk(n);
  }

  static int walk(Node n) {
    return n.parent == null ? 0 : 1 + walk(n.parent);
  }

  static void exportTo(String path) throws AccessDeniedException {
    // The tests run as root, who may write anywhere: the JDK's own exception, as UnixException
    // makes it.
    throw new AccessDeniedException(path);
  }

  static InetAddress resolve(String host) throws UnknownHostException {
    // Resolving a name would query DNS beyond loopback: the JDK's exception as the resolver words
    // it.
    throw new UnknownHostException(host + ": Name or service not known");
  }

  static void insertCustomer(Connection conn, long id, String login) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO customers VALUES (?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, login);
      ps.executeUpdate();
    }
  }

  static void updateBalance(Connection conn, long id, long balance, int readVersion)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "UPDATE account SET balance = ?, version = version + 1 WHERE id = ? AND version = ?")) {
      ps.setLong(1, balance);
      ps.setLong(2, id);
      ps.setInt(3, readVersion);
      if (ps.executeUpdate() == 0) {
        throw new OptimisticLockException(
            "Row was updated or deleted by another transaction "
                + "(or unsaved-value mapping was incorrect) : [io.logdx.core.stage2.Account#"
                + id
                + "]");
      }
    }
  }

  static void findOrder(Connection conn, long id) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM orders WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next())
          throw new EntityNotFoundException(
              "Unable to find io.logdx.core.stage2.Order with id " + id);
      }
    }
  }

  static void commitTransfer(boolean innerFailed) {
    if (innerFailed) {
      throw new UnexpectedRollbackException(
          "Transaction silently rolled back because it has been marked as rollback-only");
    }
  }

  static void validateTransfer(BigDecimal amount) {
    if (amount.signum() <= 0) {
      throw new ConstraintViolationException(
          "createTransfer.request.amount: must be greater than 0");
    }
  }

  static void debit(String account, String requested) {
    throw new InsufficientBalanceException(
        "Insufficient balance on account "
            + account
            + ": balance 1,000.00 KRW, requested "
            + requested
            + " KRW");
  }

  static void checkDailyLimit(String requested) {
    throw new TransferLimitExceededException(
        "Daily transfer limit exceeded: limit 5,000,000 KRW, requested " + requested + " KRW");
  }

  static void submitTransfer(String key) {
    throw new DuplicateTransactionException(
        "Duplicate transfer request: idempotency key " + key + " was already processed");
  }

  static void openAccount(String account) {
    throw new AccountFrozenException("Account " + account + " is frozen");
  }

  static void calibrate() {
    throw new WidgetCalibrationException("calibration drift beyond tolerance");
  }
}
