package io.logdx.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdx.core.Diagnosis;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The report for machines: one JSON object per distinct failure, most frequent first, with the batch
 * contract's fields plus fingerprint, count, first_seen, last_seen, root_cause_message, status, model and the
 * files it was seen in.
 */
final class JsonlReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Report r;

  JsonlReport(Report report) {
    this.r = report;
  }

  void write(PrintWriter w) {
    for (FailureGroup g : r.groups) {
      w.println(line(g));
    }
  }

  static String line(FailureGroup g) {
    Diagnosis d = g.diagnosis();
    ObjectNode n = JSON.createObjectNode();
    n.put("fingerprint", g.fingerprint());
    n.put("count", g.count());
    if (g.firstSeen() == null) {
      n.putNull("first_seen");
      n.putNull("last_seen");
    } else {
      n.put("first_seen", g.firstSeen().format());
      n.put("last_seen", g.lastSeen().format());
    }
    DiagnosisJson.put(n, d, g.sample());
    String msg = g.sample().rootCause().map(c -> c.message()).orElse(null);
    if (msg == null) n.putNull("root_cause_message");
    else n.put("root_cause_message", msg);
    n.put("status", d.status().value());
    n.put("model", d.model());
    n.put("locale", d.locale().getLanguage());
    ArrayNode files = n.putArray("files");
    g.sources().forEach(files::add);
    n.put("first_line", g.firstLine());
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
