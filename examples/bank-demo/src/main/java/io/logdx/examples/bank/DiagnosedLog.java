package io.logdx.examples.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.core.DiagnosisFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON log the demo wrote, read back line by line: what the encoder really received is what the
 * summary shows. An event that went on with {@code diagnosis.status=pending} is paired with its follow-up
 * (same fingerprint, a final status).
 */
public final class DiagnosedLog {
  private static final String PENDING = "pending";

  private final List<JsonNode> events;
  private final Map<String, JsonNode> finalByFingerprint = new HashMap<>();

  private DiagnosedLog(List<JsonNode> events) {
    this.events = events;
    for (JsonNode e : events) {
      String fp = text(e, DiagnosisFields.FINGERPRINT);
      String status = text(e, DiagnosisFields.STATUS);
      if (fp != null
          && status != null
          && !PENDING.equals(status)
          && text(e, DiagnosisFields.CATEGORY) != null) {
        finalByFingerprint.putIfAbsent(fp, e);
      }
    }
  }

  /** Reads a file of JSON lines (one event per line, as logstash-logback-encoder writes them). */
  public static DiagnosedLog read(Path file, ObjectMapper json) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          events.add(json.readTree(line));
        }
      }
    }
    return new DiagnosedLog(events);
  }

  /** Every event in file order. */
  public List<JsonNode> events() {
    return events;
  }

  /** The ERROR events logged while the scenario ran (the MDC key {@link ScenarioRunner#MDC_KEY}). */
  public List<JsonNode> errorsOf(String scenarioId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : events) {
      if (scenarioId.equals(text(e, ScenarioRunner.MDC_KEY))
          && "ERROR".equals(text(e, "level"))
          && !isFollowUp(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The event carrying the diagnosis of this event: itself, or for a pending event its follow-up (same event
   * id), or failing that the first complete event with the same fingerprint.
   */
  public Optional<JsonNode> diagnosisOf(JsonNode event) {
    String status = text(event, DiagnosisFields.STATUS);
    if (status == null) {
      return Optional.empty();
    }
    if (PENDING.equals(status)) {
      String id = text(event, DiagnosisFields.EVENT_ID);
      if (id != null) {
        for (JsonNode e : events) {
          if (id.equals(text(e, DiagnosisFields.EVENT_ID)) && isFollowUp(e)) {
            return Optional.of(e);
          }
        }
      }
      String fp = text(event, DiagnosisFields.FINGERPRINT);
      return Optional.ofNullable(fp == null ? null : finalByFingerprint.get(fp));
    }
    return Optional.of(event);
  }

  /** A follow-up carries the original's event id and a final status; the pending original carries the id too. */
  static boolean isFollowUp(JsonNode e) {
    return text(e, DiagnosisFields.EVENT_ID) != null
        && !PENDING.equals(text(e, DiagnosisFields.STATUS));
  }

  /** A top-level string field, or {@code null}. */
  public static String text(JsonNode e, String field) {
    JsonNode v = e.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
