package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectOutputStream;
import java.io.PushbackInputStream;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.Selector;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.DecimalFormat;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Formatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Scanner;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The meanings of the "code" labels carried by other exception types than the JDK's namesake one, so that a model
 * learns the meaning and not "class name -> label" (taxonomy rule 2: the message decides over the class name):
 * <ul>
 *   <li>unsupported_operation: NIO channels opened for the other direction ({@code NonWritableChannelException},
 *       {@code NonReadableChannelException}), a read-only file system, unsupported socket address types, streams
 *       without mark/reset ({@code IOException: mark/reset not supported}), java.time and Joda-Time fields and units a
 *       type does not have ({@code UnsupportedTemporalTypeException}, Joda's "Field 'x' is not supported"), H2's
 *       {@code JdbcSQLFeatureNotSupportedException} and read-only/forward-only result sets (plain and through
 *       Spring's JdbcTemplate), {@code CloneNotSupportedException}, SpEL operators not supported between two types,
 *       and "not supported"/"not implemented" under driver, RPC, naming, commons-lang3 and application types (T);</li>
 *   <li>illegal_state: NIO channels in the wrong state (not yet connected or bound, connection pending, already
 *       connected or bound, blocking mode), monitors and locks not held ({@code IllegalMonitorStateException}), file
 *       locks already held ({@code OverlappingFileLockException}), threads already started, buffer and stream marks
 *       ({@code InvalidMarkException}, "Stream not marked"), objects used before their initialisation (key stores,
 *       signatures, ZIP entries, serialization callbacks), and state machines of Kafka
 *       transactions, Spring Batch jobs and applications (T). Closed resources are not here (resource_closed);</li>
 *   <li>number_format: {@code java.text.ParseException: Unparseable number} from NumberFormat/DecimalFormat,
 *       {@code InputMismatchException} from Scanner, Spring's {@code @NumberFormat} conversion
 *       ({@code ConversionFailedException} over "Parse attempt failed for value [x]"), and parse helpers that report
 *       a number they could not read under IllegalArgumentException or their own types without the
 *       NumberFormatException (R/T). Dates, payload fields and configuration values are left to their labels;</li>
 *   <li>illegal_argument: {@code java.util.IllegalFormatException}s from String.format/Formatter/printf,
 *       MessageFormat patterns, {@code IllformedLocaleException}, {@code IllegalCharsetNameException},
 *       {@code MalformedObjectNameException}, LDAP {@code InvalidNameException}, {@code URISyntaxException},
 *       reflective field and array access and method-handle calls with mismatched arguments
 *       ({@code WrongMethodTypeException}), negative offsets and bad open options in java.io/java.nio, crypto keys and
 *       IVs of the wrong length, Spring's MIME type and named-parameter checks, OpenSearch index names, commons-lang3
 *       checks, and application/RPC argument errors (T).</li>
 * </ul>
 */
final class CarrierScenarios {
  private CarrierScenarios() {}

  // ================================================================ shared carriers (shown under typed aliases)

  /** A checked carrier: shown as an I/O, driver or application type. */
  static final class CheckedCarrier extends IOException {
    private static final long serialVersionUID = 1L;

    CheckedCarrier(String m) {
      super(m);
    }
  }

  /** An unchecked carrier: shown as an RPC, framework or application type. */
  static final class RuntimeCarrier extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuntimeCarrier(String m) {
      super(m);
    }
  }

  /** A checked carrier that is not an IOException: shown as a batch framework or application type. */
  static final class BusinessCarrier extends Exception {
    private static final long serialVersionUID = 1L;

    BusinessCarrier(String m) {
      super(m);
    }
  }

  // ================================================================ unsupported_operation

  /** Writes, reads and locks a ledger file through channels and streams opened for something else. */
  static final class LedgerFileStore {
    final Path file;

    LedgerFileStore(Path file) {
      this.file = file;
    }

    void append(byte[] record) throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ch.write(ByteBuffer.wrap(record));
      }
    }

    byte[] readHeader() throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.allocate(8);
        ch.read(b);
        return b.array();
      }
    }

    void lockForUpdate() throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ch.lock().release();
      }
    }

    void mapForUpdate() throws IOException {
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
        raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, 8).put((byte) 1);
      }
    }

    void copyInto(byte[] record) throws IOException {
      try (FileInputStream in = new FileInputStream(file.toFile())) {
        in.getChannel().write(ByteBuffer.wrap(record));
      }
    }

    byte[] tail() throws IOException {
      try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
        ByteBuffer b = ByteBuffer.allocate(8);
        out.getChannel().read(b);
        return b.array();
      }
    }
  }

  /** Reads a stream twice by marking it; the streams it gets cannot do that. */
  static final class StatementReplayer {
    int replay(InputStream in) throws IOException {
      int first = in.read();
      in.reset();
      return first + in.read();
    }

    int replay(Reader in, boolean mark) throws IOException {
      if (mark) in.mark(64);
      int first = in.read();
      in.reset();
      return first;
    }
  }

  /** Extracts templates next to the JDK's own module resources: the jrt file system is read-only. */
  static final class ModuleResourceExtractor {
    void extract(String module, String name, byte[] content, int op) throws IOException {
      FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
      Path target = jrt.getPath("/modules", module, name);
      switch (op) {
        case 0 -> Files.write(target, content);
        case 1 -> Files.createDirectories(target.getParent().resolve("templates"));
        default -> Files.delete(jrt.getPath("/modules", module, "module-info.class"));
      }
    }
  }

  /** Sends settlement notifications over a datagram or socket channel to a local socket path. */
  static final class LocalNotifier {
    void bind(Path socketPath, boolean datagram) throws IOException {
      if (datagram) {
        try (DatagramChannel ch = DatagramChannel.open()) {
          ch.bind(java.net.UnixDomainSocketAddress.of(socketPath));
        }
      } else {
        try (SocketChannel ch = SocketChannel.open(java.net.StandardProtocolFamily.INET)) {
          ch.connect(java.net.UnixDomainSocketAddress.of(socketPath));
        }
      }
    }
  }

  /** Date arithmetic of a settlement calendar over java.time and Joda-Time values. */
  static final class SettlementCalendar {
    Object compute(int k, LocalDate date, LocalTime time, int n) {
      Instant instant = date.atTime(time).toInstant(java.time.ZoneOffset.ofHours(9));
      return switch (k) {
        case 0 -> date.get(pickField(n, ChronoField.HOUR_OF_DAY, ChronoField.MINUTE_OF_HOUR, ChronoField.INSTANT_SECONDS));
        case 1 -> time.plus(n, pickUnit(n, ChronoUnit.DAYS, ChronoUnit.MONTHS, ChronoUnit.WEEKS));
        case 2 -> instant.getLong(pickField(n, ChronoField.YEAR, ChronoField.MONTH_OF_YEAR, ChronoField.DAY_OF_MONTH));
        case 3 -> instant.plus(n, pickUnit(n, ChronoUnit.MONTHS, ChronoUnit.YEARS, ChronoUnit.WEEKS));
        case 4 -> instant.truncatedTo(pickUnit(n, ChronoUnit.MONTHS, ChronoUnit.WEEKS, ChronoUnit.YEARS));
        case 5 -> DateTimeFormatter.ofPattern(n % 2 == 0 ? "yyyy-MM-dd HH:mm" : "yyyyMMddHHmmss").format(date);
        case 6 -> date.until(date.plusDays(n), pickUnit(n, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS));
        case 7 -> YearMonth.from(date).with(ChronoField.DAY_OF_MONTH, 1 + n % 28);
        case 8 -> Duration.ofDays(n).get(pickUnit(n, ChronoUnit.MONTHS, ChronoUnit.DAYS, ChronoUnit.HOURS));
        case 9 -> time.get(pickField(n, ChronoField.DAY_OF_WEEK, ChronoField.DAY_OF_MONTH, ChronoField.EPOCH_DAY));
        case 10 -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(instant);
        case 11 -> new org.joda.time.LocalDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth())
            .get(n % 2 == 0 ? org.joda.time.DateTimeFieldType.hourOfDay() : org.joda.time.DateTimeFieldType.minuteOfHour());
        case 12 -> new org.joda.time.LocalTime(time.getHour(), time.getMinute())
            .get(n % 2 == 0 ? org.joda.time.DateTimeFieldType.dayOfMonth() : org.joda.time.DateTimeFieldType.monthOfYear());
        default -> new org.joda.time.LocalDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth())
            .withFieldAdded(n % 2 == 0 ? org.joda.time.DurationFieldType.hours() : org.joda.time.DurationFieldType.minutes(), n);
      };
    }

    private static ChronoField pickField(int n, ChronoField... f) {
      return f[n % f.length];
    }

    private static ChronoUnit pickUnit(int n, ChronoUnit... u) {
      return u[n % u.length];
    }
  }

  /** An account reader over plain JDBC that asks the driver for what H2 does not implement. */
  static final class AccountJdbcReader {
    final DataSource ds;

    AccountJdbcReader(DataSource ds) {
      this.ds = ds;
    }

    Object read(int k) throws SQLException {
      try (Connection c = ds.getConnection()) {
        switch (k) {
          case 0 -> {
            return c.createStruct("ACCOUNT_REF", new Object[] {1L, "110-01-000001"});
          }
          case 1 -> {
            c.setTypeMap(Map.of("ACCOUNT_REF", String.class));
            return c;
          }
          case 9 -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
              ps.setURL(1, new java.net.URL("http://localhost/accounts/1"));
              return ps.executeQuery();
            } catch (java.net.MalformedURLException e) {
              throw new IllegalStateException(e);
            }
          }
          case 10 -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET status = ? WHERE id = ?")) {
              ps.setRowId(2, null);
              return ps.executeUpdate();
            }
          }
          default -> { }
        }
        try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, k == 8 ? ResultSet.CONCUR_UPDATABLE : ResultSet.CONCUR_READ_ONLY);
            ResultSet rs = st.executeQuery(k == 8 ? "SELECT COUNT(*) AS cnt FROM accounts" : "SELECT id, account_no, balance, status FROM accounts")) {
          rs.next();
          return switch (k) {
            case 2 -> rs.getRef(2);
            case 3 -> rs.getURL(2);
            case 4 -> rs.getRowId(1);
            case 5 -> rs.getObject(3, Map.of("DECIMAL", BigDecimal.class));
            case 6 -> {
              rs.updateString("status", "FROZEN");
              rs.updateRow();
              yield rs;
            }
            case 7 -> {
              rs.next();
              rs.previous();
              yield rs;
            }
            case 8 -> {
              rs.updateInt(1, 0);
              rs.updateRow();
              yield rs;
            }
            default -> {
              rs.setFetchDirection(ResultSet.FETCH_REVERSE);
              yield rs;
            }
          };
        }
      }
    }
  }

  /** The same reads through Spring's JdbcTemplate: the translator makes InvalidDataAccessApiUsageException of them. */
  static final class AccountTemplateReader {
    final JdbcTemplate jdbc;

    AccountTemplateReader(DataSource ds) {
      this.jdbc = new JdbcTemplate(ds);
    }

    Object read(int k) {
      return switch (k) {
        case 0 -> jdbc.query("SELECT id, account_no FROM accounts", (rs, i) -> rs.getURL(2));
        case 1 -> jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Object>) c -> c.createStruct("ACCOUNT_REF", new Object[0]));
        case 2 -> jdbc.query("SELECT id, account_no FROM accounts", (rs, i) -> rs.getRef(1));
        case 3 -> {
          jdbc.query("SELECT id, status FROM accounts", (RowCallbackHandler) rs -> rs.updateString(2, "DORMANT"));
          yield null;
        }
        default -> {
          jdbc.query("SELECT id, status FROM accounts", (RowCallbackHandler) rs -> rs.previous());
          yield null;
        }
      };
    }
  }

  /** Domain objects copied with Object.clone without implementing Cloneable. */
  static final class RateCard {
    Object copy() throws CloneNotSupportedException {
      return clone();
    }
  }

  static final class TransferDraft {
    Object copy() throws CloneNotSupportedException {
      return clone();
    }
  }

  static final class SessionContext {
    Object copy() throws CloneNotSupportedException {
      return clone();
    }
  }

  static final class ReportTemplate {
    Object copy() throws CloneNotSupportedException {
      return clone();
    }
  }

  /** Evaluates fee rules written in SpEL over a transfer's values. */
  static final class FeeRuleEngine {
    Object evaluate(String rule, Map<String, Object> vars) {
      StandardEvaluationContext ctx = new StandardEvaluationContext();
      vars.forEach(ctx::setVariable);
      return new SpelExpressionParser().parseExpression(rule).getValue(ctx);
    }
  }

  /** A payment provider adapter that does not implement every operation. */
  static final class ProviderAdapter {
    final Set<String> implemented = Set.of("approve", "cancel", "inquire");

    void call(String operation, int kind, String message) throws Exception {
      if (implemented.contains(operation)) return;
      switch (kind) {
        case 0 -> throw new CheckedCarrier(message);
        case 1 -> throw new RuntimeCarrier(message);
        case 2 -> throw new java.sql.SQLFeatureNotSupportedException(message, "0A000");
        case 3 -> throw new javax.naming.OperationNotSupportedException(message);
        default -> throw new org.apache.commons.lang3.NotImplementedException(message);
      }
    }
  }

  // ================================================================ illegal_state

  /** A client of a notification gateway over NIO channels, used out of order. */
  static final class GatewayChannelClient {
    Object use(int k, int port) throws Exception {
      InetAddress lo = InetAddress.getLoopbackAddress();
      switch (k) {
        case 0 -> {
          try (SocketChannel ch = SocketChannel.open()) {
            return ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
          }
        }
        case 1 -> {
          try (SocketChannel ch = SocketChannel.open()) {
            return ch.read(ByteBuffer.allocate(16));
          }
        }
        case 2 -> {
          try (DatagramChannel ch = DatagramChannel.open()) {
            return ch.read(ByteBuffer.allocate(16));
          }
        }
        case 3 -> {
          try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            return ch.accept();
          }
        }
        case 4 -> {
          try (SocketChannel ch = SocketChannel.open()) {
            return ch.finishConnect();
          }
        }
        case 5 -> {
          try (SocketChannel ch = SocketChannel.open(); Selector sel = Selector.open()) {
            return ch.register(sel, SelectionKey.OP_CONNECT);
          }
        }
        case 6 -> {
          try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            ch.bind(new InetSocketAddress(lo, 0));
            return ch.bind(new InetSocketAddress(lo, 0));
          }
        }
        case 7 -> {
          try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(new InetSocketAddress(lo, port));
            return ch.send(ByteBuffer.wrap(new byte[] {1}), new InetSocketAddress(lo, port + 1));
          }
        }
        default -> {
          // a non-blocking connect to loopback is still pending when it returns; connect again while it is
          for (int attempt = 0; attempt < 10; attempt++) {
            try (SocketChannel ch = SocketChannel.open()) {
              ch.configureBlocking(false);
              if (!ch.connect(new InetSocketAddress(lo, port))) ch.connect(new InetSocketAddress(lo, port));
            }
          }
          return null;
        }
      }
    }
  }

  /** Coordination code that releases or waits on monitors and locks it does not hold. */
  static final class PayoutCoordinator {
    final Object monitor = new Object();
    final ReentrantLock lock = new ReentrantLock();
    final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    final Condition drained = lock.newCondition();

    void run(int k, Path lockFile) throws Exception {
      switch (k) {
        case 0 -> monitor.wait(100);
        case 1 -> monitor.notifyAll();
        case 2 -> monitor.notify();
        case 3 -> lock.unlock();
        case 4 -> rw.readLock().unlock();
        case 5 -> rw.writeLock().unlock();
        case 6 -> drained.await();
        case 7 -> drained.signalAll();
        case 8 -> new StampedLock().unlockWrite(0x180L);
        case 9 -> {
          try (FileChannel a = FileChannel.open(lockFile, StandardOpenOption.WRITE);
              FileChannel b = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock held = a.lock();
            try {
              FileLock second = b.tryLock();
              if (second != null) second.release();
            } finally {
              held.release();
            }
          }
        }
        case 10 -> {
          try (FileChannel a = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock held = a.lock(0, 64, false);
            try {
              a.lock(32, 64, false).release();
            } finally {
              held.release();
            }
          }
        }
        default -> {
          CountDownLatch release = new CountDownLatch(1);
          Thread worker = new Thread(() -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }, "payout-worker");
          worker.start();
          try {
            worker.setDaemon(true);
          } finally {
            release.countDown();
            worker.join();
          }
        }
      }
    }
  }

  /** Readers of buffers and streams that go back to a mark that was never set or no longer holds. */
  static final class RecordRewinder {
    Object rewind(int k, String record) throws IOException {
      byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
      switch (k) {
        case 0 -> {
          ByteBuffer b = ByteBuffer.wrap(bytes);
          b.get();
          return b.reset();
        }
        case 1 -> {
          CharBuffer cb = CharBuffer.wrap(record);
          cb.position(Math.min(4, record.length()));
          cb.mark();
          cb.position(1);
          return cb.reset();
        }
        case 2 -> {
          BufferedReader r = new BufferedReader(new StringReader(record));
          r.readLine();
          r.reset();
          return r;
        }
        case 3 -> {
          BufferedReader r = new BufferedReader(new StringReader(record + record), 2);
          r.mark(1);
          for (int i = 0; i < 6; i++) r.read();
          r.reset();
          return r;
        }
        default -> {
          BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(bytes));
          in.read();
          in.reset();
          return in;
        }
      }
    }
  }

  /** Objects used before the call that initialises them. */
  static final class StatementSigner {
    Object use(int k, String payload) throws Exception {
      byte[] data = payload.getBytes(StandardCharsets.UTF_8);
      switch (k) {
        case 0 -> {
          return java.security.KeyStore.getInstance("PKCS12").aliases();
        }
        case 1 -> {
          return java.security.KeyStore.getInstance("PKCS12").getCertificate("partner");
        }
        case 2 -> {
          return java.security.Signature.getInstance("SHA256withRSA").sign();
        }
        case 3 -> {
          java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
          s.update(data);
          return s;
        }
        case 4 -> {
          ZipOutputStream zip = new ZipOutputStream(new ByteArrayOutputStream());
          zip.write(data);
          zip.close();
          return null;
        }
        default -> {
          try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.defaultWriteObject();
          }
          return null;
        }
      }
    }
  }

  /** A transactional producer's state machine with the transitions Kafka's TransactionManager allows. */
  static final class TxnStateMachine {
    enum State { UNINITIALIZED, INITIALIZING, READY, IN_TRANSACTION, COMMITTING_TRANSACTION, ABORTING_TRANSACTION }

    State current;
    final String transactionalId;

    TxnStateMachine(String transactionalId, State current) {
      this.transactionalId = transactionalId;
      this.current = current;
    }

    void transitionTo(State target) {
      boolean valid = switch (target) {
        case UNINITIALIZED -> false;
        case INITIALIZING -> current == State.UNINITIALIZED;
        case READY -> current == State.INITIALIZING || current == State.COMMITTING_TRANSACTION
            || current == State.ABORTING_TRANSACTION;
        case IN_TRANSACTION -> current == State.READY;
        case COMMITTING_TRANSACTION, ABORTING_TRANSACTION -> current == State.IN_TRANSACTION;
      };
      if (!valid) {
        throw new RuntimeCarrier("TransactionalId " + transactionalId + ": Invalid transition attempted from state "
            + current.name() + " to state " + target.name());
      }
      current = target;
    }
  }

  /** Application components that check their own life cycle and status. */
  static final class LifecycleGuard {
    void check(int kind, String message) throws Exception {
      switch (kind) {
        case 0 -> throw new RuntimeCarrier(message);
        case 1 -> throw new BusinessCarrier(message);
        default -> throw new CheckedCarrier(message);
      }
    }
  }

  // ================================================================ number_format

  /** Reads amounts, rates and counts typed by users in their locale's format. */
  static final class LocalizedAmountReader {
    Number read(int k, String text) throws java.text.ParseException {
      NumberFormat f = switch (k) {
        case 0 -> NumberFormat.getInstance(Locale.KOREA);
        case 1 -> NumberFormat.getCurrencyInstance(Locale.KOREA);
        case 2 -> NumberFormat.getPercentInstance(Locale.US);
        case 3 -> new DecimalFormat("#,##0.00");
        case 4 -> NumberFormat.getCompactNumberInstance(Locale.US, NumberFormat.Style.SHORT);
        case 5 -> NumberFormat.getInstance(Locale.GERMANY);
        case 6 -> NumberFormat.getCurrencyInstance(Locale.US);
        case 7 -> NumberFormat.getIntegerInstance(Locale.JAPAN);
        default -> new org.springframework.format.number.NumberStyleFormatter("#,##0.###").getNumberFormat(Locale.US);
      };
      return f.parse(text);
    }

    Number readSpring(int k, String text) throws java.text.ParseException {
      return switch (k) {
        case 0 -> new org.springframework.format.number.NumberStyleFormatter().parse(text, Locale.US);
        case 1 -> new org.springframework.format.number.CurrencyStyleFormatter().parse(text, Locale.US);
        default -> new org.springframework.format.number.PercentStyleFormatter().parse(text, Locale.US);
      };
    }
  }

  /** Reads numbers from an operator's command line or a terminal prompt with java.util.Scanner. */
  static final class CommandInputReader {
    Object next(int k, String input, Locale locale) {
      Scanner sc = new Scanner(input).useLocale(locale);
      return switch (k) {
        case 0 -> sc.nextInt();
        case 1 -> sc.nextLong();
        case 2 -> sc.nextBigDecimal();
        case 3 -> sc.nextDouble();
        case 4 -> {
          sc.next();
          yield sc.nextInt();
        }
        default -> sc.nextShort();
      };
    }
  }

  /** A form bound by Spring's formatting conversion service ({@code @NumberFormat} fields of a request). */
  public static final class PaymentForm {
    @org.springframework.format.annotation.NumberFormat(pattern = "#,##0.00")
    public BigDecimal amount;
    @org.springframework.format.annotation.NumberFormat(style = org.springframework.format.annotation.NumberFormat.Style.CURRENCY)
    public BigDecimal fee;
    @org.springframework.format.annotation.NumberFormat(style = org.springframework.format.annotation.NumberFormat.Style.PERCENT)
    public Double rate;
    @org.springframework.format.annotation.NumberFormat
    public Long quantity;
    @org.springframework.format.annotation.NumberFormat(pattern = "#,###")
    public Integer installments;
  }

  static final class FormValueConverter {
    static final DefaultFormattingConversionService CONVERSION = new DefaultFormattingConversionService();

    Object convert(String field, String value) throws NoSuchFieldException {
      return CONVERSION.convert(value, TypeDescriptor.valueOf(String.class), new TypeDescriptor(PaymentForm.class.getField(field)));
    }
  }

  /** Parse helpers that check numeric text themselves and report what they could not read without the JDK cause. */
  static final class NumericTextParser {
    Number parse(int how, String text, int kind, String message) throws Exception {
      switch (how) {
        case 0 -> {
          if (!text.matches("-?\\d+(\\.\\d+)?")) throw failure(kind, message);
          return new BigDecimal(text);
        }
        case 1 -> {
          try {
            return new BigDecimal(text.trim());
          } catch (NumberFormatException e) {
            throw failure(kind, message);
          }
        }
        case 2 -> {
          try {
            return Long.parseLong(text);
          } catch (NumberFormatException e) {
            throw failure(kind, message);
          }
        }
        default -> {
          ParsePosition pos = new ParsePosition(0);
          Number n = NumberFormat.getInstance(Locale.US).parse(text, pos);
          if (n == null || pos.getIndex() != text.length()) throw failure(kind, message);
          return n;
        }
      }
    }

    private static Exception failure(int kind, String message) {
      return switch (kind) {
        case 0 -> new IllegalArgumentException(message);
        case 1 -> new RuntimeCarrier(message);
        default -> new BusinessCarrier(message);
      };
    }
  }

  // ================================================================ illegal_argument

  /** Builds receipt lines and notifications from templates and arguments. */
  static final class ReceiptFormatter {
    String format(int how, String template, Object... args) {
      return switch (how) {
        case 0 -> String.format(template, args);
        case 1 -> template.formatted(args);
        case 2 -> {
          try (Formatter f = new Formatter(new StringBuilder(), Locale.KOREA)) {
            yield f.format(template, args).toString();
          }
        }
        case 3 -> {
          ByteArrayOutputStream bos = new ByteArrayOutputStream();
          new java.io.PrintStream(bos, true, StandardCharsets.UTF_8).printf(template, args);
          yield bos.toString(StandardCharsets.UTF_8);
        }
        default -> MessageFormat.format(template, args);
      };
    }
  }

  /** Turns names handed over by callers (locales, charsets, MBean names, LDAP DNs, links) into JDK objects. */
  static final class NameResolver {
    Object resolve(int k, String value) throws Exception {
      return switch (k) {
        case 0 -> new Locale.Builder().setLanguage(value).build();
        case 1 -> new Locale.Builder().setRegion(value).build();
        case 2 -> new Locale.Builder().setLanguageTag(value).build();
        case 3 -> Charset.forName(value);
        case 4 -> new javax.management.ObjectName(value);
        case 5 -> new javax.naming.ldap.LdapName(value);
        case 6 -> new URI(value);
        case 7 -> new java.net.URL(value);
        default -> org.apache.commons.lang3.LocaleUtils.toLocale(value);
      };
    }
  }

  /** A command object bound field by field by reflection, and handlers called through method handles. */
  static final class TransferCommand {
    public BigDecimal amount;
    public long requestedAt;
    public String channel;
    public int retries;
  }

  static final class TransferHandler {
    public void handle(String accountNo, long amount) {
      if (accountNo == null || amount < 0) throw new AssertionError();
    }

    public static String mask(String accountNo) {
      return accountNo.substring(0, 3) + "***";
    }
  }

  static final class ReflectiveBinder {
    Object bind(int k, Object value) throws Throwable {
      TransferCommand cmd = new TransferCommand();
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      switch (k) {
        case 0 -> TransferCommand.class.getField("amount").set(cmd, value);
        case 1 -> TransferCommand.class.getField("requestedAt").set(cmd, value);
        case 2 -> TransferCommand.class.getField("channel").setInt(cmd, 3);
        case 3 -> TransferCommand.class.getField("retries").set(cmd, value);
        case 4 -> Array.set(new long[4], 0, value);
        case 5 -> Array.set(new BigDecimal[4], 1, value);
        case 6 -> {
          MethodHandle h = lookup.findVirtual(TransferHandler.class, "handle", MethodType.methodType(void.class, String.class, long.class));
          h.invokeExact(new TransferHandler(), (String) value, 5);
        }
        case 7 -> {
          MethodHandle h = lookup.findStatic(TransferHandler.class, "mask", MethodType.methodType(String.class, String.class));
          // value is an Object: the call site's type (Object)Object is not the handle's (String)String
          Object masked = h.invokeExact(value);
          return masked;
        }
        case 8 -> {
          MethodHandle h = lookup.findStatic(TransferHandler.class, "mask", MethodType.methodType(String.class, String.class));
          return h.invoke(7L);
        }
        default -> {
          MethodHandle h = lookup.findStatic(TransferHandler.class, "mask", MethodType.methodType(String.class, String.class));
          return h.invokeWithArguments(value, value);
        }
      }
      return cmd;
    }
  }

  /** File and crypto helpers called with offsets, options, keys and IVs they reject. */
  static final class ExportFileWriter {
    Object write(int k, Path file, int n) throws Exception {
      switch (k) {
        case 0 -> {
          try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(-n);
          }
        }
        case 1 -> {
          try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(-n);
          }
        }
        case 2 -> {
          try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(-n);
          }
        }
        case 3 -> Files.createTempFile(file.getParent(), "export/" + n, ".csv");
        case 4 -> {
          try (var ch = Files.newByteChannel(file, StandardOpenOption.READ, StandardOpenOption.APPEND)) {
            return ch.size();
          }
        }
        case 5 -> {
          try (var out = Files.newOutputStream(file, StandardOpenOption.READ)) {
            out.write(n);
          }
        }
        case 6 -> ByteBuffer.allocate(-n);
        case 7 -> {
          javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
          cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(new byte[n % 2 == 0 ? 5 + n % 9 : 17 + n % 7], "AES"));
        }
        case 8 -> {
          javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
          cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(new byte[16], "AES"),
              new javax.crypto.spec.IvParameterSpec(new byte[n % 2 == 0 ? 8 : 12]));
        }
        default -> {
          try (FileSystem zip = FileSystems.newFileSystem(file.resolveSibling("carrier-archive.zip"), Map.of("create", "true"))) {
            return file.getParent().resolve(zip.getPath("statements", "s" + n + ".csv"));
          }
        }
      }
      return null;
    }
  }

  /** Library checks of values handed over by callers: MIME types, SQL parameters, index names, ranges. */
  static final class LibraryArgumentUser {
    Object use(int k, String value, DataSource ds) {
      return switch (k) {
        case 0 -> org.springframework.util.MimeTypeUtils.parseMimeType(value);
        case 1 -> org.springframework.http.MediaType.parseMediaType(value);
        case 2 -> new NamedParameterJdbcTemplate(ds).queryForList(
            "SELECT id, balance FROM accounts WHERE account_no = :accountNo AND status = :status", Map.of("accountNo", value));
        case 3 -> new NamedParameterJdbcTemplate(ds).queryForList(
            "SELECT id FROM accounts WHERE account_no = :accountNo AND status = ?", Map.of("accountNo", value));
        case 4 -> {
          org.opensearch.cluster.metadata.MetadataCreateIndexService.validateIndexOrAliasName(value,
              org.opensearch.indices.InvalidIndexNameException::new);
          yield value;
        }
        case 5 -> {
          org.apache.commons.lang3.Validate.inclusiveBetween(1, 500, value.length() * 100L);
          yield value;
        }
        default -> org.springframework.http.HttpStatus.valueOf(900 + value.length() % 99);
      };
    }
  }

  /** Application services and RPC clients that reject an argument with their own type. */
  static final class ArgumentGuard {
    void reject(int kind, String message) throws Exception {
      switch (kind) {
        case 0 -> throw new RuntimeCarrier(message);
        case 1 -> throw new BusinessCarrier(message);
        default -> throw new CheckedCarrier(message);
      }
    }
  }

  // ================================================================ scenarios

  private static Path file(Ctx c, String name, String content) throws IOException {
    Path f = c.res.tempDir().resolve(name);
    if (!Files.exists(f)) Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bos)) {
      g.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return bos.toByteArray();
  }

  private static String provider(Ctx c) {
    return c.s.pick("TOSS", "KCP", "INICIS", "NICEPAY", "KAKAOPAY", "STRIPE", "ADYEN", "PAYPAL", "NAVERPAY");
  }

  private static String rpcMethod(Ctx c) {
    return c.s.pick("payments.v1.RefundService/PartialRefund", "ledger.v1.LedgerService/ReverseEntry",
        "transfer.v2.TransferService/ScheduleTransfer", "card.v1.CardService/IssueVirtualCard",
        "fx.v1.QuoteService/StreamQuotes", "account.v1.AccountService/CloseAccount", "settlement.v1.SettlementService/Recalculate");
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    unsupported(l);
    state(l);
    numbers(l);
    arguments(l);
    // Carriers are the less common way these failures show: at half the turns of the namesake scenarios they make
    // 30-38% of their labels' examples. At full turns they made half, and a plain
    // Integer.parseInt("ten") called from a main method read as configuration_error (whose start-up scenarios parse
    // flags in main): the usual way must stay the usual way.
    l.replaceAll(Scenario::lessOften);
    return l;
  }

  // ---------------------------------------------------------------- unsupported_operation

  private static void unsupported(List<Scenario> l) {
    l.add(cheap("unsupported_operation", "jdk.uoe.io-modes", c -> {
      Path f = file(c, "carrier-ledger.dat", "LEDGER0001|" + "0".repeat(32) + "\n");
      LedgerFileStore store = new LedgerFileStore(f);
      byte[] rec = (c.s.accountNo() + "|" + c.s.amount() + "\n").getBytes(StandardCharsets.UTF_8);
      String text = c.s.txId() + "," + c.s.amount() + "," + c.s.currency();
      int k = c.rnd.nextInt(13);
      return fail(() -> {
        switch (k) {
          case 0 -> store.append(rec);
          case 1 -> c.use(store.readHeader());
          case 2 -> store.lockForUpdate();
          case 3 -> store.mapForUpdate();
          case 4 -> store.copyInto(rec);
          case 5 -> c.use(store.tail());
          case 6 -> {
            try (InputStream in = new FileInputStream(f.toFile())) {
              new StatementReplayer().replay(in);
            }
          }
          case 7 -> new StatementReplayer().replay(new GZIPInputStream(new ByteArrayInputStream(gzip(text))));
          case 8 -> new StatementReplayer().replay(new PushbackInputStream(new ByteArrayInputStream(rec)));
          case 9 -> new StatementReplayer().replay(new InputStreamReader(new ByteArrayInputStream(rec), StandardCharsets.UTF_8), c.s.chance(0.5));
          case 10, 11 -> new ModuleResourceExtractor().extract(c.s.pick("java.base", "java.sql", "java.xml"),
              c.s.pick("receipt.ftl", "statement-template.html", "fee-rules.spel", "messages_ko.properties"), rec, c.rnd.nextInt(3));
          default -> new LocalNotifier().bind(c.res.tempDir().resolve("notify-" + c.s.digits(4) + ".sock"), c.s.chance(0.5));
        }
      });
    }));
    l.add(cheap("unsupported_operation", "jdk.uoe.temporal-fields", c -> {
      LocalDate date = LocalDate.parse(c.s.isoDate());
      LocalTime time = LocalTime.of(c.rnd.nextInt(24), c.rnd.nextInt(60));
      int k = c.rnd.nextInt(14);
      int n = c.s.between(1, 90);
      return fail(() -> c.use(new SettlementCalendar().compute(k, date, time, n)));
    }));
    l.add(cheap("unsupported_operation", "h2.jdbc.feature-not-supported", c -> {
      DataSource ds = c.res.h2();
      if (c.s.chance(0.35)) {
        int k = c.rnd.nextInt(5);
        return fail(() -> c.use(new AccountTemplateReader(ds).read(k)));
      }
      int k = c.rnd.nextInt(12);
      return fail(() -> c.use(new AccountJdbcReader(ds).read(k)));
    }));
    l.add(cheap("unsupported_operation", "lang.uoe.clone-and-operators", c -> {
      if (c.s.chance(0.55)) {
        Object target = switch (c.rnd.nextInt(4)) {
          case 0 -> new RateCard();
          case 1 -> new TransferDraft();
          case 2 -> new SessionContext();
          default -> new ReportTemplate();
        };
        return fail(() -> {
          if (target instanceof RateCard r) c.use(r.copy());
          else if (target instanceof TransferDraft d) c.use(d.copy());
          else if (target instanceof SessionContext s) c.use(s.copy());
          else c.use(((ReportTemplate) target).copy());
        });
      }
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("amount", new BigDecimal(c.s.amount()));
      vars.put("currency", c.s.currency());
      vars.put("approved", c.s.chance(0.5));
      vars.put("valueDate", LocalDate.parse(c.s.isoDate()));
      vars.put("items", List.of(c.s.txId(), c.s.txId()));
      vars.put("rate", Double.valueOf("0.0" + c.s.between(1, 9)));
      String rule = c.s.pick("#amount * #currency", "#valueDate - " + c.s.between(1, 30), "#items / 2", "#approved + 1",
          "#amount + #valueDate", "#rate * #items", "#currency - #amount", "#amount / #approved", "#items * #rate",
          "#valueDate + #amount", "#currency * #rate", "#approved - #approved");
      return fail(() -> c.use(new FeeRuleEngine().evaluate(rule, vars)));
    }));
    l.add(cheap("unsupported_operation", "app.uoe.carrier-types", c -> {
      String p = provider(c);
      String op = c.s.pick("partialRefund", "reverse", "scheduleTransfer", "bulkPayout", "preAuthorize", "recurringCharge", "split");
      int kind;
      String msg;
      switch (c.rnd.nextInt(9)) {
        case 0 -> {
          kind = 0;
          c.type(CheckedCarrier.class, c.s.pick("java.io.IOException", "java.nio.file.FileSystemException"));
          msg = c.s.chance(0.5) ? "Operation not supported" : c.s.pick("/mnt/nas/statements/", "/data/share/settlement/", "/var/app/locks/")
              + c.s.dateCompact() + c.s.pick(".lock", ".csv", "") + ": Operation not supported";
        }
        case 1 -> {
          kind = 2;
          String[] calls = {"org.postgresql.jdbc.PgConnection.createStruct(String, Object[])", "org.postgresql.jdbc.PgConnection.createNClob()",
              "org.postgresql.jdbc.PgResultSet.getRowId(int)", "org.postgresql.jdbc.PgResultSet.getNClob(int)",
              "org.postgresql.jdbc.PgPreparedStatement.setRowId(int, RowId)", "org.postgresql.jdbc.PgCallableStatement.getURL(String)"};
          msg = c.s.chance(0.8) ? "Method " + c.s.pick(calls) + " is not yet implemented." : "Unsupported feature";
        }
        case 2 -> {
          kind = 1;
          c.type(RuntimeCarrier.class, "io.grpc.StatusRuntimeException");
          msg = "UNIMPLEMENTED: " + (c.s.chance(0.5) ? "Method " + rpcMethod(c) + " is unimplemented" : "Method not found: " + rpcMethod(c));
        }
        case 3 -> {
          kind = 3;
          msg = c.s.pick("Context is read only", "Operation not supported: " + c.s.pick("bind", "rebind", "unbind", "rename"));
        }
        case 4 -> {
          kind = 4;
          msg = c.s.pick("Partial refund is not implemented yet", "Code is not implemented", op + " is not implemented for provider " + p,
              "TODO: settlement in " + c.s.currency() + " not implemented");
        }
        default -> {
          kind = c.s.chance(0.5) ? 1 : 0;
          c.type(kind == 1 ? RuntimeCarrier.class : CheckedCarrier.class, c.s.pick("UnsupportedPaymentMethodException",
              "FeatureNotSupportedException", "NotSupportedException", "OperationNotSupportedException", "NotImplementedException",
              "UnsupportedOperationTypeException", "ProviderNotSupportedException"));
          msg = c.s.pick("Payment method " + c.s.pick("VIRTUAL_ACCOUNT", "POINT", "GIFT_CARD", "BANK_TRANSFER") + " does not support "
              + c.s.pick("partial cancellation", "refunds", "recurring charges"), "Operation '" + op + "' is not supported by provider " + p,
              "Feature '" + op + "' is not supported for bank code " + c.s.digits(3), "Method not implemented: " + op,
              p + " does not support " + op, "지원하지 않는 기능입니다: " + op, "해당 결제수단은 부분 환불을 지원하지 않습니다 (" + p + ")",
              op + "() is not supported in this version of the API", "Not implemented: " + p + "Adapter." + op);
        }
      }
      int k = kind;
      String m = msg;
      return fail(() -> new ProviderAdapter().call(op, k, m));
    }));
  }

  // ---------------------------------------------------------------- illegal_state

  private static void state(List<Scenario> l) {
    l.add(cheap("illegal_state", "jdk.ise.nio-channel-state", c -> {
      int k = c.rnd.nextInt(9);
      int port = k == 8 ? c.res.httpPort() : c.s.between(20000, 30000);
      return fail(() -> c.use(new GatewayChannelClient().use(k, port)));
    }));
    l.add(cheap("illegal_state", "jdk.ise.monitors-and-locks", c -> {
      Path lockFile = file(c, "carrier-settlement.lock", "");
      int k = c.rnd.nextInt(12);
      return fail(() -> new PayoutCoordinator().run(k, lockFile));
    }));
    l.add(cheap("illegal_state", "jdk.ise.marks", c -> {
      String record = c.s.txId() + "|" + c.s.accountNo() + "|" + c.s.amount() + "|" + c.s.currency();
      int k = c.rnd.nextInt(5);
      return fail(() -> c.use(new RecordRewinder().rewind(k, record)));
    }));
    l.add(cheap("illegal_state", "lib.ise.not-initialised", c -> {
      String payload = "{\"id\":\"" + c.s.txId() + "\",\"amount\":" + c.s.amount() + "}";
      int k = c.rnd.nextInt(6);
      return fail(() -> c.use(new StatementSigner().use(k, payload)));
    }));
    l.add(cheap("illegal_state", "app.ise.carrier-types", c -> {
      String id = c.s.txId();
      switch (c.rnd.nextInt(8)) {
        case 0, 1 -> {
          // Kafka's transactional producer: a call out of order (commit without begin, begin twice, init twice)
          TxnStateMachine.State[][] moves = {
              {TxnStateMachine.State.READY, TxnStateMachine.State.COMMITTING_TRANSACTION},
              {TxnStateMachine.State.READY, TxnStateMachine.State.ABORTING_TRANSACTION},
              {TxnStateMachine.State.UNINITIALIZED, TxnStateMachine.State.IN_TRANSACTION},
              {TxnStateMachine.State.READY, TxnStateMachine.State.INITIALIZING},
              {TxnStateMachine.State.IN_TRANSACTION, TxnStateMachine.State.IN_TRANSACTION},
              {TxnStateMachine.State.UNINITIALIZED, TxnStateMachine.State.COMMITTING_TRANSACTION}};
          TxnStateMachine.State[] mv = c.s.pick(moves);
          TxnStateMachine sm = new TxnStateMachine(c.s.pick("settlement-tx-", "ledger-producer-", "payout-", "tx-") + c.s.between(0, 12), mv[0]);
          c.type(RuntimeCarrier.class, c.s.pick("org.apache.kafka.common.KafkaException", "org.apache.kafka.common.KafkaException",
              "java.lang.IllegalStateException"));
          return fail(() -> sm.transitionTo(mv[1]));
        }
        case 2 -> {
          c.type(RuntimeCarrier.class, "org.apache.kafka.common.errors.InvalidTxnStateException");
          return fail(() -> new LifecycleGuard().check(0, "The producer attempted a transactional operation in an invalid state."));
        }
        case 3 -> {
          String job = c.s.pick("settlementJob", "dailyLedgerCloseJob", "interestAccrualJob", "statementExportJob", "feeBatchJob");
          String params = c.s.chance(0.5) ? "{run.date=" + c.s.isoDate() + "}" : "{'run.date':'{value=" + c.s.isoDate()
              + ", type=class java.lang.String, identifying=true}'}";
          boolean running = c.s.chance(0.5);
          c.type(BusinessCarrier.class, running ? "org.springframework.batch.core.repository.JobExecutionAlreadyRunningException"
              : "org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException");
          String msg = running ? "A job execution for this job is already running: JobInstance: id=" + c.s.between(1, 4000) + ", version="
              + c.s.between(0, 3) + ", Job=[" + job + "]"
              : "A job instance already exists and is complete for parameters=" + params + ".  If you want to run this job again, change the parameters.";
          return fail(() -> new LifecycleGuard().check(1, msg));
        }
        default -> {
          String st = c.s.pick("SHIPPED", "SETTLED", "COMPLETED", "CANCELLED", "EXPIRED", "APPROVED");
          String want = c.s.pick("PAID", "REQUESTED", "PENDING", "AUTHORIZED");
          String comp = c.s.pick("SettlementEngine", "FxQuoteCache", "LedgerWriter", "PartnerSession", "TokenRefresher", "PayoutScheduler");
          String msg = c.s.pick("Order " + id + " is in state " + st + ", expected " + want, "Cannot cancel transfer " + id + " in status " + st,
              "Invalid status transition: " + st + " -> " + want, comp + " has not been initialized", "Component not initialized: call init() first",
              "start() must be called before submit()", "flush() must be called after all records were written", comp + " already started",
              "Payment session " + id + " already committed", "Invalid state: expected READY but was RUNNING", "Not in a valid state to accept "
              + c.s.pick("deposits", "payouts", "refunds") + ": " + st, "상태가 올바르지 않습니다: 현재 " + st + ", 처리 가능 상태 " + want,
              "Request " + id + " was already processed in state " + st);
          int kind = c.rnd.nextInt(3);
          Class<?> cls = kind == 0 ? RuntimeCarrier.class : kind == 1 ? BusinessCarrier.class : CheckedCarrier.class;
          c.type(cls, kind == 2 && c.s.chance(0.3) ? "java.io.IOException" : kind == 0 && c.s.chance(0.25) ? "java.lang.RuntimeException"
              : c.s.pick("InvalidStateException", "IllegalOrderStateException", "InvalidStatusTransitionException", "NotInitializedException",
                  "AlreadyStartedException", "WorkflowStateException", "InvalidLifecycleStateException", "StateMachineException"));
          return fail(() -> new LifecycleGuard().check(kind, msg));
        }
      }
    }));
  }

  // ---------------------------------------------------------------- number_format

  private static String nonNumeric(Ctx c) {
    return c.s.pick("abc", "N/A", "", "null", "-", "+" + c.s.digits(3), " " + c.s.digits(4), "(" + c.s.krw() + ")", "₩" + c.s.krw(),
        "$" + c.s.amount(), c.s.currency() + " " + c.s.amount(), "one hundred", "undefined", "NaN%", "--" + c.s.digits(2), "..5",
        "１２３", "#" + c.s.digits(3), "−" + c.s.digits(3), c.s.pick("약 ", "about ", "~") + c.s.digits(3));
  }

  private static void numbers(List<Scenario> l) {
    l.add(cheap("number_format", "jdk.text.unparseable-number", c -> {
      LocalizedAmountReader r = new LocalizedAmountReader();
      if (c.s.chance(0.2)) {
        int k = c.rnd.nextInt(3);
        String in = c.s.pick("abc", c.s.digits(3) + "abc", c.s.digits(2) + "." + c.s.digits(2) + "." + c.s.digits(2), "₩" + c.s.krw(), "N/A",
            c.s.digits(2) + " %");
        return fail(() -> {
          for (int i = 0; i < 3; i++) c.use(r.readSpring((k + i) % 3, in));
          r.readSpring(0, in + "x");
        });
      }
      int k = c.rnd.nextInt(9);
      String in = switch (k) {
        case 1 -> c.s.pick(c.s.krw(), c.s.amount(), nonNumeric(c));
        case 2 -> c.s.pick(c.s.digits(2), "0." + c.s.digits(2), nonNumeric(c));
        case 6 -> c.s.pick(c.s.amount(), c.s.krw(), nonNumeric(c));
        default -> nonNumeric(c);
      };
      return fail(() -> {
        // a few inputs parse with some formats ("１２３" with full-width digits): try the others until one fails
        for (int i = 0; i < 9; i++) c.use(r.read((k + i) % 9, in));
        r.read(0, "?" + in);
      });
    }));
    l.add(cheap("number_format", "jdk.scanner.input-mismatch", c -> {
      int k = c.rnd.nextInt(6);
      Locale loc = c.s.pick(Locale.US, Locale.KOREA, Locale.ROOT, Locale.GERMANY);
      String in = switch (c.rnd.nextInt(4)) {
        case 0 -> c.s.pick("abc", "N/A", "yes", "Y", "null", "-", "#" + c.s.digits(2), "one");
        case 1 -> c.s.amount() + c.s.pick("", " " + c.s.currency());
        // overflowing values; never 16 digits, which could look like a card number
        case 2 -> "9" + c.s.digits(c.s.pick(10, 11, 12, 13, 14, 16, 17, 18));
        default -> c.s.pick(c.s.accountNo(), c.s.txId(), c.s.krw() + "원", c.s.digits(3) + "," + c.s.digits(2));
      };
      String line = k == 4 ? c.s.pick("transfer", "refund", "limit", "retry") + " " + in : in;
      return fail(() -> {
        CommandInputReader r = new CommandInputReader();
        for (int i = 0; i < 6; i++) {
          int kk = (k + i) % 6;
          c.use(r.next(kk, kk == 4 && k != 4 ? "cmd " + line : line, loc));
        }
        r.next(0, "x" + line, loc);
      });
    }));
    l.add(cheap("number_format", "spring.number-format-conversion", c -> {
      String field = c.s.pick("amount", "fee", "rate", "quantity", "installments");
      String in = c.s.pick("abc", c.s.digits(3) + "abc", c.s.digits(2) + "." + c.s.digits(2) + "." + c.s.digits(1), "₩" + c.s.krw(), "N/A",
          c.s.digits(2) + " %", "(" + c.s.digits(3) + ")", c.s.amount() + c.s.currency(), "null", c.s.digits(3) + "원", "1O" + c.s.digits(2));
      return fail(() -> {
        FormValueConverter conv = new FormValueConverter();
        for (String f : List.of(field, "amount", "quantity", "installments")) c.use(conv.convert(f, in));
        conv.convert("amount", "x" + in);
      });
    }));
    l.add(cheap("number_format", "app.nfe.carrier-types", c -> {
      String in = c.s.pick(c.s.krw() + "원", "N/A", "", "null", c.s.digits(3) + "abc", c.s.amount() + " " + c.s.currency(), "1,2" + c.s.digits(2),
          c.s.digits(2) + "." + c.s.digits(2) + "." + c.s.digits(1), "undefined", "-", "12O" + c.s.digits(2), "₩" + c.s.krw(), "Infinity",
          " " + c.s.digits(3) + " ", "0x" + c.s.hex(3), "1e" + c.s.digits(1) + "x");
      String what = c.s.pick("amount", "quantity", "rate", "fee", "count", "page", "installment", "limit", "price", "point");
      String shown = in.isEmpty() ? "" : in;
      String msg = c.s.pick("Cannot parse '" + shown + "' as a number", "'" + shown + "' is not a valid number", "Invalid numeric value: '"
          + shown + "'", "Not a number: " + shown, "Unable to parse " + what + " '" + shown + "'", "Invalid number format: " + shown,
          "숫자 형식이 아닙니다: " + shown, what + " 값을 숫자로 변환할 수 없습니다: " + shown, "Expected a number for " + what + " but got '"
          + shown + "'", "could not parse '" + shown + "' as " + c.s.pick("long", "int", "decimal", "BigDecimal"),
          "Unparseable " + what + ": \"" + shown + "\"", "Invalid " + what + " '" + shown + "': not a number");
      int kind = c.rnd.nextInt(3);
      if (kind == 1) c.type(RuntimeCarrier.class, c.s.pick("InvalidNumberException", "NumberParseException", "InvalidAmountFormatException",
          "AmountParseException", "NumericConversionException"));
      if (kind == 2) c.type(BusinessCarrier.class, c.s.pick("NumberParseException", "InvalidNumberFormatException", "ParseNumberException",
          "AmountFormatException"));
      int how = c.rnd.nextInt(4);
      return fail(() -> {
        NumericTextParser p = new NumericTextParser();
        for (int i = 0; i < 4; i++) c.use(p.parse((how + i) % 4, in, kind, msg));
        p.parse(0, in + "?", kind, msg);
      });
    }));
  }

  // ---------------------------------------------------------------- illegal_argument

  private static void arguments(List<Scenario> l) {
    l.add(cheap("illegal_argument", "jdk.iae.illegal-format", c -> {
      String tx = c.s.txId();
      String amount = c.s.amount();
      String acct = c.s.accountNo();
      Object[][] cases = {
          {"Transfer %d of %s completed", new Object[] {tx, amount}},
          {"%s sent %s to %s", new Object[] {acct, amount}},
          {"Fee: %.2f " + c.s.currency(), new Object[] {amount}},
          {"Rate applied: %.2f%", new Object[] {Double.valueOf("0." + c.s.digits(2))}},
          {"Account %,s balance %s", new Object[] {acct, amount}},
          {"%-d items settled", new Object[] {c.s.between(1, 99)}},
          {"Installments: %.2d", new Object[] {c.s.between(2, 36)}},
          {"Batch %1$s: %3$s records", new Object[] {c.s.dateCompact(), c.s.between(1, 999)}},
          {"Customer %i requested %s", new Object[] {c.s.userId(), amount}},
          {"Value date %tY-%<tm-%<td", new Object[] {c.s.isoDate()}},
          {"%--10s|%s", new Object[] {acct, amount}},
          {"Grade %c", new Object[] {c.s.pick("GOLD", "VIP", "BASIC")}},
          {"Amount %08.2s", new Object[] {amount}},
          {"%#d requests pending", new Object[] {c.s.between(1, 500)}},
          {"Ref %q", new Object[] {tx}},
          {"Transfer {0} of {1,number,#,##0.00 to {2}", new Object[] {tx, new BigDecimal(amount), acct}},
          {"Transfer {0} of {1,numbr} completed", new Object[] {tx, new BigDecimal(amount)}},
          {"Paid {0} on {1,date,yyyy-MM-dd", new Object[] {amount, new java.util.Date(0)}}};
      Object[] pick = c.s.pick(cases);
      String template = (String) pick[0];
      boolean messageFormat = template.contains("{0");
      int how = messageFormat ? 4 : c.rnd.nextInt(4);
      return fail(() -> c.use(new ReceiptFormatter().format(how, template, (Object[]) pick[1])));
    }));
    l.add(cheap("illegal_argument", "jdk.iae.names-and-locales", c -> {
      int k = c.rnd.nextInt(9);
      String v = switch (k) {
        case 0 -> c.s.pick("kor1", "ko_KR", "engl1sh", "k", "zh-Hans", "한국어", "en US");
        case 1 -> c.s.pick("KOR1", "Korea", "K", "U.S.", "kr-", "1234");
        case 2 -> c.s.pick("en_US", "ko_KR.UTF-8", "ko-KR-", "zh_CN#Hans", "en-US-x", "--", "und-KR_x");
        case 3 -> c.s.pick("UTF 8", "euc_kr,utf8", "utf-8\"", "ks_c_5601-1987;", "UTF-8;q=0.9", "charset=utf-8", "ISO 8859-1", "utf8 ", "\"UTF-8\"");
        case 4 -> c.s.pick("com.acme.pay", "com.acme.pay:type", "kr.co.bank:type=Pool,name=" + c.s.pick("ledger:ro", "a=b"),
            "com.zaxxer.hikari:type=Pool,type=Cache", "metrics:name=\"" + c.s.pick("transfer", "fx") + "-latency", "ledger:");
        case 5 -> c.s.pick("cn=" + c.s.userId() + ",,ou=people,dc=bank,dc=test", "uid=" + c.s.userId() + ";ou", "cn", "ou=branches,dc=bank,dc=test,"
            + c.s.userId(), "=kim,ou=users");
        case 6 -> c.s.pick("http://" + c.s.pick("pay gw", "ledger svc") + "/v1/callback", "https://api.partner.test/accounts/{accountNo}/balance",
            "http://[fe80::1/notify", "https://hooks.partner.test/pay?ref=" + c.s.txId() + "|" + c.s.amount(), "http://callback.test/%zz",
            "https://api.partner.test/v1/transfers/" + c.s.txId() + " ");
        case 7 -> c.s.pick("/api/v1/transfers", "api.partner.test/v1/notify", "//hooks.partner.test/pay", "callback");
        default -> c.s.pick("en-US_x", "ko_kr_", "k", "en_USA_x_y", "_KR_");
      };
      return fail(() -> c.use(new NameResolver().resolve(k, v)));
    }));
    l.add(cheap("illegal_argument", "jdk.iae.reflective-arguments", c -> {
      int k = c.rnd.nextInt(10);
      Object v = switch (k) {
        case 0 -> c.s.pick(c.s.amount(), Double.valueOf(c.s.amount()), Long.valueOf(c.s.digits(5)));
        case 1 -> c.s.pick(c.s.isoDate() + "T" + c.s.isoTime(), Instant.EPOCH.plusSeconds(c.s.between(0, 999_999)).toString(),
            LocalDateTime.parse(c.s.isoDate() + "T" + c.s.isoTime()));
        case 3 -> c.s.pick(c.s.digits(1), Long.valueOf(c.s.between(1, 9)), "three");
        case 4 -> c.s.pick(c.s.amount(), new BigDecimal(c.s.amount()), c.s.txId());
        case 5 -> c.s.pick(c.s.amount(), Double.valueOf(c.s.amount()), c.s.txId());
        default -> c.s.accountNo();
      };
      return fail(() -> c.use(new ReflectiveBinder().bind(k, v)));
    }));
    l.add(cheap("illegal_argument", "jdk.iae.io-crypto-arguments", c -> {
      Path f = file(c, "carrier-export.csv", "id,amount\n");
      int k = c.rnd.nextInt(10);
      int n = c.s.between(1, 4096);
      return fail(() -> c.use(new ExportFileWriter().write(k, f, n)));
    }));
    l.add(cheap("illegal_argument", "lib.iae.argument-checks", c -> {
      int k = c.rnd.nextInt(7);
      String v = switch (k) {
        case 0 -> c.s.pick("json", "application", "text/", "/json", "application/json/x", "*/json");
        case 1 -> c.s.pick("application/*+json/x", "text/html;charset=\"utf-8", "application/json;q=x=y", "text/plain; charset=utf 8",
            "application/json, text/plain",
            "multipart/form-data; boundary=\"", "app lication/json", "application/x-www-form-urlencoded,");
        case 2, 3 -> c.s.accountNo();
        case 4 -> c.s.pick("_ledger", "-transfers", "logs,2024", "audit#" + c.s.digits(2),
            "fx rates", "settlement*", "ledger:" + c.s.digits(4), "..", ".", "+events");
        case 5 -> c.s.pick(c.s.txId() + c.s.txId(), "x".repeat(c.s.between(6, 20)));
        default -> c.s.pick("abc", "x", "unknown");
      };
      DataSource ds = c.res.h2();
      return fail(() -> c.use(new LibraryArgumentUser().use(k, v, ds)));
    }));
    l.add(cheap("illegal_argument", "app.iae.carrier-types", c -> {
      String field = c.s.pick("pageSize", "sortOrder", "fromAccount", "channel", "limit", "currency", "direction", "timeoutMs", "batchSize", "scale");
      String bad = switch (field) {
        case "pageSize", "limit", "batchSize" -> String.valueOf(c.s.pick(0, -1, -c.s.between(2, 50), c.s.between(1001, 99999)));
        case "sortOrder", "direction" -> c.s.pick("upward", "asc,desc", "RANDOM", "1");
        case "currency" -> c.s.pick("KRWX", "US", "eur", "WON");
        case "timeoutMs", "scale" -> String.valueOf(-c.s.between(1, 5000));
        default -> c.s.pick("KIOSK9", "?", "FAX", c.s.accountNo());
      };
      String msg = c.s.pick("Invalid argument: " + field + "=" + bad, "Illegal value for " + field + ": '" + bad + "'",
          "Parameter '" + field + "' has an invalid value: " + bad, "argument '" + field + "' is invalid: " + bad,
          "Invalid " + field + " [" + bad + "]", field + " out of range: " + bad, "fromAccount and toAccount must differ: " + c.s.accountNo(),
          "인자 값이 올바르지 않습니다: " + field + "=" + bad, "Unknown " + field + " '" + bad + "'", "Bad argument " + field + " (" + bad + ")");
      int kind = c.rnd.nextInt(3);
      if (kind == 0 && c.s.chance(0.3)) {
        c.type(RuntimeCarrier.class, "io.grpc.StatusRuntimeException");
        msg = "INVALID_ARGUMENT: " + c.s.pick(field + " must be a valid value, got " + bad, "invalid " + field + ": " + bad,
            "field " + field + " is invalid: " + bad);
      } else {
        Class<?> cls = kind == 0 ? RuntimeCarrier.class : kind == 1 ? BusinessCarrier.class : CheckedCarrier.class;
        c.type(cls, kind == 0 && c.s.chance(0.2) ? "java.lang.RuntimeException" : c.s.pick("InvalidArgumentException",
            "IllegalParameterException", "BadArgumentException", "InvalidParameterValueException", "ArgumentOutOfRangeException",
            "IllegalArgumentValueException", "InvalidOptionException"));
      }
      String m = msg;
      return fail(() -> new ArgumentGuard().reject(kind, m));
    }));
  }
}
