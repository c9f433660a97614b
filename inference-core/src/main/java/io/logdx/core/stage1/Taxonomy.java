package io.logdx.core.stage1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The label ids of {@code taxonomy.tsv} (shipped in this jar), in file order, with their groups. */
public final class Taxonomy {
  private static final List<String> IDS;
  private static final Map<String, String> GROUPS;

  static {
    List<String> ids = new ArrayList<>();
    Map<String, String> groups = new LinkedHashMap<>();
    try (InputStream in = Taxonomy.class.getResourceAsStream("/io/logdx/core/taxonomy.tsv")) {
      if (in == null) throw new IllegalStateException("taxonomy.tsv is missing from the jar");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line = r.readLine(); // header
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] cols = line.split("\t");
        ids.add(cols[0]);
        groups.put(cols[0], cols.length > 1 ? cols[1] : "other");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    IDS = Collections.unmodifiableList(ids);
    GROUPS = Collections.unmodifiableMap(groups);
  }

  private Taxonomy() {}

  /** All label ids in file order. */
  public static List<String> ids() {
    return IDS;
  }

  /** The group of a label ({@code code}, {@code network}, ...), or {@code other}. */
  public static String group(String id) {
    return GROUPS.getOrDefault(id, "other");
  }

  public static boolean contains(String id) {
    return GROUPS.containsKey(id);
  }
}
