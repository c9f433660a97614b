package io.logdx.trainer.data;

/**
 * Puts a dressed failure into the shape it has in a log: a log line in one of the common default patterns (or none),
 * then the trace in one of the printed forms, sometimes cut short the way pasted or size-limited traces are.
 */
final class Presenter {
  private Presenter() {}

  static String present(TraceNode node, Synth s, AppProfile app, String thread, String label) {
    int maxFrames = node.innermost().frames.size() > 300 ? s.between(20, 160) : s.chance(0.1) ? s.between(6, 30) : 400;
    Renderer renderer = new Renderer(maxFrames);
    Renderer.Form form = form(s);
    String logger = logger(node, app);
    String level = s.chance(0.85) ? "ERROR" : "WARN";
    String style = s.pick("none", "none", "none", "logback", "logback", "boot3", "boot2", "log4j2", "log4j2", "log4j1",
        "jul", "iso");
    String msg = LogStyle.message(s, app.domain);

    if (form == Renderer.Form.SINGLE_LINE || form == Renderer.Form.CHAIN_LINE) {
      String one = form == Renderer.Form.SINGLE_LINE ? singleHeader(node, s) : renderer.render(node, form).strip();
      if (style.equals("none")) return s.chance(0.5) ? one : msg + ": " + one;
      return LogStyle.line(s, style, level, thread, logger, msg + (s.chance(0.5) ? ": " : " - ") + one);
    }
    if (form == Renderer.Form.ROOT_ONLY) {
      String line = s.chance(0.6)
          ? String.format("%02d-%s-%d %s SEVERE [%s] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() "
              + "for servlet [dispatcherServlet] in context with path [%s] threw exception [Request processing failed: %s] "
              + "with root cause", s.between(1, 28), s.pick("Jan", "Mar", "Jun", "Sep", "Nov"), s.between(2023, 2025),
              LogStyle.time(s), thread, s.pick("", "/api", "/bank"), node.header())
          : LogStyle.line(s, "boot2", "ERROR", thread, "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
              "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception "
                  + "[Request processing failed: " + node.header() + "] with root cause");
      return line + "\n" + renderer.render(node, form).stripTrailing();
    }
    String trace = renderer.render(node, form).stripTrailing();
    // a pasted excerpt cut short; only for single exceptions, a cut chain would hide the cause that decides the label
    if (node.cause == null && s.chance(0.07)) trace = cut(trace, s);
    String prefix = LogStyle.line(s, style, level, thread, logger, msg);
    return prefix == null ? trace : prefix + "\n" + trace;
  }

  /** One line: the outermost exception when it names its cause, else the innermost one. */
  private static String singleHeader(TraceNode node, Synth s) {
    TraceNode inner = node.innermost();
    if (node == inner || s.chance(0.6)) return inner.header();
    return node.header().contains(inner.type) ? node.header() : inner.header();
  }

  private static Renderer.Form form(Synth s) {
    int k = s.rnd().nextInt(100);
    if (k < 30) return Renderer.Form.JDK;
    if (k < 48) return Renderer.Form.LOGBACK;
    if (k < 51) return Renderer.Form.LOGBACK_PACKAGING;
    if (k < 63) return Renderer.Form.LOG4J2;
    if (k < 71) return Renderer.Form.JDK_NO_MODULE;
    if (k < 77) return Renderer.Form.ROOT_FIRST;
    if (k < 81) return Renderer.Form.ROOT_ONLY;
    if (k < 93) return Renderer.Form.SINGLE_LINE;
    return Renderer.Form.CHAIN_LINE;
  }

  /** A trace cut after a few lines, as in a pasted excerpt or a size-limited log shipper. */
  private static String cut(String trace, Synth s) {
    String[] lines = trace.split("\n");
    if (lines.length < 6) return trace;
    int keep = s.between(3, Math.min(lines.length - 1, 14));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < keep; i++) sb.append(lines[i]).append('\n');
    if (s.chance(0.5)) sb.append("\t...");
    return sb.toString().stripTrailing();
  }

  private static String logger(TraceNode node, AppProfile app) {
    for (TraceNode n : node.chain()) {
      for (int i = n.frames.size() - 1; i >= 0; i--) {
        Frame f = n.frames.get(i);
        if (f.cls().startsWith(app.base)) return f.cls().replaceAll("\\$.*", "");
      }
    }
    return app.base + "." + app.sub + "." + app.domain + "Service";
  }
}
