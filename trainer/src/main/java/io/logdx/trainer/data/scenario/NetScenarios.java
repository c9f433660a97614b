package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Grafts;
import io.logdx.trainer.data.Scenario;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * Network failures against servers on 127.0.0.1 started by {@link io.logdx.trainer.data.Resources}: refused,
 * timeouts, resets, TLS with a self-signed certificate, and HTTP status codes turned into exceptions by Spring's
 * RestTemplate and by {@link HttpURLConnection}. Loopback addresses and ports are shown as service host names.
 */
final class NetScenarios {
  private NetScenarios() {}

  /** A REST client of the application, over the real RestTemplate. */
  static final class PartnerApiClient {
    final RestTemplate rest;

    PartnerApiClient(int connectMs, int readMs) {
      SimpleClientHttpRequestFactory f = new SimpleClientHttpRequestFactory();
      f.setConnectTimeout(connectMs);
      f.setReadTimeout(readMs);
      this.rest = new RestTemplate(f);
    }

    String get(String url) {
      return rest.getForObject(url, String.class);
    }

    String post(String url, String body) {
      return rest.postForObject(url, body, String.class);
    }
  }

  /** The real URL on loopback, shown in messages as a service URL. */
  static String url(Ctx c, String scheme, int port, String path) {
    String host = c.s.pick("payments-api.internal", "ledger-svc", "partner.api.test", "fx-rates.internal",
        "core-banking.svc.cluster.local", "localhost", "auth-service", "card-auth.internal", "10.0.12.34");
    int shown = c.s.pick(8080, 443, 8443, 80, 9090, 18080, 8081);
    c.text("127.0.0.1:" + port, host + ":" + shown);
    c.text("localhost:" + port, host + ":" + shown);
    c.text("/127.0.0.1", "/" + (host.matches("[\\d.]+") ? host : "10.0." + c.s.between(0, 40) + "." + c.s.between(2, 250)));
    return scheme + "://127.0.0.1:" + port + path;
  }

  static HttpClient client(SSLContext ctx, Duration connect) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connect);
    if (ctx != null) b.sslContext(ctx);
    return b.build();
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- connection_refused
    l.add(cheap("connection_refused", "jdk.refused.socket", c -> fail(() -> {
      int port = c.res.closedPort();
      url(c, "tcp", port, "");
      if (c.s.chance(0.5)) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        }
      } else {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
          c.use(ch);
        }
      }
    })));
    l.add(cheap("connection_refused", "spring.resttemplate-refused", c -> fail(() -> {
      String u = url(c, "http", c.res.closedPort(), c.s.path());
      if (c.s.chance(0.5)) new PartnerApiClient(2000, 2000).get(u);
      else new PartnerApiClient(2000, 2000).post(u, "{}");
    })));
    l.add(cheap("connection_refused", "jdk.refused.urlconnection", c -> fail(() -> {
      HttpURLConnection con = (HttpURLConnection) new URL(url(c, "http", c.res.closedPort(), c.s.path())).openConnection();
      con.setConnectTimeout(2000);
      c.use(con.getResponseCode());
    })));
    l.add(costly("connection_refused", "jdk.refused.httpclient", 3, c -> fail(() ->
        client(null, Duration.ofSeconds(2)).send(HttpRequest.newBuilder(URI.create(url(c, "http", c.res.closedPort(), c.s.path())))
            .build(), HttpResponse.BodyHandlers.ofString()))));
    // ---- socket_timeout
    l.add(costly("socket_timeout", "jdk.read-timeout.socket", 3, c -> fail(() -> {
      int port = c.res.silentPort();
      url(c, "tcp", port, "");
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        s.setSoTimeout(c.s.between(30, 60));
        s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        c.use(s.getInputStream().read());
      }
    })));
    l.add(costly("socket_timeout", "spring.resttemplate-read-timeout", 3, c -> fail(() ->
        new PartnerApiClient(1000, c.s.between(30, 60)).post(url(c, "http", c.res.silentPort(), c.s.path()), "{\"amount\":1}"))));
    l.add(costly("socket_timeout", "jdk.urlconnection-read-timeout", 3, c -> fail(() -> {
      HttpURLConnection con = (HttpURLConnection) new URL(url(c, "http", c.res.silentPort(), c.s.path())).openConnection();
      con.setReadTimeout(c.s.between(30, 60));
      c.use(con.getResponseCode());
    })));
    l.add(costly("socket_timeout", "jdk.httpclient-request-timeout", 3, c -> fail(() ->
        client(null, Duration.ofSeconds(1)).send(HttpRequest.newBuilder(URI.create(url(c, "http", c.res.silentPort(), c.s.path())))
            .timeout(Duration.ofMillis(c.s.between(250, 400))).build(), HttpResponse.BodyHandlers.ofString()))));
    l.add(cheap("socket_timeout", "constructed.connect-timeout", c -> {
      // a connect timeout needs a host that drops packets; on loopback every connect answers at once
      if (c.s.chance(0.6)) {
        return Grafts.top(new SocketTimeoutException("Connect timed out"), """
            sun.nio.ch.NioSocketImpl|timedFinishConnect|551|java.base
            sun.nio.ch.NioSocketImpl|connect|602|java.base
            java.net.SocksSocketImpl|connect|327|java.base
            java.net.Socket|connect|633|java.base
            """);
      }
      return Grafts.top(new java.net.http.HttpConnectTimeoutException("HTTP connect timed out"), """
          jdk.internal.net.http.HttpClientImpl|send|573|java.net.http
          jdk.internal.net.http.HttpClientFacade|send|123|java.net.http
          """);
    }));
    // ---- connection_reset
    l.add(costly("connection_reset", "jdk.reset.socket-read", 3, c -> fail(() -> {
      int port = c.res.resetPort();
      url(c, "tcp", port, "");
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(2000);
        s.getOutputStream().write(("POST /settle HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        c.use(in.read());
        c.use(in.read());
      }
    })));
    l.add(costly("connection_reset", "jdk.reset.urlconnection", 3, c -> fail(() -> {
      HttpURLConnection con = (HttpURLConnection) new URL(url(c, "http", c.res.resetPort(), c.s.path())).openConnection();
      con.setReadTimeout(2000);
      c.use(con.getResponseCode());
    })));
    l.add(costly("connection_reset", "spring.resttemplate-reset", 3, c -> fail(() ->
        new PartnerApiClient(1000, 2000).post(url(c, "http", c.res.resetPort(), c.s.path()), "{\"amount\":1}"))));
    l.add(costly("connection_reset", "jdk.reset.httpclient", 3, c -> fail(() ->
        client(null, Duration.ofSeconds(1)).send(HttpRequest.newBuilder(URI.create(url(c, "http", c.res.resetPort(), c.s.path())))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()))));
    l.add(costly("connection_reset", "jdk.reset.broken-pipe", 3, c -> fail(() -> {
      int port = c.res.resetPort();
      url(c, "tcp", port, "");
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        OutputStream out = s.getOutputStream();
        out.write(new byte[300]);
        Thread.sleep(40);
        for (int i = 0; i < 200; i++) {
          out.write(new byte[8192]);
          Thread.sleep(1);
        }
      }
    })));
    // ---- unknown_host
    l.add(cheap("unknown_host", "jdk.unresolved.socket", c -> fail(() -> {
      String host = c.s.pick("payments-api.internal", "ledger-svc.prod", "db-primary", "partner.api.test",
          "core-banking.svc.cluster.local", "fx-rates", "kafka-0.kafka-headless", "redis-master.cache");
      if (c.s.chance(0.6)) {
        try (Socket s = new Socket()) {
          s.connect(InetSocketAddress.createUnresolved(host, c.s.port()), 1000);
        }
      } else {
        try (SocketChannel ch = SocketChannel.open()) {
          ch.connect(InetSocketAddress.createUnresolved(host, c.s.port()));
        }
      }
    })));
    l.add(cheap("unknown_host", "constructed.dns-failure", c -> {
      // a real lookup of an unknown name would ask a DNS server off this machine: the JDK's message format instead
      String host = c.s.pick("payments-api.internal", "ledger-svc.prod", "db-primary.internal", "partner.api.test",
          "mysql-01.prod.local", "auth-service", "api.partner-bank.test", "sftp.settlement.test");
      UnknownHostException e = new UnknownHostException(host + ": " + c.s.pick("Name or service not known",
          "Temporary failure in name resolution", "nodename nor servname provided, or not known", "No address associated with hostname"));
      Grafts.top(e, """
          java.net.Inet6AddressImpl|lookupAllHostAddr|-2|java.base
          java.net.InetAddress$PlatformNameService|lookupAllHostAddr|933|java.base
          java.net.InetAddress|getAddressesFromNameService|1534|java.base
          java.net.InetAddress$NameServiceAddresses|get|852|java.base
          java.net.InetAddress|getAllByName0|1524|java.base
          java.net.InetAddress|getAllByName|1381|java.base
          java.net.InetAddress|getAllByName|1305|java.base
          java.net.InetAddress|getByName|1255|java.base
          """);
      if (c.s.chance(0.4)) {
        return new org.springframework.web.client.ResourceAccessException("I/O error on " + c.s.pick("GET", "POST")
            + " request for \"https://" + host + c.s.path() + "\": " + host, e);
      }
      return e;
    }));
    // ---- tls_failure
    l.add(costly("tls_failure", "jdk.tls.pkix-httpclient", 2, c -> fail(() ->
        client(null, Duration.ofSeconds(2)).send(HttpRequest.newBuilder(URI.create(url(c, "https", c.res.httpsPort(), c.s.path())))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))));
    l.add(costly("tls_failure", "jdk.tls.pkix-urlconnection", 2, c -> fail(() -> {
      HttpsURLConnection con = (HttpsURLConnection) new URL(url(c, "https", c.res.httpsPort(), c.s.path())).openConnection();
      con.setReadTimeout(5000);
      c.use(con.getResponseCode());
    })));
    l.add(costly("tls_failure", "jdk.tls.hostname-mismatch", 2, c -> fail(() -> {
      // the certificate is trusted but names localhost only; the client connects by IP address
      int port = c.res.httpsPort();
      c.text("127.0.0.1:" + port, "10.0." + c.s.between(0, 40) + "." + c.s.between(2, 250) + ":443");
      client(c.res.trustingContext(), Duration.ofSeconds(2)).send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + port + c.s.path())).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    })));
    l.add(costly("tls_failure", "jdk.tls.plaintext-server", 3, c -> fail(() -> {
      // a TLS client talking to a server that answers in plain HTTP
      String u = url(c, "https", c.res.plainResponderPort(), c.s.path());
      if (c.s.chance(0.5)) {
        HttpsURLConnection con = (HttpsURLConnection) new URL(u).openConnection();
        con.setReadTimeout(3000);
        c.use(con.getResponseCode());
      } else {
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) javax.net.ssl.SSLSocketFactory.getDefault().createSocket(
            InetAddress.getLoopbackAddress(), c.res.plainResponderPort())) {
          s.setSoTimeout(3000);
          s.startHandshake();
        }
      }
    })));
    l.add(costly("tls_failure", "jdk.tls.protocol-disabled", 2, c -> fail(() -> {
      SSLContext ctx = c.res.trustingContext();
      SSLParameters p = ctx.getDefaultSSLParameters();
      p.setProtocols(new String[] {c.s.pick("TLSv1", "TLSv1.1")});
      HttpClient.newBuilder().sslContext(ctx).sslParameters(p).connectTimeout(Duration.ofSeconds(2)).build()
          .send(HttpRequest.newBuilder(URI.create(url(c, "https", c.res.httpsPort(), c.s.path()).replace("127.0.0.1", "localhost")))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    })));
    // ---- HTTP status codes: client errors, server errors, rate limits, 401, 403
    addStatus(l, "http_client_error", new int[] {400, 404, 409, 422, 405, 410});
    addStatus(l, "http_server_error", new int[] {500, 502, 503, 504});
    addStatus(l, "rate_limited", new int[] {429});
    addStatus(l, "authentication_failure", new int[] {401});
    addStatus(l, "authorization_denied", new int[] {403});
    return l;
  }

  private static String body(Ctx c, int code) {
    String msg = switch (code) {
      case 400 -> c.s.pick("Invalid request", "amount is required", "잘못된 요청입니다");
      case 404 -> c.s.pick("Account not found", "No route", "Resource not found");
      case 409 -> c.s.pick("Conflict", "Request already processed");
      case 422 -> "Unprocessable entity";
      case 429 -> c.s.pick("Too many requests", "Rate limit exceeded", "요청 한도를 초과했습니다");
      case 401 -> c.s.pick("Unauthorized", "Invalid access token", "token expired");
      case 403 -> c.s.pick("Forbidden", "insufficient_scope", "접근 권한이 없습니다");
      case 502 -> "Bad Gateway";
      case 503 -> c.s.pick("Service Unavailable", "upstream connect error or disconnect/reset before headers");
      case 504 -> "Gateway Timeout";
      default -> c.s.pick("Internal Server Error", "Unexpected error", "NullPointerException");
    };
    return "{\"timestamp\":\"" + c.s.isoDate() + "T" + c.s.isoTime() + "Z\",\"status\":" + code + ",\"error\":\"" + msg
        + "\",\"path\":\"/api/v1/" + c.s.pick("transfers", "payments", "accounts", "quotes") + "\"}";
  }

  private static void addStatus(List<Scenario> l, String label, int[] codes) {
    l.add(costly(label, "spring.resttemplate-status", 16, c -> fail(() -> {
      int code = codes[c.rnd.nextInt(codes.length)];
      String u = url(c, "http", c.res.httpPort(), "/status/" + code) + "?body="
          + java.net.URLEncoder.encode(body(c, code), StandardCharsets.UTF_8);
      String shownPath = c.s.path();
      c.text("/status/" + code + "?body=", shownPath + "?q=");
      c.text("/status/" + code, shownPath);
      c.rewrite("\\?q=[^\"\\s]*", m -> "");
      if (c.s.chance(0.5)) new PartnerApiClient(1000, 2000).get(u);
      else new PartnerApiClient(1000, 2000).post(u, "{\"amount\":" + c.s.amount() + "}");
    })));
    l.add(cheap(label, "jdk.urlconnection-status", c -> fail(() -> {
      int code = codes[c.rnd.nextInt(codes.length)];
      String shownPath = c.s.path();
      String u = url(c, "http", c.res.httpPort(), "/status/" + code);
      c.text("/status/" + code, shownPath);
      HttpURLConnection con = (HttpURLConnection) new URL(u).openConnection();
      try (InputStream in = con.getInputStream()) {
        c.use(in.read());
      }
    })));
    l.add(cheap(label, "app.httpclient-status", c -> fail(() -> {
      int code = codes[c.rnd.nextInt(codes.length)];
      String shownPath = c.s.path();
      String u = url(c, "http", c.res.httpPort(), "/status/" + code);
      c.text("/status/" + code, shownPath);
      HttpResponse<String> r = c.res.httpClient().send(HttpRequest.newBuilder(URI.create(u))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 400) {
        String method = c.s.pick("GET", "POST", "PUT");
        String shownUrl = u.replace("/status/" + code, shownPath);
        int style = c.rnd.nextInt(4);
        if (style == 1) c.type(ApiCallException.class, "feign.FeignException$" + feignName(r.statusCode()));
        else c.type(ApiCallException.class, c.s.pick("ApiCallException", "ExternalApiException", "PartnerApiException",
            "RemoteServiceException", "HttpClientException"));
        throw new ApiCallException(switch (style) {
          case 0 -> "Partner API call failed: HTTP " + r.statusCode() + " " + r.body();
          case 1 -> "[" + r.statusCode() + "] during [" + method + "] to [" + shownUrl + "] [PartnerClient#"
              + c.s.pick("getAccount", "transfer", "quote") + "(String)]: [" + r.body() + "]";
          case 2 -> "Unexpected response status " + r.statusCode() + " from " + shownUrl;
          default -> "외부 API 호출 실패 (status=" + r.statusCode() + ")";
        }, r.statusCode());
      }
    })));
  }

  static String feignName(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 422 -> "UnprocessableEntity";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalServerError";
      case 502 -> "BadGateway";
      case 503 -> "ServiceUnavailable";
      case 504 -> "GatewayTimeout";
      default -> "FeignClientException";
    };
  }

  /** An application's own HTTP client exception; shown under Feign-like or app names. */
  static final class ApiCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiCallException(String message, int status) {
      super(message);
      this.status = status;
    }
  }
}
