package io.logdx.cli;

import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * All occurrences of one fingerprint in the scanned logs: how often, when first and last, where first, one
 * parsed (masked) sample and its diagnosis, computed once.
 */
final class FailureGroup {
  private static final int MAX_SOURCES = 10;

  private final Failure sample;
  private final String firstSource;
  private final long firstLine;
  private final CompletableFuture<Diagnosis> diagnosis;
  private final Set<String> sources = new LinkedHashSet<>();
  private final TimeHistogram histogram = new TimeHistogram();
  private long count;
  private long timed;
  private LogTime firstSeen;
  private LogTime lastSeen;

  FailureGroup(Failure sample, String source, long line, CompletableFuture<Diagnosis> diagnosis) {
    this.sample = sample;
    this.firstSource = source;
    this.firstLine = line;
    this.diagnosis = diagnosis;
  }

  void add(String source, LogTime time) {
    count++;
    if (sources.size() < MAX_SOURCES) sources.add(source);
    if (time != null) {
      timed++;
      histogram.add(time.epochMillis());
      if (firstSeen == null || time.compareTo(firstSeen) < 0) firstSeen = time;
      if (lastSeen == null || time.compareTo(lastSeen) > 0) lastSeen = time;
    }
  }

  String fingerprint() {
    return sample.fingerprint();
  }

  /** The first occurrence, parsed and masked. */
  Failure sample() {
    return sample;
  }

  String firstSource() {
    return firstSource;
  }

  long firstLine() {
    return firstLine;
  }

  long count() {
    return count;
  }

  /** Occurrences that carried a time stamp. */
  long timedCount() {
    return timed;
  }

  LogTime firstSeen() {
    return firstSeen;
  }

  LogTime lastSeen() {
    return lastSeen;
  }

  /** Files it was seen in (the first ten). */
  Set<String> sources() {
    return sources;
  }

  TimeHistogram histogram() {
    return histogram;
  }

  /** The diagnosis; waits for it when the engine is still computing. */
  Diagnosis diagnosis() {
    return diagnosis.join();
  }
}
