package io.logdx.contract;

import io.logdx.core.DiagnosisFields;
import java.util.List;
import java.util.Map;

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
