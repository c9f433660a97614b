package io.logdx.core;

import java.util.Objects;

/** Where in the application's own code a failure happened. Immutable. */
public final class Location {
  private final StackFrame frame;
  private final boolean configured;

  /**
   * @param frame the application frame
   * @param configured true when chosen by the configured application packages, false when auto-detected
   */
  public Location(StackFrame frame, boolean configured) {
    this.frame = Objects.requireNonNull(frame, "frame");
    this.configured = configured;
  }

  public StackFrame frame() { return frame; }
  public String className() { return frame.className(); }
  public String methodName() { return frame.methodName(); }
  /** Source file, or {@code null}. */
  public String fileName() { return frame.fileName(); }
  /** Line, or a negative number when unknown. */
  public int lineNumber() { return frame.lineNumber(); }
  /** True when found by configured application packages rather than by auto-detection. */
  public boolean configured() { return configured; }
  /** Canonical printed frame: {@code com.acme.Pay.run(Pay.java:42)}. */
  public String printed() { return frame.printed(); }

  @Override
  public boolean equals(Object o) {
    return o instanceof Location && ((Location) o).frame.equals(frame) && ((Location) o).configured == configured;
  }

  @Override
  public int hashCode() {
    return frame.hashCode() * 31 + (configured ? 1 : 0);
  }

  @Override
  public String toString() {
    return printed();
  }
}
