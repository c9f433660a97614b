package io.logdx.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * For the few failures this machine cannot cause (a failed DNS lookup would leave loopback; a full disk, an
 * exhausted metaspace or a vendor's driver are not here), scenarios build the real JDK or library exception type
 * with the message format that code uses, and put the frames of the code that throws it on top of the scenario's
 * own stack. Every use is listed in {@code trainer/DATA.md}.
 */
public final class Grafts {
  private Grafts() {}

  /**
   * Puts {@code spec} frames ({@code cls|method|line[|module]} per line, innermost first) on top of {@code t}'s
   * own frames, and returns {@code t}.
   */
  public static <T extends Throwable> T top(T t, String spec) {
    List<Frame> frames = Bottoms.parse(spec);
    List<StackTraceElement> out = new ArrayList<>();
    for (Frame f : frames) {
      out.add(new StackTraceElement(null, f.module(), null, f.cls(), f.method(), f.file(), f.line()));
    }
    out.addAll(Arrays.asList(t.getStackTrace()));
    t.setStackTrace(out.toArray(new StackTraceElement[0]));
    return t;
  }

  /** Like {@link #top} but replaces the frames below the first {@code drop} own frames too. */
  public static <T extends Throwable> T cause(T t, Throwable cause) {
    t.initCause(cause);
    return t;
  }
}
