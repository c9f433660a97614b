package io.logdx.core;

import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Failure.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What logdx says about one failure: category with top-k probabilities, root cause, location, cause and fix,
 * fingerprint, model and status. Immutable and free of personal data (everything in it was masked).
 *
 * <p>{@link #toFields()} gives the fields under the names of {@link DiagnosisFields}.
 */
public final class Diagnosis {

  /** Outcome of a diagnosis, written as {@value DiagnosisFields#STATUS}. */
  public enum Status {
    /** Classified and explained. */
    OK,
    /** The model or generator failed; category {@code unknown} or a fallback answer, with the error noted. */
    ERROR,
    /** The time budget ran out before the diagnosis was ready (synchronous calls). */
    TIMEOUT,
    /** Appenders: the event went on before its diagnosis was ready; a follow-up event carries it. */
    PENDING,
    /**
     * Not diagnosed for lack of capacity: an appender's queue was full, or a never-seen failure found the
     * engine's backlog full or its model-time budget spent (nothing cached; a later occurrence tries again).
     */
    OVERFLOW,
    /** Appenders: the event was not diagnosed (level, include/exclude filters, no throwable). */
    SKIPPED;

    /** Lower-case value written into logs. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The category used when nothing fits or too little is known. */
  public static final String UNKNOWN = "unknown";

  private final Status status;
  private final List<Prediction> top;
  private final String rootCauseType;
  private final String rootCauseMessage;
  private final Location location;
  private final String cause;
  private final String fix;
  private final String fingerprint;
  private final String model;
  private final Locale locale;
  /** {@link #toFields()}, made on first use; immutable, so a race only makes it twice. */
  private volatile Map<String, String> fields;
  /** {@link #toFields(int)} for the length asked last; immutable, so a race only makes it twice. */
  private volatile CutFields cutFields;
  private final String error;

  private record CutFields(int maxLength, Map<String, String> fields) {}

  /**
   * @param status outcome
   * @param top ranked predictions, most probable first; empty means {@code unknown} with confidence 0
   * @param rootCauseType class of the innermost meaningful cause, or {@code null}
   * @param rootCauseMessage its masked message, or {@code null}
   * @param location application location, or {@code null}
   * @param cause why it failed (may be empty, never null)
   * @param fix how to fix it (may be empty, never null)
   * @param fingerprint stable fingerprint
   * @param model model id and version
   * @param locale language of cause and fix
   * @param error short description of what went wrong when the status is not OK, or {@code null}
   */
  public Diagnosis(Status status, List<Prediction> top, String rootCauseType, String rootCauseMessage,
      Location location, String cause, String fix, String fingerprint, String model, Locale locale, String error) {
    this.status = Objects.requireNonNull(status, "status");
    this.top = List.copyOf(top);
    this.rootCauseType = rootCauseType;
    this.rootCauseMessage = rootCauseMessage;
    this.location = location;
    this.cause = Objects.requireNonNull(cause, "cause");
    this.fix = Objects.requireNonNull(fix, "fix");
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.model = Objects.requireNonNull(model, "model");
    this.locale = Objects.requireNonNull(locale, "locale");
    this.error = error;
  }

  public Status status() { return status; }

  /** Taxonomy id of the most probable category, {@value #UNKNOWN} when there is none. */
  public String category() { return top.isEmpty() ? UNKNOWN : top.get(0).label(); }

  /** Calibrated probability of {@link #category()}, 0 when there is none. */
  public double confidence() { return top.isEmpty() ? 0.0 : top.get(0).probability(); }

  /** Ranked predictions, most probable first. */
  public List<Prediction> top() { return top; }

  /** Class name of the innermost meaningful cause. */
  public Optional<String> rootCauseType() { return Optional.ofNullable(rootCauseType); }

  /** Masked message of the innermost meaningful cause. */
  public Optional<String> rootCauseMessage() { return Optional.ofNullable(rootCauseMessage); }

  public Optional<Location> location() { return Optional.ofNullable(location); }

  /** Why it failed, in {@link #locale()}. */
  public String cause() { return cause; }

  /** How to fix it, in {@link #locale()}. */
  public String fix() { return fix; }

  public String fingerprint() { return fingerprint; }

  public String model() { return model; }

  public Locale locale() { return locale; }

  /** What went wrong, for statuses other than OK. */
  public Optional<String> error() { return Optional.ofNullable(error); }

  /** The same diagnosis with another status (appenders mark pending or late results). */
  public Diagnosis withStatus(Status newStatus) {
    return new Diagnosis(newStatus, top, rootCauseType, rootCauseMessage, location, cause, fix, fingerprint, model,
        locale, error);
  }

  /**
   * One line in the reference form: {@code type=<category>; cause=<cause>; at=<frame>}. The cause is cut to
   * its first sentence so that the line stays readable in a console.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder(160);
    sb.append("type=").append(category());
    String firstSentence = firstSentence(cause);
    if (!firstSentence.isEmpty()) {
      sb.append("; cause=").append(firstSentence);
    }
    if (location != null) {
      sb.append("; at=").append(location.printed());
    }
    return sb.toString();
  }

  /**
   * The fields under the names of {@link DiagnosisFields}, in a stable order, as strings (MDC and context
   * data carry strings). Absent values are left out. A pending or timed-out diagnosis carries what parsing
   * alone knows (root cause, location, fingerprint); a skipped or overflowing one only its status.
   */
  public Map<String, String> toFields() {
    Map<String, String> f = fields;
    if (f == null) {
      // a cached diagnosis is handed to every occurrence of its failure: its fields are made once
      f = makeFields();
      fields = f;
    }
    return f;
  }

  /**
   * {@link #toFields()} with every value longer than {@code maxLength} characters cut to it, its end marked with
   * an ellipsis ({@link DiagnosisFields#cut}); 0 leaves them uncut. Made once for the length asked last (an
   * appender asks with its one setting for every occurrence of a cached failure), and the very map of
   * {@link #toFields()} when nothing is that long.
   */
  public Map<String, String> toFields(int maxLength) {
    Map<String, String> all = toFields();
    if (maxLength <= 0) return all;
    CutFields c = cutFields;
    if (c != null && c.maxLength() == maxLength) return c.fields();
    Map<String, String> cut = all;
    for (String v : all.values()) {
      if (v != null && v.length() > maxLength) {
        Map<String, String> m = new LinkedHashMap<>(all.size() * 2);
        all.forEach((k, x) -> m.put(k, DiagnosisFields.cut(x, maxLength)));
        cut = Collections.unmodifiableMap(m);
        break;
      }
    }
    cutFields = new CutFields(maxLength, cut);
    return cut;
  }

  private Map<String, String> makeFields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(DiagnosisFields.STATUS, status.value());
    if (status == Status.SKIPPED || status == Status.OVERFLOW) {
      // nothing was diagnosed: the status alone says why
      return Collections.unmodifiableMap(m);
    }
    boolean complete = status != Status.PENDING && status != Status.TIMEOUT;
    if (complete) {
      m.put(DiagnosisFields.CATEGORY, category());
      m.put(DiagnosisFields.CONFIDENCE, Prediction.threeDecimals(confidence()));
      if (!top.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        for (Prediction p : top) {
          if (sb.length() > 0) sb.append(',');
          sb.append(p);
        }
        m.put(DiagnosisFields.TOP, sb.toString());
      }
    }
    if (rootCauseType != null) m.put(DiagnosisFields.ROOT_CAUSE_TYPE, rootCauseType);
    if (rootCauseMessage != null) m.put(DiagnosisFields.ROOT_CAUSE_MESSAGE, rootCauseMessage);
    if (location != null) {
      m.put(DiagnosisFields.LOCATION_CLASS, location.className());
      m.put(DiagnosisFields.LOCATION_METHOD, location.methodName());
      if (location.fileName() != null) m.put(DiagnosisFields.LOCATION_FILE, location.fileName());
      if (location.lineNumber() >= 0) m.put(DiagnosisFields.LOCATION_LINE, Integer.toString(location.lineNumber()));
      m.put(DiagnosisFields.LOCATION_FRAME, location.printed());
    }
    if (complete) {
      if (!cause.isEmpty()) m.put(DiagnosisFields.CAUSE, cause);
      if (!fix.isEmpty()) m.put(DiagnosisFields.FIX, fix);
      m.put(DiagnosisFields.SUMMARY, summary());
    }
    if (!fingerprint.isEmpty()) m.put(DiagnosisFields.FINGERPRINT, fingerprint);
    m.put(DiagnosisFields.MODEL, model);
    if (complete) m.put(DiagnosisFields.LOCALE, locale.getLanguage());
    return Collections.unmodifiableMap(m);
  }

  private static String firstSentence(String text) {
    if (text.isEmpty()) return text;
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl);
    // ". " ends a sentence in both Korean and English text; a dot inside a class name has no space after it.
    int end = line.indexOf(". ");
    return (end < 0 ? line : line.substring(0, end + 1)).trim();
  }

  @Override
  public String toString() {
    return "Diagnosis[" + status.value() + ", " + summary() + ", fp=" + fingerprint + "]";
  }
}
