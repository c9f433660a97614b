package io.logdx.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Figures worked out by hand the way score.py computes them. */
class MetricsTest {
  @Test
  void computesScorePyFigures() {
    List<Metrics.Scored> s =
        List.of(
            new Metrics.Scored(
                "a",
                List.of("a", "b", "c"),
                "java.lang.X",
                "java.lang.X",
                "p.C.m(C.java:1)",
                "p.C.m(C.java:1)"),
            new Metrics.Scored(
                "a",
                List.of("b", "a", "c"),
                "java.lang.X",
                "java.lang.Y",
                "at java.base/p.C.m(C.java:1)",
                "p.C.m(C.java:1)"),
            new Metrics.Scored("b", List.of("b", "c", "a"), null, null, null, null),
            new Metrics.Scored(
                "c", List.of("d", "e", "f", "g", "c"), null, null, "p.D.n(D.java:2)", null));
    Metrics.Report r = Metrics.report(s);
    assertThat(r.top1()).isCloseTo(50.0, within(1e-9));
    assertThat(r.top3()).isCloseTo(75.0, within(1e-9));
    assertThat(r.top5()).isCloseTo(100.0, within(1e-9));
    // a: tp1 fn1 fp0 -> p1 r.5 f .6667; b: tp1 fp1 -> p.5 r1 f .6667; c: 0; d: no support (fp only)
    assertThat(r.macroF1()).isCloseTo(100 * (2 / 3.0 + 2 / 3.0 + 0) / 3, within(1e-9));
    assertThat(r.weightedF1()).isCloseTo(100 * (2 / 3.0 * 2 + 2 / 3.0) / 4, within(1e-9));
    assertThat(r.rootCauseAcc()).isCloseTo(50.0, within(1e-9));
    assertThat(r.locationAcc()).isCloseTo(100 * 2 / 3.0, within(1e-9));
    assertThat(r.rows()).extracting(Metrics.Row::label).containsExactly("a", "b", "c", "d");
    assertThat(r.confusions().get(0).getKey()).isEqualTo("a -> b");
  }
}
