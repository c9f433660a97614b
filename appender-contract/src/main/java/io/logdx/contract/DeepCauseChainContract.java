package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.contract.app.Failures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A deep cause chain written by the real JSON encoders on logdx's dispatcher thread (issue 17): the encoders
 * recurse once per cause (logstash-logback-encoder's throwable converter, the {@code printStackTrace} behind
 * JsonTemplateLayout's stack trace), so the dispatcher's stack decides whether the event can be written at all.
 *
 * <p>With the default {@code dispatcherStackSize} (16m) a 5 000-deep chain, as in the issue, and a 30 000-deep one
 * are written, parseable, and the events after them too. With {@code dispatcherStackSize} 1m the 30 000-deep chain
 * overflows the encoder on the dispatcher: that event alone is lost, counted as a failed hand-on and reported;
 * the others are written. 30 000 and not 5 000 there: measured on Java 17 (x64), 1 MiB holds
 * logstash-logback-encoder's recursion to some 4 000 to 6 000 causes while it runs interpreted but 10 000 to
 * 12 000 once compiled, and JsonTemplateLayout's to some 4 000 to 5 000, so 5 000 would overflow 1m or not
 * depending on what ran before; 30 000 overflows 1m either way and fits 16m with room to spare (both encoders
 * wrote 80 000 causes on 16m, interpreted too).
 *
 * <p>"The others are written" is more than it seems on Logback: after a {@code StackOverflowError} inside
 * logstash-logback-encoder (8.1), the next event encoded <em>on the same thread</em> comes out as no bytes at all
 * (its thread-local formatter is left unusable once; another thread is not affected), so the event after the deep
 * one is lost unless logdx hands it on from another thread.
 *
 * <p>The events are logged from a thread with a 64 MiB stack: Logback's own {@code ThrowableProxy}, built on the
 * logging thread, recurses per cause too, and overflows a 1 MiB thread at some 4 000 causes (the application's
 * thread must hold the chain first; this contract is about logdx's).
 */
public abstract class DeepCauseChainContract extends AppenderContract {
  /** The message of the outermost exception of the chain. */
  private static final String TOP = "payment batch failed";

  private static final long LOGGING_THREAD_STACK = 64L << 20;

  @ParameterizedTest(name = "{0} causes, {1}")
  @CsvSource({
    "5000, DEEP_CHAIN, true",
    "30000, DEEP_CHAIN, true",
    "30000, DEEP_CHAIN_SMALL_STACK, false"
  })
  public void aDeepCauseChainIsWrittenOnTheDispatcherWhenItsStackHoldsIt(
      int depth, Scenario scenario, boolean fits) {
    AppenderHarness h = start(scenario);
    int before = 20;
    int after = 100;
    int total = before + 1 + after;
    onThreadWithStack(
        "deep-chain-logger",
        () -> {
          for (int i = 0; i < before; i++) logPlainOrFailed(h, i);
          h.log(Level.ERROR, LOGGER, chain(depth), "deep {}", depth);
          for (int i = before; i < before + after; i++) logPlainOrFailed(h, i);
        });
    waitFor("every event handed on", () -> counter("Received") == total && counter("Queued") == 0);
    long delivered = counter("Delivered");
    long failedHandOns = counter("FailedHandOns");
    long overflowed = counter("Overflowed");
    long passedThrough = counter("PassedThrough");
    h.stop();

    List<WrittenEvent> out =
        h.events().stream()
            .filter(e -> !e.markers().contains(PendingContract.FOLLOW_UP_MARKER))
            .toList();
    List<String> others = new ArrayList<>();
    for (int i = 0; i < before + after; i++) others.add("e" + i);
    List<WrittenEvent> deep = out.stream().filter(e -> e.message().startsWith("deep ")).toList();
    // soft: a failing run shows every part that fails
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(messages(out).stream().filter(m -> !m.startsWith("deep ")).toList())
              .as("the events around the deep one, written in order")
              .containsExactlyElementsOf(others);
          // nothing went around the dispatcher: every event was written on logdx's thread
          soft.assertThat(overflowed).as("Overflowed").isZero();
          soft.assertThat(passedThrough).as("PassedThrough").isZero();
          if (fits) {
            soft.assertThat(deep).as("the deep event, written once").hasSize(1);
            if (deep.size() == 1) {
              WrittenEvent e = deep.get(0);
              soft.assertThat(messages(out).indexOf(e.message()))
                  .as("in its place")
                  .isEqualTo(before);
              soft.assertThat(e.message()).isEqualTo("deep " + depth);
              soft.assertThat(e.stackTrace())
                  .as("its stack trace")
                  .contains(IllegalStateException.class.getName() + ": " + TOP)
                  .contains("Caused by: ");
              soft.assertThat(e.status()).as("it went through the diagnosis").isNotNull();
            }
            soft.assertThat(failedHandOns).as("FailedHandOns").isZero();
            soft.assertThat(delivered).as("Delivered").isEqualTo(total);
          } else {
            soft.assertThat(deep)
                .as("the encoder overflowed the dispatcher's stack: not written")
                .isEmpty();
            soft.assertThat(h.appenderProblems())
                .as("%s's report of the failed hand-on, among %s", h.framework(), h.problems())
                .anySatisfy(m -> assertThat(m).contains(StackOverflowError.class.getName()));
            soft.assertThat(failedHandOns).as("FailedHandOns").isEqualTo(1);
            soft.assertThat(delivered).as("Delivered").isEqualTo(total - 1);
          }
        });
  }

  private static void logPlainOrFailed(AppenderHarness h, int i) {
    if (i % 3 == 0) {
      h.log(Level.ERROR, LOGGER, Failures.numberFormat("n" + i), "e{}", i);
    } else {
      h.log(Level.INFO, LOGGER, null, "e{}", i);
    }
  }

  /**
   * A chain of {@code depth} real exceptions, each the cause of the next: an {@code IOException} at the root, then
   * {@code IllegalArgumentException}s, {@code RuntimeException}s and {@code CompletionException}s in turn, and an
   * {@code IllegalStateException} ({@link #TOP}) outermost. Built on the calling thread, whose few frames each
   * exception records.
   */
  private static Throwable chain(int depth) {
    Throwable t = new IOException("ledger file unreadable");
    for (int i = 1; i < depth - 1; i++) {
      t =
          switch (i % 3) {
            case 0 -> new IllegalArgumentException("posting " + i + " rejected", t);
            case 1 -> new RuntimeException("step " + i + " failed", t);
            default -> new CompletionException("stage " + i + " completed exceptionally", t);
          };
    }
    return new IllegalStateException(TOP, t);
  }

  /** Runs {@code r} on a new thread with this stack size, waits for it and rethrows what it threw. */
  private static void onThreadWithStack(String name, Runnable r) {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                r.run();
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            name,
            LOGGING_THREAD_STACK);
    t.start();
    try {
      t.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    assertThat(t.isAlive()).as("%s still logging after 20 s", name).isFalse();
    if (thrown.get() != null) throw new AssertionError(name + " failed", thrown.get());
  }
}
