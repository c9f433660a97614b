package io.logdx.core;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The frames of a live throwable as an immutable list that makes each {@link StackFrame} when it is first
 * asked for. A trace of hundreds of frames is read on every logged event, cache hits included, but location
 * and fingerprint look at its first application frames only; the rest are made only if someone reads them.
 *
 * <p>Thread-safe: the elements are a private copy that is never written, and a frame made twice by two
 * threads at once is the same value ({@link StackFrame} is immutable, so the racy cache is benign).
 */
final class ElementFrames extends AbstractList<StackFrame> implements RandomAccess {
  private final StackTraceElement[] elements;
  private final StackFrame[] made;

  /** @param elements a private copy without nulls, owned by this list from now on */
  ElementFrames(StackTraceElement[] elements) {
    this.elements = elements;
    this.made = new StackFrame[elements.length];
  }

  @Override
  public StackFrame get(int index) {
    StackFrame f = made[index];
    if (f == null) {
      f = StackFrame.of(elements[index]);
      made[index] = f;
    }
    return f;
  }

  @Override
  public int size() {
    return elements.length;
  }
}
