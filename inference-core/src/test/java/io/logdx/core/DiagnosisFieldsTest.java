package io.logdx.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier.Prediction;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fields of a diagnosis, whole and cut to an appender's longest value. */
class DiagnosisFieldsTest {

  private static Diagnosis diagnosis(String message) {
    return Diagnosis.builder(Diagnosis.Status.OK, "0123456789abcdef", "test/1")
        .top(List.of(new Prediction("illegal_state", 0.9)))
        .rootCause("java.lang.IllegalStateException", message)
        .explanation("cause", "fix")
        .locale(Locale.ENGLISH)
        .build();
  }

  @Test
  void cutKeepsSurrogatePairsWholeAndMarksTheEnd() {
    assertThat(DiagnosisFields.cut(null, 4)).isNull();
    assertThat(DiagnosisFields.cut("abcdef", 0)).isEqualTo("abcdef");
    assertThat(DiagnosisFields.cut("abcdef", 6)).isEqualTo("abcdef");
    assertThat(DiagnosisFields.cut("abcdef", 4)).isEqualTo("abc\u2026");
    assertThat(DiagnosisFields.cut("ab\uD83D\uDE00cd", 4)).isEqualTo("ab\u2026");
  }

  @Test
  void fieldsAreCutOnceForTheLengthAskedAndLeftAloneWhenShortEnough() {
    Diagnosis shortOne = diagnosis("order 42 is not open");
    assertThat(shortOne.toFields(64)).isSameAs(shortOne.toFields());
    assertThat(shortOne.toFields(0)).isSameAs(shortOne.toFields());

    Diagnosis longOne = diagnosis("x".repeat(500));
    Map<String, String> cut = longOne.toFields(100);
    assertThat(cut).isNotSameAs(longOne.toFields()).containsOnlyKeys(longOne.toFields().keySet());
    assertThat(List.copyOf(cut.keySet())).isEqualTo(List.copyOf(longOne.toFields().keySet()));
    assertThat(cut.get(DiagnosisFields.ROOT_CAUSE_MESSAGE)).hasSize(100).endsWith("\u2026");
    assertThat(cut.get(DiagnosisFields.CATEGORY)).isEqualTo("illegal_state");
    assertThat(cut.values()).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(100));
    // made once for that length, again for another
    assertThat(longOne.toFields(100)).isSameAs(cut);
    assertThat(longOne.toFields(200).get(DiagnosisFields.ROOT_CAUSE_MESSAGE)).hasSize(200);
  }
}
