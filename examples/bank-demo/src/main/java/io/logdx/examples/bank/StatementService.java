package io.logdx.examples.bank;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The reporting side: statement exports and balance history on the reporting pool, reports on the main one. */
public final class StatementService {
  /** Seconds the turnover report may run before the driver cancels it. */
  public static final int TURNOVER_QUERY_TIMEOUT_SECONDS = 1;

  private final DataSource reporting;
  private final DataSource main;

  public StatementService(DataSource reporting, DataSource main) {
    this.reporting = reporting;
    this.main = main;
  }

  /**
   * Starts a streaming statement export: it holds a reporting connection and an open cursor until it is
   * closed, as a download that the customer reads slowly does.
   */
  public StatementExport openExport(String accountId) {
    try {
      Connection c = reporting.getConnection();
      PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, target_id, amount, execution_date FROM transfers WHERE source_id = ? ORDER BY id");
      ps.setString(1, accountId);
      return new StatementExport(c, ps, ps.executeQuery());
    } catch (SQLException e) {
      throw new DataAccessException("Statement export for " + accountId + " could not start", e);
    }
  }

  /** Amounts moved in or out of an account, newest first. */
  public List<BigDecimal> balanceHistory(String accountId) {
    try (Connection c = reporting.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT amount FROM transfers WHERE source_id = ? OR target_id = ? ORDER BY id DESC")) {
      ps.setString(1, accountId);
      ps.setString(2, accountId);
      List<BigDecimal> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getBigDecimal(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new DataAccessException("Balance history for " + accountId + " could not be loaded", e);
    }
  }

  /**
   * Turnover of all pairs of accounts over a synthetic day range: a heavy aggregate, bounded by a query
   * timeout so that it cannot hold the main pool for long.
   */
  public long turnoverReport(int days) {
    try (Connection c = main.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM SYSTEM_RANGE(1, ?) d1 JOIN SYSTEM_RANGE(1, ?) d2 ON MOD(d1.X * d2.X, 7919) = 1")) {
      ps.setQueryTimeout(TURNOVER_QUERY_TIMEOUT_SECONDS);
      ps.setInt(1, days);
      ps.setInt(2, days);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new DataAccessException("Turnover report over " + days + " days failed", e);
    }
  }

  /** An open export; closing it gives the connection back to the pool. */
  public static final class StatementExport implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;

    StatementExport(Connection connection, PreparedStatement statement, ResultSet rows) {
      this.connection = connection;
      this.statement = statement;
      this.rows = rows;
    }

    /** Whether another row can be read. */
    public boolean next() throws SQLException {
      return rows.next();
    }

    @Override
    public void close() throws SQLException {
      try (connection;
          statement;
          rows) {
        // closes rows, statement and connection in that order
      }
    }
  }
}
