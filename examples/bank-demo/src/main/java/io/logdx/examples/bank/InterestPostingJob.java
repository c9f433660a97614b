package io.logdx.examples.bank;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The nightly interest run: it credits interest to accounts inside one long transaction, so the rows it has
 * touched stay locked until it commits. Transfers against those accounts wait for the lock meanwhile.
 */
public final class InterestPostingJob {
  private final DataSource dataSource;

  public InterestPostingJob(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Credits interest to the account and keeps the transaction open until the run is committed. */
  public Run begin(String accountId, String ratePerDay) {
    try {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE accounts SET balance = ROUND(balance * (1 + CAST(? AS DECIMAL(10,8))), 2) WHERE id = ?")) {
        ps.setString(1, ratePerDay);
        ps.setString(2, accountId);
        ps.executeUpdate();
      }
      return new Run(c);
    } catch (SQLException e) {
      throw new DataAccessException("Interest run could not start", e);
    }
  }

  /** An interest run in progress; {@link #close()} commits it and releases the row locks. */
  public static final class Run implements AutoCloseable {
    private final Connection connection;

    Run(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void close() throws SQLException {
      try (connection) {
        connection.commit();
      }
    }
  }
}
