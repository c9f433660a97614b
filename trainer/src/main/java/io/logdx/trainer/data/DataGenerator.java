package io.logdx.trainer.data;

import io.logdx.core.Classifier.Taxonomy;
import io.logdx.trainer.data.scenario.Catalogue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates training failures for every taxonomy label by running the scenario catalogue ({@link Catalogue}):
 * each scenario causes a real failure (or, where this machine cannot cause one, builds the JDK or library type with
 * its real message format; see {@code trainer/DATA.md}), and each example dresses it differently: application
 * names, wrapper chains, log-line prefixes and printed forms, all drawn from the seed.
 *
 * <p>Deterministic: the same seed and count give the same examples, byte for byte.
 */
public final class DataGenerator implements AutoCloseable {
  private final long seed;
  private final Resources resources = new Resources();
  private final Map<String, List<Scenario>> byLabel = new LinkedHashMap<>();
  private final Map<String, List<Captured>> captures = new HashMap<>();

  record Captured(TraceNode node, Map<String, String> typeAliases) {}

  /** Held so that the level settings are not lost with a collected logger. */
  private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

  static {
    // Hibernate Validator and the JPA API announce themselves through java.util.logging: keep stderr for problems
    QUIET.add(java.util.logging.Logger.getLogger("org.hibernate.validator"));
    QUIET.add(java.util.logging.Logger.getLogger("jakarta.persistence.spi"));
    for (java.util.logging.Logger l : QUIET) l.setLevel(java.util.logging.Level.SEVERE);
    // H2 slows down every wrong password on purpose (250 ms, doubling): the bad-credential scenarios need no brake
    if (System.getProperty("h2.delayWrongPasswordMin") == null) System.setProperty("h2.delayWrongPasswordMin", "0");
    if (System.getProperty("h2.delayWrongPasswordMax") == null) System.setProperty("h2.delayWrongPasswordMax", "0");
  }

  public DataGenerator(long seed) {
    this.seed = seed;
    for (Scenario sc : Catalogue.all()) {
      if (!Taxonomy.contains(sc.label())) throw new IllegalStateException("not a taxonomy label: " + sc);
      byLabel.computeIfAbsent(sc.label(), k -> new ArrayList<>()).add(sc);
    }
  }

  /** Generates {@code perLabel} examples for each label of the taxonomy, in taxonomy order. */
  public static List<Example> generate(long seed, int perLabel) {
    try (DataGenerator g = new DataGenerator(seed)) {
      List<Example> out = new ArrayList<>();
      for (String label : Taxonomy.ids()) out.addAll(g.examples(label, perLabel));
      return out;
    }
  }

  /** The scenarios of the catalogue by label. */
  public Map<String, List<Scenario>> scenarios() {
    return byLabel;
  }

  public List<Example> examples(String label, int count) {
    List<Scenario> scenarios = byLabel.get(label);
    if (scenarios == null || scenarios.isEmpty()) throw new IllegalStateException("no scenario for label " + label);
    List<Example> out = new ArrayList<>(count);
    List<Scenario> rotation = rotation(scenarios);
    for (int i = 0; i < count; i++) {
      Random rnd = new Random(mix(seed, label.hashCode(), i));
      // scenarios take turns so that each gets its share; the seed decides the order within a round
      Scenario sc = rotation.get((i + (int) (mix(seed, label.hashCode(), -1) & 0xffff)) % rotation.size());
      out.add(example(sc, label, i, rnd));
    }
    return out;
  }

  /**
   * A label's scenarios in the order they take turns: a round of every scenario, then a round of those with a
   * second turn, and so on ({@link Scenario#turns}). When all have the same number of turns this is the plain
   * rotation of the scenarios, repeated: the examples are those of a rotation without turns.
   */
  static List<Scenario> rotation(List<Scenario> scenarios) {
    int most = 0;
    for (Scenario sc : scenarios) most = Math.max(most, sc.turns());
    List<Scenario> out = new ArrayList<>();
    for (int round = 1; round <= most; round++) {
      for (Scenario sc : scenarios) {
        if (sc.turns() >= round) out.add(sc);
      }
    }
    return out;
  }

  /** Runs one scenario once, as the tests do to check the real root cause. */
  public Throwable runOnce(Scenario sc, long runSeed) throws Exception {
    return sc.run(new Ctx(new Random(runSeed), resources));
  }

  private Example example(Scenario sc, String label, int i, Random rnd) {
    Synth s = new Synth(rnd);
    String plain = sc.text(new Ctx(new Random(rnd.nextLong()), resources));
    if (plain != null) {
      return new Example(String.format("gen-%s-%04d", label, i), plain, label, "logdx-gen:" + sc.name());
    }
    Captured cap = capture(sc, rnd);
    AppProfile app = new AppProfile(s);
    Dresser dresser = new Dresser(s, app, cap.typeAliases());
    TraceNode node = dresser.dress(cap.node());
    String source = "logdx-gen:" + sc.name();
    node = Wrappers.wrap(node, s, app, dresser);
    String text = Presenter.present(node, s, app, dresser.bottom.thread(), label);
    return new Example(String.format("gen-%s-%04d", label, i), text, label, source);
  }

  private Captured capture(Scenario sc, Random rnd) {
    if (sc.captures() <= 0) return run(sc, new Random(rnd.nextLong()));
    // scenarios of the same name may serve several labels (HTTP status codes): captures are per label and name
    String key = sc.label() + ":" + sc.name();
    List<Captured> list = captures.computeIfAbsent(key, k -> {
      List<Captured> l = new ArrayList<>();
      for (int c = 0; c < sc.captures(); c++) l.add(run(sc, new Random(mix(seed, key.hashCode(), c))));
      return l;
    });
    return list.get(rnd.nextInt(list.size()));
  }

  private Captured run(Scenario sc, Random rnd) {
    Ctx ctx = new Ctx(rnd, resources);
    Throwable t;
    try {
      t = sc.run(ctx);
    } catch (Exception e) {
      throw new IllegalStateException("scenario " + sc + " broke: " + e, e);
    }
    if (t == null) throw new IllegalStateException("scenario " + sc + " returned no failure");
    TraceNode node = TraceNode.of(t);
    for (TraceNode n : node.all()) {
      n.message = ctx.apply(n.message);
      if (n.type.equals("java.lang.StackOverflowError")) n.frames = recursion(n.frames);
      // the HTTP client's scheduler runs a completion inline or deferred, depending on timing
      n.frames.removeIf(f -> f.cls().startsWith("jdk.internal.net.http.common.SequentialScheduler$"));
      n.frames = asyncHttp(n.frames);
      n.frames = h2Cancel(n.frames);
    }
    return new Captured(node, Map.copyOf(ctx.typeAliases));
  }

  /**
   * Where a recursion hits the end of the stack depends on JIT-compiled frame sizes, so the top frames and the phase
   * of the cycle differ from run to run. The trace is rebuilt from its repeating cycle, started at a fixed point of
   * the cycle, to the JVM's default depth of 1024 printed frames.
   */
  static List<Frame> recursion(List<Frame> frames) {
    int n = frames.size();
    for (int p = 1; p <= 64 && 3 * p < n; p++) {
      boolean cycle = true;
      for (int i = 0; i < Math.min(n - p, 4 * p + 64) && cycle; i++) {
        cycle = frames.get(n - 1 - i).equals(frames.get(n - 1 - i - p));
      }
      if (!cycle) continue;
      List<Frame> c = new ArrayList<>(frames.subList(n - p, n));
      int start = 0;
      for (int i = 1; i < p; i++) if (compareRotations(c, i, start) < 0) start = i;
      List<Frame> out = new ArrayList<>(1024);
      for (int i = 0; i < 1024; i++) out.add(c.get((start + i) % p));
      return out;
    }
    return frames;
  }

  private static final List<Frame> ASYNC_TAIL = List.of(
      Frame.jdk("java.util.concurrent.CompletableFuture$AsyncSupply", "run", 1768),
      Frame.jdk("java.util.concurrent.ThreadPoolExecutor", "runWorker", 1136),
      Frame.jdk("java.util.concurrent.ThreadPoolExecutor$Worker", "run", 635),
      Frame.jdk("java.lang.Thread", "run", 840));

  /**
   * Exceptions made on the HTTP client's own threads carry the chain of completion stages and flow delegates that
   * happened to run them, which differs from run to run: their frames are kept down to the first frame of the HTTP
   * client itself (the socket or TLS frames above it are what matters), then a fixed worker-thread tail follows.
   */
  static List<Frame> asyncHttp(List<Frame> frames) {
    boolean http = false;
    // flow-delegate frames mean the client's own machinery made it; whether that ran on the caller's thread (inline,
    // with the caller's frames below) or on a pool thread depends on timing: both get the same pool-thread form
    boolean flow = false;
    for (Frame f : frames) flow |= f.cls().startsWith("jdk.internal.net.http.common.");
    for (Frame f : frames) {
      if (f.cls().startsWith("io.logdx.") && !flow) return frames;
      if ("java.net.http".equals(f.module())) http = true;
    }
    if (!http) return frames;
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).cls().startsWith("jdk.internal.net.http.")) {
        List<Frame> out = new ArrayList<>(frames.subList(0, i + 1));
        out.addAll(ASYNC_TAIL);
        return out;
      }
    }
    return frames;
  }

  private static final List<Frame> H2_CANCEL = List.of(
      Frame.lib("org.h2.command.Prepared", "checkCanceled", 341),
      Frame.lib("org.h2.command.Prepared", "setCurrentRowNumber", 407),
      Frame.lib("org.h2.command.query.Select", "gatherGroup", 507));

  /**
   * H2 notices a statement timeout wherever the query happens to be when the time is up (a row-number update or a
   * table scan step): the frames from that check up to the select's group loop are shown in one fixed form.
   */
  static List<Frame> h2Cancel(List<Frame> frames) {
    int from = -1;
    for (int i = 0; i < frames.size() && from < 0; i++) {
      Frame f = frames.get(i);
      if (f.cls().equals("org.h2.command.Prepared") && f.method().equals("checkCanceled")
          || f.cls().equals("org.h2.table.TableFilter") && f.method().equals("checkTimeout")) from = i;
    }
    if (from < 0) return frames;
    for (int j = from + 1; j < frames.size(); j++) {
      Frame f = frames.get(j);
      if (f.cls().equals("org.h2.command.query.Select") && !f.method().equals("gatherGroup")) {
        List<Frame> out = new ArrayList<>(frames.subList(0, from));
        out.addAll(H2_CANCEL);
        out.addAll(frames.subList(j, frames.size()));
        return out;
      }
    }
    return frames;
  }

  private static int compareRotations(List<Frame> c, int a, int b) {
    for (int k = 0; k < c.size(); k++) {
      int d = c.get((a + k) % c.size()).printed().compareTo(c.get((b + k) % c.size()).printed());
      if (d != 0) return d;
    }
    return 0;
  }

  static long mix(long seed, long a, long b) {
    long h = seed * 0x9E3779B97F4A7C15L + a;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 33);
  }

  @Override
  public void close() {
    resources.close();
  }
}
