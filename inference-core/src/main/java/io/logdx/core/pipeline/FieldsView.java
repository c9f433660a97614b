package io.logdx.core.pipeline;

import io.logdx.core.DiagnosisFields;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one event: a diagnosis's fields (shared by every occurrence of a cached failure, made once) followed
 * by this event's own, {@code diagnosis.occurrences} and, for a pending event, {@code diagnosis.event_id}. A view
 * rather than a copy: it is made for every diagnosed event, on the dispatcher or, when the queue is full, on the
 * logging thread, and a copy of some fifteen entries was a fifth of the dispatcher's work in an exception storm.
 * Immutable; iterates in that order.
 */
final class FieldsView extends AbstractMap<String, String> {
  private final Map<String, String> base;
  private final String occurrences;
  private final String eventId;
  private final int size;

  /**
   * @param base the diagnosis's fields (immutable), without the two below
   * @param occurrences the occurrence count as text, or {@code null}
   * @param eventId the event id of a pending event, or {@code null}
   */
  FieldsView(Map<String, String> base, String occurrences, String eventId) {
    this.base = base;
    this.occurrences = occurrences;
    this.eventId = eventId;
    this.size = base.size() + (occurrences != null ? 1 : 0) + (eventId != null ? 1 : 0);
  }

  @Override
  public String get(Object key) {
    if (occurrences != null && DiagnosisFields.OCCURRENCES.equals(key)) return occurrences;
    if (eventId != null && DiagnosisFields.EVENT_ID.equals(key)) return eventId;
    return base.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return occurrences != null && DiagnosisFields.OCCURRENCES.equals(key)
        || eventId != null && DiagnosisFields.EVENT_ID.equals(key)
        || base.containsKey(key);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private final Iterator<Entry<String, String>> inBase = base.entrySet().iterator();
          private int extra; // 0: occurrences next, 1: event id next, 2: done

          @Override
          public boolean hasNext() {
            if (inBase.hasNext()) return true;
            while (extra < 2) {
              if (extra == 0 && occurrences != null || extra == 1 && eventId != null) return true;
              extra++;
            }
            return false;
          }

          @Override
          public Entry<String, String> next() {
            if (!hasNext()) throw new NoSuchElementException();
            if (inBase.hasNext()) return inBase.next();
            int which = extra++;
            return which == 0
                ? Map.entry(DiagnosisFields.OCCURRENCES, occurrences)
                : Map.entry(DiagnosisFields.EVENT_ID, eventId);
          }
        };
      }
    };
  }
}
