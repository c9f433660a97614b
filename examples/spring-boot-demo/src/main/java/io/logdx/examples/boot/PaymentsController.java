package io.logdx.examples.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** Endpoints that fail as real code does; the failures leave the controller uncaught, and Tomcat logs them. */
@RestController
class PaymentsController {
  private final JdbcTemplate jdbc;
  private final RestClient rates;

  PaymentsController(JdbcTemplate jdbc, RestClient.Builder http) {
    this.jdbc = jdbc;
    jdbc.execute(
        "create table if not exists account (id varchar(32) primary key, owner varchar(64))");
    // The exchange-rate service is "down": a loopback port that nothing listens on.
    // HttpURLConnection
    // (the simple factory) connects on the request thread, so the refusal's stack runs through this
    // controller. With the JDK HttpClient, which Boot picks by default, the root cause that Tomcat
    // logs is a ClosedChannelException from the client's selector thread, with no frame of the app.
    this.rates =
        http.requestFactory(new SimpleClientHttpRequestFactory())
            .baseUrl("http://127.0.0.1:" + closedPort())
            .build();
  }

  /** {@code GET /amounts/twelve}: a number parse of user input (NumberFormatException). */
  @GetMapping("/amounts/{text}")
  long amount(@PathVariable("text") String text) {
    return Long.parseLong(text);
  }

  /** {@code POST /accounts/A-1} twice: the second insert violates the primary key (DuplicateKeyException). */
  @PostMapping("/accounts/{id}")
  String open(@PathVariable("id") String id) {
    jdbc.update("insert into account (id, owner) values (?, ?)", id, "synthetic owner");
    return id;
  }

  /** {@code GET /rates/EUR}: a call to a service that refuses the connection (ResourceAccessException). */
  @GetMapping("/rates/{currency}")
  String rate(@PathVariable("currency") String currency) {
    return rates.get().uri("/rates/{c}", currency).retrieve().body(String.class);
  }

  /** A port that was free a moment ago: connecting to it is refused (loopback only). */
  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
