package io.logdx.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.internal.FailureParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ActiveMQ and Kafka scenarios throw the real types their labels expect, and give the same text each run. */
class MessagingScenariosTest {
  static final Map<String, String> ROOTS = new LinkedHashMap<>();

  static {
    ROOTS.put("activemq.connect-refused", "java.net.ConnectException");
    ROOTS.put("activemq.failover-refused", "java.net.ConnectException");
    ROOTS.put("activemq.wireformat-timeout", "java.io.IOException");
    ROOTS.put("activemq.connection-reset", "java.net.SocketException");
    ROOTS.put("activemq.bad-credentials", "java.lang.SecurityException");
    ROOTS.put("activemq.not-authorized", "java.lang.SecurityException");
    ROOTS.put(
        "activemq.closed",
        "jakarta.jms.IllegalStateException|org.apache.activemq.ConnectionClosedException");
    ROOTS.put("activemq.memory-limit", "jakarta.jms.ResourceAllocationException");
    ROOTS.put(
        "activemq.message-mode",
        "jakarta.jms.MessageNotReadableException|jakarta.jms.MessageNotWriteableException");
    ROOTS.put("activemq.message-type", "jakarta.jms.MessageFormatException");
    ROOTS.put("activemq.property-number", "java.lang.NumberFormatException");
    ROOTS.put("activemq.untrusted-object", "java.lang.ClassNotFoundException");
    ROOTS.put(
        "activemq.bad-argument",
        "jakarta.jms.JMSException|jakarta.jms.MessageFormatException|java.lang.IllegalArgumentException");
    ROOTS.put("activemq.bad-selector", "org.apache.activemq.selector.ParseException");
    ROOTS.put("activemq.reply-timeout", "java.util.concurrent.TimeoutException");
    ROOTS.put("activemq.interrupted", "java.lang.InterruptedException");
    ROOTS.put("kafka.producer-metadata-timeout", "org.apache.kafka.common.errors.TimeoutException");
    ROOTS.put("kafka.consumer-api-timeout", "org.apache.kafka.common.errors.TimeoutException");
    ROOTS.put("kafka.admin-timeout", "org.apache.kafka.common.errors.TimeoutException");
    ROOTS.put("kafka.closed-client", "java.lang.IllegalStateException");
    ROOTS.put("kafka.consumer-two-threads", "java.util.ConcurrentModificationException");
    ROOTS.put("kafka.interrupted", "java.lang.InterruptedException");
    ROOTS.put("kafka.wrong-state", "java.lang.IllegalStateException");
    ROOTS.put("kafka.missing-group-id", "org.apache.kafka.common.errors.InvalidGroupIdException");
    ROOTS.put(
        "kafka.invalid-config",
        "org.apache.kafka.common.config.ConfigException|java.lang.IllegalArgumentException");
    ROOTS.put("kafka.bad-argument", "java.lang.IllegalArgumentException");
    ROOTS.put(
        "kafka.deserializer",
        "org.apache.kafka.common.errors.SerializationException|java.lang.IllegalArgumentException");
    ROOTS.put("kafka.serializer-type", "java.lang.ClassCastException");
  }

  @Test
  void scenariosThrowTheirRealTypes() throws Exception {
    FailureParser parser = new FailureParser();
    List<String> seen = new ArrayList<>();
    try (DataGenerator g = new DataGenerator(42)) {
      for (List<Scenario> scenarios : g.scenarios().values()) {
        for (Scenario sc : scenarios) {
          if (!sc.name().startsWith("activemq.") && !sc.name().startsWith("kafka.")) continue;
          String want = ROOTS.get(sc.name());
          assertThat(want).as("expected root types of " + sc).isNotNull();
          int runs = sc.captures() > 0 ? 4 : 12;
          for (long seed = 1; seed <= runs; seed++) {
            Throwable t = g.runOnce(sc, seed * 0x9E3779B97F4A7C15L);
            String root = parser.parse(t).rootCause().orElseThrow().type();
            assertThat(List.of(want.split("\\|")))
                .as(sc + " seed " + seed + ": " + t)
                .contains(root);
          }
          seen.add(sc.name());
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ROOTS.keySet());
  }

  @Test
  void examplesAreDeterministic() {
    List<String> labels =
        List.of(
            "connection_refused",
            "socket_timeout",
            "connection_reset",
            "authentication_failure",
            "authorization_denied",
            "resource_closed",
            "task_rejected",
            "illegal_state",
            "class_cast",
            "number_format",
            "deserialization",
            "illegal_argument",
            "timeout",
            "interrupted",
            "concurrent_modification",
            "configuration_error");
    Map<String, String> first = new LinkedHashMap<>();
    try (DataGenerator g = new DataGenerator(7)) {
      for (String label : labels) {
        for (Example e : g.examples(label, 60)) {
          if (e.source().startsWith("logdx-gen:activemq.")
              || e.source().startsWith("logdx-gen:kafka.")) {
            first.put(e.id(), e.text());
          }
        }
      }
    }
    assertThat(first).isNotEmpty();
    Map<String, String> second = new LinkedHashMap<>();
    try (DataGenerator g = new DataGenerator(7)) {
      for (String label : labels) {
        for (Example e : g.examples(label, 60)) {
          if (first.containsKey(e.id())) second.put(e.id(), e.text());
        }
      }
    }
    List<String> differ = new ArrayList<>();
    for (Map.Entry<String, String> e : first.entrySet()) {
      String b = second.get(e.getKey());
      if (!e.getValue().equals(b)) differ.add(e.getKey() + "\n" + firstDifference(e.getValue(), b));
    }
    assertThat(differ).isEmpty();
    if (Boolean.getBoolean("logdx.printMessaging")) {
      first.forEach((id, text) -> System.out.println("##### " + id + "\n" + text));
    }
  }

  private static String firstDifference(String a, String b) {
    if (b == null) return "missing";
    String[] x = a.split("\n");
    String[] y = b.split("\n");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) return x[i] + "\n  vs\n" + y[i];
    }
    return "lengths " + x.length + " vs " + y.length;
  }
}
