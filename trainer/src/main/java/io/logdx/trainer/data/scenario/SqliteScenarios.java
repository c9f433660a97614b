package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;
import static io.logdx.trainer.data.Scenario.lessOften;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Resources;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * SQLite failures caused for real with xerial's sqlite-jdbc (the native library comes inside its jar and is extracted
 * into the generator's temp folder: {@code org.sqlite.tmpdir}), on database files of the generator's temp folder:
 * SQLITE_BUSY with two connections, SQLITE_CONSTRAINT_*, SQLITE_ERROR for unknown objects and syntax, SQLITE_READONLY,
 * SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_FULL against {@code max_page_count}, closed connections. Spring has no error
 * codes for SQLite, so JdbcTemplate wraps them all in its UncategorizedSQLException, as services see them.
 */
final class SqliteScenarios {
  private SqliteScenarios() {}

  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final Map<Resources, Db> DBS = new WeakHashMap<>();

  /** One database file per generator. */
  static final class Db implements AutoCloseable {
    final Path dir;
    final String url;
    final Connection main;

    Db(Resources res) {
      dir = res.tempDir().resolve("sqlite");
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // the native library is extracted here (never fetched); set before the driver's first use
      if (System.getProperty("org.sqlite.tmpdir") == null) System.setProperty("org.sqlite.tmpdir", dir.toString());
      url = "jdbc:sqlite:" + dir.resolve("bank-" + SEQ.incrementAndGet() + ".db");
      try {
        main = config(0).createConnection(url);
        try (Statement st = main.createStatement()) {
          st.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, customer_no TEXT NOT NULL UNIQUE, grade TEXT)");
          st.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, account_no TEXT NOT NULL UNIQUE, "
              + "customer_id INTEGER NOT NULL REFERENCES customers(id), balance NUMERIC NOT NULL CHECK (balance >= 0), "
              + "status TEXT NOT NULL DEFAULT 'ACTIVE')");
          st.execute("CREATE TABLE transfers (id INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL UNIQUE, "
              + "from_account_id INTEGER NOT NULL REFERENCES accounts(id), to_account_no TEXT NOT NULL, "
              + "amount NUMERIC NOT NULL CHECK (amount > 0), currency TEXT NOT NULL CHECK (length(currency) = 3))");
          st.execute("INSERT INTO customers VALUES (1, 'C0000001', 'GOLD'), (2, 'C0000002', 'BASIC')");
          st.execute("INSERT INTO accounts (id, account_no, customer_id, balance) VALUES "
              + "(1, '110-01-000001', 1, 1500000.00), (2, '110-01-000002', 2, 320.50), (3, '110-01-000003', 2, 0)");
          st.execute("INSERT INTO transfers (request_id, from_account_id, to_account_no, amount, currency) VALUES "
              + "('REQ-0001', 1, '220-02-000009', 1000.00, 'KRW')");
        }
      } catch (SQLException e) {
        throw new IllegalStateException("could not create the SQLite scenario database", e);
      }
    }

    SQLiteConfig config(int busyMs) {
      SQLiteConfig cfg = new SQLiteConfig();
      cfg.enforceForeignKeys(true);
      cfg.setBusyTimeout(busyMs);
      return cfg;
    }

    Connection open(int busyMs) throws SQLException {
      return config(busyMs).createConnection(url);
    }

    @Override
    public void close() throws SQLException {
      main.close();
    }
  }

  static Db db(Ctx c) {
    synchronized (DBS) {
      return DBS.computeIfAbsent(c.res, r -> r.closeLater(new Db(r)));
    }
  }

  static JdbcTemplate jdbc(Connection con) {
    return new JdbcTemplate(new SingleConnectionDataSource(con, true));
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- db_sql_syntax: no such table / column, syntax errors (SQLITE_ERROR)
    l.add(cheap("db_sql_syntax", "sqlite.spring.no-such-object", c -> fail(() -> {
      JdbcTemplate jdbc = jdbc(db(c).main);
      String sql = switch (c.rnd.nextInt(3)) {
        case 0 -> "SELECT * FROM " + c.s.pick("account", "transfer", "tb_account", "ledger", "outbox_events") + " WHERE id = ?";
        case 1 -> "SELECT " + c.s.pick("acct_no", "bal", "customerId", "amt", "created_at") + " FROM accounts WHERE id = ?";
        default -> "UPDATE transfers SET " + c.s.pick("status", "processed_at", "retry_count") + " = 1 WHERE id = ?";
      };
      if (sql.startsWith("UPDATE")) jdbc.update(sql, c.s.id());
      else jdbc.queryForList(sql, c.s.id());
    })));
    l.add(cheap("db_sql_syntax", "sqlite.jdbc.syntax", c -> fail(() -> {
      try (Statement st = db(c).main.createStatement()) {
        String sql = c.s.pick("SELEC id FROM accounts", "SELECT id FROM accounts WHERE id = " + c.s.id() + " ORDER BY",
            "SELECT SUM(amount) FROM transfers GROUP", "SELECT * FROM accounts WHERE account_no = '" + c.s.accountNo(),
            "UPDATE accounts SET balance = balance - WHERE id = " + c.s.id(), "SELECT id, FROM accounts",
            "SELECT * FROM transfers LIMIT " + c.s.between(1, 50) + " OFFSET", "INSERT INTO transfers VALUES (" + c.s.id() + ",)");
        try (ResultSet rs = st.executeQuery(sql)) {
          c.use(rs);
        }
      }
    })));
    // ---- db_constraint_violation: SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY / FOREIGNKEY / NOTNULL / CHECK
    l.add(cheap("db_constraint_violation", "sqlite.spring.constraint", c -> fail(() -> {
      JdbcTemplate jdbc = jdbc(db(c).main);
      String insert = "INSERT INTO transfers (request_id, from_account_id, to_account_no, amount, currency) VALUES (?, ?, ?, ?, ?)";
      switch (c.rnd.nextInt(6)) {
        case 0 -> jdbc.update(insert, "REQ-0001", 1, c.s.accountNo(), new BigDecimal(c.s.amount()), "KRW");
        case 1 -> jdbc.update(insert, c.s.txId(), 900_000 + c.s.id(), c.s.accountNo(), new BigDecimal(c.s.amount()), "KRW");
        case 2 -> jdbc.update(insert, c.s.txId(), 1, c.s.accountNo(), null, c.s.currency());
        case 3 -> jdbc.update(insert, c.s.txId(), 2, c.s.accountNo(), new BigDecimal("-" + c.s.amount()), c.s.currency());
        case 4 -> jdbc.update(insert, c.s.txId(), 2, c.s.accountNo(), new BigDecimal(c.s.amount()), c.s.pick("WONS", "EURO", "KR", ""));
        default -> jdbc.update("INSERT INTO accounts (id, account_no, customer_id, balance) VALUES (?, ?, ?, ?)",
            c.s.pick(1, 2, 3), c.s.accountNo(), 1, BigDecimal.TEN);
      }
    })));
    l.add(cheap("db_constraint_violation", "sqlite.jdbc.constraint", c -> fail(() -> {
      try (PreparedStatement ps = db(c).main.prepareStatement(
          "INSERT INTO accounts (id, account_no, customer_id, balance) VALUES (?, ?, ?, ?)")) {
        int k = c.rnd.nextInt(4);
        ps.setLong(1, 1000 + c.s.id());
        ps.setString(2, k == 0 ? c.s.pick("110-01-000001", "110-01-000002") : c.s.accountNo());
        ps.setLong(3, k == 1 ? 5000 + c.s.id() : 2);
        if (k == 2) ps.setNull(4, java.sql.Types.NUMERIC);
        else ps.setBigDecimal(4, new BigDecimal(k == 3 ? "-" + c.s.amount() : c.s.amount()));
        ps.executeUpdate();
      }
    })));
    // ---- db_lock_conflict: SQLITE_BUSY, a second connection writes while the first holds the write lock
    l.add(costly("db_lock_conflict", "sqlite.database-locked", 3, c -> {
      Db db = db(c);
      try (Connection holder = db.open(0); Connection other = db.open(c.s.pick(0, 20, 50))) {
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
          st.executeUpdate("UPDATE accounts SET balance = balance WHERE id = 1");
        }
        try {
          if (c.s.chance(0.5)) {
            return fail(() -> jdbc(other).update("UPDATE accounts SET balance = balance - ? WHERE id = ?",
                new BigDecimal(c.s.amount()), c.s.pick(1, 2)));
          }
          return fail(() -> {
            try (PreparedStatement ps = other.prepareStatement(
                "INSERT INTO transfers (request_id, from_account_id, to_account_no, amount, currency) VALUES (?, 1, ?, ?, 'KRW')")) {
              ps.setString(1, c.s.txId());
              ps.setString(2, c.s.accountNo());
              ps.setBigDecimal(3, new BigDecimal(c.s.amount()));
              ps.executeUpdate();
            }
          });
        } finally {
          holder.rollback();
        }
      }
    }));
    // ---- permission_denied: SQLITE_READONLY, the file is opened read-only (as for a read-only mount or file)
    l.add(lessOften(cheap("permission_denied", "sqlite.readonly", c -> fail(() -> {
      SQLiteConfig ro = db(c).config(0);
      ro.setReadOnly(true);
      try (Connection con = ro.createConnection(db(c).url)) {
        if (c.s.chance(0.5)) jdbc(con).update("UPDATE accounts SET status = ? WHERE id = ?", c.s.pick("FROZEN", "CLOSED"), c.s.id());
        else {
          try (Statement st = con.createStatement()) {
            st.executeUpdate("DELETE FROM transfers WHERE id = " + c.s.id());
          }
        }
      }
    }))));
    // ---- db_connection_failure: SQLITE_CANTOPEN (folder missing, or no create flag) and a file that is no database
    l.add(cheap("db_connection_failure", "sqlite.cantopen", c -> fail(() -> {
      Path dir = db(c).dir;
      c.text(dir.toString(), c.s.pick("/var/lib/app", "/data", "/opt/app/data"));
      String name = c.s.pick("ledger", "bank", "cache", "offline-queue", "settlement") + ".db";
      if (c.s.chance(0.5)) {
        try (Connection con = new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve("missing-dir").resolve(name))) {
          c.use(con);
        }
      } else {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.resetOpenMode(SQLiteOpenMode.CREATE);
        try (Connection con = cfg.createConnection("jdbc:sqlite:" + dir.resolve(name))) {
          jdbc(con).queryForList("SELECT * FROM accounts");
        }
      }
    })));
    l.add(lessOften(cheap("db_connection_failure", "sqlite.not-a-database", c -> fail(() -> {
      Path dir = db(c).dir;
      Path f = dir.resolve("import-" + c.s.pick("ledger", "rates", "accounts") + ".db");
      if (!Files.exists(f)) {
        Files.writeString(f, "account_no,balance,currency\n".repeat(200), StandardCharsets.UTF_8);
      }
      c.text(dir.toString(), c.s.pick("/var/lib/app", "/data", "/opt/app/data"));
      try (Connection con = new SQLiteConfig().createConnection("jdbc:sqlite:" + f)) {
        jdbc(con).queryForList("SELECT account_no, balance FROM accounts WHERE status = ?", "ACTIVE");
      }
    }))));
    // ---- disk_full: SQLITE_FULL "database or disk is full" when max_page_count is reached
    l.add(lessOften(costly("disk_full", "sqlite.database-full", 2, c -> {
      Db db = db(c);
      Path f = db.dir.resolve("outbox-" + SEQ.incrementAndGet() + ".db");
      try (Connection con = db.config(0).createConnection("jdbc:sqlite:" + f); Statement st = con.createStatement()) {
        st.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
        st.execute("PRAGMA max_page_count = " + c.s.between(6, 12));
        JdbcTemplate jdbc = jdbc(con);
        boolean spring = c.s.chance(0.5);
        return fail(() -> {
          for (int i = 0; i < 200; i++) {
            byte[] payload = new byte[3000 + c.rnd.nextInt(2000)];
            if (spring) jdbc.update("INSERT INTO outbox (payload) VALUES (?)", (Object) payload);
            else {
              try (PreparedStatement ps = con.prepareStatement("INSERT INTO outbox (payload) VALUES (?)")) {
                ps.setBytes(1, payload);
                ps.executeUpdate();
              }
            }
          }
        });
      } finally {
        Files.deleteIfExists(f);
      }
    })));
    // ---- resource_closed: a closed connection, a statement of a closed connection
    l.add(cheap("resource_closed", "sqlite.closed-connection", c -> fail(() -> {
      Connection con = db(c).open(0);
      Statement st = con.createStatement();
      con.close();
      switch (c.rnd.nextInt(3)) {
        case 0 -> st.executeQuery("SELECT balance FROM accounts WHERE id = " + c.s.id());
        case 1 -> con.prepareStatement("SELECT balance FROM accounts WHERE account_no = ?");
        default -> con.setAutoCommit(false);
      }
    })));
    return l;
  }
}
