package io.logdx.examples.bank;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC access to {@code accounts}, on the caller's connection (the caller owns the transaction). */
public final class AccountRepository {

  /**
   * The account, or {@code null} when there is none: the legacy contract the service was written against
   * (and the reason it can dereference a missing account).
   */
  public Account findById(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, owner, currency, balance, status, daily_limit, version FROM accounts WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Account(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getBigDecimal(4),
            Account.Status.valueOf(rs.getString(5)),
            rs.getBigDecimal(6),
            rs.getLong(7));
      }
    }
  }

  /**
   * Sets the balance if the row still has the version that was read, and bumps the version.
   *
   * @throws OptimisticLockException when another transaction changed the row first (no row matched)
   */
  public void updateBalance(Connection c, Account read, BigDecimal newBalance) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE accounts SET balance = ?, version = version + 1 WHERE id = ? AND version = ?")) {
      ps.setBigDecimal(1, newBalance);
      ps.setString(2, read.id());
      ps.setLong(3, read.version());
      int updated = ps.executeUpdate();
      if (updated == 0) {
        throw new OptimisticLockException(
            "Account "
                + read.id()
                + " was changed by another transaction since it "
                + "was read at version "
                + read.version());
      }
    }
  }

  /** Adds to the balance of the credited account (no version check: credits commute). */
  public void credit(Connection c, String id, BigDecimal amount) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE accounts SET balance = balance + ?, version = version + 1 WHERE id = ?")) {
      ps.setBigDecimal(1, amount);
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }
}
