package io.logdx.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Classifier.Taxonomy;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.Location;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a diagnosis in the record shape of the batch contract ({@code ../shared/eval/README.md}): label,
 * confidence, top (at least {@value #MIN_TOP} entries), root_cause, location, cause, fix. The diagnose
 * command's JSONL output uses the same shape.
 */
final class DiagnosisJson {
  /** The contract asks for at least five ranked labels. */
  static final int MIN_TOP = 5;

  private DiagnosisJson() {}

  /**
   * Adds the contract's fields to {@code node}.
   *
   * @param failure the parsed input this record is about; root cause and location come from it (the cached
   *     diagnosis of the same fingerprint may have been made for another occurrence)
   */
  static void put(ObjectNode node, Diagnosis d, Failure failure) {
    node.put("label", d.category());
    node.put("confidence", round(d.confidence()));
    ArrayNode top = node.putArray("top");
    for (Prediction p : padded(d.top())) {
      top.addObject().put("label", p.label()).put("p", round(p.probability()));
    }
    CauseNode root = failure.rootCause().orElse(null);
    if (root == null) node.putNull("root_cause");
    else node.put("root_cause", root.type());
    Location loc = failure.location().orElse(null);
    if (loc == null) {
      node.putNull("location");
    } else {
      ObjectNode l = node.putObject("location");
      l.put("frame", loc.printed());
      l.put("class", loc.className());
      l.put("method", loc.methodName());
      if (loc.fileName() == null) l.putNull("file");
      else l.put("file", loc.fileName());
      if (loc.lineNumber() < 0) l.putNull("line");
      else l.put("line", loc.lineNumber());
    }
    node.put("cause", d.cause());
    node.put("fix", d.fix());
  }

  /** The fields of a record that could not be read: label unknown, nothing found, and the reason. */
  static void putError(ObjectNode node, String error) {
    node.put("label", io.logdx.core.Diagnosis.UNKNOWN);
    node.put("confidence", 0.0);
    ArrayNode top = node.putArray("top");
    for (Prediction p : padded(List.of(new Prediction(io.logdx.core.Diagnosis.UNKNOWN, 0.0)))) {
      top.addObject().put("label", p.label()).put("p", round(p.probability()));
    }
    node.putNull("root_cause");
    node.putNull("location");
    node.put("cause", "");
    node.put("fix", "");
    node.put("error", error);
  }

  /**
   * The classifier's ranking, padded with the remaining taxonomy labels at probability 0 when it gave fewer
   * than {@value #MIN_TOP} (an error diagnosis carries only {@code unknown}).
   */
  static List<Prediction> padded(List<Prediction> top) {
    if (top.size() >= MIN_TOP) return top;
    List<Prediction> out = new java.util.ArrayList<>(top);
    Set<String> seen = new HashSet<>();
    for (Prediction p : top) seen.add(p.label());
    for (String id : Taxonomy.ids()) {
      if (out.size() >= MIN_TOP) break;
      if (seen.add(id)) out.add(new Prediction(id, 0.0));
    }
    return out;
  }

  static double round(double p) {
    return Math.round(p * 10_000.0) / 10_000.0;
  }
}
