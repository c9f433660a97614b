package io.logdx.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/** The IDE metadata that spring-boot-configuration-processor writes at compile time, as the jar carries it. */
class ConfigurationMetadataTest {
  @Test
  void everyPropertyHasItsMetadataAndDefault() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the generated metadata").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> names = new ArrayList<>();
    metadata.get("properties").forEach(p -> names.add(p.get("name").asText()));
    List<String> expected =
        new ArrayList<>(
            List.of(
                "logdx.enabled",
                "logdx.app-packages",
                "logdx.locale",
                "logdx.attach-to",
                "logdx.overflow-policy",
                "logdx.time-budget",
                "logdx.queue-size",
                "logdx.includes",
                "logdx.excludes",
                "logdx.model",
                "logdx.model-loading",
                "logdx.warn",
                // the processor's own for the actuator endpoint logdx (LogdxEndpoint)
                "management.endpoint.logdx.access",
                "management.endpoint.logdx.cache.time-to-live"));
    // and the endpoint's deprecated "enabled" (superseded by "access" in 3.4): Boot 3.5's processor
    // still writes it, Boot 4.0's (-P boot4) no longer does
    if (SpringBootVersion.getVersion().startsWith("3.")) {
      expected.add("management.endpoint.logdx.enabled");
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    metadata
        .get("properties")
        .forEach(p -> assertThat(p.get("description")).as(p.get("name").asText()).isNotNull());
    JsonNode timeBudget = property(metadata, "logdx.time-budget");
    assertThat(timeBudget.get("defaultValue").asText()).isEqualTo("50ms");
    assertThat(property(metadata, "logdx.model-loading").get("defaultValue").asText())
        .isEqualTo("background");
    List<String> hinted = new ArrayList<>();
    metadata.get("hints").forEach(h -> hinted.add(h.get("name").asText()));
    assertThat(hinted).contains("logdx.attach-to", "logdx.locale", "logdx.model");
  }

  private static JsonNode property(JsonNode metadata, String name) {
    for (JsonNode p : metadata.get("properties")) {
      if (p.get("name").asText().equals(name)) return p;
    }
    throw new AssertionError("no property " + name);
  }
}
