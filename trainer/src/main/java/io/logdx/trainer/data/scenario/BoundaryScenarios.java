package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Scanner;
import java.util.StringTokenizer;
import java.util.TreeSet;
import java.util.Vector;
import java.util.stream.IntStream;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Variety where neighbouring labels meet: HTTP 4xx read through {@code HttpURLConnection} (a 404 really is a
 * {@code FileNotFoundException} naming the URL) and the JDK HttpClient, {@code NoSuchElementException} from many JDK
 * collections and readers, {@code NumberFormatException} inside argument wrappers, and unique indexes on request-id
 * and idempotency-key columns (duplicate_transaction, rule 4) in an H2 database of their own.
 */
final class BoundaryScenarios {
  private BoundaryScenarios() {}

  // ---- http_client_error

  static final class ClientStatus extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientStatus(String m) {
      super(m);
    }
  }

  /** HTTP reason phrases: one table for all scenarios ({@link HttpClientErrorScenarios#reason}). */
  static String reason(int code) {
    return HttpClientErrorScenarios.reason(code);
  }

  // ---- no_such_element: code that reads its input past the end

  static final class SessionRegistry {
    final Map<String, Deque> bySession = new HashMap<>();

    String latest(String session) {
      return bySession.computeIfAbsent(session, k -> new Deque()).items.getLast();
    }
  }

  static final class Deque {
    final ArrayDeque<String> items = new ArrayDeque<>();
  }

  static final class CsvRecordReader {
    final Scanner scanner;

    CsvRecordReader(String text) {
      this.scanner = new Scanner(text);
    }

    String[] header() {
      return scanner.nextLine().split(",");
    }

    String field() {
      return scanner.next();
    }
  }

  static final class RoutingTable {
    final TreeSet<String> nodes = new TreeSet<>();

    String primary() {
      return nodes.first();
    }
  }

  static final class TokenStore {
    final List<String> tokens = new ArrayList<>();

    String current(String user) {
      return tokens.stream().filter(t -> t.startsWith(user)).findFirst().get();
    }
  }

  // ---- number_format: parsing inside argument checks

  static final class AmountParser {
    Object parse(String in, int kind, boolean wrap, String wrapMessage) {
      try {
        return switch (kind) {
          case 0 -> Integer.parseInt(in);
          case 1 -> Long.valueOf(in);
          case 2 -> new BigDecimal(in);
          case 3 -> Double.parseDouble(in);
          case 4 -> Integer.parseInt(in, 16);
          case 5 -> Byte.parseByte(in);
          case 6 -> new BigInteger(in);
          default -> Float.parseFloat(in);
        };
      } catch (NumberFormatException e) {
        if (wrap) throw new IllegalArgumentException(wrapMessage, e);
        throw e;
      }
    }
  }

  // ---- duplicate_transaction: unique indexes on request-id and idempotency-key columns

  private static JdbcDataSource idempotency;

  static synchronized JdbcDataSource idempotencyDb() throws SQLException {
    if (idempotency == null) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:logdx_idempotency;DB_CLOSE_DELAY=-1");
      ds.setUser("sa");
      ds.setPassword("");
      try (Connection con = ds.getConnection(); Statement st = con.createStatement()) {
        st.execute("CREATE TABLE IF NOT EXISTS transfer_requests (id BIGINT PRIMARY KEY, request_id VARCHAR(64) NOT NULL, "
            + "amount DECIMAL(19,2) NOT NULL, CONSTRAINT UQ_TRANSFER_REQUEST_ID UNIQUE (request_id))");
        st.execute("CREATE TABLE IF NOT EXISTS payments (id BIGINT PRIMARY KEY, idempotency_key VARCHAR(64) NOT NULL, "
            + "merchant_id VARCHAR(20) NOT NULL, amount DECIMAL(19,2) NOT NULL)");
        st.execute("CREATE UNIQUE INDEX IF NOT EXISTS IDX_PAYMENT_IDEMPOTENCY_KEY ON payments (idempotency_key)");
        st.execute("CREATE TABLE IF NOT EXISTS remittances (id BIGINT PRIMARY KEY, client_tx_id VARCHAR(64) NOT NULL, "
            + "partner VARCHAR(20) NOT NULL, CONSTRAINT UK_REMITTANCE_CLIENT_TX_ID UNIQUE (partner, client_tx_id))");
      }
      idempotency = ds;
    }
    return idempotency;
  }

  static final class DuplicateRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateRequest(String m, Throwable cause) {
      super(m, cause);
    }
  }

  /** Inserts the same key twice in one transaction, which is rolled back so that every run starts from empty tables. */
  static final class PaymentRequestRepository {
    final JdbcDataSource ds;

    PaymentRequestRepository(JdbcDataSource ds) {
      this.ds = ds;
    }

    void insertTwice(String sql, Object[] first, Object[] second, boolean spring) throws SQLException {
      try (Connection con = ds.getConnection()) {
        con.setAutoCommit(false);
        try {
          if (spring) {
            JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(con, true));
            jdbc.update(sql, first);
            jdbc.update(sql, second);
          } else {
            for (Object[] row : new Object[][] {first, second}) {
              try (PreparedStatement ps = con.prepareStatement(sql)) {
                for (int i = 0; i < row.length; i++) ps.setObject(i + 1, row[i]);
                ps.executeUpdate();
              }
            }
          }
        } finally {
          con.rollback();
        }
      }
    }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("http_client_error", "jdk.urlconnection-4xx-url", c -> {
      int code = c.s.pick(404, 404, 404, 400, 409, 410, 422, 405);
      String base = c.s.path();
      String q = base.contains("?") ? "&" : "?";
      String shownPath = base + c.s.pick("", "", q + "page=" + c.s.between(0, 9), q + "accountNo=" + c.s.accountNo(),
          base.contains("?") ? "" : "/" + c.s.txId(), q + "from=" + c.s.isoDate());
      String u = NetScenarios.url(c, "http", c.res.httpPort(), "/status/" + code);
      c.text("/status/" + code, shownPath);
      boolean wrap = c.s.chance(0.35);
      String shownUrl = u;
      return fail(() -> {
        try {
          if (c.s.chance(0.4)) {
            try (InputStream in = new URL(u).openStream()) {
              c.use(in.readAllBytes());
            }
          } else {
            HttpURLConnection con = (HttpURLConnection) new URL(u).openConnection();
            con.setRequestProperty("Accept", "application/json");
            if (code == 409 || code == 422 || code == 405) {
              con.setRequestMethod(c.s.pick("POST", "PUT"));
              con.setDoOutput(true);
              try (java.io.OutputStream out = con.getOutputStream()) {
                out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
              }
            }
            try (InputStream in = con.getInputStream()) {
              c.use(in.readAllBytes());
            }
          }
        } catch (IOException e) {
          if (wrap) {
            throw new IOException(c.s.pick("Failed to fetch ", "Could not download ", "Error calling remote service ",
                "GET failed: ") + shownUrl, e);
          }
          throw e;
        }
      });
    }));
    l.add(cheap("http_client_error", "jdk.httpclient-4xx-app", c -> {
      int code = c.s.pick(404, 400, 404, 409, 410, 422, 405, 400);
      String shownPath = c.s.path();
      String u = NetScenarios.url(c, "http", c.res.httpPort(), "/status/" + code);
      c.text("/status/" + code, shownPath);
      String method = c.s.pick("GET", "POST", "PUT", "DELETE");
      HttpResponse<String> r = c.res.httpClient().send(HttpRequest.newBuilder(URI.create(u))
          .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") || method.equals("DELETE") ? "" : "{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      int k = c.rnd.nextInt(6);
      String shownUrl = u;
      c.type(ClientStatus.class, switch (k) {
        case 0 -> "org.springframework.web.reactive.function.client.WebClientResponseException$" + reason(code).replace(" ", "");
        case 1 -> "org.apache.http.client.HttpResponseException";
        case 2 -> "retrofit2.HttpException";
        case 3 -> "jakarta.ws.rs.ClientErrorException";
        case 4 -> "io.micronaut.http.client.exceptions.HttpClientResponseException";
        default -> c.s.pick("PartnerApiException", "RemoteServiceException", "HttpClientException", "UpstreamClientException");
      });
      return new ClientStatus(switch (k) {
        case 0 -> r.statusCode() + " " + reason(code) + " from " + method + " " + shownUrl;
        case 1 -> "status code: " + r.statusCode() + ", reason phrase: " + reason(code);
        case 2 -> "HTTP " + r.statusCode() + " ";
        case 3 -> "HTTP " + r.statusCode() + " " + reason(code);
        case 4 -> reason(code);
        default -> c.s.pick("Unexpected response status " + r.statusCode() + " from " + method + " " + shownUrl,
            method + " " + shownUrl + " returned " + r.statusCode() + ": " + r.body(),
            "Partner API rejected request (HTTP " + r.statusCode() + "): " + r.body(),
            "외부 API 호출 실패: status=" + r.statusCode() + ", url=" + shownUrl);
      });
    }));
    l.add(cheap("no_such_element", "jdk.nsee.collections-readers", c -> fail(() -> {
      switch (c.rnd.nextInt(16)) {
        case 0 -> new HashMap<String, String>().values().iterator().next();
        case 1 -> Collections.<String>emptyEnumeration().nextElement();
        case 2 -> new Vector<String>().elements().nextElement();
        case 3 -> {
          StringTokenizer st = new StringTokenizer(c.s.accountNo() + "|" + c.s.amount(), "|");
          for (int i = 0; i < 3; i++) c.use(st.nextToken());
        }
        case 4 -> {
          CsvRecordReader r = new CsvRecordReader("id,amount\n" + c.s.txId());
          c.use(r.header());
          for (int i = 0; i < 3; i++) c.use(r.field());
        }
        case 5 -> new ArrayDeque<String>().element();
        case 6 -> new LinkedList<String>().remove();
        case 7 -> new PriorityQueue<Long>().remove();
        case 8 -> new RoutingTable().primary();
        case 9 -> IntStream.empty().max().getAsInt();
        case 10 -> new SessionRegistry().latest(c.s.uuid());
        case 11 -> new TokenStore().current(c.s.userId());
        case 12 -> {
          Iterator<String> it = List.of(c.s.txId()).iterator();
          it.next();
          it.next();
        }
        case 13 -> new Scanner("").nextInt();
        case 14 -> new ArrayDeque<String>().pop();
        default -> new TreeSet<String>().last();
      }
    })));
    l.add(cheap("number_format", "jdk.nfe.wrapped-argument", c -> {
      String in = c.s.pick("", "null", " " + c.s.digits(4), c.s.krw(), c.s.digits(3) + "abc", "9999999999999", "0x1A", "1e3",
          c.s.amount() + c.s.pick("원", " KRW", "$"), "N/A", "undefined", "-", c.s.digits(2) + "." + c.s.digits(2) + "." + c.s.digits(1),
          "true", "１２３");
      int kind = c.rnd.nextInt(8);
      String field = c.s.pick("amount", "page", "size", "accountId", "fee", "rate", "limit", "quantity");
      String msg = c.s.pick("bad input", "Invalid number: " + in, "Invalid value for " + field + ": '" + in + "'",
          "Cannot parse " + field, "숫자 형식이 올바르지 않습니다: " + in, "Failed to parse request parameter '" + field + "'");
      boolean wrap = c.s.chance(0.5);
      return fail(() -> {
        // a few inputs parse with some parsers ("1e3" as a double): try the others until one fails
        for (int i = 0; i < 8; i++) new AmountParser().parse(in, (kind + i) % 8, wrap, msg);
        Integer.parseInt(in + "x");
      });
    }));
    l.add(cheap("duplicate_transaction", "h2.unique-request-id", c -> {
      JdbcDataSource ds = idempotencyDb();
      int k = c.rnd.nextInt(3);
      String key = switch (k) {
        case 0 -> c.s.pick("REQ-", "TRF-", "") + c.s.txId();
        case 1 -> c.s.uuid();
        default -> c.s.pick("CLT", "PTN") + c.s.digits(12);
      };
      String sql = switch (k) {
        case 0 -> "INSERT INTO transfer_requests (id, request_id, amount) VALUES (?, ?, ?)";
        case 1 -> "INSERT INTO payments (id, idempotency_key, merchant_id, amount) VALUES (?, ?, ?, ?)";
        default -> "INSERT INTO remittances (id, client_tx_id, partner) VALUES (?, ?, ?)";
      };
      BigDecimal amount = new BigDecimal(c.s.amount());
      String merchant = "M" + c.s.digits(8);
      String partner = c.s.pick("WISE", "SENTBE", "HANPASS", "GME");
      Object[] a = switch (k) {
        case 0 -> new Object[] {1L, key, amount};
        case 1 -> new Object[] {1L, key, merchant, amount};
        default -> new Object[] {1L, key, partner};
      };
      Object[] b = a.clone();
      b[0] = 2L;
      boolean spring = c.s.chance(0.5);
      int wrap = c.rnd.nextInt(3);
      c.type(DuplicateRequest.class, c.s.pick("DuplicateTransactionException", "DuplicateRequestException",
          "IdempotencyConflictException", "DuplicatePaymentException"));
      return fail(() -> {
        try {
          new PaymentRequestRepository(ds).insertTwice(sql, a, b, spring);
        } catch (SQLException | org.springframework.dao.DataAccessException e) {
          if (wrap == 0) {
            throw new DuplicateRequest(c.s.pick("Duplicate request id: " + key, "Idempotency key already used: " + key,
                "이미 처리된 요청입니다: " + key, "Transfer request " + key + " was already submitted"), e);
          }
          throw e;
        }
      });
    }));
    return l;
  }
}
