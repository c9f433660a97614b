package io.logdx.core;

import java.util.List;
import java.util.Objects;

/**
 * One exception of a cause chain: its type, its (already masked) message, its frames and its suppressed
 * exceptions. Immutable. The same model is built from a live {@link Throwable} and from printed text.
 */
public final class CauseNode {
  private final String type;
  private final String message;
  private final List<StackFrame> frames;
  private final List<CauseNode> suppressed;
  private final boolean fromMessage;

  /**
   * @param type exception class name as known (fully qualified where the source qualifies it)
   * @param message masked message, or {@code null} when the exception had none
   * @param frames frames, innermost call first; frames elided as "... N more" are already restored
   * @param suppressed suppressed exceptions, each the head of its own chain
   * @param fromMessage true when this cause was not a real cause but read from the start of the enclosing
   *     exception's message ({@code IOException: java.net.ConnectException: ...})
   */
  public CauseNode(String type, String message, List<StackFrame> frames, List<CauseNode> suppressed, boolean fromMessage) {
    this.type = Objects.requireNonNull(type, "type");
    this.message = message;
    // frames of a live throwable are already an immutable list (and made lazily): copying would make them all
    this.frames = frames instanceof ElementFrames ? frames : List.copyOf(frames);
    this.suppressed = List.copyOf(suppressed);
    this.fromMessage = fromMessage;
  }

  /** Exception class name. */
  public String type() { return type; }

  /** Simple class name: the part after the last dot (and after the last {@code $}). */
  public String simpleType() {
    int i = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
    return i < 0 ? type : type.substring(i + 1);
  }

  /** Masked message, or {@code null}. */
  public String message() { return message; }

  /** Frames, innermost call first. */
  public List<StackFrame> frames() { return frames; }

  /** Suppressed exceptions. */
  public List<CauseNode> suppressed() { return suppressed; }

  /** True when read from the enclosing exception's message rather than from a real cause. */
  public boolean fromMessage() { return fromMessage; }

  /** The exception's first printed line: {@code type: message} or {@code type}. */
  public String header() {
    return message == null ? type : type + ": " + message;
  }

  @Override
  public String toString() {
    return header();
  }
}
