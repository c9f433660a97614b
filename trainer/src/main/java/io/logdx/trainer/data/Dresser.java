package io.logdx.trainer.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a captured failure into one example's failure: renames the scenario code's classes and frames to the
 * example's application ({@link AppProfile}), replaces the generator's own frames below the scenario by a caller
 * path and an entry stack ({@link Bottoms}), and replaces run-dependent text (identity hash codes, lambda class
 * names) by values drawn from the example's seed. JDK and library frames stay as they were thrown.
 */
final class Dresser {
  private static final String SCENARIO_PKG = "io.logdx.trainer.data.scenario.";
  private static final String OWN_PKG = "io.logdx.trainer.";
  private static final Pattern HASH = Pattern.compile("@([0-9a-f]{5,8})\\b");
  private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda\\$\\d+/0x[0-9a-f]+");
  private static final Pattern OWN_CLASS = Pattern.compile("io\\.logdx\\.trainer\\.data\\.scenario\\.[\\w$]+");
  private static final Pattern GENERATED_ACCESSOR = Pattern.compile("jdk\\.internal\\.reflect\\.Generated(Method|Constructor)Accessor\\d+");

  private final Synth s;
  private final AppProfile app;
  private final Map<String, String> typeAliases;
  private final Map<String, String> hashes = new HashMap<>();
  final Bottoms.Bottom bottom;
  final List<Frame> tail;

  Dresser(Synth s, AppProfile app, Map<String, String> typeAliases) {
    this.s = s;
    this.app = app;
    this.typeAliases = typeAliases;
    this.bottom = Bottoms.pick(s, app);
    // application callers between the scenario code and the entry frame (service -> facade ...)
    List<Frame> t = new ArrayList<>();
    int callers = s.between(0, Math.max(0, bottom.entryRole() - 1));
    for (int i = 0; i < callers; i++) t.add(app.caller());
    t.addAll(bottom.frames());
    this.tail = t;
  }

  TraceNode dress(TraceNode captured) {
    TraceNode root = captured.copy();
    for (TraceNode n : root.all()) {
      n.type = type(n.type);
      n.message = message(n.message);
      n.frames = frames(n.frames);
    }
    return root;
  }

  String type(String t) {
    if (!t.startsWith(OWN_PKG)) return t;
    String shown = typeAliases.get(t);
    String simple = t.substring(Math.max(t.lastIndexOf('.'), t.lastIndexOf('$')) + 1);
    if (shown == null) shown = simple;
    return shown.indexOf('.') >= 0 ? shown : app.exceptionPackage() + "." + shown;
  }

  private String message(String m) {
    if (m == null) return null;
    if (m.contains("$$Lambda$")) {
      Matcher lm = LAMBDA.matcher(m);
      m = lm.replaceAll(r -> Matcher.quoteReplacement("$$Lambda$" + s.between(60, 1900) + "/0x0000" + s.hex(12)));
    }
    Matcher hm = HASH.matcher(m);
    m = hm.replaceAll(r -> "@" + hashes.computeIfAbsent(r.group(1), k -> s.hex(s.between(6, 8))));
    if (m.contains(SCENARIO_PKG)) {
      Matcher om = OWN_CLASS.matcher(m);
      m = om.replaceAll(r -> Matcher.quoteReplacement(ownClassInText(r.group())));
    }
    return m;
  }

  private String ownClassInText(String cls) {
    int lambda = cls.indexOf("$$Lambda");
    if (lambda > 0) return ownClassInText(cls.substring(0, lambda)) + cls.substring(lambda);
    if (typeAliases.containsKey(cls) || cls.endsWith("Exception") || cls.endsWith("Error")) return type(cls);
    return app.map(new Frame(cls, "x", null, 0, null)).cls();
  }

  private List<Frame> frames(List<Frame> in) {
    List<Frame> out = new ArrayList<>(in.size() + tail.size());
    for (Frame f : in) {
      if (f.cls().startsWith(SCENARIO_PKG)) {
        out.add(app.map(f));
      } else if (f.cls().startsWith(OWN_PKG)) {
        out.addAll(tail);
        return out;
      } else if (GENERATED_ACCESSOR.matcher(f.cls()).matches()) {
        // JDK 17 swaps to generated accessors after 15 reflective calls: show the stable native path
        boolean ctor = f.cls().contains("Constructor");
        out.add(Frame.jdk("jdk.internal.reflect.Native" + (ctor ? "Constructor" : "Method") + "AccessorImpl",
            ctor ? "newInstance0" : "invoke0", -2));
        out.add(Frame.jdk("jdk.internal.reflect.Native" + (ctor ? "Constructor" : "Method") + "AccessorImpl",
            ctor ? "newInstance" : "invoke", 77));
      } else {
        out.add(f);
      }
    }
    return out;
  }
}
