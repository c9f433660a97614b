package io.logdx.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A throwable as data: type, message, frames, cause and suppressed exceptions. Captured once from a real
 * {@link Throwable} and then decorated (application frame names, wrappers) and rendered many times.
 * Mutable on purpose: each example works on its own {@link #copy()}.
 */
public final class TraceNode {
  public String type;
  public String message;
  public List<Frame> frames;
  public TraceNode cause;
  public final List<TraceNode> suppressed = new ArrayList<>();

  public TraceNode(String type, String message, List<Frame> frames) {
    this.type = type;
    this.message = message;
    this.frames = new ArrayList<>(frames);
  }

  /** Captures a real throwable (cause cycles are cut). */
  public static TraceNode of(Throwable t) {
    return of(t, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static TraceNode of(Throwable t, Set<Throwable> seen) {
    seen.add(t);
    List<Frame> frames = new ArrayList<>();
    for (StackTraceElement e : t.getStackTrace()) frames.add(Frame.of(e));
    String msg;
    try {
      msg = t.getMessage();
    } catch (RuntimeException e) {
      msg = null;
    }
    TraceNode n = new TraceNode(t.getClass().getName(), msg, frames);
    for (Throwable s : t.getSuppressed()) {
      if (!seen.contains(s)) n.suppressed.add(of(s, seen));
    }
    Throwable c = t.getCause();
    if (c != null && !seen.contains(c)) n.cause = of(c, seen);
    return n;
  }

  public TraceNode copy() {
    TraceNode n = new TraceNode(type, message, frames);
    for (TraceNode s : suppressed) n.suppressed.add(s.copy());
    if (cause != null) n.cause = cause.copy();
    return n;
  }

  /** The chain, outermost first. */
  public List<TraceNode> chain() {
    List<TraceNode> out = new ArrayList<>();
    for (TraceNode n = this; n != null; n = n.cause) out.add(n);
    return out;
  }

  /** This node and all nodes below it, suppressed ones included. */
  public List<TraceNode> all() {
    List<TraceNode> out = new ArrayList<>();
    collect(this, out);
    return out;
  }

  private static void collect(TraceNode n, List<TraceNode> out) {
    out.add(n);
    for (TraceNode s : n.suppressed) collect(s, out);
    if (n.cause != null) collect(n.cause, out);
  }

  public TraceNode innermost() {
    TraceNode n = this;
    while (n.cause != null) n = n.cause;
    return n;
  }

  /** {@code Throwable.toString()}: type, then ": message" when there is one. */
  public String header() {
    return message == null ? type : type + ": " + message;
  }

  @Override
  public String toString() {
    return header();
  }
}
