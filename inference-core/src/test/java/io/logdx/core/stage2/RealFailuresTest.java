package io.logdx.core.stage2;

import static io.logdx.core.stage2.BankApplication.*;
import static io.logdx.core.stage2.TestHarness.explain;
import static io.logdx.core.stage2.TestHarness.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.logdx.core.Classifier.Taxonomy;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Scanner;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stage 2 on real failures: for every taxonomy label, code that really fails (JDK, H2, HikariCP, loopback
 * sockets and HTTP servers; for JPA, Spring and banking failures an exception of that name and wording thrown
 * by test code). Each failure is parsed as the engine parses it, classified with its gold label, explained in
 * both languages and checked: the expected variant, the entities the trace contains named in both languages,
 * nothing invented (see {@link TestHarness#assertGrounded}).
 */
class RealFailuresTest {
  private static final AtomicInteger DB_IDS = new AtomicInteger();

  /** One failure to explain: its label, the variant it should select, and what the text must name. */
  record Case(String label, String variant, Trial trial) {
    @Override
    public String toString() {
      return label + "." + variant;
    }
  }

  /** A real failure and the entities (from its trace) that the explanation must name. */
  record Made(Throwable failure, List<String> names) {}

  @FunctionalInterface
  interface Trial {
    Made make() throws Exception;
  }

  static Made made(Throwable t, String... names) {
    return new Made(t, List.of(names));
  }

  static Case c(String label, String variant, Trial trial) {
    return new Case(label, variant, trial);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namesTheEntitiesOfTheTraceAndInventsNone(Case c) throws Exception {
    Made m = c.trial().make();
    TestHarness.Explained x = explain(m.failure(), c.label());
    assertThat(x.variant)
        .as("variant for %s\n%s", m.failure(), x)
        .isEqualTo(c.label() + "." + c.variant());
    for (String name : m.names()) {
      assertThat(x.en.cause() + "\n" + x.en.fix())
          .as("English names %s\n%s", name, x)
          .contains(name);
      assertThat(x.ko.cause() + "\n" + x.ko.fix())
          .as("Korean names %s\n%s", name, x)
          .contains(name);
    }
  }

  @Test
  void everyTaxonomyLabelHasARealFailure() {
    Set<String> covered = new HashSet<>();
    cases().forEach(c -> covered.add(c.label()));
    assertThat(covered).containsAll(Taxonomy.ids());
  }

  static Stream<Case> cases() {
    return Stream.of(
        // ---------------------------------------------------------------- code
        c(
            "null_reference",
            "method_call",
            () -> {
              String customerName = lookupName(false);
              return made(thrown(() -> customerName.length()), "String.length()", "customerName");
            }),
        c(
            "null_reference",
            "map_lookup",
            () -> {
              Map<String, String> rates = new HashMap<>();
              return made(
                  thrown(() -> rates.get("KRW").trim()),
                  "java.util.Map.get(Object)",
                  "String.trim()");
            }),
        c(
            "null_reference",
            "unboxing",
            () -> {
              Map<String, Integer> limits = new HashMap<>();
              Integer limit = limits.get("daily");
              return made(thrown(() -> sum(limit, 1)), "Integer", "limit");
            }),
        c(
            "null_reference",
            "require_non_null",
            () -> made(thrown(() -> new Transfer(null)), "customerId")),
        c(
            "null_reference",
            "field",
            () -> made(thrown(() -> new Session().userName()), "name", "this.user")),
        c(
            "null_reference",
            "array",
            () -> {
              int[] amounts = emptyAmounts();
              return made(thrown(() -> amounts[0]++), "amounts");
            }),
        c(
            "illegal_argument",
            "enum",
            () ->
                made(
                    thrown(() -> PaymentStatus.valueOf("PAYED")),
                    "PAYED",
                    PaymentStatus.class.getCanonicalName())),
        c(
            "illegal_argument",
            "default",
            () -> made(thrown(() -> new ArrayList<String>(-3)), "Illegal Capacity: -3")),
        c(
            "illegal_state",
            "closed",
            () -> {
              Scanner s = new Scanner("a\nb");
              s.close();
              return made(thrown(s::nextLine), "Scanner closed");
            }),
        c(
            "number_format",
            "input",
            () -> made(thrown(() -> Integer.parseInt("12O0")), "12O0", "Integer.parseInt")),
        c(
            "number_format",
            "empty",
            () -> made(thrown(() -> Integer.parseInt(null)), "Cannot parse null string")),
        c(
            "class_cast",
            "cast",
            () -> {
              Map<String, Object> row = Map.of("amount", "1500");
              return made(thrown(() -> amountOf(row)), "java.lang.String", "java.lang.Integer");
            }),
        c(
            "index_out_of_bounds",
            "index_length",
            () -> made(thrown(() -> List.of(1, 2, 3).get(5)), "5", "3")),
        c(
            "index_out_of_bounds",
            "substring",
            () -> made(thrown(() -> "KRW".substring(1, 10)), "10")),
        c(
            "index_out_of_bounds",
            "negative_size",
            () -> {
              int n = 2 - 7;
              return made(thrown(() -> allocate(n)), "-5");
            }),
        c(
            "arithmetic",
            "by_zero",
            () -> {
              int count = 0;
              return made(thrown(() -> average(100, count)), "/ by zero");
            }),
        c(
            "arithmetic",
            "non_terminating",
            () -> made(thrown(() -> BigDecimal.ONE.divide(BigDecimal.valueOf(3))))),
        c(
            "concurrent_modification",
            "default",
            () -> {
              List<String> ids = new ArrayList<>(List.of("a", "b", "c"));
              return made(
                  thrown(
                      () -> {
                        for (String id : ids) {
                          if (id.equals("a")) ids.remove(id);
                        }
                      }),
                  "checkForComodification");
            }),
        c(
            "unsupported_operation",
            "immutable",
            () -> {
              List<String> fees = List.of("wire");
              return made(thrown(() -> fees.add("card")));
            }),
        c(
            "unsupported_operation",
            "fixed_size",
            () -> {
              List<String> fees = Arrays.asList("wire", "card");
              return made(thrown(() -> fees.add("cash")));
            }),
        c(
            "no_such_element",
            "optional",
            () -> {
              Optional<String> owner = Optional.empty();
              return made(thrown(owner::orElseThrow), "Optional.orElseThrow");
            }),
        c(
            "no_such_element",
            "iterator",
            () -> {
              Iterator<String> it = new ArrayList<String>().iterator();
              return made(thrown(it::next));
            }),
        c(
            "stack_overflow",
            "recursion",
            () -> made(thrown(() -> depth(new Node())), "BankApplication.walk")),
        c(
            "out_of_memory",
            "array_limit",
            () ->
                made(
                    thrown(() -> allocateLongs(Integer.MAX_VALUE)),
                    "Requested array size exceeds VM limit")),
        c(
            "class_loading",
            "missing_class",
            () ->
                made(
                    thrown(() -> Class.forName("io.logdx.payments.gateway.LegacyGateway")),
                    "io.logdx.payments.gateway.LegacyGateway")),
        c(
            "class_loading",
            "version",
            () -> {
              byte[] bytes = classBytes(Probe.class);
              bytes[6] = 0;
              bytes[7] = 99;
              return made(
                  thrown(() -> new BytesLoader().define(bytes)), "99.0", "BankApplication$Probe");
            }),
        c(
            "date_time_parse",
            "field_value",
            () ->
                made(
                    thrown(() -> LocalDate.parse("2024-13-05")),
                    "2024-13-05",
                    "MonthOfYear",
                    "13",
                    "1 - 12")),
        c(
            "date_time_parse",
            "field_value",
            () ->
                made(thrown(() -> LocalTime.parse("25:10")), "25:10", "HourOfDay", "25", "0 - 23")),
        c(
            "date_time_parse",
            "index",
            () -> made(thrown(() -> LocalDate.parse("2024/01/05")), "2024/01/05", "4")),
        c(
            "deserialization",
            "stream_header",
            () ->
                made(
                    thrown(
                        () ->
                            new ObjectInputStream(
                                new ByteArrayInputStream(
                                    "ABCDEFGH".getBytes(StandardCharsets.US_ASCII)))),
                    "41424344")),
        c(
            "deserialization",
            "default",
            () ->
                made(
                    thrown(
                        () ->
                            javax.xml.parsers.DocumentBuilderFactory.newInstance()
                                .newDocumentBuilder()
                                .parse(
                                    new org.xml.sax.InputSource(
                                        new StringReader("<payment><amount>1</payment>")))),
                    "amount")),

        // ---------------------------------------------------------------- io
        c(
            "file_not_found",
            "path",
            () -> {
              // a fixed folder: a temporary one is named with 19 random digits, which pass the Luhn
              // check one time in ten and are then rightly masked as a card number, so that the
              // path no longer shows as thrown
              Path missing =
                  Files.createDirectories(Path.of("target", "stage2-files"))
                      .toAbsolutePath()
                      .resolve("settlement-missing.csv");
              return made(thrown(() -> Files.readAllBytes(missing)), missing.toString());
            }),
        c(
            "permission_denied",
            "path",
            () ->
                made(
                    thrown(() -> exportTo("/srv/payments/export/settlement.csv")),
                    "/srv/payments/export/settlement.csv")),
        c(
            "disk_full",
            "default",
            () ->
                made(
                    thrown(
                        () -> {
                          try (FileOutputStream out = new FileOutputStream("/dev/full")) {
                            out.write(new byte[64]);
                          }
                        }),
                    "No space left on device")),
        c(
            "resource_closed",
            "stream",
            () -> {
              BufferedReader r = new BufferedReader(new StringReader("a"));
              r.close();
              return made(thrown(r::readLine), "Stream closed");
            }),
        c(
            "resource_closed",
            "jdbc",
            () -> {
              Connection conn = h2();
              conn.close();
              return made(thrown(conn::createStatement), "The object is already closed");
            }),
        c(
            "resource_closed",
            "channel",
            () -> {
              Path p = Files.createTempFile("stage2", ".bin");
              FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
              ch.close();
              return made(thrown(() -> ch.size()), "ClosedChannelException");
            }),

        // ---------------------------------------------------------------- network
        c(
            "connection_refused",
            "default",
            () -> {
              int port = freePort();
              return made(
                  thrown(() -> SocketChannel.open(new InetSocketAddress("127.0.0.1", port))));
            }),
        c(
            "connection_refused",
            "host_port",
            () -> {
              int port = freePort();
              return made(
                  thrown(
                      () ->
                          DriverManager.getConnection(
                              "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:pay", "sa", "")),
                  "127.0.0.1:" + port);
            }),
        c(
            "socket_timeout",
            "read",
            () -> {
              try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                  Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                s.setSoTimeout(50);
                return made(thrown(() -> s.getInputStream().read()));
              }
            }),
        c(
            "connection_reset",
            "default",
            () -> {
              try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                  Socket client =
                      new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                try (Socket accepted = server.accept()) {
                  accepted.setSoLinger(true, 0);
                }
                return made(thrown(() -> client.getInputStream().read()), "Connection reset");
              }
            }),
        c(
            "unknown_host",
            "host",
            () -> made(thrown(() -> resolve("payments.internal")), "payments.internal")),
        c(
            "unknown_host",
            "default",
            () ->
                made(
                    thrown(
                        () ->
                            SocketChannel.open(
                                InetSocketAddress.createUnresolved("payments.internal", 443))))),
        c(
            "tls_failure",
            "plaintext",
            () -> {
              try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                Thread t =
                    new Thread(
                        () -> {
                          try (Socket s = server.accept()) {
                            s.getOutputStream()
                                .write(
                                    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                            s.getInputStream().read(new byte[1024]);
                          } catch (IOException ignored) {
                            // the client gives up on its own
                          }
                        });
                t.start();
                try (SSLSocket s =
                    (SSLSocket)
                        SSLSocketFactory.getDefault()
                            .createSocket("127.0.0.1", server.getLocalPort())) {
                  s.setSoTimeout(5000);
                  Made m =
                      made(thrown(s::startHandshake), "Unsupported or unrecognized SSL message");
                  t.join(5000);
                  return m;
                }
              }
            }),
        c("http_client_error", "conflict", () -> httpFailure(409, "/payments/77")),
        c("http_server_error", "unavailable", () -> httpFailure(503, "/payments")),
        c("rate_limited", "http", () -> httpFailure(429, "/quotes")),
        c("authentication_failure", "http", () -> httpFailure(401, "/accounts")),
        c("authorization_denied", "http", () -> httpFailure(403, "/admin/limits")),

        // ---------------------------------------------------------------- database
        c(
            "db_connection_failure",
            "auth",
            () -> {
              String url = "jdbc:h2:mem:auth" + DB_IDS.incrementAndGet();
              try (Connection owner = DriverManager.getConnection(url, "payments", "right-one")) {
                assertThat(owner.isValid(1))
                    .as("the database exists and the right password works")
                    .isTrue();
                return made(
                    thrown(() -> DriverManager.getConnection(url, "payments", "wrong-one")),
                    "Wrong user name or password");
              }
            }),
        c(
            "db_pool_exhausted",
            "pool",
            () -> {
              HikariConfig cfg = new HikariConfig();
              cfg.setJdbcUrl("jdbc:h2:mem:pool" + DB_IDS.incrementAndGet());
              cfg.setMaximumPoolSize(1);
              cfg.setConnectionTimeout(250);
              cfg.setPoolName("payments-pool");
              try (HikariDataSource ds = new HikariDataSource(cfg);
                  Connection held = ds.getConnection()) {
                Made m = made(thrown(ds::getConnection), "payments-pool");
                assertThat(held.isValid(1)).isTrue();
                return m;
              }
            }),
        c(
            "db_constraint_violation",
            "unique",
            () -> {
              try (Connection conn = h2();
                  Statement st = conn.createStatement()) {
                st.execute(
                    "CREATE TABLE customers (id BIGINT PRIMARY KEY, login VARCHAR(40), CONSTRAINT uk_customers_login UNIQUE (login))");
                st.execute("INSERT INTO customers VALUES (1, 'kim')");
                return made(
                    thrown(() -> insertCustomer(conn, 2, "kim")),
                    "UK_CUSTOMERS_LOGIN",
                    "CUSTOMERS",
                    "'kim'");
              }
            }),
        c(
            "db_constraint_violation",
            "foreign_key",
            () -> {
              try (Connection conn = h2();
                  Statement st = conn.createStatement()) {
                st.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY)");
                st.execute(
                    "CREATE TABLE transfers (id BIGINT PRIMARY KEY, account_id BIGINT,"
                        + " CONSTRAINT fk_transfers_account FOREIGN KEY (account_id) REFERENCES accounts(id))");
                return made(
                    thrown(() -> st.execute("INSERT INTO transfers VALUES (1, 99)")),
                    "FK_TRANSFERS_ACCOUNT",
                    "TRANSFERS");
              }
            }),
        c(
            "db_constraint_violation",
            "not_null",
            () -> {
              try (Connection conn = h2();
                  Statement st = conn.createStatement()) {
                st.execute(
                    "CREATE TABLE ledger (id BIGINT PRIMARY KEY, currency VARCHAR(3) NOT NULL)");
                return made(
                    thrown(() -> st.execute("INSERT INTO ledger (id) VALUES (1)")), "CURRENCY");
              }
            }),
        c(
            "db_constraint_violation",
            "check",
            () -> {
              try (Connection conn = h2();
                  Statement st = conn.createStatement()) {
                st.execute(
                    "CREATE TABLE fees (id BIGINT PRIMARY KEY, amount DECIMAL(10,2), CONSTRAINT ck_fees_positive CHECK (amount > 0))");
                return made(
                    thrown(() -> st.execute("INSERT INTO fees VALUES (1, -5)")),
                    "CK_FEES_POSITIVE");
              }
            }),
        c(
            "db_sql_syntax",
            "table_missing",
            () -> {
              try (Connection conn = h2();
                  Statement st = conn.createStatement()) {
                return made(
                    thrown(() -> st.executeQuery("SELECT * FROM payments_archive")),
                    "PAYMENTS_ARCHIVE");
              }
            }),
        c(
            "db_sql_syntax",
            "default",
            () -> {
              try (Connection conn = h2();
                  Statement st = conn.createStatement()) {
                return made(thrown(() -> st.executeQuery("SELEC id FROM dual")));
              }
            }),
        c(
            "db_lock_conflict",
            "default",
            () -> {
              String url = "jdbc:h2:mem:lock" + DB_IDS.incrementAndGet() + ";LOCK_TIMEOUT=100";
              try (Connection a = DriverManager.getConnection(url);
                  Connection b = DriverManager.getConnection(url);
                  Statement sa = a.createStatement();
                  Statement sb = b.createStatement()) {
                sa.execute("CREATE TABLE balances (id BIGINT PRIMARY KEY, amount BIGINT)");
                sa.execute("INSERT INTO balances VALUES (1, 100)");
                a.setAutoCommit(false);
                sa.executeUpdate("UPDATE balances SET amount = 90 WHERE id = 1");
                Made m =
                    made(
                        thrown(
                            () -> sb.executeUpdate("UPDATE balances SET amount = 80 WHERE id = 1")),
                        "BALANCES");
                a.rollback();
                return m;
              }
            }),
        c(
            "db_query_timeout",
            "default",
            () -> {
              try (Connection conn = h2();
                  Statement st = conn.createStatement()) {
                st.execute("SET QUERY_TIMEOUT 100");
                return made(
                    thrown(
                        () ->
                            st.executeQuery(
                                "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b WHERE a.X + b.X = 3")));
              }
            }),
        c(
            "optimistic_lock",
            "entity",
            () -> {
              try (Connection conn = h2();
                  Statement st = conn.createStatement()) {
                st.execute(
                    "CREATE TABLE account (id BIGINT PRIMARY KEY, balance BIGINT, version INT)");
                st.execute("INSERT INTO account VALUES (42, 1000, 2)");
                return made(thrown(() -> updateBalance(conn, 42, 900, 1)), "Account", "42");
              }
            }),
        c("transaction_rollback", "rollback_only", () -> made(thrown(() -> commitTransfer(true)))),
        c(
            "entity_not_found",
            "entity",
            () -> {
              try (Connection conn = h2();
                  Statement st = conn.createStatement()) {
                st.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY)");
                return made(thrown(() -> findOrder(conn, 42)), "io.logdx.core.stage2.Order", "42");
              }
            }),
        c(
            "lazy_initialization",
            "collection",
            () ->
                made(
                    thrown(() -> new DetachedOrder().items()), "io.logdx.core.stage2.Order.items")),

        // ---------------------------------------------------------------- concurrency
        c(
            "timeout",
            "default",
            () -> {
              CompletableFuture<String> quote = new CompletableFuture<>();
              return made(thrown(() -> quote.get(20, TimeUnit.MILLISECONDS)));
            }),
        c(
            "task_rejected",
            "saturated",
            () -> {
              CountDownLatch release = new CountDownLatch(1);
              ThreadPoolExecutor pool =
                  new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
              try {
                pool.execute(() -> await(release));
                pool.execute(() -> await(release));
                return made(
                    thrown(() -> pool.execute(() -> {})),
                    "java.util.concurrent.ThreadPoolExecutor");
              } finally {
                release.countDown();
                pool.shutdown();
                assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
              }
            }),
        c(
            "task_rejected",
            "shutdown",
            () -> {
              ThreadPoolExecutor pool =
                  new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
              pool.shutdown();
              return made(thrown(() -> pool.execute(() -> {})), "Terminated");
            }),
        c(
            "interrupted",
            "default",
            () -> {
              Thread.currentThread().interrupt();
              return made(thrown(() -> Thread.sleep(10)), "sleep interrupted");
            }),

        // ---------------------------------------------------------------- config, security,
        // finance, other
        c(
            "configuration_error",
            "bundle",
            () ->
                made(
                    thrown(
                        () -> ResourceBundle.getBundle("io.logdx.payments.messages", Locale.KOREA)),
                    "io.logdx.payments.messages",
                    "ko_KR")),
        c(
            "validation_failure",
            "field",
            () ->
                made(
                    thrown(() -> validateTransfer(BigDecimal.ZERO)),
                    "amount",
                    "must be greater than 0")),
        c(
            "insufficient_balance",
            "amounts",
            () ->
                made(
                    thrown(() -> debit("110-234-567890", "5,000.00")),
                    "1,000.00 KRW",
                    "5,000.00 KRW",
                    "<account>")),
        c(
            "limit_exceeded",
            "amounts",
            () ->
                made(
                    thrown(() -> checkDailyLimit("7,500,000")),
                    "5,000,000 KRW",
                    "7,500,000 KRW",
                    "Daily")),
        c(
            "duplicate_transaction",
            "key",
            () -> made(thrown(() -> submitTransfer("7f3c9a2e-51b4")), "7f3c9a2e-51b4")),
        c(
            "account_unavailable",
            "state",
            () -> made(thrown(() -> openAccount("110-234-567890")), "frozen", "<account>")),
        c(
            "unknown",
            "message",
            () -> made(thrown(() -> calibrate()), "calibration drift beyond tolerance")));
  }

  // ---------------------------------------------------------------- test infrastructure

  private static byte[] classBytes(Class<?> c) throws IOException {
    String name = "/" + c.getName().replace('.', '/') + ".class";
    try (InputStream in = c.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Made httpFailure(int status, String path) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
      Throwable t =
          thrown(
              () -> {
                HttpURLConnection conn = (HttpURLConnection) new URL(url).openConnection();
                conn.setConnectTimeout(2000);
                conn.setReadTimeout(2000);
                try (InputStream in = conn.getInputStream()) {
                  in.readAllBytes();
                }
              });
      return made(t, Integer.toString(status), url);
    } finally {
      server.stop(0);
    }
  }

  private static Connection h2() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:mem:stage2_" + DB_IDS.incrementAndGet(), "sa", "");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
