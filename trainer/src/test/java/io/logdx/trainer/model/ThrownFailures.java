package io.logdx.trainer.model;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** A small generated set for tests: real exceptions thrown by real JDK code, printed as a log would print them. */
final class ThrownFailures {
  static final List<String> LABELS =
      List.of(
          "null_reference",
          "number_format",
          "index_out_of_bounds",
          "arithmetic",
          "class_cast",
          "no_such_element",
          "unsupported_operation",
          "date_time_parse");

  private ThrownFailures() {}

  static List<Example> generate(int perLabel, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Example> out = new ArrayList<>();
    for (String label : LABELS) {
      for (int i = 0; i < perLabel; i++) {
        Throwable t = thrown(label, r);
        if (r.nextInt(3) == 0)
          t = new RuntimeException("request " + r.nextInt(1000) + " failed", t);
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        String text =
            (r.nextBoolean()
                    ? "2026-11-25 10:00:0"
                        + r.nextInt(10)
                        + " ERROR [main] c.a.Service - call failed\n"
                    : "")
                + sw;
        out.add(
            new Example(
                label + "-" + i,
                text,
                label,
                "generated",
                label + "-" + (i % 10),
                List.of(),
                null,
                null));
      }
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Throwable thrown(String label, SplittableRandom r) {
    try {
      switch (label) {
        case "null_reference" -> {
          Map<String, String> m = Map.of("k" + r.nextInt(9), "v");
          return fail(m.get("missing").length());
        }
        case "number_format" -> {
          String[] bad = {"12a", "", "x" + r.nextInt(99), "1.5e", "--" + r.nextInt(9)};
          String s = bad[r.nextInt(bad.length)];
          return fail(r.nextBoolean() ? Integer.parseInt(s) : new BigDecimal(s).intValue());
        }
        case "index_out_of_bounds" -> {
          List<Integer> l = new ArrayList<>(List.of(1, 2, 3));
          int i = 3 + r.nextInt(20);
          int[] a = new int[2];
          return fail(
              switch (r.nextInt(3)) {
                case 0 -> l.get(i);
                case 1 -> a[i];
                default -> "abc".substring(i).length();
              });
        }
        case "arithmetic" -> {
          int zero = r.nextInt(1) * 0;
          return fail(
              r.nextBoolean()
                  ? 10 / zero
                  : BigDecimal.ONE.divide(BigDecimal.valueOf(3 + r.nextInt(3) * 3L)).intValue());
        }
        case "class_cast" -> {
          Object o =
              r.nextBoolean()
                  ? (Object) ("s" + r.nextInt(9))
                  : (Object) Integer.valueOf(r.nextInt(9));
          List raw = new ArrayList();
          raw.add(o);
          return fail(
              r.nextBoolean()
                  ? ((Long) raw.get(0)).intValue()
                  : ((LocalDate) raw.get(0)).getYear());
        }
        case "no_such_element" -> {
          Iterator<String> it = List.<String>of().iterator();
          return fail(
              r.nextBoolean()
                  ? it.next().length()
                  : Optional.<String>empty().orElseThrow().length());
        }
        case "unsupported_operation" -> {
          List<String> l = List.of("a", "b");
          if (r.nextBoolean()) l.add("c" + r.nextInt(9));
          else l.remove(0);
          return fail(l);
        }
        case "date_time_parse" -> {
          String[] bad = {"2026-13-01", "25/11/2026", "yesterday", "2026-02-30x"};
          return fail(LocalDate.parse(bad[r.nextInt(bad.length)]).getYear());
        }
        default -> throw new IllegalArgumentException(label);
      }
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static Throwable fail(Object ignored) {
    throw new AssertionError("expected a failure");
  }
}
