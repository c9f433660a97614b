package io.logdx.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure read from a {@link Throwable} or from log text: the masked cause chain, its root cause, the
 * application location and the fingerprint. Immutable; nothing in it holds personal data or secrets, so it
 * may be cached, classified and written.
 *
 * <p>Made by the engine's parser ({@code Diagnoser.parse}); its parts are the nested values {@link CauseNode},
 * {@link StackFrame} and {@link Location}, which the same model describes whether it came from a live throwable or
 * from printed text.
 */
public final class Failure {
  private final List<CauseNode> chain;
  private final int rootIndex;
  private final Location location;
  private final String fingerprint;
  private final String logLine;
  private final boolean truncated;

  private Failure(
      List<CauseNode> chain,
      int rootIndex,
      Location location,
      String fingerprint,
      String logLine,
      boolean truncated) {
    this.chain = List.copyOf(chain);
    if (rootIndex < -1
        || rootIndex >= this.chain.size()
        || (rootIndex < 0 && !this.chain.isEmpty())) {
      throw new IllegalArgumentException(
          "rootIndex " + rootIndex + " for a chain of " + this.chain.size());
    }
    this.rootIndex = rootIndex;
    this.location = location;
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.logLine = logLine;
    this.truncated = truncated;
  }

  /**
   * A failure without a log line, read in full.
   *
   * @param chain the cause chain, outermost first; may be empty when the input held no exception
   * @param rootIndex index in {@code chain} of the innermost meaningful cause, or -1 when the chain is empty
   * @param location application location, or {@code null}
   * @param fingerprint stable fingerprint, never null
   * @throws IllegalArgumentException when {@code rootIndex} is not an index of the chain (or -1 for an empty one)
   */
  public static Failure of(
      List<CauseNode> chain, int rootIndex, Location location, String fingerprint) {
    return new Failure(chain, rootIndex, location, fingerprint, null, false);
  }

  /**
   * The same failure with what its input said besides the trace.
   *
   * @param logLine masked log line (or free text) that came with the failure, or {@code null}
   * @param truncated true when the input was cut (size limits, partial trace)
   */
  public Failure withInput(String logLine, boolean truncated) {
    return new Failure(chain, rootIndex, location, fingerprint, logLine, truncated);
  }

  /** The cause chain, outermost first. Empty when no exception was found. */
  public List<CauseNode> chain() {
    return chain;
  }

  /** The innermost meaningful cause, if any exception was found. */
  public Optional<CauseNode> rootCause() {
    return rootIndex < 0 ? Optional.empty() : Optional.of(chain.get(rootIndex));
  }

  /** Index of the root cause in {@link #chain()}, or -1. */
  public int rootIndex() {
    return rootIndex;
  }

  /** The first application frame of the innermost cause that has frames, if any. */
  public Optional<Location> location() {
    return Optional.ofNullable(location);
  }

  /** Stable fingerprint: see {@code io.logdx.core.internal.Fingerprint} for the rule. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The masked log line or free text that accompanied the trace, or {@code null}. */
  public String logLine() {
    return logLine;
  }

  /** True when the input was cut because of its size or was a partial trace. */
  public boolean truncated() {
    return truncated;
  }

  /** True when no exception could be found in the input. */
  public boolean isEmpty() {
    return chain.isEmpty();
  }

  @Override
  public String toString() {
    return "Failure["
        + fingerprint
        + ", root="
        + rootCause().map(CauseNode::header).orElse("none")
        + ", at="
        + (location == null ? "none" : location.printed())
        + "]";
  }

  /**
   * One exception of a cause chain: its type, its (already masked) message, its frames and its suppressed
   * exceptions. The same model is built from a live {@link Throwable} and from printed text.
   *
   * @param type exception class name as known (fully qualified where the source qualifies it)
   * @param message masked message, or {@code null} when the exception had none
   * @param frames frames, innermost call first; frames elided as "... N more" are already restored
   * @param suppressed suppressed exceptions, each the head of its own chain
   * @param fromMessage true when this cause was not a real cause but read from the start of the enclosing
   *     exception's message ({@code IOException: java.net.ConnectException: ...})
   */
  public record CauseNode(
      String type,
      String message,
      List<StackFrame> frames,
      List<CauseNode> suppressed,
      boolean fromMessage) {
    public CauseNode {
      Objects.requireNonNull(type, "type");
      // frames of a live throwable are already an immutable list (and made lazily): copying would
      // make them all
      frames = frames instanceof ElementFrames ? frames : List.copyOf(frames);
      suppressed = List.copyOf(suppressed);
    }

    /** Simple class name: the part after the last dot (and after the last {@code $}). */
    public String simpleType() {
      int i = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
      return i < 0 ? type : type.substring(i + 1);
    }

    /** The exception's first printed line: {@code type: message} or {@code type}. */
    public String header() {
      return message == null ? type : type + ": " + message;
    }

    @Override
    public String toString() {
      return header();
    }
  }

  /**
   * One frame of a stack trace, from a live {@link StackTraceElement} or parsed from printed text. Immutable.
   * Not a record: two frames are equal when class, method, file and line are, whatever module or jar a printed
   * trace named next to them.
   */
  public static final class StackFrame {
    private final String className;
    private final String methodName;
    private final String fileName;
    private final int lineNumber;
    private final String module;
    private final String jar;

    /**
     * A frame without module or jar hints.
     *
     * @param className fully qualified class name, never null
     * @param methodName method name, never null
     * @param fileName source file, or {@code null} when unknown
     * @param lineNumber line, or a negative number when unknown ({@code -2} marks a native method)
     */
    public StackFrame(String className, String methodName, String fileName, int lineNumber) {
      this(className, methodName, fileName, lineNumber, null, null);
    }

    private StackFrame(
        String className,
        String methodName,
        String fileName,
        int lineNumber,
        String module,
        String jar) {
      this.className = Objects.requireNonNull(className, "className");
      this.methodName = Objects.requireNonNull(methodName, "methodName");
      this.fileName = fileName;
      this.lineNumber = lineNumber;
      this.module = module;
      this.jar = jar;
    }

    /**
     * The same frame with the hints a printed trace gave next to it; this frame itself when there are none.
     *
     * @param module module prefix as printed ({@code java.base}), or {@code null}
     * @param jar jar hint as printed by Logback/Log4j2 ({@code app.jar:1.0}), or {@code null}
     */
    public StackFrame withOrigin(String module, String jar) {
      if (module == null && jar == null && this.module == null && this.jar == null) return this;
      return new StackFrame(className, methodName, fileName, lineNumber, module, jar);
    }

    /** A frame from a live stack trace element. */
    public static StackFrame of(StackTraceElement e) {
      return new StackFrame(
          e.getClassName(),
          e.getMethodName(),
          e.getFileName(),
          e.getLineNumber(),
          e.getModuleName(),
          null);
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

    /** Fully qualified class name. */
    public String className() {
      return className;
    }

    /** Method name. */
    public String methodName() {
      return methodName;
    }

    /** Source file, or {@code null}. */
    public String fileName() {
      return fileName;
    }

    /** Line number, negative when unknown. */
    public int lineNumber() {
      return lineNumber;
    }

    /** Module name as printed, or {@code null}. */
    public String module() {
      return module;
    }

    /** Jar hint as printed, or {@code null}. */
    public String jar() {
      return jar;
    }

    /** True for a native method. */
    public boolean isNative() {
      return lineNumber == -2;
    }

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
      return lineNumber == f.lineNumber
          && className.equals(f.className)
          && methodName.equals(f.methodName)
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

  /**
   * Where in the application's own code a failure happened.
   *
   * @param frame the application frame
   * @param configured true when chosen by the configured application packages, false when auto-detected
   */
  public record Location(StackFrame frame, boolean configured) {
    public Location {
      Objects.requireNonNull(frame, "frame");
    }

    /** Class of the frame. */
    public String className() {
      return frame.className();
    }

    /** Method of the frame. */
    public String methodName() {
      return frame.methodName();
    }

    /** Source file, or {@code null}. */
    public String fileName() {
      return frame.fileName();
    }

    /** Line, or a negative number when unknown. */
    public int lineNumber() {
      return frame.lineNumber();
    }

    /** Canonical printed frame: {@code com.acme.Pay.run(Pay.java:42)}. */
    public String printed() {
      return frame.printed();
    }

    @Override
    public String toString() {
      return printed();
    }
  }
}
