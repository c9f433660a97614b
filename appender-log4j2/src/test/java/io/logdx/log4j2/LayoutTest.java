package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.core.DiagnosisFields;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The shipped event template against the one list of field names, and {@code %dx} without a field. */
class LayoutTest {

  @Test
  void theEcsTemplateResolvesEveryDiagnosisField() throws Exception {
    List<String> keys = new ArrayList<>();
    try (InputStream in =
        DiagnosingAppender.class.getClassLoader().getResourceAsStream("LogdxEcsLayout.json")) {
      assertThat(in).as("LogdxEcsLayout.json in the appender jar").isNotNull();
      collectKeys(new ObjectMapper().readTree(in).get("diagnosis"), keys);
    }
    List<String> names = new ArrayList<>();
    for (Field f : DiagnosisFields.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers())
          && f.getType() == String.class
          && !f.getName().equals("NAMESPACE")) {
        names.add((String) f.get(null));
      }
    }
    assertThat(keys).containsExactlyInAnyOrderElementsOf(names);
  }

  private static void collectKeys(JsonNode node, List<String> out) {
    if (node.has("$resolver")) {
      assertThat(node.get("$resolver").asText()).isEqualTo("mdc");
      out.add(node.get("key").asText());
      return;
    }
    node.properties().forEach(e -> collectKeys(e.getValue(), out));
  }

  /**
   * {@code %dx} without a field name is {@code %diagnosis}: one Log4j2 converter plugin answers both keys. Logback's
   * {@code %dx} needs a field (its converters are two classes, registered one by one), so this stays here; the
   * converters with a field, a default and a status are the contract's (PatternContract).
   */
  @Test
  void percentDxWithoutAFieldIsPercentDiagnosis() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(DiagnosisFields.STATUS, "ok");
    fields.put(DiagnosisFields.CATEGORY, "number_format");
    fields.put(DiagnosisFields.SUMMARY, "type=number_format; at=com.acme.Pay.run(Pay.java:42)");
    LogEvent base =
        Log4jLogEvent.newBuilder()
            .setLoggerName("com.acme")
            .setLevel(Level.ERROR)
            .setMessage(new SimpleMessage("m"))
            .build();
    LogEvent enriched = DiagnosingAppender.withFields(base, fields);
    LogEvent pending =
        DiagnosingAppender.withFields(base, Map.of(DiagnosisFields.STATUS, "pending"));

    PatternLayout layout = PatternLayout.newBuilder().withPattern("%diagnosis|%dx").build();
    assertThat(layout.toSerializable(enriched))
        .isEqualTo(
            "type=number_format; at=com.acme.Pay.run(Pay.java:42)"
                + "|type=number_format; at=com.acme.Pay.run(Pay.java:42)");
    assertThat(layout.toSerializable(pending)).isEqualTo("status=pending|status=pending");
    assertThat(layout.toSerializable(base)).isEqualTo("|");
  }
}
