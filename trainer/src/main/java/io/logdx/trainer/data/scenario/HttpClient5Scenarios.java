package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Resources;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.BasicHttpClientResponseHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5 (classic API) failures from real calls against loopback servers: refused connections
 * ({@code HttpHostConnectException}), read timeouts, a server that closes without answering
 * ({@code NoHttpResponseException}), resets, a pool of one connection that stays leased
 * ({@code ConnectionRequestTimeoutException}), TLS against the self-signed server, redirect loops
 * ({@code ClientProtocolException} over {@code CircularRedirectException} / {@code RedirectException}), and the
 * {@code HttpResponseException} that the library's {@code BasicHttpClientResponseHandler} throws for 4xx/5xx answers.
 */
final class HttpClient5Scenarios {
  private HttpClient5Scenarios() {}

  private static final Map<Resources, CloseableHttpClient> CLIENTS = new IdentityHashMap<>();

  /** The generator's shared client: a pooled connection manager, no automatic retries, short timeouts. */
  static CloseableHttpClient shared(Ctx c) {
    synchronized (CLIENTS) {
      CloseableHttpClient cl = CLIENTS.get(c.res);
      if (cl == null) {
        CloseableHttpClient made = client(Timeout.ofSeconds(5), null);
        Resources res = c.res;
        CLIENTS.put(res, made);
        res.closeLater(() -> {
          synchronized (CLIENTS) {
            CLIENTS.remove(res);
          }
          made.close();
        });
        cl = made;
      }
      return cl;
    }
  }

  static CloseableHttpClient client(Timeout socketTimeout, SSLContext ssl) {
    PoolingHttpClientConnectionManagerBuilder b = PoolingHttpClientConnectionManagerBuilder.create()
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(2))
            .setSocketTimeout(socketTimeout).build());
    if (ssl != null) b.setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(ssl).buildClassic());
    return HttpClients.custom().setConnectionManager(b.build()).disableAutomaticRetries().build();
  }

  static HttpUriRequestBase request(Ctx c, String url) {
    HttpUriRequestBase r = c.s.chance(0.5) ? new HttpGet(url) : post(c, url);
    // a fresh connection each time: the JDK's test server answers a reused connection only after a delayed ACK
    r.setHeader("Connection", "close");
    return r;
  }

  static HttpPost post(Ctx c, String url) {
    HttpPost post = new HttpPost(url);
    post.setEntity(new StringEntity("{\"accountNo\":\"" + c.s.accountNo() + "\",\"amount\":" + c.s.amount() + "}",
        ContentType.APPLICATION_JSON));
    return post;
  }

  /** The usual classic call: the library's response handler turns a non-2xx answer into HttpResponseException. */
  static String fetch(Ctx c, CloseableHttpClient client, String url) throws IOException {
    return client.execute(request(c, url), new BasicHttpClientResponseHandler());
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- connection_refused: HttpHostConnectException
    l.add(cheap("connection_refused", "httpclient5.refused", c -> fail(() ->
        fetch(c, shared(c), NetScenarios.url(c, "http", c.res.closedPort(), c.s.path())))));
    // ---- socket_timeout: the socket (response) timeout against a server that never answers
    l.add(costly("socket_timeout", "httpclient5.read-timeout", 3, c -> fail(() -> {
      try (CloseableHttpClient cl = client(Timeout.ofMilliseconds(c.s.between(40, 90)), null)) {
        fetch(c, cl, NetScenarios.url(c, "http", c.res.silentPort(), c.s.path()));
      }
    })));
    // ---- connection_reset: closed without an answer (NoHttpResponseException), reset, body cut short
    l.add(costly("connection_reset", "httpclient5.no-http-response", 2, c -> fail(() -> {
      String shown = c.s.path();
      String url = NetScenarios.url(c, "http", EdgeHttpServer.port(c), "/drop" + shown);
      c.text("/drop" + shown, shown);
      fetch(c, shared(c), url);
    })));
    l.add(costly("connection_reset", "httpclient5.reset", 2, c -> fail(() ->
        fetch(c, shared(c), NetScenarios.url(c, "http", c.res.resetPort(), c.s.path())))));
    l.add(costly("connection_reset", "httpclient5.truncated-body", 2, c -> fail(() -> {
      String shown = c.s.path();
      String url = NetScenarios.url(c, "http", EdgeHttpServer.port(c), "/truncated" + shown);
      c.text("/truncated" + shown, shown);
      fetch(c, shared(c), url);
    })));
    // ---- timeout: no pooled connection became free in time (an HTTP client's pool, not a database's)
    l.add(costly("timeout", "httpclient5.pool-lease-timeout", 2, c -> fail(() -> {
      PoolingHttpClientConnectionManager cm = PoolingHttpClientConnectionManagerBuilder.create()
          .setMaxConnTotal(1).setMaxConnPerRoute(1).build();
      long ms = c.s.pick(50, 100, 200);
      c.rewrite("actual: \\d+ MILLISECONDS", m -> "actual: " + (ms + c.s.between(0, 3)) + " MILLISECONDS");
      RequestConfig rc = RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofMilliseconds(ms)).build();
      try (CloseableHttpClient cl = HttpClients.custom().setConnectionManager(cm).setDefaultRequestConfig(rc)
          .disableAutomaticRetries().build()) {
        String url = NetScenarios.url(c, "http", c.res.httpPort(), c.s.path());
        // the first response is never consumed nor closed: its connection stays leased (a classic leak)
        ClassicHttpResponse leaked = cl.executeOpen(null, new HttpGet(url), null);
        try {
          fetch(c, cl, url);
        } finally {
          EntityUtils.consumeQuietly(leaked.getEntity());
          leaked.close();
        }
      }
    })));
    // ---- tls_failure: the self-signed certificate; a trusted certificate that names another host
    l.add(costly("tls_failure", "httpclient5.tls-untrusted", 2, c -> fail(() ->
        fetch(c, shared(c), NetScenarios.url(c, "https", c.res.httpsPort(), c.s.path())))));
    l.add(costly("tls_failure", "httpclient5.tls-hostname", 2, c -> fail(() -> {
      int port = c.res.httpsPort();
      String ip = "10.0." + c.s.between(0, 40) + "." + c.s.between(2, 250);
      c.text("127.0.0.1:" + port, ip + ":443");
      c.text("127.0.0.1", ip);
      try (CloseableHttpClient cl = client(Timeout.ofSeconds(5), OkHttpScenarios.trustAll())) {
        fetch(c, cl, "https://127.0.0.1:" + port + c.s.path());
      }
    })));
    // ---- unknown: a redirect loop of the upstream (ClientProtocolException over a redirect exception)
    l.add(Scenario.lessOften(costly("unknown", "httpclient5.redirect-loop", 2, c -> fail(() -> {
      boolean circular = c.s.chance(0.5);
      String shown = c.s.path();
      String real = circular ? "/loop" + shown : "/hop/1";
      String url = NetScenarios.url(c, "http", EdgeHttpServer.port(c), real);
      c.text("/loop" + shown, shown);
      c.rewrite("/hop/(\\d+)", m -> shown + "?page=" + m.group(1));
      RequestConfig rc = RequestConfig.custom().setCircularRedirectsAllowed(false).setMaxRedirects(c.s.pick(3, 5, 10)).build();
      HttpGet get = new HttpGet(url);
      get.setConfig(rc);
      shared(c).execute(get, new BasicHttpClientResponseHandler());
    }))));
    // ---- HTTP status codes through BasicHttpClientResponseHandler
    addStatus(l, "http_client_error", new int[] {400, 404, 409, 422, 405, 410});
    addStatus(l, "http_server_error", new int[] {500, 502, 503, 504});
    addStatus(l, "rate_limited", new int[] {429});
    addStatus(l, "authentication_failure", new int[] {401});
    addStatus(l, "authorization_denied", new int[] {403});
    return l;
  }

  private static void addStatus(List<Scenario> l, String label, int[] codes) {
    l.add(cheap(label, "httpclient5.response-status", c -> fail(() -> {
      int code = codes[c.rnd.nextInt(codes.length)];
      String shownPath = c.s.path();
      String url = NetScenarios.url(c, "http", c.res.httpPort(), "/status/" + code);
      c.text("/status/" + code, shownPath);
      fetch(c, shared(c), url);
    })));
  }
}
