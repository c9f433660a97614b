package io.logdx.core.internal;

import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.StackFrame;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** Causes followed at most when looking for the innermost one; a longer chain is cut there. */
  static final int MAX_WALK = 100_000;

  static Result read(Throwable throwable, int maxMessageChars) {
    int maxMessage = Math.min(maxMessageChars, StackTraceParser.MAX_MESSAGE_CHARS);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean[] truncated = {false};
    // Walk the whole chain (cycles end it) so that the innermost cause is known even when the
    // middle of a very deep chain is dropped: the outermost and the innermost causes are the ones
    // that explain it.
    List<Throwable> all = new ArrayList<>();
    Throwable t = throwable;
    while (t != null && seen.add(t)) {
      if (all.size() >= MAX_WALK) {
        truncated[0] = true;
        break;
      }
      all.add(t);
      t = safeCause(t);
    }
    List<Throwable> kept = all;
    if (all.size() > MAX_DEPTH) {
      truncated[0] = true;
      int head = MAX_DEPTH / 2;
      kept = new ArrayList<>(MAX_DEPTH);
      kept.addAll(all.subList(0, head));
      kept.addAll(all.subList(all.size() - (MAX_DEPTH - head), all.size()));
    }
    List<CauseNode> chain = new ArrayList<>(kept.size() + 2);
    for (Throwable x : kept) {
      CauseNode n = node(x, seen, maxMessage, truncated, 0);
      chain.add(n);
      String inner = innerType(x);
      if (inner != null) {
        // RemoteException(inner.Type): printed with the remote side's type, which the text path
        // reads too
        chain.add(new CauseNode(inner, n.message(), List.of(), List.of(), true));
      }
    }
    return new Result(chain, truncated[0]);
  }

  /** Throwable classes whose {@code toString()} is their own (Hadoop's RemoteException prints its inner type). */
  private static final ClassValue<Boolean> OWN_TO_STRING =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("toString").getDeclaringClass() != Throwable.class;
          } catch (NoSuchMethodException | SecurityException e) {
            return Boolean.FALSE;
          }
        }
      };

  /** The {@code inner.Type} of a {@code toString()} printed as {@code Type(inner.Type): message}, or null. */
  private static String innerType(Throwable t) {
    if (!OWN_TO_STRING.get(t.getClass())) return null;
    String s;
    try {
      s = t.toString();
    } catch (Throwable e) { // NOPMD: user code
      rethrowFatal(e);
      return null;
    }
    String name = t.getClass().getName();
    if (s == null || !s.startsWith(name + "(")) return null;
    LineClassifier.Header h =
        LineClassifier.header(s.length() > 1024 ? s.substring(0, 1024) : s, true);
    return h == null ? null : h.innerType();
  }

  private static CauseNode node(
      Throwable t, Set<Throwable> seen, int maxMessageChars, boolean[] truncated, int level) {
    String message = safeMessage(t);
    if (message != null && message.length() > maxMessageChars) {
      message = message.substring(0, maxMessageChars);
      truncated[0] = true;
    }
    StackTraceElement[] elements = safeStackTrace(t);
    if (elements.length > MAX_FRAMES) {
      elements = Arrays.copyOf(elements, MAX_FRAMES);
      truncated[0] = true;
    }
    List<StackFrame> frames = StackFrame.listOf(elements);
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
      rethrowFatal(e);
      return "<getMessage() threw " + e.getClass().getName() + ">";
    }
  }

  private static Throwable safeCause(Throwable t) {
    try {
      return t.getCause();
    } catch (Throwable e) { // NOPMD: user code
      rethrowFatal(e);
      return null;
    }
  }

  private static StackTraceElement[] safeStackTrace(Throwable t) {
    try {
      StackTraceElement[] st = t.getStackTrace();
      return st == null ? new StackTraceElement[0] : st;
    } catch (Throwable e) { // NOPMD: user code
      rethrowFatal(e);
      return new StackTraceElement[0];
    }
  }

  private static Throwable[] safeSuppressed(Throwable t) {
    try {
      return t.getSuppressed();
    } catch (Throwable e) { // NOPMD: user code
      rethrowFatal(e);
      return new Throwable[0];
    }
  }

  /** Out of memory and internal JVM errors are not the input's fault: they go on; anything else is contained. */
  static void rethrowFatal(Throwable e) {
    if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError))
      throw (VirtualMachineError) e;
  }
}
