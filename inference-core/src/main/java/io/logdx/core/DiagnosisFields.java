package io.logdx.core;

import java.util.function.Function;

/**
 * The one place that names the fields logdx attaches to a log event. Both appenders (Logback and Log4j2) and
 * their pattern converters use these names, so that an Elasticsearch index template written once fits both.
 * (The command line writes reports of its own shape, not log events, and does not use them.)
 *
 * <p>Names are dotted and live under one namespace ({@value #NAMESPACE}), which ECS-style JSON encoders and
 * Elasticsearch turn into a nested {@code diagnosis} object.
 */
public final class DiagnosisFields {
  /** The namespace every field lives under. */
  public static final String NAMESPACE = "diagnosis";

  /** Taxonomy id of the most likely category, e.g. {@code db_pool_exhausted}. */
  public static final String CATEGORY = "diagnosis.category";

  /** Calibrated probability of {@link #CATEGORY}, 0..1, printed with three decimals. */
  public static final String CONFIDENCE = "diagnosis.confidence";

  /** The top categories with probabilities: {@code label:p,label:p,...}. */
  public static final String TOP = "diagnosis.top";

  /** Class name of the innermost meaningful cause. */
  public static final String ROOT_CAUSE_TYPE = "diagnosis.root_cause.type";

  /** Masked message of the innermost meaningful cause. */
  public static final String ROOT_CAUSE_MESSAGE = "diagnosis.root_cause.message";

  /** Class of the application frame the failure is attributed to. */
  public static final String LOCATION_CLASS = "diagnosis.location.class";

  /** Method of the application frame. */
  public static final String LOCATION_METHOD = "diagnosis.location.method";

  /** Source file of the application frame. */
  public static final String LOCATION_FILE = "diagnosis.location.file";

  /** Line of the application frame. */
  public static final String LOCATION_LINE = "diagnosis.location.line";

  /** The application frame as printed, e.g. {@code com.acme.Pay.run(Pay.java:42)}. */
  public static final String LOCATION_FRAME = "diagnosis.location.frame";

  /** Why it failed, in the diagnosis language. */
  public static final String CAUSE = "diagnosis.cause";

  /** How to fix it, in the diagnosis language. */
  public static final String FIX = "diagnosis.fix";

  /** One line: {@code type=<category>; cause=<cause>; at=<frame>}. */
  public static final String SUMMARY = "diagnosis.summary";

  /** Stable id of the failure (see {@code Fingerprint}); the same failure keeps it across builds. */
  public static final String FINGERPRINT = "diagnosis.fingerprint";

  /** Model id and version that produced the category. */
  public static final String MODEL = "diagnosis.model";

  /** Outcome of the diagnosis: see {@link Diagnosis.Status}. */
  public static final String STATUS = "diagnosis.status";

  /** Language of cause and fix ({@code ko} or {@code en}). */
  public static final String LOCALE = "diagnosis.locale";

  /**
   * How often this fingerprint was seen in the appender's sliding window; absent for a never-seen failure passed on
   * for lack of model time (not counted until logdx diagnoses one).
   */
  public static final String OCCURRENCES = "diagnosis.occurrences";

  /** Identity of the original event that a late (follow-up) diagnosis belongs to. */
  public static final String EVENT_ID = "diagnosis.event_id";

  private DiagnosisFields() {}

  /**
   * The full name of a field written with or without its namespace: {@code category} and
   * {@code diagnosis.category} both give {@value #CATEGORY}. For pattern converters ({@code %dx{category}}).
   */
  public static String qualified(String name) {
    String n = name.trim();
    return n.startsWith(NAMESPACE + ".") ? n : NAMESPACE + "." + n;
  }

  /**
   * What {@code %diagnosis} prints for an event, both appenders alike: the {@link #SUMMARY} of a complete
   * diagnosis (status ok), {@code status=<status>} for any other status (pending, overflow, refused, skipped,
   * error), and nothing ({@code ""}) for an event without a diagnosis.
   *
   * @param field the event's value of a field, or {@code null} when it does not carry it
   */
  public static String line(Function<String, String> field) {
    String status = field.apply(STATUS);
    if (status == null) return "";
    String summary = Diagnosis.Status.OK.value().equals(status) ? field.apply(SUMMARY) : null;
    return summary != null ? summary : "status=" + status;
  }

  /**
   * The value cut to {@code max} characters (0: uncut), never inside a surrogate pair, its end marked with an
   * ellipsis; {@code null} stays {@code null}.
   */
  public static String cut(String value, int max) {
    if (max <= 0 || value == null || value.length() <= max) return value;
    int end = Math.max(0, max - 1);
    if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) end--;
    return value.substring(0, end) + "\u2026";
  }
}
