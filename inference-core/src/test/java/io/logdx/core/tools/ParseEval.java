package io.logdx.core.tools;

import io.logdx.core.CauseNode;
import io.logdx.core.DiagnoserBuilder;
import io.logdx.core.Failure;
import io.logdx.core.FailureParser;
import io.logdx.core.Location;
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
        FailureParser parser = new FailureParser(packages, DiagnoserBuilder.DEFAULT_MAX_INPUT_CHARS);
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

  /** Just enough JSON for flat records: objects, arrays, strings, numbers, booleans, null. */
  static final class MiniJson {
    private final String s;
    private int i;

    private MiniJson(String s) {
      this.s = s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String s) {
      return (Map<String, Object>) new MiniJson(s).value();
    }

    private Object value() {
      ws();
      char c = s.charAt(i);
      if (c == '{') {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (s.charAt(i) == '}') {
          i++;
          return m;
        }
        while (true) {
          ws();
          String k = string();
          ws();
          i++; // ':'
          m.put(k, value());
          ws();
          if (s.charAt(i++) == '}') return m;
        }
      }
      if (c == '[') {
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (s.charAt(i) == ']') {
          i++;
          return l;
        }
        while (true) {
          l.add(value());
          ws();
          if (s.charAt(i++) == ']') return l;
        }
      }
      if (c == '"') return string();
      int start = i;
      while (i < s.length() && ",]} \t\r\n".indexOf(s.charAt(i)) < 0) i++;
      String lit = s.substring(start, i);
      switch (lit) {
        case "null": return null;
        case "true": return Boolean.TRUE;
        case "false": return Boolean.FALSE;
        default: return Double.valueOf(lit);
      }
    }

    private String string() {
      StringBuilder sb = new StringBuilder();
      i++; // opening quote
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') return sb.toString();
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n': sb.append('\n'); break;
          case 't': sb.append('\t'); break;
          case 'r': sb.append('\r'); break;
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'u': sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
          default: sb.append(e);
        }
      }
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    static String write(Object o) {
      StringBuilder sb = new StringBuilder();
      write(o, sb);
      return sb.toString();
    }

    private static void write(Object o, StringBuilder sb) {
      if (o == null) {
        sb.append("null");
      } else if (o instanceof String str) {
        sb.append('"');
        for (int k = 0; k < str.length(); k++) {
          char c = str.charAt(k);
          if (c == '"' || c == '\\') sb.append('\\').append(c);
          else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
        sb.append('"');
      } else if (o instanceof Map<?, ?> m) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) sb.append(',');
          first = false;
          write(String.valueOf(e.getKey()), sb);
          sb.append(':');
          write(e.getValue(), sb);
        }
        sb.append('}');
      } else if (o instanceof List<?> l) {
        sb.append('[');
        for (int k = 0; k < l.size(); k++) {
          if (k > 0) sb.append(',');
          write(l.get(k), sb);
        }
        sb.append(']');
      } else {
        sb.append(o);
      }
    }
  }
}
