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
    /** Appenders: not diagnosed because the appender's queue was full; the event went on at once. */
    OVERFLOW,
    /**
     * Not diagnosed because the engine refused a never-seen failure for lack of capacity: its model-time budget
     * ({@code modelTimeShare}) was spent or its backlog full. Nothing is cached; a later occurrence tries again.
     */
    REFUSED,
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

  private Diagnosis(Builder b) {
    this.status = Objects.requireNonNull(b.status, "status");
    this.top = List.copyOf(b.top);
    this.rootCauseType = b.rootCauseType;
    this.rootCauseMessage = b.rootCauseMessage;
    this.location = b.location;
    this.cause = Objects.requireNonNull(b.cause, "cause");
    this.fix = Objects.requireNonNull(b.fix, "fix");
    this.fingerprint = Objects.requireNonNull(b.fingerprint, "fingerprint");
    this.model = Objects.requireNonNull(b.model, "model");
    this.locale = Objects.requireNonNull(b.locale, "locale");
    this.error = b.error;
  }

  /**
   * A builder of a diagnosis; what is not set stays absent: no predictions ({@value #UNKNOWN} with confidence 0),
   * no root cause, no location, empty cause and fix, {@link Locale#ROOT}, no error.
   *
   * @param status outcome
   * @param fingerprint stable fingerprint ({@code ""} when nothing was parsed)
   * @param model model id and version
   */
  public static Builder builder(Status status, String fingerprint, String model) {
    return new Builder(status, fingerprint, model);
  }

  /** Builds a {@link Diagnosis}; not thread-safe, used once. */
  public static final class Builder {
    private final Status status;
    private final String fingerprint;
    private final String model;
    private List<Prediction> top = List.of();
    private String rootCauseType;
    private String rootCauseMessage;
    private Location location;
    private String cause = "";
    private String fix = "";
    private Locale locale = Locale.ROOT;
    private String error;

    private Builder(Status status, String fingerprint, String model) {
      this.status = status;
      this.fingerprint = fingerprint;
      this.model = model;
    }

    /** Ranked predictions, most probable first; empty means {@value Diagnosis#UNKNOWN} with confidence 0. */
    public Builder top(List<Prediction> top) {
      this.top = top;
      return this;
    }

    /**
     * @param type class of the innermost meaningful cause, or {@code null}
     * @param message its masked message, or {@code null}
     */
    public Builder rootCause(String type, String message) {
      this.rootCauseType = type;
      this.rootCauseMessage = message;
      return this;
    }

    /** Application location, or {@code null}. */
    public Builder location(Location location) {
      this.location = location;
      return this;
    }

    /**
     * @param cause why it failed (may be empty, never null)
     * @param fix how to fix it (may be empty, never null)
     */
    public Builder explanation(String cause, String fix) {
      this.cause = cause;
      this.fix = fix;
      return this;
    }

    /** Language of cause and fix. */
    public Builder locale(Locale locale) {
      this.locale = locale;
      return this;
    }

    /** Short description of what went wrong when the status is not OK, or {@code null}. */
    public Builder error(String error) {
      this.error = error;
      return this;
    }

    public Diagnosis build() {
      return new Diagnosis(this);
    }
  }

  public Status status() {
    return status;
  }

  /** Taxonomy id of the most probable category, {@value #UNKNOWN} when there is none. */
  public String category() {
    return top.isEmpty() ? UNKNOWN : top.get(0).label();
  }

  /** Calibrated probability of {@link #category()}, 0 when there is none. */
  public double confidence() {
    return top.isEmpty() ? 0.0 : top.get(0).probability();
  }

  /** Ranked predictions, most probable first. */
  public List<Prediction> top() {
    return top;
  }

  /** Class name of the innermost meaningful cause. */
  public Optional<String> rootCauseType() {
    return Optional.ofNullable(rootCauseType);
  }

  /** Masked message of the innermost meaningful cause. */
  public Optional<String> rootCauseMessage() {
    return Optional.ofNullable(rootCauseMessage);
  }

  public Optional<Location> location() {
    return Optional.ofNullable(location);
  }

  /** Why it failed, in {@link #locale()}. */
  public String cause() {
    return cause;
  }

  /** How to fix it, in {@link #locale()}. */
  public String fix() {
    return fix;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public String model() {
    return model;
  }

  public Locale locale() {
    return locale;
  }

  /** What went wrong, for statuses other than OK. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
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
   * alone knows (root cause, location, fingerprint); a skipped, overflowing or refused one only its status.
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
    if (status == Status.SKIPPED || status == Status.OVERFLOW || status == Status.REFUSED) {
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
      if (location.lineNumber() >= 0)
        m.put(DiagnosisFields.LOCATION_LINE, Integer.toString(location.lineNumber()));
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
    // ". " ends a sentence in both Korean and English text; a dot inside a class name has no space
    // after it.
    int end = line.indexOf(". ");
    return (end < 0 ? line : line.substring(0, end + 1)).trim();
  }

  @Override
  public String toString() {
    return "Diagnosis[" + status.value() + ", " + summary() + ", fp=" + fingerprint + "]";
  }
}
