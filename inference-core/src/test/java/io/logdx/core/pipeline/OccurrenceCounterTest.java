package io.logdx.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The sliding-window occurrence count: what it counts, what slides out, and exact totals under contention. */
class OccurrenceCounterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void countsWithinTheWindowAndForgetsWhatSlidOut() {
    OccurrenceCounter c = new OccurrenceCounter(Duration.ofSeconds(60), 1000);
    long t0 = 1_000 * SECOND;
    assertThat(c.count("a", t0)).isZero();
    assertThat(c.record("a", t0)).isEqualTo(1);
    assertThat(c.record("a", t0 + 10 * SECOND)).isEqualTo(2);
    assertThat(c.record("b", t0 + 10 * SECOND)).isEqualTo(1);
    // count() looks without recording
    assertThat(c.count("a", t0 + 20 * SECOND)).isEqualTo(2);
    assertThat(c.count("a", t0 + 20 * SECOND)).isEqualTo(2);
    // a minute and a bucket later the first is out, the second still in
    assertThat(c.count("a", t0 + 66 * SECOND)).isEqualTo(1);
    assertThat(c.record("a", t0 + 200 * SECOND)).isEqualTo(1);
  }

  @Test
  void recordIfCountedAddsToKnownFingerprintsOnly() {
    OccurrenceCounter c = new OccurrenceCounter(Duration.ofSeconds(60), 1000);
    long t0 = 1_000 * SECOND;
    assertThat(c.recordIfCounted("a", t0)).isZero();
    assertThat(c.count("a", t0)).isZero();
    assertThat(c.record("a", t0)).isEqualTo(1);
    assertThat(c.recordIfCounted("a", t0 + SECOND)).isEqualTo(2);
    assertThat(c.record("a", t0 + 2 * SECOND)).isEqualTo(3);
  }

  @Test
  void threadsRecordingAtOnceLoseNoOccurrence() throws Exception {
    OccurrenceCounter c = new OccurrenceCounter(Duration.ofSeconds(60), 1000);
    int threads = 4;
    int each = 20_000;
    long now = System.nanoTime();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < each; i++) {
                  c.record("shared", now);
                  c.record("own-" + id + "-" + (i % 50), now);
                }
              });
      ts.add(th);
      th.start();
    }
    go.countDown();
    for (Thread th : ts) th.join();
    assertThat(c.count("shared", now)).isEqualTo((long) threads * each);
    assertThat(c.count("own-0-0", now)).isEqualTo(each / 50);
  }
}
