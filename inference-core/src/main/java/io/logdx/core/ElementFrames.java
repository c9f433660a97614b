package io.logdx.core;

import io.logdx.core.Failure.StackFrame;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The frames of a live throwable as an immutable list that makes each {@link StackFrame} when it is first
 * asked for. A trace of hundreds of frames is read on every logged event, cache hits included, but location
 * and fingerprint look at its first application frames only; the rest are made only if someone reads them.
 *
 * <p>Thread-safe: the elements are a private copy that is never written. The cache of made frames is
 * written without locks, which is benign: a thread that sees no cache (or an empty slot) makes the frame
 * again, an equal value, and {@link StackFrame} has only final fields, so a frame seen through the race is
 * always complete.
 */
final class ElementFrames extends AbstractList<StackFrame> implements RandomAccess {
  private final StackTraceElement[] elements;

  /** Frames made so far; allocated on the first read (most lists of a cause chain are never read). */
  private StackFrame[] made;

  /** @param elements a private copy without nulls, owned by this list from now on */
  ElementFrames(StackTraceElement[] elements) {
    this.elements = elements;
  }

  @Override
  public StackFrame get(int index) {
    StackTraceElement e = elements[index]; // bounds checked here
    StackFrame[] m = made;
    if (m == null) {
      m = new StackFrame[elements.length];
      made = m;
    }
    StackFrame f = m[index];
    if (f == null) {
      f = StackFrame.of(e);
      m[index] = f;
    }
    return f;
  }

  @Override
  public int size() {
    return elements.length;
  }
}
