package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.Test;

/** Real exceptions logged through a real context; the JSON written by JsonTemplateLayout is parsed back. */
class JsonOutputTest {

  static int parseAmount(String text) {
    return Integer.parseInt(text);
  }

  static int closedLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void connect(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
    }
  }

  @Test
  void writesDiagnosisFieldsIntoEcsJsonAndPattern() throws Exception {
    try (LogFixture f = LogFixture.start("dx-json.xml")) {
      Logger log = f.logger("com.acme.Payments");
      log.info("starting");
      try {
        parseAmount("abc");
      } catch (NumberFormatException e) {
        log.error("amount unreadable", e);
      }
      int port = closedLoopbackPort();
      ConnectException refused = null;
      try {
        connect(port);
      } catch (ConnectException e) {
        refused = e;
      }
      assertThat(refused).as("nothing listens on the closed loopback port").isNotNull();
      ThreadContext.put("request", "r-17");
      try {
        log.error("ledger unreachable", new IllegalStateException("ledger call failed", refused));
      } finally {
        ThreadContext.remove("request");
      }
      log.warn("a warning with a throwable is not diagnosed by default", new IllegalStateException("w"));
      f.stop();

      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).extracting(n -> n.get("message").asText())
          .containsExactly("starting", "amount unreadable", "ledger unreachable",
              "a warning with a throwable is not diagnosed by default");

      // JsonTemplateLayout leaves absent fields out, and with them the empty diagnosis object
      assertThat(lines.get(0).has("diagnosis")).isFalse();

      JsonNode nfe = lines.get(1).get("diagnosis");
      assertThat(nfe.get("status").asText()).isEqualTo("ok");
      assertThat(nfe.get("category").asText()).isEqualTo("number_format");
      assertThat(nfe.get("root_cause").get("type").asText()).isEqualTo("java.lang.NumberFormatException");
      assertThat(nfe.get("root_cause").get("message").asText()).contains("abc");
      assertThat(nfe.get("location").get("class").asText()).isEqualTo(JsonOutputTest.class.getName());
      assertThat(nfe.get("location").get("method").asText()).isEqualTo("parseAmount");
      assertThat(Double.parseDouble(nfe.get("confidence").asText())).isBetween(0.0, 1.0);
      assertThat(nfe.get("fingerprint").asText()).isNotBlank();
      assertThat(nfe.get("occurrences").asText()).isEqualTo("1");
      assertThat(nfe.get("cause").asText()).isNotBlank();
      assertThat(nfe.get("summary").asText()).startsWith("type=number_format");
      assertThat(lines.get(1).get("error.type").asText()).isEqualTo("java.lang.NumberFormatException");

      JsonNode conn = lines.get(2).get("diagnosis");
      assertThat(conn.get("status").asText()).isEqualTo("ok");
      assertThat(conn.get("category").asText()).isEqualTo("connection_refused");
      assertThat(conn.get("root_cause").get("type").asText()).isEqualTo("java.net.ConnectException");
      assertThat(conn.get("location").get("method").asText()).isEqualTo("connect");
      // the user's own context data stays where the ECS layout puts it, without the diagnosis fields
      assertThat(lines.get(2).get("request").asText()).isEqualTo("r-17");
      assertThat(lines.get(2).has("diagnosis.category")).isFalse();

      assertThat(lines.get(3).has("diagnosis")).as("WARN is below the default level").isFalse();

      List<String> plain = f.lines("app.log");
      assertThat(plain).hasSize(4);
      assertThat(plain.get(0)).endsWith("starting |  | cat= | fp=");
      assertThat(plain.get(1)).contains("| type=number_format; cause=").contains("| cat=number_format |")
          .contains("fp=" + nfe.get("fingerprint").asText());
      assertThat(plain.get(2)).contains("cat=connection_refused");
    }
  }
}
