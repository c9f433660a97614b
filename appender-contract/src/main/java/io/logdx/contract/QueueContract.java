package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Ordering per thread, a full queue (overflow) and stop (drain): no event lost, none written twice. */
public abstract class QueueContract extends AppenderContract {

  @Test
  public void eachThreadsEventsKeepTheirOrderAndGetTheirOwnDiagnosis() throws InterruptedException {
    int threads = 4;
    int perThread = 1_000;
    AppenderHarness h = start(Scenario.RULES);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      ts.add(
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  if (i % 5 == 0) {
                    h.log(
                        Level.ERROR,
                        LOGGER,
                        Failures.numberFormat("n" + (i % 50)),
                        "t{} {}",
                        id,
                        i);
                  } else if (i % 7 == 0) {
                    h.log(
                        Level.ERROR,
                        LOGGER,
                        new IllegalStateException("ledger " + id + " not ready"),
                        "t{} {}",
                        id,
                        i);
                  } else {
                    h.log(Level.INFO, LOGGER, null, "t{} {}", id, i);
                  }
                }
              },
              "producer-" + t));
    }
    ts.forEach(Thread::start);
    for (Thread t : ts) t.join();
    waitFor("everything delivered", () -> counter("Delivered") == threads * perThread);
    long enriched = counter("Enriched");
    long cacheHits = counter("CacheHits");
    assertThat(counter("Overflowed"))
        .as("BLOCK with room to spare never passes an event on")
        .isZero();
    h.stop();
    List<WrittenEvent> out = h.events();
    assertThat(out).hasSize(threads * perThread);
    int[] next = new int[threads];
    long errors = 0;
    for (WrittenEvent e : out) {
      String[] parts = e.message().split(" ");
      int t = Integer.parseInt(parts[0].substring(1));
      int i = Integer.parseInt(parts[1]);
      assertThat(i).as("next event of thread %d", t).isEqualTo(next[t]);
      assertThat(e.thread()).isEqualTo("producer-" + t);
      next[t]++;
      if (i % 5 == 0 || i % 7 == 0) {
        errors++;
        assertThat(e.diagnosis())
            .as(e.toString())
            .containsEntry(DiagnosisFields.STATUS, "ok")
            .containsEntry(
                DiagnosisFields.CATEGORY, i % 5 == 0 ? "number_format" : "illegal_state");
      } else {
        assertThat(e.diagnosis()).as(e.toString()).isEmpty();
      }
    }
    assertThat(enriched).isEqualTo(errors);
    // few distinct failures: most diagnoses are cache hits (those dispatched while the first of
    // their fingerprint was still computing are not counted as hits)
    assertThat(cacheHits).isGreaterThan(errors / 2);
  }

  /**
   * A full queue: the event goes on at once, on the logging thread, unenriched with only
   * {@code diagnosis.status=overflow}; the queued ones follow in order, enriched.
   */
  @Test
  public void aFullQueuePassesEventsOnAtOnceMarkedOverflow() {
    int total = 40;
    // a queue of 4 (and as many in flight) in front of a model that does not answer until the gate
    // opens
    AppenderHarness h = fillTheQueue(total, Map.of("OVERFLOW_POLICY", "PASS_THROUGH"));
    // the overflowing events were written on the logging thread, before logging returned
    List<WrittenEvent> early = h.events();
    assertThat(early)
        .hasSizeGreaterThanOrEqualTo(total - 8)
        .hasSizeLessThan(total)
        .allSatisfy(
            e -> assertThat(e.diagnosis()).isEqualTo(Map.of(DiagnosisFields.STATUS, "overflow")));
    ContractModel.openGate();
    h.stop();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out))
        .hasSize(total)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, total).mapToObj(i -> "e" + i).toList());
    assertThat(out.subList(0, early.size())).isEqualTo(early);
    List<WrittenEvent> queued = out.subList(early.size(), total);
    List<Integer> order =
        queued.stream().map(e -> Integer.parseInt(e.message().substring(1))).toList();
    assertThat(order).as("queued events keep their order").isSorted();
    assertThat(queued)
        .allSatisfy(
            e ->
                assertThat(e.diagnosis())
                    .containsEntry(DiagnosisFields.STATUS, "ok")
                    .containsEntry(DiagnosisFields.CATEGORY, "illegal_state"));
  }

  /**
   * A full queue is reported on the status channel at the first overflowing event and then at every
   * {@code overflowWarnEvery}-th, not at each one. An event without a throwable that finds the queue full goes on
   * without any field, and is counted as overflowed like the others.
   */
  @Test
  public void aFullQueueIsReportedOnceEveryN() {
    int total = 45;
    AppenderHarness h =
        fillTheQueue(total, Map.of("OVERFLOW_POLICY", "PASS_THROUGH", "OVERFLOW_WARN_EVERY", "10"));
    h.log(Level.INFO, LOGGER, null, "plain line on a full queue");
    long overflowed = counter("Overflowed");
    assertThat(overflowed).isGreaterThan(10);
    List<WrittenEvent> early = h.events();
    assertThat(early).hasSize((int) overflowed);
    WrittenEvent plain = early.get(early.size() - 1);
    assertThat(plain.message()).isEqualTo("plain line on a full queue");
    assertThat(plain.diagnosis()).isEmpty();
    ContractModel.openGate();
    h.stop();
    assertThat(h.events()).hasSize(total + 1);
    List<String> warnings = h.problems().stream().filter(m -> m.contains("Queue full")).toList();
    // the first, then the 10th, 20th... overflowing event
    assertThat(warnings).as("%s", warnings).hasSize(1 + (int) (overflowed / 10));
    assertThat(warnings.get(0)).contains("Queue full (4): 1 events passed on unenriched");
  }

  /**
   * Overflow policy BLOCK: a logging thread that finds the queue full waits up to {@code maxBlock} for room, then
   * passes the event on marked overflow, as PASS_THROUGH does at once; nothing is lost either way.
   */
  @Test
  public void blockWaitsAtMostMaxBlockThenPassesOn() {
    int total = 16;
    AppenderHarness h = fillTheQueue(total, Map.of("OVERFLOW_POLICY", "BLOCK", "MAX_BLOCK", "5"));
    // the queue (4) and the in-flight window (4) hold at most 8: the rest went on after waiting
    long overflowed = counter("Overflowed");
    assertThat(overflowed).isGreaterThanOrEqualTo(total - 8);
    assertThat(h.events())
        .hasSize((int) overflowed)
        .allSatisfy(
            e -> assertThat(e.diagnosis()).isEqualTo(Map.of(DiagnosisFields.STATUS, "overflow")));
    ContractModel.openGate();
    h.stop();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out)).hasSize(total).doesNotHaveDuplicates();
    assertThat(out.subList((int) overflowed, total))
        .allSatisfy(e -> assertThat(e.diagnosis()).containsEntry(DiagnosisFields.STATUS, "ok"));
  }

  /**
   * Stop delivers everything queued within the drain timeout, in order (a diagnosis not ready by then goes on as
   * pending), before the wrapped appenders close.
   */
  @Test
  public void stopDeliversEverythingQueuedBeforeTheFilesClose() throws InterruptedException {
    ContractModel.mode(ContractModel.Mode.GATED);
    int total = 30;
    AppenderHarness h =
        start(Scenario.STAND_IN, Map.of("QUEUE_SIZE", "100", "DRAIN_TIMEOUT", "300"));
    for (int i = 0; i < total; i++) {
      if (i % 5 == 4) {
        h.log(Level.INFO, LOGGER, null, "e{}", i);
      } else {
        h.log(
            Level.ERROR, LOGGER, new IllegalStateException("ledger " + i + " is closed"), "e{}", i);
      }
    }
    assertThat(h.events()).as("the model holds the head of the queue").isEmpty();
    // the model answers only once the drain has written everything, so that closing the engine need
    // not wait
    Thread opener =
        new Thread(
            () -> {
              try {
                waitFor("the drain written", () -> h.events().size() == total);
              } catch (AssertionError e) {
                // the assertions below report it
              }
              ContractModel.openGate();
            },
            "gate-opener");
    opener.start();
    h.stop();
    opener.join();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out))
        .containsExactlyElementsOf(IntStream.range(0, total).mapToObj(i -> "e" + i).toList());
    for (int i = 0; i < total; i++) {
      WrittenEvent e = out.get(i);
      if (i % 5 == 4) {
        assertThat(e.diagnosis()).isEmpty();
      } else {
        assertThat(e.diagnosis())
            .as(e.toString())
            .containsEntry(DiagnosisFields.STATUS, "pending")
            .containsKey(DiagnosisFields.FINGERPRINT);
      }
    }
    assertThat(h.patternLines())
        .as("every wrapped appender got everything before it closed")
        .hasSize(total);
    // nothing was handed to a wrapped appender after it stopped (each framework's own report of
    // that)
    assertThat(h.problems())
        .noneSatisfy(m -> assertThat(m).containsPattern("non.started appender"));
    long errors = total - total / 5;
    assertThat(h.statusMessages())
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("Stopped: received=" + total + " delivered=" + total)
                    .contains("pending=" + errors)
                    .contains("queued=0"));
  }
}
