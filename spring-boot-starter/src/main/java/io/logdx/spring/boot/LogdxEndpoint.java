package io.logdx.spring.boot;

import io.logdx.core.Diagnosis;
import io.logdx.core.Failure.Location;
import io.logdx.core.pipeline.SeenFailures;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The actuator endpoint {@code logdx}: the distinct failures this instance has logged and diagnosed, most frequent
 * first, and one by fingerprint ({@code /actuator/logdx/{fingerprint}}). Read-only. Everything shown comes from the
 * diagnoses, whose values were masked before they were made (card numbers, e-mail addresses, ids…): no event, no
 * raw message. Bounded by the appender (its {@code SeenFailures}, 1000 fingerprints, the least recently seen
 * forgotten first); counted since the diagnosing appender started (a logging re-initialisation starts again).
 */
@Endpoint(id = "logdx")
public class LogdxEndpoint {
  /** Made by the auto-configuration. */
  public LogdxEndpoint() {}

  /** All distinct failures, most frequent first. */
  @ReadOperation
  public Failures failures() {
    return DiagnosingAppenders.current()
        .map(
            v ->
                new Failures(
                    v.stats().getModel(),
                    v.failures().capacity(),
                    v.failures().mostFrequent().stream().map(LogdxEndpoint::failure).toList()))
        .orElseGet(() -> new Failures("none", 0, List.of()));
  }

  /**
   * One failure by fingerprint; {@code null} (the actuator answers 404) when it is not kept. Not annotated
   * {@code @Nullable}: Spring's is deprecated in Spring Framework 7 (Boot 4), and the actuator reads only a parameter's.
   */
  @ReadOperation
  public SeenFailure failure(@Selector String fingerprint) {
    return DiagnosingAppenders.current()
        .flatMap(v -> v.failures().get(fingerprint))
        .map(LogdxEndpoint::failure)
        .orElse(null);
  }

  private static SeenFailure failure(SeenFailures.Entry e) {
    Diagnosis d = e.diagnosis();
    return new SeenFailure(
        d.fingerprint(),
        d.category(),
        d.confidence(),
        d.status().value(),
        e.count(),
        e.firstSeen(),
        e.lastSeen(),
        d.location().map(Location::printed).orElse(null),
        d.rootCauseType().orElse(null),
        d.rootCauseMessage().orElse(null),
        d.cause(),
        d.fix(),
        d.locale().getLanguage(),
        d.model());
  }

  /**
   * The endpoint's answer.
   *
   * @param model the model of the diagnosing appender now ({@code none} when there is none)
   * @param capacity distinct failures kept at most
   * @param failures the failures kept, most frequent first
   */
  public record Failures(String model, int capacity, List<SeenFailure> failures) {}

  /**
   * One distinct failure, as its latest diagnosis tells it (masked values only).
   *
   * @param fingerprint stable id of the failure (its masked cause chain and location)
   * @param category taxonomy id ({@code unknown} while only pending or refused)
   * @param confidence of the category
   * @param status of the latest diagnosis: ok, pending (not ready in time, no follow-up yet) or refused
   * @param count occurrences handed on
   * @param firstSeen when the first was handed on
   * @param lastSeen when the latest was handed on
   * @param location the frame of the application the failure is attributed to
   * @param rootCauseType class of the root cause
   * @param rootCauseMessage its masked message
   * @param cause why it failed, in {@code locale}
   * @param fix how to fix it, in {@code locale}
   * @param locale language of cause and fix ({@code logdx.locale})
   * @param model the model that diagnosed it
   */
  public record SeenFailure(
      String fingerprint,
      String category,
      double confidence,
      String status,
      long count,
      Instant firstSeen,
      Instant lastSeen,
      String location,
      String rootCauseType,
      String rootCauseMessage,
      String cause,
      String fix,
      String locale,
      String model) {}
}
