package io.logdx.contract;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stage 1 of {@link Scenario#STAND_IN}: the rules, with the behaviour a test chooses in front of them (slow until a
 * gate opens, failing, logging, slow once). Its state is static because Logback's Joran makes the instance from
 * {@code <classifier class="io.logdx.contract.ContractModel"/>}; the contract resets it around every test.
 */
public class ContractModel implements Classifier {

  /** What a classification does before the rules answer. */
  public enum Mode {
    /** The rules at once. */
    RULES,
    /** Waits until the test opens the gate (at most 20 s, then fails). */
    GATED,
    /** Throws, as a broken model file or native library would. */
    FAILING,
    /** Runs the test's hook first: it logs through the application's logger, as a library under a model may. */
    LOGGING,
    /**
     * The first call takes longer than the engine's whole model-time burst, so that the budget is spent and a
     * never-seen failure after it is refused (with a tiny {@code modelTimeShare} it does not refill).
     */
    SPENDS_THE_BUDGET
  }

  private static volatile Mode mode = Mode.RULES;
  private static volatile CountDownLatch gate = new CountDownLatch(1);
  private static volatile Runnable hook;
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static final AtomicInteger DONE = new AtomicInteger();

  private final Classifier rules = Diagnoser.loadClassifier(Diagnoser.Builder.RULES_MODEL);

  /** Public for Joran. */
  public ContractModel() {}

  /** Back to the rules, gate closed, counts zero. */
  public static void reset() {
    gate.countDown();
    gate = new CountDownLatch(1);
    mode = Mode.RULES;
    hook = null;
    CALLS.set(0);
    DONE.set(0);
  }

  public static void mode(Mode m) {
    mode = m;
  }

  /** The hook of {@link Mode#LOGGING}. */
  public static void hook(Runnable r) {
    hook = r;
  }

  public static void openGate() {
    gate.countDown();
  }

  /** Classifications started. */
  public static int calls() {
    return CALLS.get();
  }

  /** Classifications finished (answered or thrown). */
  public static int done() {
    return DONE.get();
  }

  @Override
  public Classification classify(Failure failure) throws Exception {
    int call = CALLS.incrementAndGet();
    try {
      switch (mode) {
        case GATED -> {
          if (!gate.await(20, TimeUnit.SECONDS))
            throw new IllegalStateException("the test never opened the gate");
        }
        case FAILING -> throw new IllegalStateException("model exploded");
        case LOGGING -> {
          Runnable r = hook;
          if (r != null) r.run();
        }
        case SPENDS_THE_BUDGET -> {
          if (call == 1) spendMoreThan(Diagnoser.Builder.DEFAULT_MODEL_TIME_BURST_MILLIS + 100);
        }
        default -> {
          // the rules alone
        }
      }
      return rules.classify(failure);
    } finally {
      DONE.incrementAndGet();
    }
  }

  /** Wall time is what the engine charges; sleeping spends it without taking a core from the other tests. */
  private static void spendMoreThan(long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (long left; (left = end - System.nanoTime()) > 0; ) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  @Override
  public String id() {
    return "contract-" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-') + "/1";
  }
}
