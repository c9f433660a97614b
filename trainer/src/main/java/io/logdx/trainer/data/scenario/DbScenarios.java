package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Grafts;
import io.logdx.trainer.data.Scenario;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Database failures caused for real with H2 through JDBC, HikariCP and Spring's JdbcTemplate (whose exception
 * translation gives the Spring types), plus the same failures as MySQL, PostgreSQL and Oracle drivers report them
 * (their public message formats; the drivers are not here, so those exception types are built: see DATA.md).
 */
final class DbScenarios {
  private DbScenarios() {}

  /** The application's repository over JdbcTemplate. */
  static final class AccountRepository {
    final JdbcTemplate jdbc;

    AccountRepository(DataSource ds) {
      this.jdbc = new JdbcTemplate(ds);
    }

    void insertAccount(long id, String accountNo, Long customerId, BigDecimal balance) {
      jdbc.update("INSERT INTO accounts (id, account_no, customer_id, balance, status) VALUES (?, ?, ?, ?, 'ACTIVE')",
          id, accountNo, customerId, balance);
    }

    void insertTransfer(String requestId, long fromId, String to, BigDecimal amount, String ccy) {
      jdbc.update("INSERT INTO transfers (request_id, from_account_id, to_account_no, amount, currency) VALUES (?, ?, ?, ?, ?)",
          requestId, fromId, to, amount, ccy);
    }

    BigDecimal balanceOf(String accountNo) {
      return jdbc.queryForObject("SELECT balance FROM accounts WHERE account_no = ?", BigDecimal.class, accountNo);
    }

    int updateBalance(long id, BigDecimal balance, int version) {
      return jdbc.update("UPDATE accounts SET balance = ?, version = version + 1 WHERE id = ? AND version = ?",
          balance, id, version);
    }
  }

  static final class LedgerDao {
    int scan(Connection c, String sql) throws SQLException {
      int n = 0;
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) n++;
      }
      return n;
    }

    BigDecimal sum(Connection c, String sql) throws SQLException {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- db_constraint_violation (real H2 through JdbcTemplate and plain JDBC)
    l.add(cheap("db_constraint_violation", "h2.spring.duplicate-key", c -> fail(() ->
        new AccountRepository(c.res.h2()).insertAccount(c.s.id() + 100, c.s.pick("110-01-000001", "110-01-000002"), 1L,
            new BigDecimal(c.s.amount())))));
    l.add(cheap("db_constraint_violation", "h2.spring.integrity", c -> fail(() -> {
      AccountRepository repo = new AccountRepository(c.res.h2());
      switch (c.rnd.nextInt(4)) {
        case 0 -> repo.insertTransfer(c.s.txId(), 900_000 + c.s.id(), c.s.accountNo(), new BigDecimal(c.s.amount()), "KRW");
        case 1 -> repo.insertTransfer(c.s.txId(), 1, c.s.accountNo(), null, "KRW");
        case 2 -> repo.insertTransfer(c.s.txId(), 1, c.s.accountNo(), new BigDecimal("-" + c.s.amount()), "KRW");
        default -> repo.insertAccount(c.s.id() + 1000, c.s.accountNo(), 7_000_000 + c.s.id(), BigDecimal.TEN);
      }
    })));
    l.add(cheap("db_constraint_violation", "h2.jdbc.integrity", c -> fail(() -> {
      try (Connection con = c.res.h2().getConnection();
           PreparedStatement ps = con.prepareStatement(
               "INSERT INTO transfers (request_id, from_account_id, to_account_no, amount, currency) VALUES (?, ?, ?, ?, ?)")) {
        boolean dup = c.s.chance(0.5);
        ps.setString(1, dup ? "REQ-0001" : c.s.txId());
        ps.setLong(2, dup ? 1 : 800_000 + c.s.id());
        ps.setString(3, c.s.accountNo());
        ps.setBigDecimal(4, new BigDecimal(c.s.amount()));
        ps.setString(5, "KRW");
        ps.executeUpdate();
      }
    })));
    l.add(cheap("db_constraint_violation", "vendor.constraint", c -> Vendor.constraint(c)));
    // ---- db_sql_syntax
    l.add(cheap("db_sql_syntax", "h2.spring.bad-grammar", c -> fail(() -> {
      JdbcTemplate jdbc = new JdbcTemplate(c.res.h2());
      String sql = switch (c.rnd.nextInt(5)) {
        case 0 -> "SELECT * FROM " + c.s.pick("account", "transfer", "tb_account", "ACCOUNT_MASTER") + " WHERE id = ?";
        case 1 -> "SELECT " + c.s.pick("acct_no", "bal", "customerId", "amt") + " FROM accounts WHERE id = ?";
        case 2 -> "SELEC id FROM accounts WHERE id = ?";
        case 3 -> "SELECT id FROM accounts WHERE id = ? ORDER BY";
        default -> "UPDATE accounts SET balance = balance - WHERE id = ?";
      };
      if (sql.startsWith("UPDATE")) jdbc.update(sql, c.s.id());
      else jdbc.queryForList(sql, c.s.id());
    })));
    l.add(cheap("db_sql_syntax", "h2.jdbc.syntax", c -> fail(() -> {
      try (Connection con = c.res.h2().getConnection()) {
        new LedgerDao().sum(con, c.s.pick("SELECT SUM(amount) FROM ledger_entry",
            "SELECT SUM(amount) FROM ledger_entries WHERE account = 1", "SELECT SUM(amount) FROM ledger_entries GROUP",
            "SELECT SUM(amount) FROM ledger_entries WHERE memo = 'x"));
      }
    })));
    l.add(cheap("db_sql_syntax", "vendor.syntax", c -> Vendor.syntax(c)));
    // ---- db_lock_conflict
    l.add(costly("db_lock_conflict", "h2.lock-timeout", 3, c -> {
      DataSource ds = c.res.h2();
      try (Connection holder = ds.getConnection()) {
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
          st.executeUpdate("UPDATE accounts SET balance = balance WHERE id = 1");
        }
        try {
          if (c.s.chance(0.6)) {
            return fail(() -> new AccountRepository(ds).jdbc.update("UPDATE accounts SET balance = balance + ? WHERE id = 1",
                new BigDecimal(c.s.amount())));
          }
          return fail(() -> {
            try (Connection other = ds.getConnection(); Statement st = other.createStatement()) {
              st.executeQuery("SELECT * FROM accounts WHERE id = 1 FOR UPDATE");
            }
          });
        } finally {
          holder.rollback();
        }
      }
    }));
    l.add(cheap("db_lock_conflict", "vendor.lock", c -> Vendor.lock(c)));
    // ---- db_query_timeout
    l.add(costly("db_query_timeout", "h2.query-timeout", 3, c -> {
      try (Connection con = c.res.h2().getConnection()) {
        try (Statement st = con.createStatement()) {
          st.execute("SET QUERY_TIMEOUT " + c.s.between(30, 60));
        }
        // each row waits 2 ms and H2 checks the timeout every 128 rows, so it is noticed at the same row in every run
        // (a big join was caught at varying places)
        String slow = c.s.pick("SELECT X, SLEEP_MS(2) FROM SYSTEM_RANGE(1, 400)",
            "SELECT a.id, SLEEP_MS(2) FROM accounts a, SYSTEM_RANGE(1, 150) r");
        if (c.s.chance(0.5)) {
          return fail(() -> new JdbcTemplate(new SingleConnectionDataSource(con, true)).queryForList(slow));
        }
        return fail(() -> new LedgerDao().scan(con, slow));
      }
    }));
    l.add(cheap("db_query_timeout", "vendor.query-timeout", c -> Vendor.queryTimeout(c)));
    // ---- db_pool_exhausted
    l.add(costly("db_pool_exhausted", "hikari.pool-timeout", 3, c -> {
      HikariConfig cfg = new HikariConfig();
      cfg.setDataSource(c.res.h2());
      cfg.setMaximumPoolSize(1);
      cfg.setConnectionTimeout(250);
      String pool = c.s.pick("HikariPool-1", "HikariPool-2", "LedgerPool", "primary-pool", "HikariCP-read");
      cfg.setPoolName(pool);
      int shownTotal = c.s.pick(10, 10, 20, 30, 50);
      c.rewrite("request timed out after \\d+ms", m -> "request timed out after " + c.s.pick(30000, 30001, 30002, 5000, 10001) + "ms");
      c.rewrite("\\(total=\\d+, active=\\d+, idle=\\d+, waiting=\\d+\\)", m -> "(total=" + shownTotal + ", active=" + shownTotal
          + ", idle=0, waiting=" + c.s.between(0, 40) + ")");
      try (HikariDataSource ds = new HikariDataSource(cfg); Connection held = ds.getConnection()) {
        c.use(held);
        if (c.s.chance(0.5)) return fail(() -> new AccountRepository(ds).balanceOf("110-01-000001"));
        return fail(() -> {
          try (Connection second = ds.getConnection()) {
            c.use(second);
          }
        });
      }
    }));
    l.add(cheap("db_pool_exhausted", "constructed.other-pools", c -> {
      if (c.s.chance(0.5)) {
        java.util.NoSuchElementException root = new java.util.NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT"
            + c.s.pick(30, 10, 5) + "S");
        Grafts.top(root, """
            org.apache.commons.pool2.impl.GenericObjectPool|borrowObject|306
            org.apache.commons.pool2.impl.GenericObjectPool|borrowObject|233
            org.apache.commons.dbcp2.PoolingDataSource|getConnection|142
            org.apache.commons.dbcp2.BasicDataSource|getConnection|1441
            """);
        SQLException e = new SQLException("Cannot get a connection, pool error Timeout waiting for idle object, borrowMaxWaitDuration=PT"
            + c.s.pick(30, 10, 5) + "S", root);
        return Grafts.top(e, """
            org.apache.commons.dbcp2.PoolingDataSource|getConnection|148
            org.apache.commons.dbcp2.BasicDataSource|getConnection|1441
            """);
      }
      int size = c.s.pick(20, 50, 100);
      SQLException e = new SQLException("[" + c.s.pick("http-nio-8080-exec-" + c.s.between(1, 200), "scheduling-1") + "] Timeout: Pool empty. "
          + "Unable to fetch a connection in " + c.s.pick(30, 10, 5) + " seconds, none available[size:" + size + "; busy:" + size
          + "; idle:0; lastwait:" + c.s.pick(30000, 10000, 5000) + "].");
      c.type(PoolExhausted.class, "org.apache.tomcat.jdbc.pool.PoolExhaustedException");
      PoolExhausted p = new PoolExhausted(e.getMessage());
      return Grafts.top(p, """
          org.apache.tomcat.jdbc.pool.ConnectionPool|borrowConnection|720
          org.apache.tomcat.jdbc.pool.ConnectionPool|getConnection|198
          org.apache.tomcat.jdbc.pool.DataSourceProxy|getConnection|132
          """);
    }));
    // ---- db_connection_failure
    l.add(costly("db_connection_failure", "h2.bad-credentials", 4, c -> fail(() -> {
      c.res.h2();
      DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:logdx_scenarios", c.s.pick("app", "sa", "ledger_rw", "svc_payment"),
          "wrong-" + c.s.alnum(4));
      c.text("jdbc:h2:mem:logdx_scenarios", "jdbc:h2:mem:" + c.s.pick("bank", "ledger", "payments"));
      if (c.s.chance(0.6)) new JdbcTemplate(ds).queryForObject("SELECT 1", Integer.class);
      else {
        try (Connection con = ds.getConnection()) {
          c.use(con);
        }
      }
    })));
    l.add(costly("db_connection_failure", "hikari.init-failure", 2, c -> fail(() -> {
      c.res.h2();
      HikariConfig cfg = new HikariConfig();
      cfg.setJdbcUrl("jdbc:h2:mem:logdx_scenarios");
      cfg.setUsername(c.s.pick("app", "ledger_rw"));
      cfg.setPassword("wrong-" + c.s.alnum(4));
      cfg.setPoolName(c.s.pick("HikariPool-1", "LedgerPool"));
      c.text("jdbc:h2:mem:logdx_scenarios", "jdbc:h2:mem:bank");
      try (HikariDataSource ds = new HikariDataSource(cfg)) {
        c.use(ds);
      }
    })));
    l.add(costly("db_connection_failure", "h2.tcp-database-missing", 2, c -> fail(() -> {
      int port = c.res.h2TcpPort();
      String db = c.s.pick("ledger", "bank", "payments", "settlement");
      c.text("127.0.0.1:" + port, c.s.dbHost() + ":9092");
      try (Connection con = java.sql.DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + db, "sa", "")) {
        c.use(con);
      }
    })));
    l.add(cheap("db_connection_failure", "vendor.connection", c -> Vendor.connection(c)));
    // ---- resource_closed with JDBC (shares the label with the IO scenarios)
    l.add(cheap("resource_closed", "h2.closed-objects", c -> fail(() -> {
      Connection con = c.res.h2().getConnection();
      Statement st = con.createStatement();
      ResultSet rs = st.executeQuery("SELECT id FROM accounts");
      switch (c.rnd.nextInt(3)) {
        case 0 -> {
          rs.close();
          rs.next();
        }
        case 1 -> {
          con.close();
          st.executeQuery("SELECT 1");
        }
        default -> {
          con.close();
          con.prepareStatement("SELECT 1");
        }
      }
    })));
    l.add(costly("resource_closed", "hikari.closed", 2, c -> {
      HikariConfig cfg = new HikariConfig();
      cfg.setDataSource(c.res.h2());
      cfg.setMaximumPoolSize(2);
      cfg.setPoolName(c.s.pick("HikariPool-1", "HikariPool-3", "LedgerPool"));
      HikariDataSource ds = new HikariDataSource(cfg);
      if (c.s.chance(0.5)) {
        Connection con = ds.getConnection();
        con.close();
        Throwable t = fail(() -> con.createStatement());
        ds.close();
        return t;
      }
      ds.close();
      return fail(() -> ds.getConnection());
    }));
    // ---- entity_not_found
    l.add(cheap("entity_not_found", "spring.empty-result", c -> fail(() ->
        new AccountRepository(c.res.h2()).balanceOf(c.s.accountNo()))));
    l.add(cheap("entity_not_found", "jpa.not-found", c -> {
      String entity = c.s.pick("Account", "Customer", "Transfer", "Merchant", "Card", "LoanContract");
      long id = c.s.id();
      if (c.s.chance(0.4)) {
        return new jakarta.persistence.EntityNotFoundException(c.s.pick(
            "Unable to find " + entityClass(c, entity) + " with id " + id,
            entity + " not found with id: " + id, "No " + entity.toLowerCase() + " found for id " + id));
      }
      if (c.s.chance(0.5)) {
        return new jakarta.persistence.NoResultException("No result found for query [select a from " + entity + " a where a."
            + c.s.pick("accountNo", "customerNo", "requestId") + " = :" + c.s.pick("accountNo", "value", "id") + "]");
      }
      java.util.Optional<Object> found = java.util.Optional.empty();
      c.type(NotFound.class, c.s.pick(entity + "NotFoundException", "ResourceNotFoundException", "EntityNotFoundException",
          "DataNotFoundException"));
      return fail(() -> found.orElseThrow(() -> new NotFound(c.s.pick(entity + " not found: " + id,
          entity + " with id " + id + " does not exist", "존재하지 않는 " + c.s.pick("계좌", "고객", "거래") + "입니다. id=" + id,
          "Could not find " + entity.toLowerCase() + " " + id))));
    }));
    // ---- optimistic_lock
    l.add(cheap("optimistic_lock", "jdbc.version-check", c -> fail(() -> {
      AccountRepository repo = new AccountRepository(c.res.h2());
      long id = 1;
      int staleVersion = -c.s.between(1, 9);
      if (repo.updateBalance(id, new BigDecimal("1500000.00"), staleVersion) == 0) {
        String entity = entityClass(c, c.s.pick("Account", "Wallet", "Balance", "Order"));
        switch (c.rnd.nextInt(3)) {
          case 0 -> throw new org.springframework.dao.OptimisticLockingFailureException(
              "Row was updated or deleted by another transaction (or unsaved-value mapping was incorrect) : [" + entity + "#" + c.s.id() + "]");
          case 1 -> throw new jakarta.persistence.OptimisticLockException(
              "Row was updated or deleted by another transaction (or unsaved-value mapping was incorrect) : [" + entity + "#" + c.s.id() + "]");
          default -> {
            c.type(Stale.class, c.s.pick("org.hibernate.StaleObjectStateException",
                "org.springframework.orm.ObjectOptimisticLockingFailureException", "org.hibernate.StaleStateException"));
            throw new Stale(c.s.pick("Row was updated or deleted by another transaction (or unsaved-value mapping was incorrect) : ["
                + entity + "#" + c.s.id() + "]", "Batch update returned unexpected row count from update [0]; actual row count: 0; expected: 1",
                "Object of class [" + entity + "] with identifier [" + c.s.id() + "]: optimistic locking failed"));
          }
        }
      }
    })));
    // ---- transaction_rollback
    l.add(cheap("transaction_rollback", "spring.unexpected-rollback", c -> fail(() -> {
      DataSourceTransactionManager tm = new DataSourceTransactionManager(c.res.h2());
      TransactionTemplate outer = new TransactionTemplate(tm);
      outer.executeWithoutResult(s -> {
        try {
          new TransactionTemplate(tm).executeWithoutResult(inner -> {
            inner.setRollbackOnly();
          });
        } catch (RuntimeException e) {
          c.use(e);
        }
        new AccountRepository(c.res.h2()).jdbc.update("UPDATE ledger_entries SET memo = memo WHERE id = -1");
      });
    })));
    l.add(cheap("transaction_rollback", "constructed.jpa-rollback", c -> {
      jakarta.persistence.RollbackException rb = new jakarta.persistence.RollbackException(c.s.pick(
          "Error while committing the transaction", "Transaction marked as rollbackOnly",
          "Transaction was marked for rollback only; cannot commit"));
      Grafts.top(rb, """
          org.hibernate.internal.ExceptionConverterImpl|convertCommitException|76
          org.hibernate.engine.transaction.internal.TransactionImpl|commit|104
          org.springframework.orm.jpa.JpaTransactionManager|doCommit|562
          """);
      if (c.s.chance(0.6)) {
        return Grafts.top(new org.springframework.transaction.TransactionSystemException("Could not commit JPA transaction", rb), """
            org.springframework.orm.jpa.JpaTransactionManager|doCommit|566
            org.springframework.transaction.support.AbstractPlatformTransactionManager|processCommit|795
            org.springframework.transaction.support.AbstractPlatformTransactionManager|commit|758
            org.springframework.transaction.interceptor.TransactionAspectSupport|commitTransactionAfterReturning|698
            org.springframework.transaction.interceptor.TransactionAspectSupport|invokeWithinTransaction|416
            """);
      }
      return rb;
    }));
    // ---- lazy_initialization (no ORM here: Hibernate's messages and frames; see DATA.md)
    l.add(cheap("lazy_initialization", "constructed.hibernate-lazy", c -> {
      String entity = entityClass(c, c.s.pick("Account", "Customer", "Order", "Merchant", "Card"));
      String role = c.s.pick("transactions", "cards", "orderLines", "accounts", "limits", "histories");
      c.type(Lazy.class, "org.hibernate.LazyInitializationException");
      boolean collection = c.s.chance(0.6);
      Lazy e = new Lazy(collection
          ? c.s.pick("failed to lazily initialize a collection of role: " + entity + "." + role + ": could not initialize proxy - no Session",
              "failed to lazily initialize a collection of role: " + entity + "." + role + ", could not initialize proxy - no Session",
              "Cannot lazily initialize collection of role '" + entity + "." + role + "' with key '" + c.s.id() + "' (no session)")
          : c.s.pick("could not initialize proxy [" + entity + "#" + c.s.id() + "] - no Session",
              "Could not initialize proxy [" + entity + "#" + c.s.id() + "] - no session"));
      Grafts.top(e, collection ? """
          org.hibernate.collection.spi.AbstractPersistentCollection|throwLazyInitializationException|635
          org.hibernate.collection.spi.AbstractPersistentCollection|withTemporarySessionIfNeeded|218
          org.hibernate.collection.spi.AbstractPersistentCollection|initialize|615
          org.hibernate.collection.spi.AbstractPersistentCollection|read|136
          org.hibernate.collection.spi.PersistentBag|iterator|369
          """ : """
          org.hibernate.proxy.AbstractLazyInitializer|initialize|165
          org.hibernate.proxy.AbstractLazyInitializer|getImplementation|314
          org.hibernate.proxy.pojo.bytebuddy.ByteBuddyInterceptor|intercept|44
          org.hibernate.proxy.ProxyConfiguration$InterceptorDispatcher|intercept|102
          """);
      if (c.s.chance(0.3)) {
        return new com.fasterxml.jackson.databind.JsonMappingException(null, e.getMessage() + " (through reference chain: "
            + entity + "[\"" + role + "\"])", e);
      }
      return e;
    }));
    return l;
  }

  static String entityClass(Ctx c, String simple) {
    return c.s.pick("com.acme.payment.domain.", "kr.co.bank.account.entity.", "com.example.order.model.", "io.fintech.ledger.domain.",
        "kr.co.finpay.core.entity.") + simple;
  }

  static final class PoolExhausted extends SQLException {
    private static final long serialVersionUID = 1L;

    PoolExhausted(String m) {
      super(m);
    }
  }

  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String m) {
      super(m);
    }
  }

  static final class Stale extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stale(String m) {
      super(m);
    }
  }

  static final class Lazy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Lazy(String m) {
      super(m);
    }
  }
}
