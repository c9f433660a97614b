package io.logdx.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure read from a {@link Throwable} or from log text: the masked cause chain, its root cause, the
 * application location and the fingerprint. Immutable; nothing in it holds personal data or secrets, so it
 * may be cached, classified and written.
 *
 * <p>Built by {@link FailureParser}.
 */
public final class Failure {
  private final List<CauseNode> chain;
  private final int rootIndex;
  private final Location location;
  private final String fingerprint;
  private final String logLine;
  private final boolean truncated;

  /**
   * @param chain the cause chain, outermost first; may be empty when the input held no exception
   * @param rootIndex index in {@code chain} of the innermost meaningful cause, or -1 when the chain is empty
   * @param location application location, or {@code null}
   * @param fingerprint stable fingerprint, never null
   * @param logLine masked log line (or free text) that came with the failure, or {@code null}
   * @param truncated true when the input was cut (size limits, partial trace)
   */
  public Failure(List<CauseNode> chain, int rootIndex, Location location, String fingerprint, String logLine,
      boolean truncated) {
    this.chain = List.copyOf(chain);
    if (rootIndex < -1 || rootIndex >= this.chain.size() || (rootIndex < 0 && !this.chain.isEmpty())) {
      throw new IllegalArgumentException("rootIndex " + rootIndex + " for a chain of " + this.chain.size());
    }
    this.rootIndex = rootIndex;
    this.location = location;
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.logLine = logLine;
    this.truncated = truncated;
  }

  /** The cause chain, outermost first. Empty when no exception was found. */
  public List<CauseNode> chain() { return chain; }

  /** The innermost meaningful cause, if any exception was found. */
  public Optional<CauseNode> rootCause() {
    return rootIndex < 0 ? Optional.empty() : Optional.of(chain.get(rootIndex));
  }

  /** Index of the root cause in {@link #chain()}, or -1. */
  public int rootIndex() { return rootIndex; }

  /** The first application frame of the innermost cause that has frames, if any. */
  public Optional<Location> location() { return Optional.ofNullable(location); }

  /** Stable fingerprint: see {@code io.logdx.core.internal.Fingerprint} for the rule. */
  public String fingerprint() { return fingerprint; }

  /** The masked log line or free text that accompanied the trace, or {@code null}. */
  public String logLine() { return logLine; }

  /** True when the input was cut because of its size or was a partial trace. */
  public boolean truncated() { return truncated; }

  /** True when no exception could be found in the input. */
  public boolean isEmpty() { return chain.isEmpty(); }

  @Override
  public String toString() {
    return "Failure[" + fingerprint + ", root=" + rootCause().map(CauseNode::header).orElse("none")
        + ", at=" + (location == null ? "none" : location.printed()) + "]";
  }
}
