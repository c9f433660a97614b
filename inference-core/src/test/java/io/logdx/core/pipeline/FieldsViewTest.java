package io.logdx.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logdx.core.DiagnosisFields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The per-event view of a diagnosis's fields: the same map, entry for entry and in order, as a copy would be. */
class FieldsViewTest {
  private static final Map<String, String> BASE;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(DiagnosisFields.STATUS, "ok");
    m.put(DiagnosisFields.CATEGORY, "illegal_state");
    m.put(DiagnosisFields.FINGERPRINT, "0123456789abcdef");
    BASE = java.util.Collections.unmodifiableMap(m);
  }

  @Test
  void equalsTheCopyItStandsFor() {
    for (String occurrences : new String[] {null, "7"}) {
      for (String id : new String[] {null, "e-1"}) {
        Map<String, String> copy = new LinkedHashMap<>(BASE);
        if (occurrences != null) copy.put(DiagnosisFields.OCCURRENCES, occurrences);
        if (id != null) copy.put(DiagnosisFields.EVENT_ID, id);
        FieldsView view = new FieldsView(BASE, occurrences, id);
        assertThat(view).isEqualTo(copy).hasSize(copy.size());
        assertThat(view.hashCode()).isEqualTo(copy.hashCode());
        assertThat(new ArrayList<>(view.entrySet())).isEqualTo(new ArrayList<>(copy.entrySet()));
        for (String k :
            List.of(
                DiagnosisFields.STATUS,
                DiagnosisFields.OCCURRENCES,
                DiagnosisFields.EVENT_ID,
                "other")) {
          assertThat(view.get(k)).as(k).isEqualTo(copy.get(k));
          assertThat(view.containsKey(k)).as(k).isEqualTo(copy.containsKey(k));
        }
      }
    }
  }

  @Test
  void isReadOnlyAndItsIteratorEnds() {
    FieldsView view = new FieldsView(BASE, "3", "e-2");
    assertThatThrownBy(() -> view.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    Iterator<Map.Entry<String, String>> it = view.entrySet().iterator();
    for (int i = 0; i < 5; i++) it.next();
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(new FieldsView(Map.of(), null, null)).isEmpty();
  }
}
