package io.logdx.core.stage2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A text of the knowledge base, compiled once: literal text, {@code {name}} placeholders (lower-case names)
 * and optional parts {@code [[A||B]]} — A when every placeholder in A has a value, else B when every
 * placeholder in B has one, else nothing ({@code [[A]]} has no B). Optional parts may nest. Anything else,
 * braces of Java snippets included, is literal.
 */
final class Template {
  private interface Part {
    /** Appends the part; returns false (appending nothing) when a placeholder has no value. */
    boolean render(Map<String, String> values, StringBuilder out);
  }

  private static final class Literal implements Part {
    private final String text;

    Literal(String text) {
      this.text = text;
    }

    @Override
    public boolean render(Map<String, String> values, StringBuilder out) {
      out.append(text);
      return true;
    }
  }

  private static final class Placeholder implements Part {
    private final String name;

    Placeholder(String name) {
      this.name = name;
    }

    @Override
    public boolean render(Map<String, String> values, StringBuilder out) {
      String v = values.get(name);
      if (v == null) return false;
      out.append(v);
      return true;
    }
  }

  private static final class Optional implements Part {
    private final List<Part> first;
    private final List<Part> second;

    Optional(List<Part> first, List<Part> second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public boolean render(Map<String, String> values, StringBuilder out) {
      int mark = out.length();
      if (renderAll(first, values, out)) return true;
      out.setLength(mark);
      if (second != null && renderAll(second, values, out)) return true;
      out.setLength(mark);
      return true;
    }
  }

  private final String source;
  private final List<Part> parts;
  private final Set<String> names;

  private Template(String source, List<Part> parts, Set<String> names) {
    this.source = source;
    this.parts = parts;
    this.names = names;
  }

  /**
   * Compiles a text. Optional parts may nest ({@code [[A||[[B||C]]]]}); outside them {@code ||} and
   * {@code ]]} are literal (Java's {@code a || b} stays as written).
   *
   * @throws IllegalArgumentException for an unclosed {@code [[}
   */
  static Template compile(String source) {
    Set<String> names = new TreeSet<>();
    List<Part> parts = new ArrayList<>();
    int end = parseSeq(source, 0, false, parts, names);
    if (end != source.length())
      throw new IllegalArgumentException("unexpected text at " + end + " in: " + source);
    return new Template(source, List.copyOf(parts), Set.copyOf(names));
  }

  /**
   * Parses a sequence from {@code pos} into {@code parts}; inside an optional part it stops before
   * {@code ||} or {@code ]]}. Returns the index where it stopped.
   */
  private static int parseSeq(
      String s, int pos, boolean inOptional, List<Part> parts, Set<String> names) {
    int i = pos;
    StringBuilder flat = new StringBuilder();
    while (i < s.length()) {
      if (inOptional && (s.startsWith("||", i) || s.startsWith("]]", i))) break;
      if (s.startsWith("[[", i)) {
        parseFlat(flat.toString(), parts, names);
        flat.setLength(0);
        List<Part> a = new ArrayList<>();
        List<Part> b = null;
        int j = parseSeq(s, i + 2, true, a, names);
        if (s.startsWith("||", j)) {
          b = new ArrayList<>();
          j = parseSeq(s, j + 2, true, b, names);
        }
        if (!s.startsWith("]]", j)) throw new IllegalArgumentException("unclosed [[ in: " + s);
        parts.add(new Optional(List.copyOf(a), b == null ? null : List.copyOf(b)));
        i = j + 2;
        continue;
      }
      flat.append(s.charAt(i));
      i++;
    }
    parseFlat(flat.toString(), parts, names);
    return i;
  }

  private static void parseFlat(String s, List<Part> parts, Set<String> names) {
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '{') {
        int end = placeholderEnd(s, i);
        if (end > 0) {
          if (lit.length() > 0) {
            parts.add(new Literal(lit.toString()));
            lit.setLength(0);
          }
          String name = s.substring(i + 1, end);
          names.add(name);
          parts.add(new Placeholder(name));
          i = end + 1;
          continue;
        }
      }
      lit.append(c);
      i++;
    }
    if (lit.length() > 0) parts.add(new Literal(lit.toString()));
  }

  /** Index of the closing brace of a {@code {name}} placeholder starting at {@code open}, or -1. */
  private static int placeholderEnd(String s, int open) {
    int i = open + 1;
    if (i >= s.length() || s.charAt(i) < 'a' || s.charAt(i) > 'z') return -1;
    while (i < s.length() && i - open <= 40) {
      char c = s.charAt(i);
      if (c == '}') return i;
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) return -1;
      i++;
    }
    return -1;
  }

  private static boolean renderAll(
      List<Part> parts, Map<String, String> values, StringBuilder out) {
    for (Part p : parts) {
      if (!p.render(values, out)) return false;
    }
    return true;
  }

  /**
   * Renders the text. A placeholder outside an optional part that has no value is left out; the
   * knowledge-base test checks that such placeholders always have one ({@link #requiredNames()}).
   */
  String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder(source.length() + 64);
    for (Part p : parts) {
      p.render(values, out);
    }
    return out.toString();
  }

  /** Placeholder names the text uses, inside and outside optional parts. */
  Set<String> names() {
    return names;
  }

  /** Placeholder names used outside optional parts: they must always have a value. */
  Set<String> requiredNames() {
    Set<String> req = new TreeSet<>();
    for (Part p : parts) {
      if (p instanceof Placeholder) req.add(((Placeholder) p).name);
    }
    return req;
  }

  /** The text as written in the knowledge base. */
  String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
