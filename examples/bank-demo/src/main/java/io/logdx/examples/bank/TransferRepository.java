package io.logdx.examples.bank;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/** Plain JDBC access to {@code transfers}, on the caller's connection. */
public final class TransferRepository {

  /**
   * Inserts the transfer and returns its id. A second insert with the same request id fails on the unique key
   * {@code uq_transfers_request_id} with the driver's SQLIntegrityConstraintViolationException.
   */
  public long insert(Connection c, TransferRequest t) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO transfers (request_id, source_id, target_id, amount, execution_date, memo) "
                + "VALUES (?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, t.requestId());
      ps.setString(2, t.sourceId());
      ps.setString(3, t.targetId());
      ps.setBigDecimal(4, t.amount());
      ps.setDate(5, Date.valueOf(t.executionDate()));
      ps.setString(6, t.memo());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** What left the account on that day. */
  public BigDecimal sentOn(Connection c, String sourceId, LocalDate day) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(SUM(amount), 0) FROM transfers WHERE source_id = ? AND execution_date = ?")) {
      ps.setString(1, sourceId);
      ps.setDate(2, Date.valueOf(day));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    }
  }
}
