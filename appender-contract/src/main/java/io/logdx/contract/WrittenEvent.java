package io.logdx.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdx.core.DiagnosisFields;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One event as the framework's real JSON encoder wrote it, read back by the harness: logstash-logback-encoder
 * for Logback, JsonTemplateLayout with the shipped {@code LogdxEcsLayout.json} for Log4j2.
 *
 * @param message the formatted message
 * @param level the level's name ({@code ERROR})
 * @param logger the logger's name
 * @param thread the name of the thread that logged it
 * @param markers names of the event's markers (empty when none)
 * @param stackTrace the stack trace written with the event, or {@code null} when it carries no throwable
 * @param diagnosis the diagnosis fields by their full names ({@link DiagnosisFields}), whatever nesting the
 *     encoder gave them; empty when the event carries none
 * @param context the application's own context data (MDC, ThreadContext), without the diagnosis fields
 */
public record WrittenEvent(
    String message,
    String level,
    String logger,
    String thread,
    List<String> markers,
    String stackTrace,
    Map<String, String> diagnosis,
    Map<String, String> context) {

  public WrittenEvent {
    markers = List.copyOf(markers);
    diagnosis = Map.copyOf(diagnosis);
    context = Map.copyOf(context);
  }

  /**
   * The keys under which an encoder writes an event's own fields: each framework's JSON names them its own way.
   *
   * @param message key of the formatted message
   * @param level key of the level
   * @param logger key of the logger's name
   * @param thread key of the thread's name
   * @param stackTrace key of the stack trace
   * @param standard every key the encoder writes besides the application's context data
   */
  public record JsonKeys(
      String message,
      String level,
      String logger,
      String thread,
      String stackTrace,
      Set<String> standard) {
    /** logstash-logback-encoder's {@code LogstashEncoder}: the diagnosis fields come as top-level MDC keys. */
    public static final JsonKeys LOGSTASH =
        new JsonKeys(
            "message",
            "level",
            "logger_name",
            "thread_name",
            "stack_trace",
            Set.of(
                "@timestamp",
                "@version",
                "message",
                "logger_name",
                "thread_name",
                "level",
                "level_value",
                "stack_trace",
                "tags"));

    /**
     * Log4j2's JsonTemplateLayout with the shipped {@code LogdxEcsLayout.json} (and the contract's marker field):
     * the diagnosis fields come nested under one {@code diagnosis} object.
     */
    public static final JsonKeys LOGDX_ECS =
        new JsonKeys(
            "message",
            "log.level",
            "log.logger",
            "process.thread.name",
            "error.stack_trace",
            Set.of(
                "@timestamp",
                "ecs.version",
                "log.level",
                "message",
                "process.thread.name",
                "log.logger",
                "tags",
                "error.type",
                "error.message",
                "error.stack_trace",
                DiagnosisFields.NAMESPACE,
                "marker"));
  }

  /**
   * An event read from one line of an encoder's JSON.
   *
   * @param n the line
   * @param keys where the encoder puts the event's own fields
   * @param markers the markers, as the harness read them
   * @param diagnosis the diagnosis fields by their full names, as the harness read them
   * @param context the application's context data, as the harness read it
   * @return the event
   */
  public static WrittenEvent read(
      JsonNode n,
      JsonKeys keys,
      List<String> markers,
      Map<String, String> diagnosis,
      Map<String, String> context) {
    JsonNode stack = n.get(keys.stackTrace());
    return new WrittenEvent(
        n.path(keys.message()).asText(),
        n.path(keys.level()).asText(),
        n.path(keys.logger()).asText(),
        n.path(keys.thread()).asText(),
        markers,
        stack == null ? null : stack.asText(),
        diagnosis,
        context);
  }

  /** A diagnosis field by its full name ({@link DiagnosisFields#CATEGORY}), or {@code null}. */
  public String dx(String field) {
    return diagnosis.get(field);
  }

  /** The value of {@link DiagnosisFields#STATUS}, or {@code null} when the event carries no diagnosis. */
  public String status() {
    return diagnosis.get(DiagnosisFields.STATUS);
  }

  /** Whether the event was written on one of logdx's own threads. */
  public boolean fromLogdxThread() {
    return thread != null && thread.startsWith("logdx-");
  }

  @Override
  public String toString() {
    return level + " " + logger + " [" + thread + "] " + message + " " + diagnosis;
  }
}
