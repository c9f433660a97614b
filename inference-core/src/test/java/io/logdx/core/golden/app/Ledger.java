package io.logdx.core.golden.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small application whose real failures {@code FingerprintGoldenTest} pins: every exception is thrown by the
 * JDK or a library (H2) while this class calls it, and some are wrapped the way services wrap them. This package
 * is the application's package for the fingerprint, so this class's and its methods' names are part of the
 * fingerprints: renaming or moving them is a golden change; moving lines is not.
 */
public final class Ledger {
  private Ledger() {}

  public static int parseAmount(String text) {
    return Integer.parseInt(text);
  }

  public static int holderNameLength(String holder) {
    return holder.length();
  }

  public static long balanceOfMonth(long[] balances, int month) {
    return balances[month];
  }

  public static LocalDate valueDate(String text) {
    return LocalDate.parse(text);
  }

  public static Integer accountNumber(Map<String, Object> row) {
    return (Integer) row.get("number");
  }

  public static void addFee(List<Long> fees) {
    fees.add(100L);
  }

  public static void removeZeroFees(List<Long> fees) {
    for (Long fee : fees) {
      if (fee == 0) fees.remove(fee);
    }
  }

  public static long perShare(long amount, int holders) {
    return amount / holders;
  }

  public static String loadStatementTemplate(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "statement template " + file.getFileName() + " could not be read", e);
    }
  }

  /** Connects to a port of 127.0.0.1 that was just closed: the kernel refuses. */
  public static void callRatesService() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    } catch (IOException e) {
      throw new IOException("rates service at 127.0.0.1:" + port + " unreachable", e);
    }
  }

  public static void readMissingTable(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT balance FROM account_snapshot WHERE id = 42");
    }
  }

  public static void openAccountTwice(String url) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE account (id BIGINT PRIMARY KEY, owner VARCHAR(40))");
      s.execute("INSERT INTO account VALUES (1001, 'kim')");
      s.execute("INSERT INTO account VALUES (1001, 'lee')");
    } catch (SQLException e) {
      throw new IllegalStateException("account 1001 could not be opened", e);
    }
  }

  /** A message with personal data in it: masked before it is fingerprinted. */
  public static void notifyCustomer(String email, String card) {
    throw new IllegalArgumentException("no customer for " + email + " with card " + card);
  }

  /** A failure whose clean-up fails too: the suppressed exception is not part of the fingerprint. */
  public static void closeBatch() {
    try (BatchWriter batch = new BatchWriter()) {
      batch.write(new ArrayList<String>().iterator().next());
    }
  }

  static final class BatchWriter implements AutoCloseable {
    void write(String line) {
      throw new IllegalStateException("unreachable: " + line);
    }

    @Override
    public void close() {
      throw new IllegalStateException("batch writer already closed");
    }
  }
}
