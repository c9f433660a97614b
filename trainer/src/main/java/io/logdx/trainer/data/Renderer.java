package io.logdx.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Prints a {@link TraceNode} the way Java and the logging frameworks print throwables: {@code printStackTrace}
 * (the base), Logback's converter ("... N common frames omitted", optional packaging data), Log4j2's extended
 * converter (jar hints), Log4j2's root-cause-first converter ("Wrapped by:"), Java 8 style without module names,
 * Tomcat's "root cause only" and single lines.
 */
final class Renderer {
  enum Form { JDK, JDK_NO_MODULE, LOGBACK, LOGBACK_PACKAGING, LOG4J2, ROOT_FIRST, ROOT_ONLY, SINGLE_LINE, CHAIN_LINE }

  private final int maxFrames;

  /** @param maxFrames most frames printed for one exception (as Logback's {@code %ex{N}} would cut) */
  Renderer(int maxFrames) {
    this.maxFrames = maxFrames;
  }

  String render(TraceNode t, Form form) {
    StringBuilder sb = new StringBuilder();
    switch (form) {
      case JDK, JDK_NO_MODULE, LOGBACK, LOGBACK_PACKAGING, LOG4J2 -> {
        Set<TraceNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        printTop(sb, t, form, seen);
      }
      case ROOT_FIRST -> rootFirst(sb, t);
      case ROOT_ONLY -> {
        TraceNode r = t.innermost().copy();
        r.cause = null;
        printTop(sb, r, Form.JDK, Collections.newSetFromMap(new IdentityHashMap<>()));
      }
      case SINGLE_LINE -> sb.append(t.header()).append('\n');
      case CHAIN_LINE -> {
        // Spring 5's NestedExceptionUtils style on one line: "outer: msg; nested exception is inner: msg"
        List<TraceNode> chain = t.chain();
        for (int i = 0; i < chain.size(); i++) {
          if (i > 0) sb.append("; nested exception is ");
          sb.append(chain.get(i).header());
        }
        sb.append('\n');
      }
      default -> throw new IllegalArgumentException(form.name());
    }
    return sb.toString();
  }

  private void printTop(StringBuilder sb, TraceNode t, Form form, Set<TraceNode> seen) {
    seen.add(t);
    sb.append(t.header()).append('\n');
    int n = 0;
    for (Frame f : t.frames) {
      if (n++ >= maxFrames) break;
      frame(sb, "", f, form);
    }
    for (TraceNode s : t.suppressed) enclosed(sb, s, t.frames, "Suppressed: ", "\t", form, seen);
    if (t.cause != null) enclosed(sb, t.cause, t.frames, "Caused by: ", "", form, seen);
  }

  private void enclosed(StringBuilder sb, TraceNode t, List<Frame> enclosing, String caption, String prefix, Form form,
      Set<TraceNode> seen) {
    if (!seen.add(t)) {
      sb.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ").append(t.header()).append("]\n");
      return;
    }
    int m = t.frames.size() - 1;
    int e = enclosing.size() - 1;
    while (m >= 0 && e >= 0 && t.frames.get(m).equals(enclosing.get(e))) {
      m--;
      e--;
    }
    int inCommon = t.frames.size() - 1 - m;
    sb.append(prefix).append(caption).append(t.header()).append('\n');
    int shown = Math.min(m + 1, maxFrames);
    for (int i = 0; i < shown; i++) frame(sb, prefix, t.frames.get(i), form);
    if (inCommon != 0) {
      sb.append(prefix).append("\t... ").append(inCommon)
          .append(form == Form.LOGBACK || form == Form.LOGBACK_PACKAGING ? " common frames omitted" : " more").append('\n');
    }
    for (TraceNode s : t.suppressed) enclosed(sb, s, t.frames, "Suppressed: ", prefix + "\t", form, seen);
    if (t.cause != null) enclosed(sb, t.cause, t.frames, "Caused by: ", prefix, form, seen);
  }

  private void frame(StringBuilder sb, String prefix, Frame f, Form form) {
    sb.append(prefix).append("\tat ").append(form == Form.JDK_NO_MODULE ? f.printedNoModule() : f.printed());
    if (form == Form.LOG4J2) sb.append(' ').append(jarHint(f, true));
    else if (form == Form.LOGBACK_PACKAGING) sb.append(' ').append(jarHint(f, false));
    sb.append('\n');
  }

  /** Log4j2's root-cause-first output: the innermost cause with its frames, then "Wrapped by:" each wrapper. */
  private void rootFirst(StringBuilder sb, TraceNode t) {
    List<TraceNode> chain = t.chain();
    List<TraceNode> rev = new ArrayList<>(chain);
    Collections.reverse(rev);
    for (int i = 0; i < rev.size(); i++) {
      TraceNode n = rev.get(i);
      List<Frame> enclosing = i + 1 < rev.size() ? rev.get(i + 1).frames : List.of();
      int m = n.frames.size() - 1;
      int e = enclosing.size() - 1;
      while (m >= 0 && e >= 0 && n.frames.get(m).equals(enclosing.get(e))) {
        m--;
        e--;
      }
      int inCommon = n.frames.size() - 1 - m;
      sb.append(i == 0 ? "" : "Wrapped by: ").append(n.header()).append('\n');
      for (int k = 0; k <= m && k < maxFrames; k++) sb.append("\tat ").append(n.frames.get(k).printed()).append(' ')
          .append(jarHint(n.frames.get(k), true)).append('\n');
      if (inCommon != 0) sb.append("\t... ").append(inCommon).append(" more\n");
    }
  }

  static String jarHint(Frame f, boolean log4j) {
    String c = f.cls();
    String jar;
    if (f.isJdk()) return log4j ? "~[?:?]" : "~[na:na]";
    if (c.startsWith("org.h2.")) jar = "h2-2.5.252.jar:2.5.252";
    else if (c.startsWith("com.zaxxer.hikari")) jar = "HikariCP-6.3.3.jar:?";
    else if (c.startsWith("com.fasterxml.jackson.databind")) jar = "jackson-databind-2.23.0.jar:2.23.0";
    else if (c.startsWith("com.fasterxml.jackson.core")) jar = "jackson-core-2.23.0.jar:2.23.0";
    else if (c.startsWith("org.springframework.security")) jar = "spring-security-core-7.0.8.jar:7.0.8";
    else if (c.startsWith("org.springframework.batch")) jar = "spring-batch-core-5.2.2.jar:5.2.2";
    else if (c.startsWith("org.springframework.kafka")) jar = "spring-kafka-3.3.6.jar:3.3.6";
    else if (c.startsWith("org.springframework.")) {
      String mod = c.substring("org.springframework.".length());
      mod = mod.substring(0, mod.indexOf('.'));
      if (mod.equals("web") && c.contains(".servlet.")) mod = "webmvc";
      if (mod.equals("dao") || mod.equals("transaction")) mod = "tx";
      if (mod.equals("util")) mod = "core";
      jar = "spring-" + mod + "-7.0.10.jar:7.0.10";
    } else if (c.startsWith("org.apache.catalina") || c.startsWith("org.apache.coyote") || c.startsWith("org.apache.tomcat")
        || c.startsWith("jakarta.servlet")) jar = "tomcat-embed-core-10.1.34.jar:10.1.34";
    else if (c.startsWith("com.mysql.")) jar = "mysql-connector-j-9.1.0.jar:9.1.0";
    else if (c.startsWith("org.postgresql.")) jar = "postgresql-42.7.4.jar:42.7.4";
    else if (c.startsWith("oracle.jdbc.")) jar = "ojdbc11-23.5.0.24.07.jar:23.5.0.24.07";
    else if (c.startsWith("org.hibernate.") && !c.startsWith("org.hibernate.validator")) jar = "hibernate-core-6.6.4.Final.jar:6.6.4.Final";
    else if (c.startsWith("org.apache.commons.")) jar = "commons-dbcp2-2.12.0.jar:2.12.0";
    else if (c.startsWith("io.github.resilience4j")) jar = "resilience4j-ratelimiter-2.4.0.jar:2.4.0";
    else if (c.startsWith("org.hibernate.validator")) jar = "hibernate-validator-9.1.6.Final.jar:9.1.6.Final";
    else if (c.startsWith("org.junit")) jar = "junit-jupiter-engine-5.14.4.jar:5.14.4";
    else jar = log4j ? "classes/:?" : "classes/:na";
    return (log4j && !jar.startsWith("classes") ? "~[" : "[") + jar + "]";
  }
}
