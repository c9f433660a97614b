package io.logdx.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier.Prediction;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The probability formatting that every enriched event pays for writes what {@code %.3f} writes. */
class PredictionFormatTest {

  @Test
  void writesWhatTheFormatterWrites() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      double p = i < 100_000 ? r.nextDouble() : r.nextInt(100_001) / 100_000.0;
      assertThat(Prediction.threeDecimals(p))
          .as("p=%s", p)
          .isEqualTo(String.format(Locale.ROOT, "%.3f", p));
    }
    for (double p :
        new double[] {
          0, 1, 0.9995, 0.0005, 0.001, 0.01, 0.1, 0.999, 0.99949999, 1e-9, 2.5, 999.9999
        }) {
      assertThat(Prediction.threeDecimals(p))
          .as("p=%s", p)
          .isEqualTo(String.format(Locale.ROOT, "%.3f", p));
    }
  }

  @Test
  void leavesOddValuesToTheFormatter() {
    assertThat(Prediction.threeDecimals(Double.NaN)).isEqualTo("NaN");
    assertThat(Prediction.threeDecimals(-0.25)).isEqualTo("-0.250");
  }
}
