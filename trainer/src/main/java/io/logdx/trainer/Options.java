package io.logdx.trainer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} and {@code --flag} command-line options. */
final class Options {
  private final Map<String, String> values = new HashMap<>();

  Options(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument: " + a);
      String key = a.substring(2);
      int eq = key.indexOf('=');
      if (eq > 0) {
        values.put(key.substring(0, eq), key.substring(eq + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        values.put(key, args.get(++i));
      } else {
        values.put(key, "true");
      }
    }
  }

  String get(String key, String dflt) {
    return values.getOrDefault(key, dflt);
  }

  String require(String key) {
    String v = values.get(key);
    if (v == null) throw new IllegalArgumentException("missing --" + key);
    return v;
  }

  int getInt(String key, int dflt) {
    return values.containsKey(key) ? Integer.parseInt(values.get(key)) : dflt;
  }

  double getDouble(String key, double dflt) {
    return values.containsKey(key) ? Double.parseDouble(values.get(key)) : dflt;
  }

  boolean flag(String key) {
    return Boolean.parseBoolean(values.getOrDefault(key, "false"));
  }

  boolean has(String key) {
    return values.containsKey(key);
  }
}
