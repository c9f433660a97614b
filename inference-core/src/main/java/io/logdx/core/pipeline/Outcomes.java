package io.logdx.core.pipeline;

import io.logdx.core.Diagnosis;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The outcomes the appenders mint themselves rather than the engine, in one place: the status-only fields of an
 * event that got no diagnosis, and the diagnoses of events the pipeline did not wait for.
 */
final class Outcomes {
  private static final Map<Diagnosis.Status, Map<String, String>> STATUS_ONLY =
      new EnumMap<>(Diagnosis.Status.class);

  private static final Map<Diagnosis.Status, Diagnosis> STATUS_ONLY_DIAGNOSES =
      new EnumMap<>(Diagnosis.Status.class);

  static {
    for (Diagnosis.Status s : Diagnosis.Status.values()) {
      STATUS_ONLY.put(s, Map.of(DiagnosisFields.STATUS, s.value()));
      STATUS_ONLY_DIAGNOSES.put(s, Diagnosis.builder(s, "", "none").build());
    }
  }

  private Outcomes() {}

  /**
   * The fields of an event that carries only its status: overflow (queue full), skipped (the appender was
   * stopping), error (no engine, or its diagnosis could not start). One immutable map per status, shared.
   */
  static Map<String, String> statusOnly(Diagnosis.Status status) {
    return STATUS_ONLY.get(status);
  }

  /**
   * What {@link SeenFailures.Listener}s are told of an event handed on with {@link #statusOnly} fields: a diagnosis
   * of that status and nothing else (category unknown, no fingerprint). One per status, shared.
   */
  static Diagnosis statusOnlyDiagnosis(Diagnosis.Status status) {
    return STATUS_ONLY_DIAGNOSES.get(status);
  }

  /** An event that went on before its diagnosis was ready: what parsing alone knows. */
  static Diagnosis pending(Failure f, String model) {
    return Diagnosis.builder(Diagnosis.Status.PENDING, f.fingerprint(), model)
        .rootCause(
            f.rootCause().map(CauseNode::type).orElse(null),
            f.rootCause().map(CauseNode::message).orElse(null))
        .location(f.location().orElse(null))
        .error("not ready within the time budget")
        .build();
  }

  /** An event left undiagnosed because the drain on stop ran out of time. */
  static Diagnosis stopped(String model) {
    return Diagnosis.builder(Diagnosis.Status.PENDING, "", model)
        .error("not diagnosed: the appender was stopping")
        .build();
  }

  /** An event whose throwable the include/exclude lists leave undiagnosed. */
  static Diagnosis skipped(String model) {
    return Diagnosis.builder(Diagnosis.Status.SKIPPED, "", model).build();
  }
}
