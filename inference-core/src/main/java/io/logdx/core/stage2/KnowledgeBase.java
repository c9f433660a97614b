package io.logdx.core.stage2;

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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The knowledge base of stage 2, read once from three UTF-8 resources that a reviewer can read and correct:
 * {@code variants.txt} (the variants of each label and the evidence that selects them) and {@code kb_en.txt},
 * {@code kb_ko.txt} (the texts of each variant, per language). The format is described at the top of each
 * file. Immutable after loading.
 */
final class KnowledgeBase {
  /** Languages with a text file. */
  static final List<String> LANGUAGES = List.of("en", "ko");

  static final String RESOURCE_DIR = "/io/logdx/core/stage2/";

  /** One condition of a variant: an entity that must (not) be present, optionally matching a regex. */
  static final class Condition {
    final String entity;
    final boolean negated;
    final Pattern regex;

    Condition(String entity, boolean negated, Pattern regex) {
      this.entity = entity;
      this.negated = negated;
      this.regex = regex;
    }

    boolean holds(Map<String, String> e) {
      String v = e.get(entity);
      boolean ok = v != null && (regex == null || regex.matcher(v).find());
      return negated != ok;
    }
  }

  /** A variant of a label: {@code label.name} and its conditions. */
  static final class Variant {
    final String label;
    final String name;
    final List<Condition> conditions;

    Variant(String label, String name, List<Condition> conditions) {
      this.label = label;
      this.name = name;
      this.conditions = List.copyOf(conditions);
    }

    String key() {
      return label + "." + name;
    }

    boolean matches(Map<String, String> e) {
      for (Condition c : conditions) {
        if (!c.holds(e)) return false;
      }
      return true;
    }
  }

  /** Cause and fix of one variant in one language. */
  static final class Texts {
    final Template cause;
    final Template fix;

    Texts(Template cause, Template fix) {
      this.cause = cause;
      this.fix = fix;
    }
  }

  /** The shared phrases and titles of one language ({@code @key = text} lines). */
  static final class Language {
    final Map<String, Template> phrases;
    final Map<String, Texts> texts;

    Language(Map<String, Template> phrases, Map<String, Texts> texts) {
      this.phrases = Collections.unmodifiableMap(phrases);
      this.texts = Collections.unmodifiableMap(texts);
    }
  }

  private final Map<String, List<Variant>> variants;
  private final Map<String, Language> languages;

  private KnowledgeBase(Map<String, List<Variant>> variants, Map<String, Language> languages) {
    this.variants = variants;
    this.languages = languages;
  }

  /** Loads the knowledge base shipped in this jar. */
  static KnowledgeBase load() {
    Map<String, List<Variant>> variants = parseVariants(read("variants.txt"));
    Map<String, Language> languages = new LinkedHashMap<>();
    for (String lang : LANGUAGES) {
      languages.put(lang, parseTexts(read("kb_" + lang + ".txt"), "kb_" + lang + ".txt"));
    }
    return new KnowledgeBase(variants, Collections.unmodifiableMap(languages));
  }

  /** The variants of a label in file order, empty for an unknown label. */
  List<Variant> variants(String label) {
    return variants.getOrDefault(label, List.of());
  }

  /** Labels that have variants. */
  java.util.Set<String> labels() {
    return variants.keySet();
  }

  /** The first variant of the label whose conditions hold, or null when the label has none. */
  Variant select(String label, Map<String, String> entities) {
    for (Variant v : variants(label)) {
      if (v.matches(entities)) return v;
    }
    return null;
  }

  Language language(String lang) {
    return languages.get(lang);
  }

  // ---------------------------------------------------------------- parsing

  private static List<String> read(String name) {
    try (InputStream in = KnowledgeBase.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) throw new IllegalStateException(name + " is missing from the jar");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) lines.add(line);
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  static Map<String, List<Variant>> parseVariants(List<String> lines) {
    Map<String, List<Variant>> out = new LinkedHashMap<>();
    int no = 0;
    for (String raw : lines) {
      no++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] tokens = line.split("\\s+");
      int dot = tokens[0].indexOf('.');
      if (dot <= 0 || dot == tokens[0].length() - 1) {
        throw new IllegalArgumentException(
            "variants.txt:" + no + ": expected label.variant, got " + tokens[0]);
      }
      List<Condition> conditions = new ArrayList<>();
      for (int i = 1; i < tokens.length; i++) conditions.add(condition(tokens[i], no));
      String label = tokens[0].substring(0, dot);
      out.computeIfAbsent(label, k -> new ArrayList<>())
          .add(new Variant(label, tokens[0].substring(dot + 1), conditions));
    }
    Map<String, List<Variant>> frozen = new LinkedHashMap<>();
    out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(frozen);
  }

  private static Condition condition(String token, int no) {
    boolean neg = token.startsWith("!");
    String t = neg ? token.substring(1) : token;
    int tilde = t.indexOf('~');
    String name = tilde < 0 ? t : t.substring(0, tilde);
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("variants.txt:" + no + ": bad entity name in " + token);
    }
    Pattern p = null;
    if (tilde >= 0) {
      try {
        p = Pattern.compile(t.substring(tilde + 1));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("variants.txt:" + no + ": bad regex in " + token, e);
      }
    }
    return new Condition(name, neg, p);
  }

  static Language parseTexts(List<String> lines, String file) {
    Map<String, Template> phrases = new LinkedHashMap<>();
    Map<String, Texts> texts = new LinkedHashMap<>();
    String section = null;
    String field = null;
    StringBuilder cause = new StringBuilder();
    StringBuilder fix = new StringBuilder();
    int no = 0;
    for (String line : lines) {
      no++;
      if (line.startsWith("#")) continue;
      if (line.startsWith("@") || line.startsWith("== ")) {
        if (section != null) putSection(texts, section, cause, fix, file);
        section = null;
        field = null;
        if (line.startsWith("@")) {
          int eq = line.indexOf(" = ");
          if (eq < 0)
            throw new IllegalArgumentException(file + ":" + no + ": expected @key = text");
          phrases.put(
              line.substring(1, eq).strip(), compile(line.substring(eq + 3).strip(), file, no));
        } else {
          section = line.substring(3).strip();
          if (texts.containsKey(section))
            throw new IllegalArgumentException(file + ":" + no + ": duplicate " + section);
          cause.setLength(0);
          fix.setLength(0);
        }
        continue;
      }
      if (section == null) {
        if (!line.isBlank())
          throw new IllegalArgumentException(file + ":" + no + ": text outside a section");
        continue;
      }
      if (line.startsWith("cause:")) {
        field = "cause";
        cause.append(line.substring(6).strip());
      } else if (line.startsWith("fix:")) {
        field = "fix";
        fix.append(line.substring(4).strip());
      } else if (field == null) {
        if (!line.isBlank())
          throw new IllegalArgumentException(file + ":" + no + ": expected cause: or fix:");
      } else {
        StringBuilder target = "cause".equals(field) ? cause : fix;
        // cause is one paragraph: continuation lines join with a space; fix keeps its lines (steps,
        // code)
        if ("cause".equals(field)) {
          if (!line.isBlank()) target.append(' ').append(line.strip());
        } else {
          target.append('\n').append(line.stripTrailing());
        }
      }
    }
    if (section != null) putSection(texts, section, cause, fix, file);
    return new Language(phrases, texts);
  }

  private static void putSection(
      Map<String, Texts> texts,
      String section,
      StringBuilder cause,
      StringBuilder fix,
      String file) {
    String c = cause.toString().strip();
    String f = fix.toString().strip();
    if (c.isEmpty() || f.isEmpty())
      throw new IllegalArgumentException(file + ": " + section + " needs cause: and fix:");
    texts.put(section, new Texts(compile(c, file, 0), compile(f, file, 0)));
  }

  private static Template compile(String text, String file, int no) {
    try {
      return Template.compile(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + (no > 0 ? ":" + no : "") + ": " + e.getMessage(), e);
    }
  }
}
