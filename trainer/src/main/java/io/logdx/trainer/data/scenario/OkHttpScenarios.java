package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Resources;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * OkHttp 5 failures from real calls against loopback servers: refused connections, read and call timeouts, resets,
 * connections closed without an answer or in the middle of a body, TLS against the self-signed server (untrusted
 * certificate; a trust-all client that still checks the host name), a response body read after it was closed, and
 * HTTP status codes turned into exceptions the way OkHttp's own recipes do ({@code IOException("Unexpected code " +
 * response)}).
 */
final class OkHttpScenarios {
  private OkHttpScenarios() {}

  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Map<Resources, OkHttpClient> CLIENTS = new IdentityHashMap<>();

  /** The generator's base client (one connection pool); scenarios derive their timeouts with newBuilder(). */
  static OkHttpClient base(Ctx c) {
    synchronized (CLIENTS) {
      OkHttpClient cl = CLIENTS.get(c.res);
      if (cl == null) {
        OkHttpClient made = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false).build();
        Resources res = c.res;
        CLIENTS.put(res, made);
        res.closeLater(() -> {
          synchronized (CLIENTS) {
            CLIENTS.remove(res);
          }
          made.connectionPool().evictAll();
          made.dispatcher().executorService().shutdownNow();
        });
        cl = made;
      }
      return cl;
    }
  }

  static Request request(Ctx c, String url) {
    // a fresh connection each time: the JDK's test server answers a reused connection only after a delayed ACK
    Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json").header("Connection", "close");
    if (c.s.chance(0.5)) {
      b.post(RequestBody.create("{\"accountNo\":\"" + c.s.accountNo() + "\",\"amount\":" + c.s.amount() + "}", JSON));
    }
    return b.build();
  }

  /** The usual client code: execute, fail on a non-2xx answer, read the body. */
  static String fetch(Ctx c, OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(request(c, url)).execute()) {
      if (!response.isSuccessful()) throw new IOException("Unexpected code " + response);
      ResponseBody body = response.body();
      return body.string();
    }
  }

  /** A trust manager that accepts every certificate, as "just make it work" clients install. */
  static final X509TrustManager TRUST_ALL = new X509TrustManager() {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  };

  static SSLContext trustAll() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {TRUST_ALL}, new SecureRandom());
    return ctx;
  }

  /** The innermost cause as {@code type: message}. */
  static String root(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) r = r.getCause();
    return r.getClass().getName() + ": " + r.getMessage();
  }

  /**
   * For failures whose shape depends on a race: the seed picks one of the {@code outcomes} (innermost cause as
   * {@code type: message}) and the call is repeated until it ends that way, so that a capture is the same in every run.
   */
  static Throwable settle(Ctx c, java.util.concurrent.Callable<Throwable> call, String... outcomes) throws Exception {
    String want = c.s.pick(outcomes);
    Throwable t = call.call();
    for (int i = 0; i < 12 && !root(t).equals(want); i++) t = call.call();
    return t;
  }

  /** Plain sockets whose read timeout is either left to okio's watchdog or set 100 ms before it. */
  static final class TimeoutSocketFactory extends javax.net.SocketFactory {
    final boolean watchdogOnly;

    TimeoutSocketFactory(boolean watchdogOnly) {
      this.watchdogOnly = watchdogOnly;
    }

    @Override public java.net.Socket createSocket() {
      return new java.net.Socket() {
        @Override public void setSoTimeout(int timeout) throws java.net.SocketException {
          super.setSoTimeout(watchdogOnly || timeout == 0 ? 0 : Math.max(1, timeout - 100));
        }
      };
    }

    @Override public java.net.Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException("unconnected sockets only");
    }

    @Override public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) {
      throw new UnsupportedOperationException("unconnected sockets only");
    }

    @Override public java.net.Socket createSocket(java.net.InetAddress host, int port) {
      throw new UnsupportedOperationException("unconnected sockets only");
    }

    @Override public java.net.Socket createSocket(java.net.InetAddress a, int port, java.net.InetAddress local, int localPort) {
      throw new UnsupportedOperationException("unconnected sockets only");
    }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- connection_refused
    l.add(cheap("connection_refused", "okhttp.refused", c -> fail(() ->
        fetch(c, base(c), NetScenarios.url(c, "http", c.res.closedPort(), c.s.path())))));
    // ---- socket_timeout: the read timeout against a server that accepts and never answers
    l.add(costly("socket_timeout", "okhttp.read-timeout", 3, c -> {
      // the socket's own read timeout and okio's watchdog (which closes the socket) expire together, and either may
      // win: the seed picks which, by letting the socket's timeout come well before okio's or not be set at all
      boolean watchdog = c.s.chance(0.5);
      OkHttpClient cl = base(c).newBuilder().readTimeout(c.s.between(150, 200), TimeUnit.MILLISECONDS)
          .socketFactory(new TimeoutSocketFactory(watchdog)).build();
      String url = NetScenarios.url(c, "http", c.res.silentPort(), c.s.path());
      return settle(c, () -> fail(() -> fetch(c, cl, url)), watchdog ? "java.net.SocketException: Socket closed"
          : "java.net.SocketTimeoutException: Read timed out");
    }));
    // ---- timeout: the whole call's deadline (callTimeout) passed
    // (less often: its cause is the "Socket closed" of the cancelled call, which a single log line may show alone)
    l.add(Scenario.lessOften(costly("timeout", "okhttp.call-timeout", 2, c -> {
      OkHttpClient cl = base(c).newBuilder().callTimeout(c.s.between(60, 120), TimeUnit.MILLISECONDS).build();
      String url = NetScenarios.url(c, "http", c.res.silentPort(), c.s.path());
      return settle(c, () -> fail(() -> fetch(c, cl, url)), "java.net.SocketException: Socket closed");
    })));
    // ---- connection_reset: reset, closed without an answer, closed in the middle of the body
    l.add(costly("connection_reset", "okhttp.reset", 2, c -> fail(() ->
        fetch(c, base(c), NetScenarios.url(c, "http", c.res.resetPort(), c.s.path())))));
    l.add(costly("connection_reset", "okhttp.unexpected-end-of-stream", 2, c -> fail(() -> {
      String shown = c.s.path();
      String url = NetScenarios.url(c, "http", EdgeHttpServer.port(c), "/drop" + shown);
      c.text("/drop" + shown, shown);
      fetch(c, base(c), url);
    })));
    l.add(costly("connection_reset", "okhttp.truncated-body", 2, c -> fail(() -> {
      String shown = c.s.path();
      String url = NetScenarios.url(c, "http", EdgeHttpServer.port(c), "/truncated" + shown);
      c.text("/truncated" + shown, shown);
      fetch(c, base(c), url);
    })));
    // ---- tls_failure
    l.add(costly("tls_failure", "okhttp.tls-untrusted", 2, c -> fail(() ->
        fetch(c, base(c), NetScenarios.url(c, "https", c.res.httpsPort(), c.s.path())))));
    l.add(costly("tls_failure", "okhttp.tls-hostname", 2, c -> fail(() -> {
      // trusts every certificate but still checks the host name: the certificate names localhost only
      OkHttpClient cl = base(c).newBuilder().sslSocketFactory(trustAll().getSocketFactory(), TRUST_ALL).build();
      int port = c.res.httpsPort();
      String ip = "10.0." + c.s.between(0, 40) + "." + c.s.between(2, 250);
      c.text("127.0.0.1:" + port, ip + ":443");
      c.text("127.0.0.1", ip);
      c.rewrite("sha256/[A-Za-z0-9+/=]+", m -> {
        byte[] pin = new byte[32];
        c.rnd.nextBytes(pin);
        return "sha256/" + java.util.Base64.getEncoder().encodeToString(pin);
      });
      c.rewrite("CN=localhost, OU=Test, O=logdx", m -> "CN=" + c.s.pick("*.bank.internal", "payments-gw", "api.partner.test")
          + ", OU=" + c.s.pick("Platform", "Payments", "IT") + ", O=" + c.s.pick("Example Bank", "Partner Corp", "Acme Pay"));
      fetch(c, cl, "https://127.0.0.1:" + port + c.s.path());
    })));
    // ---- resource_closed: the body read a second time after the response was closed
    l.add(cheap("resource_closed", "okhttp.body-closed", c -> fail(() -> {
      String url = NetScenarios.url(c, "http", c.res.httpPort(), c.s.path());
      ResponseBody body;
      try (Response response = base(c).newCall(request(c, url)).execute()) {
        body = response.body();
        c.use(body.string());
      }
      // logging the body "once more" after it was consumed
      c.use(body.string());
    })));
    // ---- HTTP status codes turned into exceptions by the caller
    addStatus(l, "http_client_error", new int[] {400, 404, 409, 422, 405, 410});
    addStatus(l, "http_server_error", new int[] {500, 502, 503, 504});
    addStatus(l, "rate_limited", new int[] {429});
    addStatus(l, "authentication_failure", new int[] {401});
    addStatus(l, "authorization_denied", new int[] {403});
    return l;
  }

  private static void addStatus(List<Scenario> l, String label, int[] codes) {
    l.add(cheap(label, "okhttp.unexpected-code", c -> fail(() -> {
      int code = codes[c.rnd.nextInt(codes.length)];
      String shownPath = c.s.path();
      String url = NetScenarios.url(c, "http", c.res.httpPort(), "/status/" + code);
      c.text("/status/" + code, shownPath);
      fetch(c, base(c), url);
    })));
  }
}
