package io.logdx.core.pipeline;

import io.logdx.core.Diagnosis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one diagnosing appender has seen, for an integration to show or count without a log pipeline (an actuator
 * endpoint, a meter): the distinct failures by fingerprint, and listeners told of every diagnosis as it is handed
 * on. The appenders' {@code failures()} returns theirs.
 *
 * <p>Bounded: at most {@link #capacity()} fingerprints, the least recently seen forgotten first. Only events handed
 * on with a diagnosis of status ok, pending or refused are recorded (they carry a fingerprint); a follow-up replaces
 * the pending diagnosis of its fingerprint without counting again. Everything kept is the {@link Diagnosis}, whose
 * values were masked before it was made: no event, no throwable, no raw message.
 *
 * <p>Cheap on the dispatcher: a recording is one update of a map under a lock held for nothing else; listeners are
 * called on the thread that hands the event on (the dispatcher, or a logging thread under
 * {@code overflowPolicy=ENRICH_CACHED} or for events that never reach the queue), so they must be quick and must
 * not log at ERROR with a throwable through the same appender (such an event would be passed on undiagnosed, not
 * recursively). A listener that throws is reported on the framework's status channel (throttled) and the event goes
 * on.
 */
public final class SeenFailures {
  /** Default number of distinct failures kept: {@value}. */
  public static final int DEFAULT_CAPACITY = 1_000;

  /**
   * Told of every event handed on with a {@code diagnosis.status}, and of every follow-up.
   *
   * <p>Events that got only a status (overflow, error when no engine runs, skipped while stopping) come with a
   * diagnosis of that status, category {@value Diagnosis#UNKNOWN} and an empty fingerprint. A pending event comes
   * with what parsing knew (category unknown); its follow-up, if one is written, with the complete diagnosis and
   * {@code followUp} true.
   */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param diagnosis the diagnosis the event (or the follow-up) was handed on with; {@code diagnosis.status()} is
     *     the {@code diagnosis.status} it carries
     * @param followUp whether this is the late diagnosis of an event already handed on as pending
     */
    void diagnosed(Diagnosis diagnosis, boolean followUp);
  }

  /**
   * One distinct failure.
   *
   * @param diagnosis its latest diagnosis (a complete one is not replaced by a later pending or refused one)
   * @param count events recorded with its fingerprint since the appender was made (follow-ups not counted)
   * @param firstSeen when the first of them was handed on
   * @param lastSeen when the latest of them was handed on
   */
  public record Entry(Diagnosis diagnosis, long count, Instant firstSeen, Instant lastSeen) {
    /** The fingerprint of the failure. */
    public String fingerprint() {
      return diagnosis.fingerprint();
    }
  }

  /** Most frequent first, then the most recently seen. */
  private static final Comparator<Entry> MOST_FREQUENT_FIRST =
      Comparator.comparingLong(Entry::count)
          .reversed()
          .thenComparing(Entry::lastSeen, Comparator.reverseOrder());

  private final int capacity;
  private final Map<String, Seen> byFingerprint;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** The mutable state of one fingerprint; guarded by the map's lock. */
  private static final class Seen {
    Diagnosis diagnosis;
    long count;
    final long firstMillis;
    long lastMillis;

    Seen(Diagnosis diagnosis, long nowMillis) {
      this.diagnosis = diagnosis;
      this.firstMillis = nowMillis;
      this.lastMillis = nowMillis;
    }

    Entry entry() {
      return new Entry(
          diagnosis, count, Instant.ofEpochMilli(firstMillis), Instant.ofEpochMilli(lastMillis));
    }
  }

  /** Keeps {@value #DEFAULT_CAPACITY} distinct failures. */
  public SeenFailures() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * @param capacity the number of distinct failures kept, at least 1
   */
  public SeenFailures(int capacity) {
    if (capacity < 1)
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    this.capacity = capacity;
    // access order: a recording moves its fingerprint to the end, so the eldest is the least
    // recently seen
    this.byFingerprint =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > SeenFailures.this.capacity;
          }
        };
  }

  /** The number of distinct failures kept at most. */
  public int capacity() {
    return capacity;
  }

  /** The number of distinct failures kept now. */
  public int size() {
    synchronized (byFingerprint) {
      return byFingerprint.size();
    }
  }

  /** The distinct failures kept, most frequent first (then the most recently seen); a snapshot. */
  public List<Entry> mostFrequent() {
    List<Entry> out;
    synchronized (byFingerprint) {
      out = new ArrayList<>(byFingerprint.size());
      for (Seen s : byFingerprint.values()) out.add(s.entry());
    }
    out.sort(MOST_FREQUENT_FIRST);
    return out;
  }

  /** The failure with this fingerprint, if it is kept. Does not count as seeing it. */
  public Optional<Entry> get(String fingerprint) {
    if (fingerprint == null) return Optional.empty();
    synchronized (byFingerprint) {
      // a LinkedHashMap in access order reorders on get(): read without touching the order
      for (Map.Entry<String, Seen> e : byFingerprint.entrySet()) {
        if (e.getKey().equals(fingerprint)) return Optional.of(e.getValue().entry());
      }
    }
    return Optional.empty();
  }

  /** Adds a listener (see {@link Listener}); the same one twice is told twice. */
  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added before; true when it was there. */
  public boolean removeListener(Listener listener) {
    return listeners.remove(listener);
  }

  /**
   * Records a diagnosis handed on and tells the listeners. Never throws: a listener's failure goes to
   * {@code problems}.
   */
  void handedOn(Diagnosis d, boolean followUp, long nowMillis, ProblemReports problems) {
    record(d, followUp, nowMillis);
    if (listeners.isEmpty()) return;
    for (Listener l : listeners) {
      try {
        l.diagnosed(d, followUp);
      } catch (Throwable e) { // NOPMD: nothing of a listener's may reach the pipeline
        problems.report("A diagnosis listener failed", e);
      }
    }
  }

  private void record(Diagnosis d, boolean followUp, long nowMillis) {
    Diagnosis.Status s = d.status();
    if (s != Diagnosis.Status.OK && s != Diagnosis.Status.PENDING && s != Diagnosis.Status.REFUSED)
      return;
    String fp = d.fingerprint();
    if (fp.isEmpty()) return;
    synchronized (byFingerprint) {
      Seen seen = byFingerprint.get(fp);
      if (followUp) {
        // the late diagnosis of an event counted already: a better answer, no new occurrence
        if (seen != null && s == Diagnosis.Status.OK) seen.diagnosis = d;
        return;
      }
      if (seen == null) {
        seen = new Seen(d, nowMillis);
        byFingerprint.put(fp, seen);
      } else if (s == Diagnosis.Status.OK || seen.diagnosis.status() != Diagnosis.Status.OK) {
        seen.diagnosis = d;
      }
      seen.count++;
      seen.lastMillis = Math.max(seen.lastMillis, nowMillis);
    }
  }
}
