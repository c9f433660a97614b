package io.logdx.trainer.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scenario run gets: a seeded random source, synthetic values, the shared resources (database, servers) and
 * a place to declare how run-dependent text (ephemeral ports, elapsed milliseconds, identity hash codes) is shown,
 * so that the same seed always gives the same bytes.
 */
public final class Ctx {
  public final Random rnd;
  public final Synth s;
  public final Resources res;
  private final Map<String, String> textAliases = new LinkedHashMap<>();
  private final List<Map.Entry<Pattern, Function<Matcher, String>>> rewrites = new ArrayList<>();
  final Map<String, String> typeAliases = new LinkedHashMap<>();

  Ctx(Random rnd, Resources res) {
    this.rnd = rnd;
    this.s = new Synth(rnd);
    this.res = res;
    // a pool's worker may or may not have picked up its task when a rejection message is built
    rewrite("pool size = (\\d+), active threads = \\d+", m -> "pool size = " + m.group(1) + ", active threads = "
        + m.group(1));
  }

  /** Shows {@code actual} (e.g. {@code 127.0.0.1:43117}) as {@code shown} in every message. */
  public Ctx text(String actual, String shown) {
    textAliases.put(actual, shown);
    return this;
  }

  /** Rewrites every match of {@code regex} in messages. */
  public Ctx rewrite(String regex, Function<Matcher, String> replacement) {
    rewrites.add(Map.entry(Pattern.compile(regex), replacement));
    return this;
  }

  /**
   * Shows the scenario-defined exception class {@code cls} under another name: a simple name is placed into the
   * example's application package, a qualified name is used as it is.
   */
  public Ctx type(Class<?> cls, String shown) {
    typeAliases.put(cls.getName(), shown);
    return this;
  }

  /** Keeps a computed value alive so that the compiler cannot drop the code that fails. */
  public void use(Object value) {
    if (value == this) throw new AssertionError();
  }

  /** Runs {@code body}, which must throw, and returns what it threw. */
  public static Throwable fail(ThrowingRunnable body) {
    try {
      body.run();
    } catch (Throwable t) {
      return t;
    }
    throw new IllegalStateException("scenario did not fail");
  }

  /** Code that is expected to throw. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Throwable;
  }

  String apply(String message) {
    if (message == null) return null;
    String m = message;
    for (Map.Entry<String, String> e : textAliases.entrySet()) m = m.replace(e.getKey(), e.getValue());
    for (Map.Entry<Pattern, Function<Matcher, String>> e : rewrites) {
      Matcher matcher = e.getKey().matcher(m);
      StringBuilder sb = new StringBuilder();
      while (matcher.find()) matcher.appendReplacement(sb, Matcher.quoteReplacement(e.getValue().apply(matcher)));
      matcher.appendTail(sb);
      m = sb.toString();
    }
    return m;
  }
}
