package io.logdx.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The pieces both appenders share: settings, fields, event ids, follow-ups, reports, counters. */
class AppenderCoreTest {

  /** A framework's event: a message and the throwable logged with it. */
  record Event(String message, Throwable thrown) {}

  /** A framework stand-in that records what reaches the "wrapped appenders" and the status channel. */
  static final class RecordingFrame implements AppenderCore.Frame<Event> {
    final List<String> out = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, String>> fields = Collections.synchronizedList(new ArrayList<>());
    final List<String> status = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Throwable throwableToDiagnose(Event event) {
      return event.thrown();
    }

    @Override
    public Event prepare(Event event, boolean diagnosable) {
      return event;
    }

    @Override
    public void handOn(Event event, Map<String, String> f) {
      out.add(event.message());
      fields.add(f == null ? Map.of() : f);
    }

    @Override
    public Event followUp(Event original, String message) {
      return new Event(message, null);
    }

    @Override
    public void info(String message) {
      status.add("INFO " + message);
    }

    @Override
    public void warn(String message, Throwable error) {
      status.add("WARN " + message);
    }

    @Override
    public void error(String message, Throwable error) {
      status.add("ERROR " + message);
    }

    Map<String, String> fieldsOf(String message) {
      synchronized (out) {
        return fields.get(out.indexOf(message));
      }
    }
  }

  private static AppenderSettings.Builder settings(List<String> problems) {
    return AppenderSettings.builder(problems::add, OverflowPolicy.PASS_THROUGH)
        .set("model", "rules")
        .set("locale", "en")
        .set("jmx", "false");
  }

  // ---------------------------------------------------------------- settings

  @Test
  void settingsHaveTheirDefaultsAndParseTheirTextFormsInOnePlace() {
    List<String> problems = new ArrayList<>();
    AppenderSettings d =
        AppenderSettings.builder(problems::add, OverflowPolicy.ENRICH_CACHED).build();
    assertThat(d.queueSize()).isEqualTo(AppenderSettings.DEFAULT_QUEUE_SIZE);
    assertThat(d.timeBudget())
        .isEqualTo(Duration.ofMillis(AppenderSettings.DEFAULT_EVENT_TIME_BUDGET_MILLIS));
    assertThat(d.maxFieldLength()).isEqualTo(2048);
    assertThat(d.overflowPolicy()).isEqualTo(OverflowPolicy.ENRICH_CACHED);
    assertThat(d.locale()).isNull();
    assertThat(d.jmx()).isTrue();
    assertThat(d.followUps()).isTrue();

    AppenderSettings s =
        AppenderSettings.builder(problems::add, OverflowPolicy.PASS_THROUGH)
            .set("appPackages", " com.acme, com.bank\tkr.pay ,,")
            .add("appPackages", "org.example")
            .set("includes", "java.io.IOException java.lang.IllegalStateException")
            .set("timeBudget", "250")
            .set("maxBlock", "20ms")
            .set("drainTimeout", "2s")
            .set("occurrenceWindow", "5m")
            .set("modelTimeShare", "0.25")
            .set("overflowPolicy", "enrich-cached")
            .set("locale", "KO-kr")
            .set("followUps", "FALSE")
            .set("maxFieldLength", "0")
            .build();
    assertThat(problems).isEmpty();
    assertThat(s.appPackages()).containsExactly("com.acme", "com.bank", "kr.pay", "org.example");
    assertThat(s.includes())
        .containsExactly("java.io.IOException", "java.lang.IllegalStateException");
    assertThat(s.timeBudget()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.maxBlock()).isEqualTo(Duration.ofMillis(20));
    assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.occurrenceWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.modelTimeShare()).isEqualTo(0.25);
    assertThat(s.overflowPolicy()).isEqualTo(OverflowPolicy.ENRICH_CACHED);
    assertThat(s.locale()).isEqualTo(Locale.KOREAN);
    assertThat(s.followUps()).isFalse();
    assertThat(s.maxFieldLength()).isZero();

    assertThat(AppenderSettings.duration("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    assertThat(AppenderSettings.locale("en_US")).isEqualTo(Locale.ENGLISH);
    assertThat(AppenderSettings.locale(" ")).isNull();
    for (String bad : new String[] {"", "fast", "-1", "5 minutes", "PTxS"}) {
      assertThatIllegalArgumentException().as(bad).isThrownBy(() -> AppenderSettings.duration(bad));
    }
    for (String bad : new String[] {"fr", "!!", "korean"}) {
      assertThatIllegalArgumentException().as(bad).isThrownBy(() -> AppenderSettings.locale(bad));
    }
  }

  @Test
  void anUnreadableValueIsReportedWithItsNameAndTheValueKept() {
    List<String> problems = new ArrayList<>();
    AppenderSettings s =
        AppenderSettings.builder(problems::add, OverflowPolicy.PASS_THROUGH)
            .set("queueSize", "64")
            .set("queueSize", "0")
            .set("timeBudget", "fast")
            .set("locale", "fr")
            .set("overflowPolicy", "DROP")
            .set("maxFieldLength", "10")
            .set("occurrenceWindow", "0")
            .set("followUps", "maybe")
            .build();
    assertThat(s.queueSize()).as("the value set before stays").isEqualTo(64);
    assertThat(s.timeBudget())
        .isEqualTo(Duration.ofMillis(AppenderSettings.DEFAULT_EVENT_TIME_BUDGET_MILLIS));
    assertThat(s.locale()).isNull();
    assertThat(s.overflowPolicy()).isEqualTo(OverflowPolicy.PASS_THROUGH);
    assertThat(s.maxFieldLength()).isEqualTo(AppenderSettings.DEFAULT_MAX_FIELD_LENGTH);
    assertThat(s.followUps()).isTrue();
    assertThat(problems)
        .containsExactly(
            "queueSize=\"0\" must be at least 1; using 64",
            "timeBudget=\"fast\" is not a duration (write 250, 250ms, 2s, 1m or PT2S); using 50ms",
            "locale=\"fr\" is not a diagnosis language (ko, en, or empty for the JVM's); using the JVM's locale",
            "overflowPolicy=\"DROP\" is not one of [PASS_THROUGH, BLOCK, ENRICH_CACHED]; using PASS_THROUGH",
            "maxFieldLength=\"10\" must be 0 (uncut) or at least 64; using 2048",
            "occurrenceWindow=\"0\" must be more than zero; using 60000ms",
            "followUps=\"maybe\" is not true or false; using true");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> AppenderSettings.builder(p -> {}, OverflowPolicy.BLOCK).set("queueSzie", "1"));
  }

  // ---------------------------------------------------------------- fields, statuses, event ids

  @Test
  void everyFieldIsCutToMaxFieldLength() throws Exception {
    RecordingFrame frame = new RecordingFrame();
    AppenderCore<Event> core =
        new AppenderCore<>(
            "cap",
            settings(new ArrayList<>())
                .set("maxFieldLength", "64")
                .set("timeBudget", "10s")
                .build(),
            frame);
    core.start(b -> b.build());
    core.append(
        new Event("long", new IllegalStateException("order " + "x".repeat(10_000) + " is closed")));
    core.append(new Event("plain", null));
    core.stop();
    Map<String, String> f = frame.fieldsOf("long");
    assertThat(f).containsEntry(DiagnosisFields.STATUS, "ok");
    assertThat(f.get(DiagnosisFields.ROOT_CAUSE_MESSAGE))
        .hasSize(64)
        .startsWith("order xxx")
        .endsWith("\u2026");
    assertThat(f.values()).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(64));
    assertThat(frame.fieldsOf("plain")).isEmpty();
  }

  @Test
  void pendingEventsGetIdsOfOnePrefixAndASequenceAndTheirFollowUpsCarryThem() throws Exception {
    RecordingFrame frame = new RecordingFrame();
    DiagnosisPipelineTest.GatedClassifier slow = new DiagnosisPipelineTest.GatedClassifier(20);
    AppenderCore<Event> core =
        new AppenderCore<>(
            "ids", settings(new ArrayList<>()).set("timeBudget", "10ms").build(), frame);
    core.start(b -> b.classifier(slow).build());
    core.append(new Event("a", new IllegalStateException("ledger a is closed")));
    core.append(new Event("b", new UnsupportedOperationException("no refunds")));
    waitFor(() -> frame.out.size() == 2);
    String idA = frame.fieldsOf("a").get(DiagnosisFields.EVENT_ID);
    String idB = frame.fieldsOf("b").get(DiagnosisFields.EVENT_ID);
    assertThat(idA).matches("[0-9a-f]{8}-1");
    assertThat(idB).isEqualTo(idA.substring(0, 9) + "2");
    assertThat(frame.fieldsOf("a")).containsEntry(DiagnosisFields.STATUS, "pending");
    slow.gate.countDown();
    waitFor(() -> frame.out.size() == 4);
    core.stop();
    String followUpOfA = frame.out.stream().filter(m -> m.contains(idA)).findFirst().orElseThrow();
    assertThat(followUpOfA).startsWith("logdx diagnosis of event " + idA + ": type=illegal_state");
    assertThat(frame.fieldsOf(followUpOfA))
        .containsEntry(DiagnosisFields.EVENT_ID, idA)
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "illegal_state")
        .containsEntry(
            DiagnosisFields.FINGERPRINT, frame.fieldsOf("a").get(DiagnosisFields.FINGERPRINT));
    assertThat(core.stats().getFollowUps()).isEqualTo(2);

    // another start, another prefix
    RecordingFrame again = new RecordingFrame();
    DiagnosisPipelineTest.GatedClassifier slowAgain = new DiagnosisPipelineTest.GatedClassifier(20);
    AppenderCore<Event> restarted =
        new AppenderCore<>(
            "ids",
            settings(new ArrayList<>()).set("timeBudget", "10ms").set("followUps", "false").build(),
            again);
    restarted.start(b -> b.classifier(slowAgain).build());
    restarted.append(new Event("c", new IllegalStateException("ledger c is closed")));
    waitFor(() -> again.out.size() == 1);
    slowAgain.gate.countDown();
    restarted.stop();
    assertThat(again.fieldsOf("c"))
        .containsEntry(DiagnosisFields.STATUS, "pending")
        .as("no follow-up, no id")
        .doesNotContainKey(DiagnosisFields.EVENT_ID);
  }

  @Test
  void withoutAnEngineEventsGoOnWithStatusErrorAndCountAsPassedThrough() {
    RecordingFrame frame = new RecordingFrame();
    AppenderCore<Event> core =
        new AppenderCore<>("broken", settings(new ArrayList<>()).build(), frame);
    core.start(
        b -> {
          throw new IllegalStateException("no engine today");
        });
    core.append(new Event("failure", new IllegalStateException("x")));
    core.append(new Event("plain", null));
    core.stop();
    assertThat(frame.out).containsExactly("failure", "plain");
    assertThat(frame.fieldsOf("failure"))
        .containsExactly(Map.entry(DiagnosisFields.STATUS, "error"));
    assertThat(frame.fieldsOf("plain")).isEmpty();
    assertThat(frame.status)
        .anyMatch(s -> s.startsWith("ERROR Could not build the diagnosis engine"));
    DiagnosingAppenderMXBean s = core.stats();
    assertThat(s.getReceived()).isEqualTo(2);
    assertThat(s.getPassedThrough()).isEqualTo(2);
    assertThat(s.getModel()).isEqualTo("none");
  }

  // ---------------------------------------------------------------- counters

  @Test
  void aFullQueueIsOverflowAndAnEngineWithoutModelTimeIsRefused() throws Exception {
    // refused: half a core and 1 ms at once; the first 200 ms run overdraws the budget for about
    // 400 ms
    Classifier slowOnce =
        new Classifier() {
          @Override
          public Classification classify(Failure failure) throws Exception {
            Thread.sleep(200);
            return new Classification(List.of(new Prediction("illegal_state", 0.9)), id());
          }

          @Override
          public String id() {
            return "slow/1";
          }
        };
    RecordingFrame frame = new RecordingFrame();
    AppenderCore<Event> core =
        new AppenderCore<>(
            "refused",
            settings(new ArrayList<>())
                .set("timeBudget", "5s")
                .set("modelTimeShare", "0.5")
                .build(),
            frame);
    core.start(b -> b.classifier(slowOnce).modelTimeBurst(Duration.ofMillis(1)).build());
    core.append(new Event("alpha", new IllegalStateException("order alpha is closed")));
    waitFor(() -> frame.out.size() == 1);
    core.append(new Event("beta", new IllegalArgumentException("amount beta is negative")));
    core.stop();
    assertThat(frame.fieldsOf("beta"))
        .containsExactly(Map.entry(DiagnosisFields.STATUS, "refused"));
    DiagnosingAppenderMXBean r = core.stats();
    assertThat(r.getRefused()).isEqualTo(1);
    assertThat(r.getOverflowed()).isZero();
    assertThat(r.getDelivered()).as("a refused event went through the queue").isEqualTo(2);
    assertThat(r.getReceived()).isEqualTo(2);

    // overflow: the model never answers while 10 failures are logged into a queue of 2
    RecordingFrame full = new RecordingFrame();
    DiagnosisPipelineTest.GatedClassifier stuck = new DiagnosisPipelineTest.GatedClassifier(20);
    AppenderCore<Event> small =
        new AppenderCore<>(
            "overflow",
            settings(new ArrayList<>())
                .set("queueSize", "2")
                .set("timeBudget", "30s")
                .set("overflowWarnEvery", "3")
                .build(),
            full);
    small.start(b -> b.classifier(stuck).build());
    // each from a thread of its own: one with events in the pipeline would deliver them rather
    // than overflow (see DiagnosisPipelineTest)
    for (int i = 0; i < 10; i++) {
      Event e = new Event("e" + i, new IllegalStateException("ledger " + i + " is closed"));
      DiagnosisPipelineTest.onAnotherThread(() -> small.append(e));
    }
    DiagnosisPipelineTest.onAnotherThread(() -> small.append(new Event("plain", null)));
    DiagnosingAppenderMXBean atFull = small.stats();
    assertThat(atFull.getOverflowed()).isPositive();
    assertThat(atFull.getRefused()).isZero();
    // the invariant: every received event is delivered, overflowed, passed through or still queued
    assertThat(atFull.getReceived())
        .isEqualTo(11)
        .isEqualTo(
            atFull.getDelivered()
                + atFull.getFailedHandOns()
                + atFull.getOverflowed()
                + atFull.getPassedThrough()
                + atFull.getQueued());
    // status-only fields for a failure; an event without a throwable that overflowed goes on as it
    // is
    int plainOverflowed = full.out.contains("plain") ? 1 : 0;
    assertThat(full.fields)
        .filteredOn(f -> "overflow".equals(f.get(DiagnosisFields.STATUS)))
        .hasSize((int) atFull.getOverflowed() - plainOverflowed)
        .allSatisfy(f -> assertThat(f).hasSize(1));
    // a warning on the first overflow and every third after it
    assertThat(full.status)
        .filteredOn(s -> s.startsWith("WARN Queue full (2)"))
        .hasSize(1 + (int) (atFull.getOverflowed() / 3));
    stuck.gate.countDown();
    small.stop();
    DiagnosingAppenderMXBean end = small.stats();
    assertThat(end.getReceived())
        .isEqualTo(end.getDelivered() + end.getOverflowed() + end.getPassedThrough());
    assertThat(end.getQueued()).isZero();
    assertThat(full.out).hasSize(11);
  }

  // ---------------------------------------------------------------- observation

  @Test
  void seenFailuresKeepDistinctMaskedFailuresByFrequencyAndListenersHearEveryStatus()
      throws Exception {
    RecordingFrame frame = new RecordingFrame();
    SeenFailures seen = new SeenFailures();
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    seen.addListener((d, followUp) -> heard.add(d.status().value() + " " + d.category()));
    seen.addListener(
        (d, followUp) -> {
          throw new IllegalStateException("a broken listener");
        });
    AppenderCore<Event> core =
        new AppenderCore<>(
            "seen", settings(new ArrayList<>()).set("timeBudget", "10s").build(), frame, seen);
    core.start(b -> b.build());
    // a synthetic card number (Luhn-valid test number) in the message: kept masked only
    for (int i = 0; i < 3; i++) {
      core.append(
          new Event("card" + i, new IllegalStateException("card 4111 1111 1111 1111 is blocked")));
    }
    core.append(new Event("number", new NumberFormatException("For input string: \"twelve\"")));
    core.append(new Event("plain", null));
    core.stop();
    assertThat(frame.out).containsExactly("card0", "card1", "card2", "number", "plain");

    List<SeenFailures.Entry> entries = seen.mostFrequent();
    assertThat(entries).hasSize(2);
    SeenFailures.Entry card = entries.get(0);
    assertThat(card.count()).isEqualTo(3);
    assertThat(card.diagnosis().category()).isEqualTo("illegal_state");
    assertThat(card.fingerprint())
        .isEqualTo(frame.fieldsOf("card2").get(DiagnosisFields.FINGERPRINT));
    assertThat(card.firstSeen()).isBeforeOrEqualTo(card.lastSeen());
    assertThat(card.diagnosis().rootCauseMessage().orElseThrow()).doesNotContain("4111");
    assertThat(card.diagnosis().toString() + card.diagnosis().toFields())
        .doesNotContain("4111 1111");
    assertThat(entries.get(1).count()).isEqualTo(1);
    assertThat(entries.get(1).diagnosis().category()).isEqualTo("number_format");
    assertThat(seen.get(card.fingerprint())).contains(card);
    assertThat(seen.get("no such fingerprint")).isEmpty();

    // every event with a throwable once, none for the plain one; the broken listener cost nothing
    assertThat(heard)
        .containsExactly(
            "ok illegal_state", "ok illegal_state", "ok illegal_state", "ok number_format");
    assertThat(frame.status).anyMatch(s -> s.startsWith("ERROR A diagnosis listener failed"));
    assertThat(core.stats().getDelivered()).isEqualTo(5);
    assertThat(core.stats().getFailedHandOns()).isZero();

    Diagnoser.Stats engine = core.engineStats();
    assertThat(engine.requests()).as("zero once the engine is closed").isZero();
  }

  @Test
  void theEngineCountsCacheSizeAndModelTime() throws Exception {
    RecordingFrame frame = new RecordingFrame();
    AppenderCore<Event> core =
        new AppenderCore<>(
            "engine", settings(new ArrayList<>()).set("timeBudget", "10s").build(), frame);
    core.start(b -> b.build());
    core.append(new Event("a", new IllegalStateException("ledger a is closed")));
    core.append(new Event("b", new UnsupportedOperationException("no refunds")));
    waitFor(() -> frame.out.size() == 2);
    Diagnoser.Stats running = core.engineStats();
    long cached = core.cacheSize();
    long modelNanos = core.modelTimeNanos();
    core.stop();
    assertThat(running.computed()).isEqualTo(2);
    assertThat(cached).isEqualTo(2);
    assertThat(modelNanos).isPositive();
    assertThat(core.cacheSize()).as("no engine after stop").isZero();
  }

  @Test
  void onlyDiagnosedFailuresAreKeptTheLeastRecentlySeenGoFirstAndFollowUpsDoNotCount() {
    SeenFailures seen = new SeenFailures(2);
    List<String> problems = new ArrayList<>();
    ProblemReports reports = new ProblemReports((m, e) -> problems.add(m));
    Diagnosis a = diagnosis(Diagnosis.Status.OK, "fa", "illegal_state");
    Diagnosis b = diagnosis(Diagnosis.Status.PENDING, "fb", null);
    Diagnosis c = diagnosis(Diagnosis.Status.REFUSED, "fc", null);
    seen.handedOn(a, false, 1_000, reports);
    seen.handedOn(a, false, 2_000, reports);
    seen.handedOn(b, false, 3_000, reports);
    // not kept: no fingerprint, or a status that says nothing was diagnosed
    seen.handedOn(Outcomes.statusOnlyDiagnosis(Diagnosis.Status.OVERFLOW), false, 3_500, reports);
    seen.handedOn(diagnosis(Diagnosis.Status.ERROR, "fe", null), false, 3_600, reports);
    seen.handedOn(diagnosis(Diagnosis.Status.SKIPPED, "fs", null), false, 3_700, reports);
    assertThat(seen.size()).isEqualTo(2);
    // the follow-up of b: its diagnosis replaced, not counted, not "seen" again
    Diagnosis bLate = diagnosis(Diagnosis.Status.OK, "fb", "number_format");
    seen.handedOn(bLate, true, 9_000, reports);
    SeenFailures.Entry eb = seen.get("fb").orElseThrow();
    assertThat(eb.diagnosis()).isSameAs(bLate);
    assertThat(eb.count()).isEqualTo(1);
    assertThat(eb.lastSeen().toEpochMilli()).isEqualTo(3_000);
    // a later pending occurrence does not replace a complete diagnosis
    seen.handedOn(b, false, 4_000, reports);
    assertThat(seen.get("fb").orElseThrow().diagnosis()).isSameAs(bLate);
    // a is now the least recently seen: c takes its place
    seen.handedOn(c, false, 5_000, reports);
    assertThat(seen.mostFrequent())
        .extracting(SeenFailures.Entry::fingerprint)
        .containsExactly("fb", "fc");
    SeenFailures.Entry ea =
        new SeenFailures.Entry(a, 2, Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_000));
    assertThat(seen.get("fa")).isEmpty();
    assertThat(ea.fingerprint()).isEqualTo("fa");
    assertThat(problems).isEmpty();
    assertThatIllegalArgumentException().isThrownBy(() -> new SeenFailures(0));
  }

  private static Diagnosis diagnosis(Diagnosis.Status status, String fingerprint, String category) {
    Diagnosis.Builder b = Diagnosis.builder(status, fingerprint, "test/1");
    if (category != null) b.top(List.of(new Prediction(category, 0.9)));
    return b.build();
  }

  @Test
  void problemReportsAreThrottledPerKindAndSaySoWhatWasSuppressed() {
    List<String> reported = new ArrayList<>();
    ProblemReports reports = new ProblemReports((message, error) -> reported.add(message));
    for (int i = 0; i < 2_500; i++) {
      reports.report("A wrapped appender failed", null);
    }
    reports.report("could not start a diagnosis", null);
    assertThat(reported).hasSize(10 + 2 + 1);
    assertThat(reported.subList(0, 10)).containsOnly("A wrapped appender failed");
    assertThat(reported.get(10))
        .isEqualTo(
            "A wrapped appender failed (999 more of these suppressed since the last report; 1010 in all)");
    assertThat(reported.get(11))
        .endsWith("(999 more of these suppressed since the last report; 2010 in all)");
    assertThat(reported.get(12)).isEqualTo("could not start a diagnosis");
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(condition.getAsBoolean()).as("within 20 s").isTrue();
  }
}
