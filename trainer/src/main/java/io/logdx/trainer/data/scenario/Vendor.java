package io.logdx.trainer.data.scenario;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Grafts;
import java.sql.SQLException;

/**
 * Database failures as MySQL Connector/J, the PostgreSQL driver and Oracle's driver report them. Those drivers and
 * servers are not on this machine, so the exception is built with the vendor's public message format and type name,
 * the driver's frames on top, and, as often as applications do it, Spring's real translation types around it.
 */
final class Vendor {
  private Vendor() {}

  enum Db { MYSQL, POSTGRES, ORACLE }

  /** Stands for a vendor's own SQLException subclass; shown under the vendor's type name. */
  static final class VendorSqlException extends SQLException {
    private static final long serialVersionUID = 1L;

    VendorSqlException(String m, String state, int code) {
      super(m, state, code);
    }
  }

  /** Stands for Hibernate's JDBC exception wrappers. */
  static final class OrmJdbcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OrmJdbcException(String m, Throwable cause) {
      super(m, cause);
    }
  }

  static final String MYSQL_EXEC = """
      com.mysql.cj.jdbc.exceptions.SQLError|createSQLException|121
      com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping|translateException|122
      com.mysql.cj.jdbc.ClientPreparedStatement|executeInternal|912
      com.mysql.cj.jdbc.ClientPreparedStatement|executeUpdateInternal|1054
      com.mysql.cj.jdbc.ClientPreparedStatement|executeLargeUpdate|1003
      com.mysql.cj.jdbc.ClientPreparedStatement|executeUpdate|988
      com.zaxxer.hikari.pool.ProxyPreparedStatement|executeUpdate|61
      com.zaxxer.hikari.pool.HikariProxyPreparedStatement|executeUpdate|-1
      """;
  static final String PG_EXEC = """
      org.postgresql.core.v3.QueryExecutorImpl|receiveErrorResponse|2725
      org.postgresql.core.v3.QueryExecutorImpl|processResults|2412
      org.postgresql.core.v3.QueryExecutorImpl|execute|371
      org.postgresql.jdbc.PgStatement|executeInternal|502
      org.postgresql.jdbc.PgStatement|execute|419
      org.postgresql.jdbc.PgPreparedStatement|executeWithFlags|194
      org.postgresql.jdbc.PgPreparedStatement|executeUpdate|155
      com.zaxxer.hikari.pool.ProxyPreparedStatement|executeUpdate|61
      com.zaxxer.hikari.pool.HikariProxyPreparedStatement|executeUpdate|-1
      """;
  static final String ORA_EXEC = """
      oracle.jdbc.driver.T4CTTIoer11|processError|630
      oracle.jdbc.driver.T4CTTIoer11|processError|564
      oracle.jdbc.driver.T4C8Oall|processError|1231
      oracle.jdbc.driver.T4CTTIfun|receive|772
      oracle.jdbc.driver.T4CTTIfun|doRPC|299
      oracle.jdbc.driver.T4C8Oall|doOALL|498
      oracle.jdbc.driver.T4CPreparedStatement|doOall8|152
      oracle.jdbc.driver.T4CPreparedStatement|executeForRows|1052
      oracle.jdbc.driver.OracleStatement|executeSQLStatement|1531
      oracle.jdbc.driver.OracleStatement|doExecuteWithTimeout|1311
      oracle.jdbc.driver.OraclePreparedStatement|executeInternal|3746
      oracle.jdbc.driver.OraclePreparedStatement|executeUpdate|4041
      oracle.jdbc.driver.OraclePreparedStatementWrapper|executeUpdate|1065
      com.zaxxer.hikari.pool.ProxyPreparedStatement|executeUpdate|61
      com.zaxxer.hikari.pool.HikariProxyPreparedStatement|executeUpdate|-1
      """;
  static final String HIKARI_CONNECT = """
      com.zaxxer.hikari.util.DriverDataSource|getConnection|137
      com.zaxxer.hikari.pool.PoolBase|newConnection|360
      com.zaxxer.hikari.pool.PoolBase|newPoolEntry|202
      com.zaxxer.hikari.pool.HikariPool|createPoolEntry|461
      com.zaxxer.hikari.pool.HikariPool|checkFailFast|550
      com.zaxxer.hikari.pool.HikariPool|<init>|98
      com.zaxxer.hikari.HikariDataSource|getConnection|111
      """;
  static final String SPRING_UPDATE = """
      org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator|doTranslate|243
      org.springframework.jdbc.support.AbstractFallbackSQLExceptionTranslator|translate|107
      org.springframework.jdbc.core.JdbcTemplate|translateException|1548
      org.springframework.jdbc.core.JdbcTemplate|execute|677
      org.springframework.jdbc.core.JdbcTemplate|update|970
      org.springframework.jdbc.core.JdbcTemplate|update|1025
      """;
  static final String HIBERNATE = """
      org.hibernate.exception.internal.SQLStateConversionDelegate|convert|112
      org.hibernate.exception.internal.StandardSQLExceptionConverter|convert|37
      org.hibernate.engine.jdbc.spi.SqlExceptionHelper|convert|113
      org.hibernate.engine.jdbc.internal.ResultSetReturnImpl|executeUpdate|197
      org.hibernate.engine.jdbc.mutation.internal.AbstractMutationExecutor|performNonBatchedMutation|108
      org.hibernate.persister.entity.AbstractEntityPersister|insert|2897
      """;

  private static String exec(Db db) {
    return switch (db) {
      case MYSQL -> MYSQL_EXEC;
      case POSTGRES -> PG_EXEC;
      case ORACLE -> ORA_EXEC;
    };
  }

  private static Throwable sql(Ctx c, Db db, String jdkType, String vendorType, String msg, String state, int code, String frames) {
    SQLException e;
    if (vendorType != null) {
      c.type(VendorSqlException.class, vendorType);
      e = new VendorSqlException(msg, state, code);
    } else {
      e = switch (jdkType) {
        case "integrity" -> new java.sql.SQLIntegrityConstraintViolationException(msg, state, code);
        case "syntax" -> new java.sql.SQLSyntaxErrorException(msg, state, code);
        case "rollback" -> new java.sql.SQLTransactionRollbackException(msg, state, code);
        case "timeout" -> new java.sql.SQLTimeoutException(msg, state, code);
        case "recoverable" -> new java.sql.SQLRecoverableException(msg, state, code);
        case "connection" -> new java.sql.SQLNonTransientConnectionException(msg, state, code);
        default -> new SQLException(msg, state, code);
      };
    }
    return Grafts.top(e, frames == null ? exec(db) : frames);
  }

  /** Wraps like applications do: nothing, Spring's JdbcTemplate translation, or Hibernate then Spring. */
  private static Throwable wrap(Ctx c, Throwable root, String sql, String springKind) {
    int k = c.rnd.nextInt(10);
    if (k < 4) return root;
    String rootMsg = root.getMessage();
    if (k < 7) {
      String msg = c.s.chance(0.5) ? "PreparedStatementCallback; SQL [" + sql + "]; " + rootMsg
          : "PreparedStatementCallback; SQL [" + sql + "]; " + rootMsg + "; nested exception is " + c.s.pick(
              root.getClass().getName(), "java.sql.SQLException") + ": " + rootMsg;
      return Grafts.top(spring(springKind, msg, root), SPRING_UPDATE);
    }
    c.type(OrmJdbcException.class, switch (springKind) {
      case "duplicate", "integrity" -> "org.hibernate.exception.ConstraintViolationException";
      case "grammar" -> "org.hibernate.exception.SQLGrammarException";
      case "lock" -> "org.hibernate.exception.LockAcquisitionException";
      case "timeout" -> "org.hibernate.QueryTimeoutException";
      default -> "org.hibernate.exception.JDBCConnectionException";
    });
    String hmsg = c.s.pick("could not execute statement", "could not execute query",
        "could not execute statement [" + rootMsg + "] [" + sql + "]");
    Throwable h = Grafts.top(new OrmJdbcException(hmsg, root), HIBERNATE);
    if (c.s.chance(0.5)) return h;
    return spring(springKind, hmsg + "; SQL [" + (c.s.chance(0.5) ? "n/a" : sql) + "]"
        + (springKind.equals("duplicate") || springKind.equals("integrity") ? "; constraint [" + c.s.pick("uk_accounts_account_no",
            "fk_transfers_from_account", "null", "PRIMARY") + "]" : ""), h);
  }

  private static RuntimeException spring(String kind, String msg, Throwable cause) {
    return switch (kind) {
      case "duplicate" -> new org.springframework.dao.DuplicateKeyException(msg, cause);
      case "integrity" -> new org.springframework.dao.DataIntegrityViolationException(msg, cause);
      case "grammar" -> new org.springframework.jdbc.BadSqlGrammarException("PreparedStatementCallback",
          msg.replaceAll("^PreparedStatementCallback; SQL \\[(.*?)\\];.*$", "$1"), (SQLException) (cause instanceof SQLException ? cause
              : new SQLException(cause.getMessage(), cause)));
      case "lock" -> new org.springframework.dao.CannotAcquireLockException(msg, cause);
      case "deadlock" -> new org.springframework.dao.PessimisticLockingFailureException(msg, cause);
      case "timeout" -> new org.springframework.dao.QueryTimeoutException(msg, cause);
      default -> new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
          cause instanceof SQLException s ? s : new SQLException(cause));
    };
  }

  static Db db(Ctx c) {
    return c.s.pick(Db.MYSQL, Db.POSTGRES, Db.ORACLE);
  }

  static String schema(Ctx c) {
    return c.s.pick("BANK", "LEDGER", "PAY", "APP");
  }

  static Throwable constraint(Ctx c) {
    Db db = db(c);
    String table = c.s.table();
    String col = c.s.column();
    String value = c.s.pick(c.s.accountNo(), c.s.txId(), String.valueOf(c.s.id()));
    int kind = c.rnd.nextInt(4);
    String uk = "uk_" + table + "_" + col;
    String fk = "fk_" + table + "_" + c.s.pick("account", "customer", "merchant");
    String sql = "insert into " + table + " (" + col + ", amount, created_at) values (?, ?, ?)";
    String msg = switch (db) {
      case MYSQL -> switch (kind) {
        case 0 -> "Duplicate entry '" + value + "' for key '" + table + "." + uk + "'";
        case 1 -> "Cannot add or update a child row: a foreign key constraint fails (`bank`.`" + table + "`, CONSTRAINT `" + fk
            + "` FOREIGN KEY (`" + col + "`) REFERENCES `accounts` (`id`))";
        case 2 -> "Column '" + col + "' cannot be null";
        default -> "Check constraint '" + "chk_" + table + "_" + col + "' is violated.";
      };
      case POSTGRES -> switch (kind) {
        case 0 -> "ERROR: duplicate key value violates unique constraint \"" + uk + "\"\n  Detail: Key (" + col + ")=(" + value
            + ") already exists.";
        case 1 -> "ERROR: insert or update on table \"" + table + "\" violates foreign key constraint \"" + fk + "\"\n  Detail: Key ("
            + col + ")=(" + value + ") is not present in table \"accounts\".";
        case 2 -> "ERROR: null value in column \"" + col + "\" of relation \"" + table + "\" violates not-null constraint\n"
            + "  Detail: Failing row contains (" + c.s.id() + ", null, " + c.s.amount() + ").";
        default -> "ERROR: new row for relation \"" + table + "\" violates check constraint \"" + table + "_" + col + "_check\"";
      };
      case ORACLE -> switch (kind) {
        case 0 -> "ORA-00001: unique constraint (" + schema(c) + "." + uk.toUpperCase() + ") violated\n";
        case 1 -> "ORA-02291: integrity constraint (" + schema(c) + "." + fk.toUpperCase() + ") violated - parent key not found\n";
        case 2 -> "ORA-01400: cannot insert NULL into (\"" + schema(c) + "\".\"" + table.toUpperCase() + "\".\"" + col.toUpperCase() + "\")\n";
        default -> "ORA-02290: check constraint (" + schema(c) + ".CK_" + table.toUpperCase() + "_" + col.toUpperCase() + ") violated\n";
      };
    };
    Throwable root = switch (db) {
      case MYSQL -> sql(c, db, "integrity", null, msg, kind == 0 ? "23000" : "23000", kind == 0 ? 1062 : kind == 1 ? 1452 : 1048, null);
      case POSTGRES -> sql(c, db, null, "org.postgresql.util.PSQLException", msg, kind == 0 ? "23505" : kind == 1 ? "23503" : "23502", 0, null);
      case ORACLE -> sql(c, db, "integrity", null, msg, "23000", kind == 0 ? 1 : 2291, null);
    };
    return wrap(c, root, sql, kind == 0 ? "duplicate" : "integrity");
  }

  static Throwable syntax(Ctx c) {
    Db db = db(c);
    String table = c.s.table();
    String bad = c.s.pick("tb_" + table, table.substring(0, table.length() - 1), table + "_hist");
    String col = c.s.pick("acct_no", "amt", "customerId", "reg_dt", "use_yn");
    int kind = c.rnd.nextInt(3);
    String sql = kind == 2 ? "select * from " + table + " where status = ? order" : "select " + col + " from " + bad + " where id = ?";
    String msg = switch (db) {
      case MYSQL -> switch (kind) {
        case 0 -> "Table 'bank." + bad + "' doesn't exist";
        case 1 -> "Unknown column '" + col + "' in 'field list'";
        default -> "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the "
            + "right syntax to use near 'order' at line 1";
      };
      case POSTGRES -> switch (kind) {
        case 0 -> "ERROR: relation \"" + bad + "\" does not exist\n  Position: " + c.s.between(10, 40);
        case 1 -> "ERROR: column \"" + col + "\" does not exist\n  Position: 8";
        default -> "ERROR: syntax error at end of input\n  Position: " + c.s.between(30, 60);
      };
      case ORACLE -> switch (kind) {
        case 0 -> "ORA-00942: table or view does not exist\n";
        case 1 -> "ORA-00904: \"" + col.toUpperCase() + "\": invalid identifier\n";
        default -> "ORA-00933: SQL command not properly ended\n";
      };
    };
    Throwable root = switch (db) {
      case MYSQL -> sql(c, db, "syntax", null, msg, "42S02", kind == 0 ? 1146 : kind == 1 ? 1054 : 1064, null);
      case POSTGRES -> sql(c, db, null, "org.postgresql.util.PSQLException", msg, "42P01", 0, null);
      case ORACLE -> sql(c, db, "syntax", null, msg, "42000", 942, null);
    };
    return wrap(c, root, sql, "grammar");
  }

  static Throwable lock(Ctx c) {
    Db db = db(c);
    boolean deadlock = c.s.chance(0.5);
    String sql = "update accounts set balance = balance - ? where id = ?";
    String msg = switch (db) {
      case MYSQL -> deadlock ? "Deadlock found when trying to get lock; try restarting transaction"
          : "Lock wait timeout exceeded; try restarting transaction";
      case POSTGRES -> deadlock ? "ERROR: deadlock detected\n  Detail: Process " + c.s.between(1000, 60000) + " waits for ShareLock on transaction "
          + c.s.between(100000, 999999) + "; blocked by process " + c.s.between(1000, 60000) + "."
          : "ERROR: could not obtain lock on row in relation \"" + c.s.table() + "\"";
      case ORACLE -> deadlock ? "ORA-00060: deadlock detected while waiting for resource\n"
          : "ORA-00054: resource busy and acquire with NOWAIT specified or timeout expired\n";
    };
    Throwable root = switch (db) {
      case MYSQL -> sql(c, db, null, deadlock ? "com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException"
          : "com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException", msg, "40001", deadlock ? 1213 : 1205, null);
      case POSTGRES -> sql(c, db, null, "org.postgresql.util.PSQLException", msg, deadlock ? "40P01" : "55P03", 0, null);
      case ORACLE -> sql(c, db, deadlock ? "rollback" : "plain", null, msg, "61000", deadlock ? 60 : 54, null);
    };
    return wrap(c, root, sql, deadlock ? "deadlock" : "lock");
  }

  static Throwable queryTimeout(Ctx c) {
    Db db = db(c);
    String sql = "select sum(amount) from " + c.s.table() + " where created_at between ? and ?";
    Throwable root = switch (db) {
      case MYSQL -> sql(c, db, null, "com.mysql.cj.jdbc.exceptions.MySQLTimeoutException",
          "Statement cancelled due to timeout or client request", "S1009", 0, null);
      case POSTGRES -> sql(c, db, null, "org.postgresql.util.PSQLException",
          "ERROR: canceling statement due to statement timeout", "57014", 0, null);
      case ORACLE -> sql(c, db, "timeout", null, "ORA-01013: user requested cancel of current operation\n", "72000", 1013, null);
    };
    return wrap(c, root, sql, "timeout");
  }

  static Throwable connection(Ctx c) {
    Db db = db(c);
    String host = c.s.dbHost();
    String user = c.s.pick("app", "ledger_rw", "svc_payment", "batch_user");
    int kind = c.rnd.nextInt(3);
    String msg;
    String type = null;
    String jdk = "plain";
    String frames;
    switch (db) {
      case MYSQL -> {
        frames = "com.mysql.cj.jdbc.exceptions.SQLError|createCommunicationsException|175\n"
            + "com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping|translateException|64\n"
            + "com.mysql.cj.jdbc.ConnectionImpl|createNewIO|825\ncom.mysql.cj.jdbc.ConnectionImpl|<init>|446\n"
            + "com.mysql.cj.jdbc.ConnectionImpl|getInstance|239\ncom.mysql.cj.jdbc.NonRegisteringDriver|connect|188\n" + HIKARI_CONNECT;
        if (kind == 0) {
          type = "com.mysql.cj.jdbc.exceptions.CommunicationsException";
          msg = "Communications link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago. "
              + "The driver has not received any packets from the server.";
        } else if (kind == 1) {
          msg = "Access denied for user '" + user + "'@'10.0." + c.s.between(0, 40) + "." + c.s.between(2, 250) + "' (using password: YES)";
        } else {
          msg = "Unknown database '" + c.s.pick("bank", "ledger", "payment") + "'";
          jdk = "syntax";
        }
      }
      case POSTGRES -> {
        type = "org.postgresql.util.PSQLException";
        frames = "org.postgresql.core.v3.ConnectionFactoryImpl|openConnectionImpl|346\n"
            + "org.postgresql.core.ConnectionFactory|openConnection|54\norg.postgresql.jdbc.PgConnection|<init>|263\n"
            + "org.postgresql.Driver|makeConnection|443\norg.postgresql.Driver|connect|297\n" + HIKARI_CONNECT;
        msg = switch (kind) {
          case 0 -> "Connection to " + host + ":5432 refused. Check that the hostname and port are correct and that the postmaster "
              + "is accepting TCP/IP connections.";
          case 1 -> "FATAL: password authentication failed for user \"" + user + "\"";
          default -> "FATAL: database \"" + c.s.pick("bank", "ledger") + "\" does not exist";
        };
      }
      default -> {
        frames = "oracle.jdbc.driver.T4CConnection|logon|1003\noracle.jdbc.driver.PhysicalConnection|connect|1056\n"
            + "oracle.jdbc.driver.T4CDriverExtension|getConnection|90\noracle.jdbc.driver.OracleDriver|connect|681\n" + HIKARI_CONNECT;
        jdk = "recoverable";
        msg = switch (kind) {
          case 0 -> "IO Error: The Network Adapter could not establish the connection";
          case 1 -> "ORA-01017: invalid username/password; logon denied\n";
          default -> "Listener refused the connection with the following error:\nORA-12514, TNS:listener does not currently know of "
              + "service requested in connect descriptor\n";
        };
        if (kind == 1) jdk = "plain";
      }
    }
    Throwable root = sql(c, db, jdk, type, msg, "08001", 0, frames);
    if (c.s.chance(0.3)) {
      c.type(PoolInit.class, "com.zaxxer.hikari.pool.HikariPool$PoolInitializationException");
      return Grafts.top(new PoolInit("Failed to initialize pool: " + msg, root), """
          com.zaxxer.hikari.pool.HikariPool|throwPoolInitializationException|596
          com.zaxxer.hikari.pool.HikariPool|checkFailFast|582
          com.zaxxer.hikari.pool.HikariPool|<init>|98
          com.zaxxer.hikari.HikariDataSource|getConnection|111
          """);
    }
    return c.s.chance(0.5) ? root : spring("connection", "", root);
  }

  static final class PoolInit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoolInit(String m, Throwable cause) {
      super(m, cause);
    }
  }
}
