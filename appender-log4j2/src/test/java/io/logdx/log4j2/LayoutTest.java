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

/** The shipped event template and the pattern converter against the one list of field names. */
class LayoutTest {

  @Test
  void theEcsTemplateResolvesEveryDiagnosisField() throws Exception {
    List<String> keys = new ArrayList<>();
    try (InputStream in = DiagnosingAppender.class.getClassLoader().getResourceAsStream("LogdxEcsLayout.json")) {
      assertThat(in).as("LogdxEcsLayout.json in the appender jar").isNotNull();
      collectKeys(new ObjectMapper().readTree(in).get("diagnosis"), keys);
    }
    List<String> names = new ArrayList<>();
    for (Field f : DiagnosisFields.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().equals("NAMESPACE")) {
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
    node.fields().forEachRemaining(e -> collectKeys(e.getValue(), out));
  }

  @Test
  void patternConverterPrintsSummaryStatusOrOneField() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(DiagnosisFields.STATUS, "ok");
    fields.put(DiagnosisFields.CATEGORY, "number_format");
    fields.put(DiagnosisFields.ROOT_CAUSE_TYPE, "java.lang.NumberFormatException");
    fields.put(DiagnosisFields.SUMMARY, "type=number_format; at=com.acme.Pay.run(Pay.java:42)");
    LogEvent base = Log4jLogEvent.newBuilder().setLoggerName("com.acme").setLevel(Level.ERROR)
        .setMessage(new SimpleMessage("m")).build();
    LogEvent enriched = DiagnosingAppender.withFields(base, fields);
    LogEvent pending = DiagnosingAppender.withFields(base, Map.of(DiagnosisFields.STATUS, "pending"));

    PatternLayout layout = PatternLayout.newBuilder()
        .withPattern("%diagnosis|%dx|%dx{category}|%dx{root_cause.type}|%dx{diagnosis.category}|%dx{cause}").build();
    assertThat(layout.toSerializable(enriched)).isEqualTo("type=number_format; at=com.acme.Pay.run(Pay.java:42)"
        + "|type=number_format; at=com.acme.Pay.run(Pay.java:42)|number_format|java.lang.NumberFormatException"
        + "|number_format|");
    assertThat(layout.toSerializable(pending)).isEqualTo("status=pending|status=pending||||");
    assertThat(layout.toSerializable(base)).isEqualTo("|||||");
  }
}
