package io.logdx.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Generator.Explanation;
import io.logdx.core.engine.Diagnoser;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A cached diagnosis must never state the first occurrence's values as another occurrence's. */
class OccurrenceFactsTest {

  @Test
  void sharesTheCategoryButExplainsEachOccurrenceWithItsOwnValues() {
    AtomicInteger classified = new AtomicInteger();
    Classifier counting =
        new Classifier() {
          @Override
          public Classification classify(Failure failure) {
            classified.incrementAndGet();
            return new Classification(List.of(new Prediction("insufficient_balance", 0.9)), id());
          }

          @Override
          public String id() {
            return "counting/1";
          }
        };
    // a generator that quotes the root message, as stage 2 quotes amounts and ids
    Generator quoting =
        (failure, c, locale) ->
            new Explanation(
                "balance too low: " + failure.rootCause().map(CauseNode::message).orElse("?"),
                "top up",
                locale);
    try (Diagnoser dx =
        Diagnoser.builder()
            .classifier(counting)
            .generator(quoting)
            .locale(Locale.ENGLISH)
            .build()) {
      Diagnosis first =
          dx.diagnoseNow(new IllegalStateException("balance 100 is below amount 250"));
      Diagnosis second =
          dx.diagnoseNow(new IllegalStateException("balance 7 is below amount 9000"));
      assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
      assertThat(classified).hasValue(1);
      assertThat(first.cause()).contains("balance 100 is below amount 250");
      assertThat(second.cause()).contains("balance 7 is below amount 9000").doesNotContain("250");
      assertThat(second.rootCauseMessage()).contains("balance 7 is below amount 9000");
      assertThat(second.category()).isEqualTo("insufficient_balance");
    }
  }
}
