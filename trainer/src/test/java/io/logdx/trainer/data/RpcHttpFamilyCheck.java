package io.logdx.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.internal.FailureParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared checks of the rpc-http families (gRPC, OkHttp, HttpClient 5): real root types, stable text. */
final class RpcHttpFamilyCheck {
  private RpcHttpFamilyCheck() {}

  /** Runs every scenario whose name starts with {@code prefix} for ten seeds; each must be listed in {@code want}. */
  static void rootTypes(String prefix, Map<String, String> want) throws Exception {
    FailureParser parser = new FailureParser();
    Set<String> seen = new LinkedHashSet<>();
    try (DataGenerator g = new DataGenerator(42)) {
      for (List<Scenario> scenarios : g.scenarios().values()) {
        for (Scenario sc : scenarios) {
          if (!sc.name().startsWith(prefix)) continue;
          String types = want.get(sc.name());
          assertThat(types).as("expected root types of " + sc).isNotNull();
          long start = System.nanoTime();
          for (long seed = 1; seed <= 10; seed++) {
            Throwable t = g.runOnce(sc, seed * 0x9E3779B97F4A7C15L);
            String root = parser.parse(t).rootCause().orElseThrow().type();
            assertThat(List.of(types.split("\\|")))
                .as(sc + " seed " + seed + ": " + t + " root " + root)
                .contains(root);
          }
          if (Boolean.getBoolean("logdx.print")) {
            System.out.printf("TIME %s %.1f ms per run%n", sc, (System.nanoTime() - start) / 1e7);
          }
          seen.add(sc.name());
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(want.keySet());
  }

  /** Examples of the family's scenarios, by label; two generators give the same text. */
  static List<Example> examples(String prefix, int perLabel) {
    List<Example> a = collect(prefix, perLabel);
    List<Example> b = collect(prefix, perLabel);
    assertThat(a).isNotEmpty();
    if (Boolean.getBoolean("logdx.print")) {
      for (Example e : a)
        System.out.println("=== " + e.label() + " " + e.source() + "\n" + e.text());
    }
    for (int i = 0; i < a.size(); i++)
      assertThat(b.get(i).text()).as(a.get(i).source()).isEqualTo(a.get(i).text());
    return a;
  }

  private static List<Example> collect(String prefix, int perLabel) {
    List<Example> out = new ArrayList<>();
    try (DataGenerator g = new DataGenerator(42)) {
      for (Map.Entry<String, List<Scenario>> e : g.scenarios().entrySet()) {
        if (e.getValue().stream().noneMatch(s -> s.name().startsWith(prefix))) continue;
        for (Example ex : g.examples(e.getKey(), perLabel)) {
          if (ex.source().startsWith("logdx-gen:" + prefix)) out.add(ex);
        }
      }
    }
    return out;
  }
}
