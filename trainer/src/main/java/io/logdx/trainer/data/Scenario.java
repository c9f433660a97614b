package io.logdx.trainer.data;

/**
 * One way to cause a failure of one taxonomy label by running real code. A scenario either runs for every example
 * ({@link #captures()} is 0: cheap, so messages vary with each run) or, when it waits on timeouts or servers, runs
 * {@code captures()} times and its examples vary the captured failures' rendering.
 */
public interface Scenario {
  String label();

  /** Stable name, e.g. {@code jdk.npe.helpful-field}; part of each example's source. */
  String name();

  int captures();

  /** Causes the failure and returns the throwable (scenarios use {@link Ctx#fail}). */
  Throwable run(Ctx ctx) throws Exception;

  /** Turns of an ordinary scenario in its label's rotation (see {@link #turns()}). */
  int TURNS = 2;

  /**
   * How many of its label's examples this scenario gets, relative to the others: its turns in the label's
   * rotation, {@value #TURNS} for an ordinary scenario and 1 for one made {@link #lessOften}.
   */
  default int turns() {
    return TURNS;
  }

  /**
   * The scenario with half the turns of an ordinary one. For the less common ways a label's failure shows (its
   * meaning under another type than the usual one): taught, but not as often as the usual way, which stays the
   * most frequent in real logs.
   */
  static Scenario lessOften(Scenario s) {
    return new Scenario() {
      @Override public String label() { return s.label(); }
      @Override public String name() { return s.name(); }
      @Override public int captures() { return s.captures(); }
      @Override public Throwable run(Ctx ctx) throws Exception { return s.run(ctx); }
      @Override public String text(Ctx ctx) { return s.text(ctx); }
      @Override public int turns() { return 1; }
      @Override public String toString() { return s.toString(); }
    };
  }

  /** For text-only material (label {@code unknown}: log lines without an exception): the text, else null. */
  default String text(Ctx ctx) {
    return null;
  }

  /** The body of a scenario. */
  @FunctionalInterface
  interface Body {
    Throwable run(Ctx ctx) throws Exception;
  }

  static Scenario cheap(String label, String name, Body body) {
    return of(label, name, 0, body);
  }

  static Scenario costly(String label, String name, int captures, Body body) {
    return of(label, name, captures, body);
  }

  /** Text-only material: a log line or message without a throwable. */
  static Scenario text(String label, String name, java.util.function.Function<Ctx, String> body) {
    return new Scenario() {
      @Override public String label() { return label; }
      @Override public String name() { return name; }
      @Override public int captures() { return 0; }
      @Override public Throwable run(Ctx ctx) { return null; }
      @Override public String text(Ctx ctx) { return body.apply(ctx); }
      @Override public String toString() { return label + ":" + name; }
    };
  }

  static Scenario of(String label, String name, int captures, Body body) {
    return new Scenario() {
      @Override public String label() { return label; }
      @Override public String name() { return name; }
      @Override public int captures() { return captures; }
      @Override public Throwable run(Ctx ctx) throws Exception { return body.run(ctx); }
      @Override public String toString() { return label + ":" + name; }
    };
  }
}
