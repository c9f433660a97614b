package io.logdx.trainer.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Command line: {@code GenerateData --out FILE.jsonl [--seed 42] [--per-label 300]} writes the generated examples as
 * JSONL ({@code {"id","text","label","source"}}) and prints the count per label and the time taken.
 */
public final class GenerateData {
  private GenerateData() {}

  public static void main(String[] args) throws IOException {
    Path out = null;
    long seed = 42;
    int perLabel = 300;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--per-label" -> perLabel = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: GenerateData --out FILE.jsonl [--seed 42] [--per-label 300]");
          System.exit(2);
        }
      }
    }
    if (out == null) {
      System.err.println("usage: GenerateData --out FILE.jsonl [--seed 42] [--per-label 300]");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    List<Example> examples = DataGenerator.generate(seed, perLabel);
    write(examples, out);
    Map<String, Integer> counts = new TreeMap<>();
    for (Example e : examples) counts.merge(e.label(), 1, Integer::sum);
    counts.forEach((k, v) -> System.out.printf("%-26s %d%n", k, v));
    System.out.printf("%d examples, %d labels, written to %s in %.1f s%n", examples.size(), counts.size(), out,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Writes examples as JSONL, one object per line, UTF-8, LF line ends. */
  public static void write(List<Example> examples, Path out) throws IOException {
    if (out.getParent() != null) Files.createDirectories(out.getParent());
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Example e : examples) w.write(e.toJson() + "\n");
    }
  }
}
