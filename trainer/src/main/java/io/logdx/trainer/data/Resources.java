package io.logdx.trainer.data;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The shared things scenarios fail against, each started once on first use and closed with the generator: one H2
 * database with a banking schema, an H2 TCP server, and loopback servers (HTTP with chosen status codes, HTTPS with
 * a self-signed certificate, one that never answers, one that resets connections) plus a port nobody listens on.
 */
public final class Resources implements AutoCloseable {
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private JdbcDataSource h2;
  private HttpServer http;
  private HttpsServer https;
  private ServerSocket silent;
  private ServerSocket resetter;
  private ServerSocket plain;
  private Integer closedPort;
  private org.h2.tools.Server h2Tcp;
  private Path keystore;
  private SSLContext trustingContext;
  private java.net.http.HttpClient httpClient;
  private ExecutorService serverThreads;
  private Path tempDir;

  static final String PASSWORD = "changeit-" + "test";

  /** The shared in-memory database (created with the schema on first use). */
  public synchronized JdbcDataSource h2() {
    if (h2 == null) {
      h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:logdx_scenarios;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=120");
      h2.setUser("sa");
      h2.setPassword("");
      try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, customer_no VARCHAR(20) NOT NULL UNIQUE, "
            + "grade VARCHAR(10) NOT NULL)");
        st.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, account_no VARCHAR(32) NOT NULL, "
            + "customer_id BIGINT NOT NULL, balance DECIMAL(19,2) NOT NULL, status VARCHAR(12) NOT NULL, "
            + "version INT NOT NULL DEFAULT 0, CONSTRAINT uk_accounts_account_no UNIQUE (account_no), "
            + "CONSTRAINT fk_accounts_customer FOREIGN KEY (customer_id) REFERENCES customers(id), "
            + "CONSTRAINT ck_accounts_balance CHECK (balance >= 0))");
        st.execute("CREATE TABLE transfers (id BIGINT AUTO_INCREMENT PRIMARY KEY, request_id VARCHAR(64) NOT NULL, "
            + "from_account_id BIGINT NOT NULL, to_account_no VARCHAR(32) NOT NULL, amount DECIMAL(19,2) NOT NULL, "
            + "currency CHAR(3) NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, "
            + "CONSTRAINT uk_transfers_request_id UNIQUE (request_id), "
            + "CONSTRAINT fk_transfers_from_account FOREIGN KEY (from_account_id) REFERENCES accounts(id), "
            + "CONSTRAINT ck_transfers_amount CHECK (amount > 0))");
        st.execute("CREATE TABLE ledger_entries (id BIGINT AUTO_INCREMENT PRIMARY KEY, account_id BIGINT NOT NULL, "
            + "amount DECIMAL(19,2) NOT NULL, memo VARCHAR(40))");
        // a slow function, so that a query timeout is noticed at the same place in every run
        st.execute("CREATE ALIAS SLEEP_MS FOR \"java.lang.Thread.sleep(long)\"");
        st.execute("INSERT INTO customers VALUES (1, 'C0000001', 'GOLD'), (2, 'C0000002', 'BASIC')");
        st.execute("INSERT INTO accounts (id, account_no, customer_id, balance, status) VALUES "
            + "(1, '110-01-000001', 1, 1500000.00, 'ACTIVE'), (2, '110-01-000002', 2, 320.50, 'ACTIVE'), "
            + "(3, '110-01-000003', 2, 0.00, 'FROZEN')");
        st.execute("INSERT INTO transfers (request_id, from_account_id, to_account_no, amount, currency) VALUES "
            + "('REQ-0001', 1, '220-02-000009', 1000.00, 'KRW')");
      } catch (SQLException e) {
        throw new IllegalStateException("could not create the scenario database", e);
      }
    }
    return h2;
  }

  private synchronized ExecutorService serverThreads() {
    if (serverThreads == null) {
      serverThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "logdx-scenario-server");
        t.setDaemon(true);
        return t;
      });
    }
    return serverThreads;
  }

  /** An HTTP server on loopback: {@code /status/NNN} answers with that status and a JSON error body. */
  public synchronized int httpPort() {
    if (http == null) {
      try {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      http.createContext("/", ex -> {
        String path = ex.getRequestURI().getPath();
        int code = 200;
        String body = "{\"status\":\"ok\"}";
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/status/(\\d{3})").matcher(path);
        if (m.find()) {
          code = Integer.parseInt(m.group(1));
          String q = ex.getRequestURI().getQuery();
          body = q != null && q.startsWith("body=") ? java.net.URLDecoder.decode(q.substring(5), StandardCharsets.UTF_8)
              : "{\"code\":\"E" + code + "\",\"message\":\"error " + code + "\"}";
        }
        if (path.startsWith("/slow")) {
          try {
            Thread.sleep(1500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (code == 429) ex.getResponseHeaders().add("Retry-After", "30");
        try (InputStream in = ex.getRequestBody()) {
          in.readAllBytes();
        }
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(b);
        }
      });
      http.setExecutor(serverThreads());
      http.start();
    }
    return http.getAddress().getPort();
  }

  /** One plain HTTP client for the scenarios that only need status codes. */
  public synchronized java.net.http.HttpClient httpClient() {
    if (httpClient == null) {
      httpClient = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2))
          .executor(serverThreads()).build();
    }
    return httpClient;
  }

  /** A loopback server that accepts connections and never answers. */
  public synchronized int silentPort() {
    if (silent == null) {
      silent = listen();
      serverThreads().execute(() -> {
        List<Socket> held = new ArrayList<>();
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept());
          } catch (IOException e) {
            break;
          }
        }
        for (Socket s : held) {
          try {
            s.close();
          } catch (IOException ignored) {
            // closing: nothing to do
          }
        }
      });
    }
    return silent.getLocalPort();
  }

  /** A loopback server that reads a little and then resets the connection (SO_LINGER 0 before close). */
  public synchronized int resetPort() {
    if (resetter == null) {
      resetter = listen();
      serverThreads().execute(() -> {
        while (!resetter.isClosed()) {
          try {
            Socket s = resetter.accept();
            serverThreads().execute(() -> {
              try (s) {
                s.setSoLinger(true, 0);
                s.setSoTimeout(300);
                try {
                  readRequest(s.getInputStream());
                } catch (IOException ignored) {
                  // reset anyway
                }
              } catch (IOException ignored) {
                // reset done
              }
            });
          } catch (IOException e) {
            break;
          }
        }
      });
    }
    return resetter.getLocalPort();
  }

  /** A loopback server that answers every connection at once with a plain-text HTTP 400 and closes. */
  public synchronized int plainResponderPort() {
    if (plain == null) {
      plain = listen();
      serverThreads().execute(() -> {
        while (!plain.isClosed()) {
          try (Socket s = plain.accept()) {
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoTimeout(500);
            try {
              s.getInputStream().read(new byte[1024]);
            } catch (IOException ignored) {
              // closing anyway
            }
          } catch (IOException e) {
            if (plain.isClosed()) break;
          }
        }
      });
    }
    return plain.getLocalPort();
  }

  /** Reads one HTTP request (headers and a Content-Length body), so that the client is reading when reset. */
  static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      head.append((char) b);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) break;
      if (head.length() > 16384) return;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
    if (m.find()) {
      long left = Long.parseLong(m.group(1));
      while (left > 0 && in.read() >= 0) left--;
    }
  }

  /** A loopback port with no listener (bound once, then closed). */
  public synchronized int closedPort() {
    if (closedPort == null) {
      try (ServerSocket s = listen()) {
        closedPort = s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return closedPort;
  }

  /** An H2 TCP server on loopback serving the in-memory database. */
  public synchronized int h2TcpPort() {
    if (h2Tcp == null) {
      h2();
      try {
        h2Tcp = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifExists").start();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return h2Tcp.getPort();
  }

  public synchronized Path tempDir() {
    if (tempDir == null) {
      try {
        tempDir = Files.createTempDirectory("logdx-scenarios");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tempDir;
  }

  /** A PKCS12 keystore with a self-signed certificate for CN=localhost, made by the JDK's keytool. */
  public synchronized Path keystore() {
    if (keystore == null) {
      keystore = tempDir().resolve("self-signed.p12");
      keytool(keystore, "CN=localhost, OU=Test, O=logdx", List.of());
    }
    return keystore;
  }

  static void keytool(Path store, String dname, List<String> extra) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
    cmd.addAll(extra);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTPS server on loopback with the self-signed certificate. */
  public synchronized int httpsPort() {
    if (https == null) {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore())) {
          ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        https.createContext("/", ex -> {
          byte[] b = "{}".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
        https.setExecutor(serverThreads());
        https.start();
      } catch (Exception e) {
        throw new IllegalStateException("could not start the HTTPS server", e);
      }
    }
    return https.getAddress().getPort();
  }

  /** A client context that trusts the self-signed certificate (to reach the host-name check). */
  public synchronized SSLContext trustingContext() {
    if (trustingContext == null) {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore())) {
          ks.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", ks.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trustingContext = SSLContext.getInstance("TLS");
        trustingContext.init(null, tmf.getTrustManagers(), null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return trustingContext;
  }

  /** Registers something to close with the generator. */
  public synchronized <T extends AutoCloseable> T closeLater(T c) {
    closeables.add(c);
    return c;
  }

  private static ServerSocket listen() {
    try {
      return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception ignored) {
        // best effort: the generator is done
      }
    }
    closeables.clear();
    if (http != null) http.stop(0);
    if (https != null) https.stop(0);
    for (ServerSocket s : new ServerSocket[] {silent, resetter, plain}) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
    if (h2Tcp != null) h2Tcp.stop();
    if (h2 != null) {
      try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
        st.execute("SHUTDOWN");
      } catch (SQLException ignored) {
        // already down
      }
    }
    if (serverThreads != null) serverThreads.shutdownNow();
    if (tempDir != null) {
      try (var walk = Files.walk(tempDir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // temp files: best effort
      }
    }
    http = null;
    https = null;
    silent = null;
    resetter = null;
    plain = null;
    httpClient = null;
    h2Tcp = null;
    h2 = null;
    serverThreads = null;
    tempDir = null;
  }
}
