package io.logdx.core;

import java.util.List;
import java.util.Objects;

/**
 * One frame of a stack trace, from a live {@link StackTraceElement} or parsed from printed text.
 * Immutable.
 */
public final class StackFrame {
  private final String className;
  private final String methodName;
  private final String fileName;
  private final int lineNumber;
  private final String module;
  private final String jar;

  /**
   * @param className fully qualified class name, never null
   * @param methodName method name, never null
   * @param fileName source file, or {@code null} when unknown
   * @param lineNumber line, or a negative number when unknown ({@code -2} marks a native method)
   * @param module module prefix as printed ({@code java.base}), or {@code null}
   * @param jar jar hint as printed by Logback/Log4j2 ({@code app.jar:1.0}), or {@code null}
   */
  public StackFrame(String className, String methodName, String fileName, int lineNumber, String module, String jar) {
    this.className = Objects.requireNonNull(className, "className");
    this.methodName = Objects.requireNonNull(methodName, "methodName");
    this.fileName = fileName;
    this.lineNumber = lineNumber;
    this.module = module;
    this.jar = jar;
  }

  /** A frame from a live stack trace element. */
  public static StackFrame of(StackTraceElement e) {
    String module = e.getModuleName();
    return new StackFrame(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber(), module, null);
  }

  /**
   * The frames of a live stack trace, innermost call first, as an immutable list; {@code null} elements are
   * left out. The array is copied, so it may change afterwards; each frame is made when first read, so a
   * long trace costs little when only its first frames are looked at.
   */
  public static List<StackFrame> listOf(StackTraceElement... elements) {
    StackTraceElement[] copy = elements.clone();
    int nulls = 0;
    for (StackTraceElement e : copy) {
      if (e == null) nulls++;
    }
    if (nulls > 0) {
      StackTraceElement[] kept = new StackTraceElement[copy.length - nulls];
      int n = 0;
      for (StackTraceElement e : copy) {
        if (e != null) kept[n++] = e;
      }
      copy = kept;
    }
    return copy.length == 0 ? List.of() : new ElementFrames(copy);
  }

  public String className() { return className; }
  public String methodName() { return methodName; }
  /** Source file, or {@code null}. */
  public String fileName() { return fileName; }
  /** Line number, negative when unknown. */
  public int lineNumber() { return lineNumber; }
  /** Module name as printed, or {@code null}. */
  public String module() { return module; }
  /** Jar hint as printed, or {@code null}. */
  public String jar() { return jar; }
  public boolean isNative() { return lineNumber == -2; }

  /** Package of the class, or the empty string for the default package. */
  public String packageName() {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  /**
   * The frame in the canonical printed form without module or jar hints, as the evaluation contract
   * compares it: {@code com.acme.Pay.run(Pay.java:42)}.
   */
  public String printed() {
    StringBuilder sb = new StringBuilder(className.length() + methodName.length() + 24);
    sb.append(className).append('.').append(methodName).append('(');
    if (isNative()) {
      sb.append("Native Method");
    } else if (fileName == null) {
      sb.append("Unknown Source");
    } else {
      sb.append(fileName);
      if (lineNumber >= 0) {
        sb.append(':').append(lineNumber);
      }
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof StackFrame)) return false;
    StackFrame f = (StackFrame) o;
    return lineNumber == f.lineNumber && className.equals(f.className) && methodName.equals(f.methodName)
        && Objects.equals(fileName, f.fileName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(className, methodName, fileName, lineNumber);
  }

  @Override
  public String toString() {
    return printed();
  }
}
