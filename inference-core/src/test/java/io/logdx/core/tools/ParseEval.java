package io.logdx.core.tools;

import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.Location;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.internal.FailureParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the parsing pipeline alone (root cause and location) on an evaluation JSONL file, writing
 * predictions in the batch contract's shape with label {@code unknown}, for {@code score.py}:
 *
 * <pre>
 * mvn -B -o -q -pl inference-core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp inference-core/target/classes:inference-core/target/test-classes:$(cat /tmp/cp.txt) \
 *     io.logdx.core.tools.ParseEval ../shared/eval/dev.jsonl /tmp/parse.jsonl
 * python3 ../shared/eval/score.py --gold ../shared/eval/dev.jsonl --pred /tmp/parse.jsonl
 * </pre>
 *
 * Only {@code id}, {@code text} and {@code app_packages} of each record are read.
 */
public final class ParseEval {
  private ParseEval() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ParseEval IN.jsonl OUT.jsonl");
      System.exit(2);
    }
    int n = 0;
    try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
        BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) continue;
        Map<String, Object> rec = MiniJson.object(line);
        List<String> packages = new ArrayList<>();
        if (rec.get("app_packages") instanceof List<?> l) {
          for (Object o : l) {
            if (o instanceof String s) packages.add(s);
          }
        }
        FailureParser parser =
            new FailureParser(packages, Diagnoser.Builder.DEFAULT_MAX_INPUT_CHARS);
        Object text = rec.get("text");
        Failure f = parser.parse(text instanceof String s ? s : null);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", rec.get("id"));
        p.put("label", "unknown");
        p.put("top", List.of());
        p.put("root_cause", f.rootCause().map(CauseNode::type).orElse(null));
        Location loc = f.location().orElse(null);
        p.put("location", loc == null ? null : Map.of("frame", loc.printed()));
        out.write(MiniJson.write(p));
        out.write('\n');
        n++;
      }
    }
    System.err.println(n + " records written to " + args[1]);
  }
}
