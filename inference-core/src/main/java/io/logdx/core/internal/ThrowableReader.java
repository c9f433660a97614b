package io.logdx.core.internal;

import io.logdx.core.CauseNode;
import io.logdx.core.StackFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads a live throwable into raw (unmasked) cause nodes, defensively: cycles end the chain, a throwing
 * {@code getMessage()} or {@code toString()} gives a placeholder message, and frame and depth limits keep a
 * pathological throwable from costing more than a printed one.
 */
final class ThrowableReader {
  /** Frames kept per exception; the rest are dropped and the failure is marked truncated. */
  static final int MAX_FRAMES = 1024;
  /** Causes followed before the chain is cut. */
  static final int MAX_DEPTH = 64;
  /** Suppressed exceptions read per exception. */
  static final int MAX_SUPPRESSED = 8;

  record Result(List<CauseNode> chain, boolean truncated) {}

  private ThrowableReader() {}

  static Result read(Throwable throwable, int maxMessageChars) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean[] truncated = {false};
    List<CauseNode> chain = new ArrayList<>();
    Throwable t = throwable;
    int depth = 0;
    while (t != null && seen.add(t)) {
      if (depth++ >= MAX_DEPTH) {
        truncated[0] = true;
        break;
      }
      chain.add(node(t, seen, maxMessageChars, truncated, 0));
      t = safeCause(t);
    }
    return new Result(chain, truncated[0]);
  }

  private static CauseNode node(Throwable t, Set<Throwable> seen, int maxMessageChars, boolean[] truncated, int level) {
    String message = safeMessage(t);
    if (message != null && message.length() > maxMessageChars) {
      message = message.substring(0, maxMessageChars);
      truncated[0] = true;
    }
    StackTraceElement[] elements = safeStackTrace(t);
    int n = Math.min(elements.length, MAX_FRAMES);
    if (elements.length > n) truncated[0] = true;
    List<StackFrame> frames = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (elements[i] != null) frames.add(StackFrame.of(elements[i]));
    }
    List<CauseNode> suppressed = new ArrayList<>();
    if (level < 2) {
      Throwable[] sup = safeSuppressed(t);
      for (int i = 0; i < sup.length && i < MAX_SUPPRESSED; i++) {
        if (sup[i] != null && seen.add(sup[i])) {
          suppressed.add(node(sup[i], seen, maxMessageChars, truncated, level + 1));
        }
      }
    }
    return new CauseNode(t.getClass().getName(), message, frames, suppressed, false);
  }

  /** The message, or a placeholder when {@code getMessage()} throws. */
  static String safeMessage(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable e) { // NOPMD: any failure of user code must be contained here
      if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) throw (VirtualMachineError) e;
      return "<getMessage() threw " + e.getClass().getName() + ">";
    }
  }

  private static Throwable safeCause(Throwable t) {
    try {
      return t.getCause();
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  private static StackTraceElement[] safeStackTrace(Throwable t) {
    try {
      StackTraceElement[] st = t.getStackTrace();
      return st == null ? new StackTraceElement[0] : st;
    } catch (RuntimeException | StackOverflowError e) {
      return new StackTraceElement[0];
    }
  }

  private static Throwable[] safeSuppressed(Throwable t) {
    try {
      return t.getSuppressed();
    } catch (RuntimeException | StackOverflowError e) {
      return new Throwable[0];
    }
  }
}
