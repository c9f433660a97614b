package io.logdx.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.StackFrame;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Test helpers: printing real throwables and comparing cause chains. */
final class Chains {
  private Chains() {}

  /** What {@code printStackTrace} writes, exactly. */
  static String printed(Throwable t) {
    StringWriter w = new StringWriter();
    try (PrintWriter p = new PrintWriter(w)) {
      t.printStackTrace(p);
    }
    return w.toString();
  }

  /** Asserts that two chains hold the same types, messages, frames and suppressed exceptions. */
  static void assertSameChain(List<CauseNode> actual, List<CauseNode> expected) {
    assertThat(types(actual)).isEqualTo(types(expected));
    for (int i = 0; i < expected.size(); i++) {
      assertSameNode(actual.get(i), expected.get(i), "chain[" + i + "]");
    }
  }

  static void assertSameNode(CauseNode actual, CauseNode expected, String where) {
    assertThat(actual.type()).as(where + " type").isEqualTo(expected.type());
    assertThat(actual.message()).as(where + " message").isEqualTo(expected.message());
    assertThat(actual.fromMessage()).as(where + " fromMessage").isEqualTo(expected.fromMessage());
    assertThat(printedFrames(actual.frames()))
        .as(where + " frames")
        .isEqualTo(printedFrames(expected.frames()));
    assertThat(actual.suppressed()).as(where + " suppressed").hasSameSizeAs(expected.suppressed());
    for (int i = 0; i < expected.suppressed().size(); i++) {
      assertSameNode(
          actual.suppressed().get(i),
          expected.suppressed().get(i),
          where + ".suppressed[" + i + "]");
    }
  }

  static List<String> types(List<CauseNode> chain) {
    return chain.stream().map(CauseNode::type).toList();
  }

  static List<String> printedFrames(List<StackFrame> frames) {
    return frames.stream().map(StackFrame::printed).toList();
  }
}
