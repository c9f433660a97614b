package io.logdx.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.core.internal.LineClassifier;

/**
 * One line of a JSON log (logstash-logback-encoder, Log4j2 JsonTemplateLayout with the ECS or Logstash
 * templates, and similar): the message and the printed stack trace, joined into the text of an exception block,
 * and the time stamp.
 */
final class JsonLogLine {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fields that hold a printed stack trace, in the order they are tried. */
  private static final String[][] TRACE_FIELDS = {
    {"stack_trace"}, {"error.stack_trace"}, {"error", "stack_trace"}, {"exception", "stacktrace"},
    {"exception", "stack_trace"}, {"exception"}, {"throwable"}, {"stackTrace"}
  };

  private static final String[][] TIME_FIELDS = {
    {"@timestamp"}, {"timestamp"}, {"time"}, {"timeMillis"}, {"ts"}
  };

  /**
   * What a JSON log line holds: block text ({@code null} when it names no exception) and time ({@code null}
   * when none); or, for container runtimes that wrap each raw output line ({@code {"log": "...\n", "stream":
   * ...}}), that raw line, to be read like a line of a plain log.
   */
  record Event(String text, LogTime time, String rawLine) {}

  private JsonLogLine() {}

  /**
   * True when the line may be a JSON object: worth a parse attempt. Its first member's name follows the brace: a
   * line such as {@code {noformat}} (pasted from an issue tracker) is text, and must not end the trace around it.
   */
  static boolean looksLikeJson(String line) {
    int end = line.length() - 1;
    while (end >= 0 && Character.isWhitespace(line.charAt(end))) end--;
    if (line.isEmpty() || line.charAt(0) != '{' || end <= 0 || line.charAt(end) != '}')
      return false;
    int i = 1;
    while (i < end && Character.isWhitespace(line.charAt(i))) i++;
    return line.charAt(i) == '"' || i == end;
  }

  /** The event of a JSON line, or {@code null} when the line is not a JSON object. */
  static Event read(String line) {
    // Cheap test first: most lines of a JSON log carry no exception at all and need no full parse
    // for one; they are still parsed for their time stamp only when they might start a block
    // (never: they end one).
    boolean mayHoldException =
        line.contains("xception")
            || line.contains("Error")
            || line.contains("stack")
            || line.contains("Throwable");
    if (!mayHoldException && !line.contains("\"log\"")) return new Event(null, null, null);
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (n == null || !n.isObject()) return null;
    String raw = text(n.get("log"));
    if (raw != null && n.get("message") == null) {
      // Docker's json-file driver: one line of the container's output per JSON line
      int end = raw.length();
      while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) end--;
      return new Event(null, null, raw.substring(0, end));
    }
    String message = text(n.get("message"));
    if (message == null) message = text(n.get("msg"));
    String trace = null;
    for (String[] path : TRACE_FIELDS) {
      trace = text(at(n, path));
      if (trace != null && !trace.isBlank()) break;
      trace = null;
    }
    LogTime time = null;
    for (String[] path : TIME_FIELDS) {
      time = time(at(n, path));
      if (time != null) break;
    }
    String text;
    if (trace != null) {
      text = message == null || message.isBlank() ? trace : message.strip() + "\n" + trace;
    } else if (message != null && LineClassifier.namesException(message)) {
      text = message;
    } else {
      text = null;
    }
    return new Event(text, time, null);
  }

  private static JsonNode at(JsonNode n, String[] path) {
    JsonNode cur = n;
    for (String p : path) {
      if (cur == null || !cur.isObject()) return null;
      cur = cur.get(p);
    }
    return cur;
  }

  private static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.asText() : null;
  }

  private static LogTime time(JsonNode n) {
    if (n == null) return null;
    if (n.isNumber()) return new LogTime(n.asLong(), true); // epoch milliseconds (UTC)
    if (n.isTextual()) return LogLines.time(n.asText());
    return null;
  }
}
