package io.logdx.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.StackFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** {@link StackFrame#listOf}: the frames of a live trace, made when read, as an immutable list. */
class StackFrameListTest {

  private static List<StackFrame> eager(StackTraceElement[] elements) {
    List<StackFrame> out = new ArrayList<>();
    for (StackTraceElement e : elements) {
      if (e != null) out.add(StackFrame.of(e));
    }
    return out;
  }

  @Test
  void equalsTheFramesMadeOneByOneAndLeavesNullsOut() {
    StackTraceElement[] elements = new IllegalStateException("real").getStackTrace();
    StackTraceElement[] withNulls = new StackTraceElement[elements.length + 2];
    System.arraycopy(elements, 0, withNulls, 1, elements.length);
    List<StackFrame> frames = StackFrame.listOf(withNulls);
    assertThat(frames).isEqualTo(eager(elements)).hasSize(elements.length);
    assertThat(frames.hashCode()).isEqualTo(eager(elements).hashCode());
    assertThat(frames.get(0).printed()).isEqualTo(StackFrame.of(elements[0]).printed());
    assertThat(frames.get(0).module()).isEqualTo(elements[0].getModuleName());
    assertThat(StackFrame.listOf()).isEmpty();
  }

  @Test
  void isImmutableAndIndependentOfTheArray() {
    StackTraceElement[] elements = new IllegalStateException("real").getStackTrace();
    String first = elements[0].getClassName();
    List<StackFrame> frames = StackFrame.listOf(elements);
    elements[0] = new StackTraceElement("com.acme.Other", "m", "Other.java", 1);
    assertThat(frames.get(0).className()).isEqualTo(first);
    assertThatThrownBy(() -> frames.add(frames.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frames.set(0, frames.get(1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frames.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frames.subList(0, 1).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aCauseNodeKeepsTheListAsItIs() {
    List<StackFrame> frames = StackFrame.listOf(new IllegalStateException("real").getStackTrace());
    CauseNode n =
        new CauseNode("java.lang.IllegalStateException", "real", frames, List.of(), false);
    assertThat(n.frames()).isSameAs(frames);
  }

  @Test
  void readsTheSameFramesFromManyThreadsAtOnce() throws Exception {
    StackTraceElement[] elements = new IllegalStateException("real").getStackTrace();
    List<StackFrame> expected = eager(elements);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 200; round++) {
        List<StackFrame> shared = StackFrame.listOf(elements);
        List<CompletableFuture<List<StackFrame>>> reads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          reads.add(CompletableFuture.supplyAsync(() -> new ArrayList<>(shared), pool));
        }
        for (CompletableFuture<List<StackFrame>> r : reads) {
          assertThat(r.get()).isEqualTo(expected);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
